#include "count/irv.h"

#include <algorithm>
#include <numeric>

namespace scrutineer::count {
namespace {

using core::Exhaustion;

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
  std::vector<std::vector<Votes>> history_;   // votes at each finished round
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
    const Votes v = votes_[c.index()];
    if (lowest.empty() || v < votes_[lowest.front().index()]) {
      lowest = {c};
    } else if (v == votes_[lowest.front().index()]) {
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
      [&](CandidateId a, CandidateId b) { return votes_[a.index()] < votes_[b.index()]; });
  const bool majority = votes_[leader.index()] >= round.threshold;
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
  while (true) {
    Stage& round = OpenRound();
    util::Status decided = Decide(round);
    if (!decided.ok()) {
      return decided.error();
    }
    if (!round.elected.empty()) {
      return std::move(result_);
    }
    history_.push_back(votes_);
    TransferExcluded(round);
  }
}

}  // namespace

util::Result<Result> CountIrv(const BallotSet& ballots, const IrvRules& rules, const Lot* lot) {
  return IrvCount(ballots, rules, lot).Run();
}

}  // namespace scrutineer::count
