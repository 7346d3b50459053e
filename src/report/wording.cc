// The sentences every human-readable writer shares: what a stage decided, the method, the
// rules, a motion's threshold. Plain text; the HTML writer escapes it.

#include <algorithm>

#include "report/declaration.h"
#include "util/text.h"

namespace scrutineer::report {

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
      return Name(round.elected.front()) + " has more than half of " +
             (IsWeighted() ? WeightedWhole() : std::string("the continuing votes")) +
             " and is elected.";
    case count::Decision::kLastCandidate:
      return Name(round.elected.front()) + " is the only continuing candidate and is elected.";
    case count::Decision::kFinalPair:
      return "Two candidates remain: " + Name(round.elected.front()) + " is elected.";
    case count::Decision::kExcludeLowest:
      if (IsWeighted()) {
        return "No candidate has more than half of " + WeightedWhole() + ". " +
               Name(round.excluded.front()) +
               (IsCollege() ? " has the smallest share of the college" : " has the fewest points") +
               " and is excluded.";
      }
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
    case count::Decision::kFirstPreferences:
    case count::Decision::kSurplus:
    case count::Decision::kExclude:
    case count::Decision::kMeekRound:
      return StvStageSentence(round);
  }
  return "";
}

namespace {

std::string IsOrAre(const std::vector<count::CandidateId>& candidates) {
  return candidates.size() == 1 ? " is" : " are";
}

}  // namespace

std::string Declaration::StvStageSentence(const count::Stage& stage) const {
  std::string text;
  switch (stage.decision) {
    case count::Decision::kSurplus:
      text = Name(*stage.surplus_of) + "'s surplus of " +
             Figure(stage.transfers.empty() ? core::Votes() : stage.transfers.front().votes) +
             " is transferred.";
      break;
    case count::Decision::kExclude:
      text = NameList(stage.excluded) + (stage.excluded.size() == 1 ? " has" : " have") +
             " the fewest votes and" + IsOrAre(stage.excluded) +
             " excluded; their papers are transferred.";
      break;
    case count::Decision::kMeekRound:
      text = "Keep values settled after " + std::to_string(stage.iterations) + " iterations.";
      break;
    default:
      text = "First preferences are counted.";
      break;
  }
  if (!stage.deferred.empty()) {
    text += " The surplus of " + NameList(stage.deferred) + " is deferred.";
  }
  std::vector<count::CandidateId> by_quota;
  for (count::CandidateId c : stage.elected) {
    if (std::find(stage.elected_remaining.begin(), stage.elected_remaining.end(), c) ==
        stage.elected_remaining.end()) {
      by_quota.push_back(c);
    }
  }
  // (Appending piece by piece: GCC 12 warns falsely on " " + std::string.)
  if (!by_quota.empty()) {
    text += ' ';
    text += NameList(by_quota);
    text += by_quota.size() == 1 ? " reaches the quota and" : " reach the quota and";
    text += IsOrAre(by_quota);
    text += " elected.";
  }
  if (!stage.elected_remaining.empty()) {
    text += ' ';
    text += NameList(stage.elected_remaining);
    text += IsOrAre(stage.elected_remaining);
    text += " elected to the remaining seats: no more candidates continue than seats remain.";
  }
  return text;
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

// How a college or points count weighs the sections, and whom it elects and excludes.
std::vector<std::string> WeightingSentences(const Declaration& d) {
  const count::Weighting& weighting = d.result.rules.weighting;
  std::string weights;
  if (d.IsCollege()) {
    for (size_t s = 0; s < d.ballots.sections.size(); ++s) {
      weights += s == 0 ? "" : (s + 1 == d.ballots.sections.size() ? " and " : ", ");
      weights += d.SectionLabel(s) + " " + d.CollegeShare(s) + "%";
    }
  }
  const std::string what =
      d.IsCollege()
          ? "College: " + weights +
                "; each round a section's share is divided among the continuing candidates in "
                "proportion to their votes in it."
          : "Points: each district (section) is worth " + util::WithThousands(weighting.points) +
                " points" +
                (weighting.points_at_most_votes
                     ? " (one a valid vote where it has fewer valid votes at the first round)"
                     : "") +
                "; each round its points are divided among the continuing candidates in "
                "proportion to their votes in it.";
  return {what,
          "Ballots that have run out of preferences leave their section's denominator; "
          "decisions use the exact shares, shown to " +
              std::to_string(weighting.places) + (weighting.places == 1 ? " place." : " places."),
          "Elected: more than half of " + d.WeightedWhole() + " in a round.",
          d.IsCollege() ? "Exclusion: the candidate with the smallest share of the college, one a "
                          "round."
                        : "Exclusion: the candidate with the fewest points, one a round."};
}

// The sentences that say how this method elects.
std::vector<std::string> MethodSentences(const Declaration& d) {
  const count::Result& result = d.result;
  const std::string seats = std::to_string(result.seats);
  switch (result.method) {
    case count::Method::kInstantRunoff:
      if (d.IsWeighted()) {
        return WeightingSentences(d);
      }
      return {result.rules.stop_at_majority
                  ? "Elected: more than half of the votes continuing in a round."
                  : "Elected: the count continues until two candidates remain; the one with more "
                    "votes is elected.",
              result.rules.batch_elimination || !result.rules.batch_rounds.empty()
                  ? "Exclusion: all the lowest candidates who together cannot overtake the next."
                  : "Exclusion: the candidate with the fewest votes, one a round."};
    case count::Method::kPlurality:
      return {"Elected: the " + seats + " with the most votes; a ballot marking more than " +
              seats + " is void."};
    case count::Method::kApproval:
      return {"Elected: the " + seats +
              " with the most votes; a ballot may mark any number of candidates."};
    case count::Method::kMotion:
      return {"Carried when the votes for are " + d.ThresholdText() +
              "; blank papers are abstentions."};
    case count::Method::kSchulze:
      return {"Order: Schulze's strongest paths over the pairwise comparisons (winning votes)."};
    case count::Method::kRankedPairs:
      return {
          "Order: ranked pairs, locking the strongest majorities (winning votes, then least "
          "opposition) unless they close a cycle."};
    case count::Method::kStv: {
      std::vector<std::string> sentences = result.rule_text;
      sentences.push_back("Quota at the first stage: " + d.Figure(result.quota) + ".");
      sentences.push_back("Arithmetic: " + result.arithmetic + ".");
      return sentences;
    }
  }
  return {};
}

}  // namespace

std::vector<std::string> Declaration::RuleSentences() const {
  std::vector<std::string> sentences = MethodSentences(*this);
  if (result.method != count::Method::kMotion) {
    std::string steps;
    for (count::TieStep step : result.tie_break.steps) {
      steps += steps.empty() ? "" : ", then ";
      steps += count::TieStepName(step);
    }
    sentences.push_back("Ties: " + steps + ".");
  }
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

std::string Declaration::MethodLine() const {
  const int seats = result.seats;
  const std::string to_elect = seats == 1 ? "one to elect" : std::to_string(seats) + " to elect";
  switch (result.method) {
    case count::Method::kInstantRunoff:
      if (IsWeighted()) {
        return std::string("Instant-runoff (alternative vote) ") +
               (IsCollege() ? "in an electoral college" : "by points per district") +
               ", one to elect";
      }
      return "Instant-runoff (alternative vote), one to elect";
    case count::Method::kStv:
      return "Single transferable vote (" + StvRulesName() + "), " + to_elect;
    case count::Method::kPlurality:
      return seats == 1 ? "Plurality (first past the post), one to elect"
                        : "Block vote, " + to_elect;
    case count::Method::kApproval:
      return "Approval voting, " + to_elect;
    case count::Method::kMotion:
      return "Motion: for or against";
    case count::Method::kSchulze:
      return "Schulze method (Condorcet), " + to_elect;
    case count::Method::kRankedPairs:
      return "Ranked pairs (Condorcet), " + to_elect;
  }
  return "";
}

std::string_view Declaration::MethodName() const {
  switch (result.method) {
    case count::Method::kInstantRunoff:
      return "instant-runoff";
    case count::Method::kStv:
      return "stv";
    case count::Method::kPlurality:
      return "plurality";
    case count::Method::kApproval:
      return "approval";
    case count::Method::kMotion:
      return "motion";
    case count::Method::kSchulze:
      return "schulze";
    case count::Method::kRankedPairs:
      return "ranked-pairs";
  }
  return "";
}

std::string Declaration::StageLabel(const count::Stage& stage) const {
  if (result.method == count::Method::kInstantRunoff || result.stages_are_rounds) {
    return "Round " + std::to_string(stage.number);
  }
  if (result.method == count::Method::kStv) {
    return "Stage " + std::to_string(stage.number);
  }
  return result.method == count::Method::kSchulze || result.method == count::Method::kRankedPairs
             ? "First preferences"
             : "Votes";
}

std::string Declaration::StvRulesName() const {
  if (result.preset == "scottish-stv") {
    return "Scottish STV rules";
  }
  if (result.preset == "ers97") {
    return "ERS97 rules";
  }
  if (result.preset == "meek") {
    return "Meek's method";
  }
  if (result.preset == "gregory") {
    return "weighted inclusive Gregory";
  }
  if (result.preset == "sb1288") {
    return "California SB 1288 rules";
  }
  return result.preset;
}

std::vector<count::CandidateId> Declaration::Standing(const count::Stage& stage) const {
  std::vector<count::CandidateId> standing;
  for (size_t c = 0; c < stage.state.size(); ++c) {
    if (stage.state[c] == count::CandidateState::kContinuing ||
        stage.state[c] == count::CandidateState::kElected) {
      standing.emplace_back(static_cast<uint16_t>(c));
    }
  }
  return standing;
}

std::string Declaration::ThresholdText() const {
  if (!result.motion) {
    return "";
  }
  const count::MotionOutcome& m = *result.motion;
  std::string share =
      m.numerator == 1 && m.denominator == 2
          ? "half"
          : (m.numerator == 2 && m.denominator == 3
                 ? "two thirds"
                 : std::to_string(m.numerator) + "/" + std::to_string(m.denominator));
  return std::string(m.strictly_more ? "more than " : "at least ") + share + " of " +
         (m.of_eligible ? "the electorate" : "the votes cast") + " (" + Figure(m.basis) + ")";
}

}  // namespace scrutineer::report
