#include "count/irv.h"

#include <algorithm>
#include <numeric>

#include "core/number.h"

namespace scrutineer::count {
namespace {

using core::Exhaustion;
using core::Rational;

// The state of one instant-runoff count between rounds. Each distinct ballot sits in the pile
// of the candidate it counts for; an exclusion empties that candidate's pile onto the others.
class IrvCount {
 public:
  IrvCount(const BallotSet& ballots, const IrvRules& rules, const Lot* lot)
      : ballots_(ballots),
        rules_(rules),
        lot_(lot),
        state_(ballots.candidates.size(), CandidateState::kContinuing),
        votes_(ballots.candidates.size()),
        votes_by_section_(ballots.sections.size(), std::vector<Votes>(ballots.candidates.size())),
        piles_(ballots.candidates.size()),
        position_(ballots.start.begin(), ballots.start.end() - 1) {
    for (CandidateId c : ballots.withdrawn) {
      state_[c.index()] = CandidateState::kWithdrawn;
    }
  }

  util::Result<Result> Run();

 private:
  void DistributeFirstPreferences();
  void FixSectionWorth();
  void Weigh(Stage& round);
  void RankStanding();
  Stage& OpenRound();
  util::Status Decide(Stage& round);
  util::Status ExcludeLowest(Stage& round);
  bool ExcludeBatch(Stage& round);
  void Elect(Stage& round, CandidateId candidate, Decision decision);
  void TransferExcluded(Stage& round);
  void Place(uint32_t entry, Transfer* transfer);
  std::vector<CandidateId> Continuing() const;
  std::vector<CandidateId> Lowest() const;
  bool BatchThisRound(int round) const {
    if (rules_.batch_rounds.empty()) {
      return rules_.batch_elimination;
    }
    const auto index = static_cast<size_t>(round - 1);
    return index < rules_.batch_rounds.size() && rules_.batch_rounds[index];
  }

  const BallotSet& ballots_;
  const IrvRules& rules_;
  const Lot* lot_;
  std::vector<CandidateState> state_;
  std::vector<Votes> votes_;
  std::vector<std::vector<Votes>> votes_by_section_;
  ExhaustedTally exhausted_{};
  std::vector<std::vector<uint32_t>> piles_;  // entries counting for each candidate
  std::vector<uint32_t> position_;            // each entry's current place in prefs
  std::vector<std::vector<Votes>> history_;   // standing at each finished round
  // What decides the order of candidates in the round: their votes, or in a weighted count
  // the rank of their exact weighted figure (0 for the lowest; level figures share a rank).
  std::vector<Votes> standing_;
  // Weighted counts: what each section is worth, each candidate's exact weighted figure in
  // the round, and the total over the continuing candidates.
  std::vector<Rational> section_worth_;
  std::vector<Rational> score_;
  Rational score_total_;
  Result result_;
  int draws_ = 0;
};

std::vector<CandidateId> IrvCount::Continuing() const {
  std::vector<CandidateId> continuing;
  for (size_t c = 0; c < state_.size(); ++c) {
    if (state_[c] == CandidateState::kContinuing) {
      continuing.emplace_back(static_cast<uint16_t>(c));
    }
  }
  return continuing;
}

// Moves entry to the pile of its highest-ranked continuing candidate, or exhausts it; the
// move is recorded in `transfer` when one is given.
void IrvCount::Place(uint32_t entry, Transfer* transfer) {
  const uint32_t end = ballots_.start[entry + 1];
  uint32_t p = position_[entry];
  while (p < end && state_[ballots_.prefs[p].index()] != CandidateState::kContinuing) {
    ++p;
  }
  position_[entry] = p;
  const Votes weight = ballots_.weight[entry];
  if (p == end) {
    const auto reason = static_cast<size_t>(ballots_.end[entry]);
    exhausted_[reason] += weight;
    if (transfer != nullptr) {
      transfer->exhausted[reason] += weight;
    }
    return;
  }
  const size_t c = ballots_.prefs[p].index();
  piles_[c].push_back(entry);
  votes_[c] += weight;
  votes_by_section_[ballots_.section[entry].index()][c] += weight;
  if (transfer != nullptr) {
    transfer->to[c] += weight;
  }
}

void IrvCount::DistributeFirstPreferences() {
  for (uint32_t entry = 0; entry < ballots_.size(); ++entry) {
    Place(entry, nullptr);
  }
}

// What each section is worth, fixed from the first round's valid votes.
void IrvCount::FixSectionWorth() {
  const Weighting& weighting = rules_.weighting;
  const size_t sections = ballots_.sections.size();
  section_worth_.assign(sections, Rational());
  if (weighting.kind == WeightingKind::kCollege) {
    const int64_t sum = std::accumulate(weighting.section_weight.begin(),
                                        weighting.section_weight.end(), int64_t{0});
    for (size_t s = 0; s < sections; ++s) {
      section_worth_[s] = Rational::Div(Rational::FromInt(100 * weighting.section_weight[s]),
                                        Rational::FromInt(sum), core::Rounding::kDown);
    }
    return;
  }
  for (size_t s = 0; s < sections; ++s) {
    const Votes valid =
        std::accumulate(votes_by_section_[s].begin(), votes_by_section_[s].end(), Votes());
    section_worth_[s] = Rational::FromInt(weighting.points);
    if (weighting.points_at_most_votes &&
        valid < Votes::FromUnits(weighting.points * core::UnitsPerVote(ballots_.places))) {
      section_worth_[s] = Rational::FromVotes(valid, ballots_.places);
    }
  }
}

// Each continuing candidate's share of what each section is worth, in proportion to their
// votes among the section's continuing votes; a section with none gives nothing.
void IrvCount::Weigh(Stage& round) {
  const std::vector<CandidateId> continuing = Continuing();
  const int places = rules_.weighting.places;
  score_.assign(votes_.size(), Rational());
  score_total_ = Rational();
  round.weighted_by_section.assign(votes_by_section_.size(), std::vector<Votes>(votes_.size()));
  for (size_t s = 0; s < votes_by_section_.size(); ++s) {
    Votes section_total;
    for (CandidateId c : continuing) {
      section_total += votes_by_section_[s][c.index()];
    }
    if (section_total.units() == 0) {
      continue;
    }
    const Rational total = Rational::FromVotes(section_total, ballots_.places);
    for (CandidateId c : continuing) {
      const Rational share = Rational::MulDiv(
          section_worth_[s], Rational::FromVotes(votes_by_section_[s][c.index()], ballots_.places),
          total, core::Rounding::kDown);
      round.weighted_by_section[s][c.index()] = share.ToVotes(places, core::Rounding::kNearest);
      score_[c.index()] += share;
    }
    score_total_ += section_worth_[s];
  }
  round.weighted.assign(votes_.size(), Votes());
  for (CandidateId c : continuing) {
    round.weighted[c.index()] = score_[c.index()].ToVotes(places, core::Rounding::kNearest);
  }
  round.weighted_continuing = score_total_.ToVotes(places, core::Rounding::kNearest);
}

// standing_[c]: the rank of c's exact weighted figure among the continuing candidates.
void IrvCount::RankStanding() {
  std::vector<CandidateId> order = Continuing();
  std::sort(order.begin(), order.end(),
            [&](CandidateId a, CandidateId b) { return score_[a.index()] < score_[b.index()]; });
  standing_.assign(votes_.size(), Votes());
  int64_t rank = 0;
  for (size_t i = 0; i < order.size(); ++i) {
    if (i > 0 && score_[order[i - 1].index()] < score_[order[i].index()]) {
      ++rank;
    }
    standing_[order[i].index()] = Votes::FromUnits(rank);
  }
}

Stage& IrvCount::OpenRound() {
  Stage& round = result_.stages.emplace_back();
  round.number = static_cast<int>(result_.stages.size());
  round.votes = votes_;
  round.votes_by_section = votes_by_section_;
  round.state = state_;
  for (CandidateId c : Continuing()) {
    round.continuing += votes_[c.index()];
  }
  // More than half: the least whole number of units above continuing / 2.
  round.threshold = Votes::FromUnits(round.continuing.units() / 2 + 1);
  round.exhausted = exhausted_;
  if (rules_.weighting.active()) {
    Weigh(round);
    RankStanding();
  } else {
    standing_ = votes_;
  }
  return round;
}

void IrvCount::Elect(Stage& round, CandidateId candidate, Decision decision) {
  state_[candidate.index()] = CandidateState::kElected;
  round.elected.push_back(candidate);
  round.decision = decision;
  result_.elected.push_back(candidate);
}

// The continuing candidates with the fewest votes (several when level).
std::vector<CandidateId> IrvCount::Lowest() const {
  std::vector<CandidateId> lowest;
  for (CandidateId c : Continuing()) {
    const Votes v = standing_[c.index()];
    if (lowest.empty() || v < standing_[lowest.front().index()]) {
      lowest = {c};
    } else if (v == standing_[lowest.front().index()]) {
      lowest.push_back(c);
    }
  }
  return lowest;
}

util::Status IrvCount::ExcludeLowest(Stage& round) {
  const std::vector<CandidateId> lowest = Lowest();
  CandidateId loser = lowest.front();
  if (lowest.size() > 1) {
    auto tie = BreakTie(lowest, history_, rules_.tie_break, lot_, ballots_.candidates, draws_);
    if (!tie.ok()) {
      return tie.error();
    }
    loser = tie->loser;
    round.tie = std::move(tie.value());
  }
  state_[loser.index()] = CandidateState::kExcluded;
  round.excluded.push_back(loser);
  round.decision = Decision::kExcludeLowest;
  return {};
}

// Batch elimination: from the top, find the first candidate (below the leader) whose votes
// exceed everything below them together; all below are excluded. False when there is none.
bool IrvCount::ExcludeBatch(Stage& round) {
  std::vector<CandidateId> order = Continuing();
  std::stable_sort(order.begin(), order.end(), [&](CandidateId a, CandidateId b) {
    return votes_[a.index()] > votes_[b.index()];
  });
  Votes below = round.continuing;
  for (size_t i = 0; i < order.size(); ++i) {
    below -= votes_[order[i].index()];
    if (i > 0 && below < votes_[order[i].index()] && order.size() - i - 1 > 1) {
      for (size_t k = i + 1; k < order.size(); ++k) {
        state_[order[k].index()] = CandidateState::kExcluded;
        round.excluded.push_back(order[k]);
      }
      std::sort(round.excluded.begin(), round.excluded.end());
      round.decision = Decision::kExcludeBatch;
      return true;
    }
  }
  return false;
}

util::Status IrvCount::Decide(Stage& round) {
  const std::vector<CandidateId> continuing = Continuing();
  if (continuing.size() == 1) {
    Elect(round, continuing.front(), Decision::kLastCandidate);
    return {};
  }
  const auto leader = *std::max_element(
      continuing.begin(), continuing.end(),
      [&](CandidateId a, CandidateId b) { return standing_[a.index()] < standing_[b.index()]; });
  const bool majority = rules_.weighting.active() ? score_[leader.index()].Times(2) > score_total_
                                                  : votes_[leader.index()] >= round.threshold;
  if (majority && (rules_.stop_at_majority || continuing.size() == 2)) {
    Elect(round, leader,
          continuing.size() == 2 && !rules_.stop_at_majority ? Decision::kFinalPair
                                                             : Decision::kMajority);
    return {};
  }
  if (BatchThisRound(round.number) && continuing.size() > 2 && ExcludeBatch(round)) {
    return {};
  }
  util::Status excluded = ExcludeLowest(round);
  if (excluded.ok() && continuing.size() == 2) {
    // The last two were level: the tie decided who is excluded, and the other is elected.
    Elect(round, Continuing().front(), Decision::kFinalPair);
  }
  return excluded;
}

void IrvCount::TransferExcluded(Stage& round) {
  for (CandidateId loser : round.excluded) {
    const size_t c = loser.index();
    Transfer& transfer = round.transfers.emplace_back();
    transfer.from = loser;
    transfer.votes = votes_[c];
    transfer.to.assign(votes_.size(), Votes());
    std::vector<uint32_t> pile = std::move(piles_[c]);
    piles_[c].clear();
    votes_[c] = Votes();
    for (auto& section : votes_by_section_) {
      section[c] = Votes();
    }
    for (uint32_t entry : pile) {
      Place(entry, &transfer);
    }
  }
}

util::Result<Result> IrvCount::Run() {
  result_.rules = rules_;
  result_.tie_break = rules_.tie_break;
  result_.places = ballots_.places;
  if (lot_ != nullptr) {
    result_.lot = lot_->Describe();
  }
  if (Continuing().empty()) {
    return util::Error(util::ErrorCode::kCountFailed, "there is no candidate to count");
  }
  DistributeFirstPreferences();
  if (rules_.weighting.active()) {
    FixSectionWorth();
  }
  while (true) {
    Stage& round = OpenRound();
    util::Status decided = Decide(round);
    if (!decided.ok()) {
      return decided.error();
    }
    if (!round.elected.empty()) {
      return std::move(result_);
    }
    history_.push_back(standing_);
    TransferExcluded(round);
  }
}

// Refuses a weighting the count cannot follow.
util::Status CheckWeighting(const BallotSet& ballots, const IrvRules& rules) {
  const Weighting& weighting = rules.weighting;
  const auto refuse = [](const std::string& what) {
    return util::Error(util::ErrorCode::kInvalidArgument, what);
  };
  if (!weighting.active()) {
    return {};
  }
  if (rules.batch_elimination || !rules.batch_rounds.empty()) {
    return refuse("batch elimination is not offered with a college or points");
  }
  if (weighting.places < 0 || weighting.places > core::kMaxCountPlaces) {
    return refuse("weighted figures are shown to between 0 and " +
                  std::to_string(core::kMaxCountPlaces) + " places");
  }
  if (weighting.kind == WeightingKind::kPoints) {
    return weighting.points > 0 && weighting.points <= 1'000'000'000
               ? util::Status()
               : refuse("a district is worth between 1 and 1,000,000,000 points");
  }
  if (weighting.section_weight.size() != ballots.sections.size()) {
    return refuse("the college gives " + std::to_string(weighting.section_weight.size()) +
                  " weights for " + std::to_string(ballots.sections.size()) + " sections");
  }
  for (int64_t weight : weighting.section_weight) {
    if (weight < 1 || weight > 1'000'000'000) {
      return refuse("a section's weight in the college is between 1 and 1,000,000,000");
    }
  }
  return {};
}

}  // namespace

util::Result<Result> CountIrv(const BallotSet& ballots, const IrvRules& rules, const Lot* lot) {
  if (util::Status checked = CheckWeighting(ballots, rules); !checked.ok()) {
    return checked.error();
  }
  return IrvCount(ballots, rules, lot).Run();
}

}  // namespace scrutineer::count
