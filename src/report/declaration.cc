#include "report/declaration.h"

#include <algorithm>
#include <cctype>

#include "util/int128.h"
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
  const std::vector<core::Votes>& by =
      round.weighted.empty() ? round.votes : round.weighted;  // a college ranks by its shares
  std::stable_sort(order.begin(), order.end(), [&](count::CandidateId a, count::CandidateId b) {
    return by[a.index()] > by[b.index()];
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
  int64_t voids = 0;
  for (const count::Void& v : result.voids) {
    voids += v.papers;
  }
  if (result.motion) {
    return result.motion->spoilt;
  }
  return papers.total_blank + papers.total_rejected + without_first_preference + voids;
}

std::optional<std::string> Declaration::TurnoutPercent() const {
  if (!electorate || *electorate <= 0) {
    return std::nullopt;
  }
  return core::FormatPercent(
      turnout_counts_spoilt ? papers.total() : papers.total() - SpoiltPapers(), *electorate);
}

int64_t Declaration::SectionSpoilt(size_t section) const {
  return papers.blank[section] + papers.rejected[section] + papers.unranked[section];
}

int64_t Declaration::SectionReturned(size_t section) const {
  return papers.counted[section] + papers.blank[section] + papers.rejected[section];
}

std::string Declaration::SectionTurnout(size_t section) const {
  if (section >= electorate_by_section.size() || electorate_by_section[section] <= 0) {
    return "";
  }
  const int64_t returned = SectionReturned(section);
  return core::FormatPercent(turnout_counts_spoilt ? returned : returned - SectionSpoilt(section),
                             electorate_by_section[section]) +
         "%";
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

std::string Declaration::WeightedFigure(core::Votes weighted) const {
  const int places = result.rules.weighting.places;
  std::string text = util::WithThousands(weighted.units() / core::UnitsPerVote(places));
  const std::string exact = core::FormatVotes(weighted, places);
  const size_t point = exact.find('.');
  if (point != std::string::npos) {
    text += exact.substr(point);
  }
  return text;
}

std::string Declaration::CollegeShare(size_t section) const {
  const std::vector<int64_t>& weights = result.rules.weighting.section_weight;
  int64_t sum = 0;
  for (int64_t weight : weights) {
    sum += weight;
  }
  const int places = result.rules.weighting.places;
  // 100 * weight / sum, to the nearest unit of 10^-places (halves up).
  const util::Int128 scaled = util::Int128{100} * weights[section] * core::UnitsPerVote(places);
  const auto units = static_cast<int64_t>((scaled * 2 + sum) / (util::Int128{2} * sum));
  return core::FormatVotes(core::Votes::FromUnits(units), places);
}

std::string GeneratedBy() { return "Scrutineer 0.1.0"; }

}  // namespace scrutineer::report
