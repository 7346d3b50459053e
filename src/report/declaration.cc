#include "report/declaration.h"

#include <algorithm>
#include <cctype>

#include "util/text.h"

namespace scrutineer::report {

Declaration::Declaration(const core::BallotSet& ballot_set, const count::Result& count_result)
    : ballots(ballot_set),
      result(count_result),
      title(ballot_set.title),
      papers(core::CountPapers(ballot_set)) {}

const std::string& Declaration::Name(count::CandidateId candidate) const {
  return ballots.candidates[candidate.index()];
}

std::string Declaration::Votes(core::Votes votes) const {
  return core::FormatVotes(votes, result.places);
}

std::vector<count::CandidateId> Declaration::ByVotes(const count::Stage& round) const {
  std::vector<count::CandidateId> order;
  for (size_t c = 0; c < round.state.size(); ++c) {
    if (round.state[c] == count::CandidateState::kContinuing) {
      order.emplace_back(static_cast<uint16_t>(c));
    }
  }
  std::stable_sort(order.begin(), order.end(), [&](count::CandidateId a, count::CandidateId b) {
    return round.votes[a.index()] > round.votes[b.index()];
  });
  return order;
}

int64_t Declaration::SpoiltPapers() const {
  int64_t without_first_preference = 0;
  for (size_t i = 0; i < ballots.size(); ++i) {
    if (ballots.Ranking(i).empty()) {
      without_first_preference += ballots.papers[i];
    }
  }
  return papers.total_blank + papers.total_rejected + without_first_preference;
}

std::optional<std::string> Declaration::TurnoutPercent() const {
  if (!electorate || *electorate <= 0) {
    return std::nullopt;
  }
  return core::FormatPercent(papers.total(), *electorate);
}

std::string Declaration::SectionLabel(size_t section) const {
  std::string label = ballots.sections[section];
  std::replace(label.begin(), label.end(), '_', ' ');
  if (!label.empty()) {
    label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
  }
  return label;
}

std::string Declaration::Figure(core::Votes votes) const {
  std::string text = util::WithThousands(votes.units() / core::UnitsPerVote(result.places));
  const std::string exact = Votes(votes);
  const size_t point = exact.find('.');
  if (point != std::string::npos) {
    text += exact.substr(point);
  }
  return text;
}

std::string Declaration::NameList(const std::vector<count::CandidateId>& candidates) const {
  std::string text;
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (i > 0) {
      text += i + 1 == candidates.size() ? " and " : ", ";
    }
    text += Name(candidates[i]);
  }
  return text;
}

std::string Declaration::DecisionSentence(const count::Stage& round) const {
  switch (round.decision) {
    case count::Decision::kMajority:
      return Name(round.elected.front()) +
             " has more than half of the continuing votes and is elected.";
    case count::Decision::kLastCandidate:
      return Name(round.elected.front()) + " is the only continuing candidate and is elected.";
    case count::Decision::kFinalPair:
      return "Two candidates remain: " + Name(round.elected.front()) + " is elected.";
    case count::Decision::kExcludeLowest:
      return "No candidate has more than half. " + Name(round.excluded.front()) +
             " has the fewest votes and is excluded.";
    case count::Decision::kExcludeBatch:
      return "No candidate has more than half. " + NameList(round.excluded) +
             " together have fewer votes than the next candidate and are excluded.";
    case count::Decision::kMostVotes:
      return NameList(round.elected) + (round.elected.size() == 1 ? " has" : " have") +
             " the most votes and " + (round.elected.size() == 1 ? "is" : "are") + " elected.";
    case count::Decision::kCarried:
      return "The motion is carried.";
    case count::Decision::kNotCarried:
      return "The motion is not carried.";
    case count::Decision::kCondorcet:
      return NameList(round.elected) + (round.elected.size() == 1 ? " comes" : " come") +
             " first in the pairwise comparisons and " +
             (round.elected.size() == 1 ? "is" : "are") + " elected.";
  }
  return "";
}

namespace {

std::string TreatmentText(core::Treatment treatment) {
  switch (treatment) {
    case core::Treatment::kStop:
      return "the ballot counts up to it";
    case core::Treatment::kSkip:
      return "the mark is passed over";
    case core::Treatment::kReject:
      return "the ballot is rejected";
    case core::Treatment::kRefuse:
      return "the file is refused";
  }
  return "";
}

}  // namespace

std::vector<std::string> Declaration::RuleSentences() const {
  const count::IrvRules& rules = result.rules;
  std::vector<std::string> sentences;
  sentences.push_back(rules.stop_at_majority
                          ? "Elected: more than half of the votes continuing in a round."
                          : "Elected: the count continues until two candidates remain; the one "
                            "with more votes is elected.");
  sentences.push_back(
      rules.batch_elimination || !rules.batch_rounds.empty()
          ? "Exclusion: all the lowest candidates who together cannot overtake the next."
          : "Exclusion: the candidate with the fewest votes, one a round.");
  std::string steps;
  for (count::TieStep step : rules.tie_break.steps) {
    steps += steps.empty() ? "" : ", then ";
    steps += count::TieStepName(step);
  }
  sentences.push_back("Ties: " + steps + ".");
  if (!result.lot.empty()) {
    sentences.push_back("Lots: " + result.lot + ".");
  }
  sentences.push_back(
      "A skipped rank: " + TreatmentText(ballot_rules.skipped_rank) +
      ". A repeated candidate: " + TreatmentText(ballot_rules.repeated_candidate) +
      ". An overvote: " + TreatmentText(ballot_rules.overvote) +
      ". A name that is not a candidate: " + TreatmentText(ballot_rules.unknown_candidate) + ".");
  return sentences;
}

std::string GeneratedBy() { return "Scrutineer 0.1.0"; }

}  // namespace scrutineer::report
