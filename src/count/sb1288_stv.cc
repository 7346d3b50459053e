#include "count/sb1288_stv.h"

#include <algorithm>
#include <array>
#include <span>
#include <string>
#include <utility>

#include "core/number.h"

namespace scrutineer::count {
namespace {

using core::BallotSet;
using core::Rounding;

// SB 1288 counts to five decimal places (the reference implementation's Decimal5): the
// threshold is rounded up, surplus fractions and transfer values are truncated.
constexpr int kPlaces = 5;
using N = core::Fixed<kPlaces>;

// One distinct ballot (all its papers) in a candidate's pile, at the transfer value each of
// its papers carries: 1 until a surplus moves it.
struct Parcel {
  uint32_t entry;
  N value;
};

// The votes a parcel gives: its weight (papers) times the value per paper. Exact for whole
// papers; a decimal weight times a transfer value is truncated.
N Credit(Votes weight, int places, const N& value) {
  return N::Mul(N::FromVotes(weight, places), value, Rounding::kDown);
}

// What the alternative defeats test for one group of lowest candidates (stv-altdefs.md).
struct Group {
  N votes;             // the group's votes together
  N largest;           // the votes of the group's candidate with the most
  N next;              // the fewest votes of a continuing candidate outside it
  size_t outside = 0;  // continuing candidates outside it
};

// The state of one SB 1288 count between rounds: each distinct ballot in the pile of the
// candidate it counts for, at its transfer value.
class Sb1288Count {
 public:
  Sb1288Count(const BallotSet& ballots, const StvRules& rules,
              const AlternativeDefeats& alternative_defeats, const Lot* lot)
      : ballots_(ballots),
        rules_(rules),
        alternative_defeats_(alternative_defeats),
        lot_(lot),
        state_(ballots.candidates.size(), CandidateState::kContinuing),
        votes_(ballots.candidates.size()),
        piles_(ballots.candidates.size()),
        position_(ballots.start.begin(), ballots.start.end() - 1) {
    for (CandidateId c : ballots.withdrawn) {
      state_[c.index()] = CandidateState::kWithdrawn;
    }
  }

  // Runs the count; `result` arrives with the method's description filled in.
  util::Result<Result> Run(Result result);

 private:
  void FirstPreferences();
  Stage& OpenRound();
  util::Result<bool> PlayRound(Stage& round);
  bool ElectAllInFirstRound(Stage& round);
  void ElectOverThreshold(Stage& round);
  bool DefeatAlternatively(Stage& round);
  void TransferSurpluses(Stage& round);
  void TransferSurplus(Stage& round, CandidateId from);
  util::Status DefeatLowest(Stage& round);
  bool ElectRemaining(Stage& round);
  void TransferDefeated(Stage& round);

  void Place(uint32_t entry, const N& value, Transfer* transfer, N& moved);
  Transfer& OpenTransfer(Stage& round, CandidateId from, const N& votes) const;
  void Elect(Stage& round, std::vector<CandidateId> candidates, bool remaining);
  void Defeat(Stage& round, std::span<const CandidateId> candidates);
  std::vector<CandidateId> InState(CandidateState state) const;
  std::vector<CandidateId> WithSurplus() const;
  size_t AlternativeGroupSize() const;
  bool CannotMatter(const Group& group, const N& surplus, const N& most) const;
  int SeatsLeft() const { return rules_.seats - static_cast<int>(result_.elected.size()); }
  Votes Display(const N& value) const { return value.ToVotes(kPlaces); }

  const BallotSet& ballots_;
  const StvRules& rules_;
  const AlternativeDefeats& alternative_defeats_;
  const Lot* lot_;
  std::vector<CandidateState> state_;
  std::vector<N> votes_;  // each candidate's tally; an elected one's is the threshold once
                          // their surplus has moved
  std::vector<std::vector<Parcel>> piles_;
  std::vector<uint32_t> position_;  // each entry's current place in prefs
  std::array<N, core::kExhaustionKinds> exhausted_{};
  N residual_;  // residual surplus: what truncated transfer values left behind
  N threshold_;
  std::vector<std::vector<Votes>> history_;  // every finished round's tally, for ties
  Result result_;
  int draws_ = 0;
};

std::vector<CandidateId> Sb1288Count::InState(CandidateState state) const {
  std::vector<CandidateId> found;
  for (size_t c = 0; c < state_.size(); ++c) {
    if (state_[c] == state) {
      found.emplace_back(static_cast<uint16_t>(c));
    }
  }
  return found;
}

// The elected candidates whose tally is over the threshold: their surplus has not moved yet.
std::vector<CandidateId> Sb1288Count::WithSurplus() const {
  std::vector<CandidateId> found;
  for (CandidateId c : InState(CandidateState::kElected)) {
    if (votes_[c.index()] > threshold_) {
      found.push_back(c);
    }
  }
  return found;
}

// Counts `entry` for its highest-ranked continuing candidate at `value` per paper, passing
// over candidates who are out, or sets it aside as exhausted for the reason its ranking ends
// (an overvote, no more rankings, every rank used); adds the votes it carries to `moved`.
void Sb1288Count::Place(uint32_t entry, const N& value, Transfer* transfer, N& moved) {
  const uint32_t end = ballots_.start[entry + 1];
  uint32_t p = position_[entry];
  while (p < end && state_[ballots_.prefs[p].index()] != CandidateState::kContinuing) {
    ++p;
  }
  position_[entry] = p;
  const N credit = Credit(ballots_.weight[entry], ballots_.places, value);
  moved += credit;
  if (p == end) {
    const auto reason = static_cast<size_t>(ballots_.end[entry]);
    exhausted_[reason] += credit;
    if (transfer != nullptr) {
      transfer->exhausted[reason] += Display(credit);
    }
    return;
  }
  const size_t c = ballots_.prefs[p].index();
  piles_[c].push_back({entry, value});
  votes_[c] += credit;
  if (transfer != nullptr) {
    transfer->to[c] += Display(credit);
  }
}

// Every ballot counts at value one for its highest-ranked continuing candidate. The
// threshold is the votes then counting for candidates divided by one more than the seats,
// rounded up to five places; a candidate must exceed it.
void Sb1288Count::FirstPreferences() {
  const N one = N::FromInt(1);
  N counted;
  for (uint32_t entry = 0; entry < ballots_.size(); ++entry) {
    Place(entry, one, nullptr, counted);
  }
  N for_candidates;
  for (const N& votes : votes_) {
    for_candidates += votes;
  }
  threshold_ = N::Div(for_candidates, N::FromInt(rules_.seats + 1), Rounding::kUp);
}

// A round opens with its tally: every candidate's votes, the exhausted ballots by reason and
// the residual surplus so far. The first round also keeps the first preferences by section.
Stage& Sb1288Count::OpenRound() {
  Stage& round = result_.stages.emplace_back();
  round.number = static_cast<int>(result_.stages.size());
  round.state = state_;
  round.decision = Decision::kFirstPreferences;
  round.votes.resize(votes_.size());
  for (size_t c = 0; c < votes_.size(); ++c) {
    round.votes[c] = Display(votes_[c]);
    if (state_[c] == CandidateState::kContinuing) {
      round.continuing += round.votes[c];
    }
  }
  round.threshold = Display(threshold_);
  for (size_t r = 0; r < exhausted_.size(); ++r) {
    round.exhausted[r] = Display(exhausted_[r]);
  }
  round.loss = Display(residual_);
  if (round.number == 1) {
    round.votes_by_section.assign(ballots_.sections.size(),
                                  std::vector<Votes>(ballots_.candidates.size()));
    for (size_t c = 0; c < piles_.size(); ++c) {
      for (const Parcel& parcel : piles_[c]) {
        round.votes_by_section[ballots_.section[parcel.entry].index()][c] +=
            Display(Credit(ballots_.weight[parcel.entry], ballots_.places, parcel.value));
      }
    }
  }
  return round;
}

// Elects `candidates`, most votes first (equal: in candidate order).
void Sb1288Count::Elect(Stage& round, std::vector<CandidateId> candidates, bool remaining) {
  std::stable_sort(candidates.begin(), candidates.end(), [&](CandidateId a, CandidateId b) {
    return votes_[a.index()] > votes_[b.index()];
  });
  for (CandidateId c : candidates) {
    state_[c.index()] = CandidateState::kElected;
    round.elected.push_back(c);
    result_.elected.push_back(c);
    if (remaining) {
      round.elected_remaining.push_back(c);
    }
  }
}

void Sb1288Count::Defeat(Stage& round, std::span<const CandidateId> candidates) {
  for (CandidateId c : candidates) {
    state_[c.index()] = CandidateState::kExcluded;
    round.excluded.push_back(c);
  }
  round.decision = Decision::kExclude;
}

// In the first round, when no more candidates continue than there are seats, all are
// elected and the count ends.
bool Sb1288Count::ElectAllInFirstRound(Stage& round) {
  std::vector<CandidateId> continuing = InState(CandidateState::kContinuing);
  if (round.number != 1 || static_cast<int>(continuing.size()) > rules_.seats) {
    return false;
  }
  Elect(round, std::move(continuing), /*remaining=*/true);
  return true;
}

// Every continuing candidate with more votes than the threshold is elected. The round is
// then about surpluses (theirs, and any an earlier round deferred), unless it defeats.
void Sb1288Count::ElectOverThreshold(Stage& round) {
  std::vector<CandidateId> over;
  for (CandidateId c : InState(CandidateState::kContinuing)) {
    if (votes_[c.index()] > threshold_) {
      over.push_back(c);
    }
  }
  Elect(round, std::move(over), /*remaining=*/false);
  if (!WithSurplus().empty()) {
    round.decision = Decision::kSurplus;
  }
}

// Alternative defeats, when exercised in this round: the largest group of continuing
// candidates with the fewest votes that meets all three conditions is defeated, and every
// surplus waits (stv-altdefs.md). True when a group was defeated.
bool Sb1288Count::DefeatAlternatively(Stage& round) {
  const size_t size = AlternativeGroupSize();
  if (size == 0) {
    return false;
  }
  std::vector<CandidateId> order = InState(CandidateState::kContinuing);
  std::stable_sort(order.begin(), order.end(), [&](CandidateId a, CandidateId b) {
    return votes_[a.index()] < votes_[b.index()];
  });
  Defeat(round, std::span<const CandidateId>(order).first(size));
  round.deferred = WithSurplus();
  return true;
}

// How many of the continuing candidates, fewest votes first, the largest qualifying group
// holds (0: none qualifies). Every group is tried: a larger one may qualify when a smaller
// one does not (condition 3.4 looks at the group's largest member).
size_t Sb1288Count::AlternativeGroupSize() const {
  std::vector<N> votes;
  for (CandidateId c : InState(CandidateState::kContinuing)) {
    votes.push_back(votes_[c.index()]);
  }
  std::sort(votes.begin(), votes.end());
  N surplus;
  for (CandidateId c : WithSurplus()) {
    surplus += votes_[c.index()] - threshold_;
  }
  size_t best = 0;
  Group group;
  for (size_t k = 1; k < votes.size(); ++k) {
    group.votes += votes[k - 1];
    group.largest = votes[k - 1];
    group.next = votes[k];
    group.outside = votes.size() - k;
    if (CannotMatter(group, surplus, votes.back())) {
      best = k;
    }
  }
  return best;
}

// The three conditions of stv-altdefs.md, under which defeating `group` now (and deferring
// `surplus`) cannot change who is elected. `most` is the most votes of any continuing
// candidate.
bool Sb1288Count::CannotMatter(const Group& group, const N& surplus, const N& most) const {
  const auto seats_left = static_cast<size_t>(SeatsLeft());
  // 1: enough candidates stay to fill the seats.
  if (group.outside < seats_left) {
    return false;
  }
  // 2: the group and every surplus together trail each candidate outside the group.
  if (!(group.votes + surplus < group.next)) {
    return false;
  }
  // 3.1: one seat left; 3.2: exactly the seats left continue outside the group; 3.3: all of
  // it could not lift the leader past the threshold; 3.4: no surplus, and defeating the group
  // one by one elects nobody before its last member goes.
  return seats_left == 1 || group.outside == seats_left ||
         group.votes + surplus + most <= threshold_ ||
         (surplus == N() && group.votes - group.largest + most <= threshold_);
}

Transfer& Sb1288Count::OpenTransfer(Stage& round, CandidateId from, const N& votes) const {
  Transfer& transfer = round.transfers.emplace_back();
  transfer.from = from;
  transfer.votes = Display(votes);
  transfer.to.assign(votes_.size(), Votes());
  return transfer;
}

// Every surplus moves in the same round (22101(f)): each of the candidate's ballots goes on
// to its next continuing candidate at its transfer value times the surplus fraction
// (surplus / the candidate's votes, truncated), truncated; what truncation leaves is residual
// surplus. The candidate keeps the threshold. The order of the transfers (most votes first)
// changes nothing: every elected candidate is passed over.
void Sb1288Count::TransferSurpluses(Stage& round) {
  std::vector<CandidateId> from = WithSurplus();
  std::stable_sort(from.begin(), from.end(), [&](CandidateId a, CandidateId b) {
    return votes_[a.index()] > votes_[b.index()];
  });
  if (from.size() == 1) {
    round.surplus_of = from.front();
  }
  for (CandidateId c : from) {
    TransferSurplus(round, c);
  }
}

void Sb1288Count::TransferSurplus(Stage& round, CandidateId from) {
  const size_t c = from.index();
  const N total = votes_[c];
  const N surplus = total - threshold_;
  const N fraction = N::Div(surplus, total, Rounding::kDown);
  Transfer& transfer = OpenTransfer(round, from, surplus);
  std::vector<Parcel> pile = std::move(piles_[c]);
  piles_[c].clear();
  votes_[c] = threshold_;
  N moved;
  for (const Parcel& parcel : pile) {
    Place(parcel.entry, N::Mul(parcel.value, fraction, Rounding::kDown), &transfer, moved);
  }
  const N left = surplus - moved;
  residual_ += left;
  transfer.loss = Display(left);
}

// 22101(g): with no surplus to move, the continuing candidate with the fewest votes is
// defeated; equal fewest go by the tie rules.
util::Status Sb1288Count::DefeatLowest(Stage& round) {
  std::vector<CandidateId> lowest;
  for (CandidateId c : InState(CandidateState::kContinuing)) {
    const N& v = votes_[c.index()];
    if (lowest.empty() || v < votes_[lowest.front().index()]) {
      lowest = {c};
    } else if (v == votes_[lowest.front().index()]) {
      lowest.push_back(c);
    }
  }
  CandidateId loser = lowest.front();
  if (lowest.size() > 1) {
    auto tie = BreakTie(lowest, history_, result_.tie_break, lot_, ballots_.candidates, draws_);
    if (!tie.ok()) {
      return tie.error();
    }
    loser = tie->loser;
    round.tie = std::move(tie.value());
  }
  Defeat(round, std::span<const CandidateId>(&loser, 1));
  return {};
}

// 22101(g)(1): when the continuing candidates are exactly the seats left, they are all
// elected and the count ends; the defeated candidates' ballots do not move.
bool Sb1288Count::ElectRemaining(Stage& round) {
  std::vector<CandidateId> continuing = InState(CandidateState::kContinuing);
  if (static_cast<int>(continuing.size()) != SeatsLeft()) {
    return false;
  }
  Elect(round, std::move(continuing), /*remaining=*/true);
  return true;
}

// 22101(g)(2): each ballot of a defeated candidate goes on, at the value it carries, to its
// next continuing candidate; the next round counts it there.
void Sb1288Count::TransferDefeated(Stage& round) {
  for (CandidateId from : round.excluded) {
    const size_t c = from.index();
    Transfer& transfer = OpenTransfer(round, from, votes_[c]);
    std::vector<Parcel> pile = std::move(piles_[c]);
    piles_[c].clear();
    N moved;
    for (const Parcel& parcel : pile) {
      Place(parcel.entry, parcel.value, &transfer, moved);
    }
    CHECK(moved == votes_[c]);  // each parcel gives what it gave before: nothing is lost
    votes_[c] = N();
  }
}

// One round after its tally: true when the count ends in it.
util::Result<bool> Sb1288Count::PlayRound(Stage& round) {
  if (ElectAllInFirstRound(round)) {
    return true;
  }
  ElectOverThreshold(round);
  if (SeatsLeft() == 0) {
    return true;  // the seats are filled; the continuing candidates are defeated
  }
  const bool defeated = alternative_defeats_.InRound(round.number) && DefeatAlternatively(round);
  if (!defeated && !WithSurplus().empty()) {
    TransferSurpluses(round);
  } else if (!defeated) {
    if (util::Status status = DefeatLowest(round); !status.ok()) {
      return status.error();
    }
  }
  if (ElectRemaining(round)) {
    return true;
  }
  TransferDefeated(round);
  return false;
}

util::Result<Result> Sb1288Count::Run(Result result) {
  // With no candidate (or none not withdrawn) the count is one round that elects nobody and
  // sets every ballot aside, as the reference counts it (stv-024-3).
  result_ = std::move(result);
  FirstPreferences();
  result_.quota = Display(threshold_);
  while (true) {
    Stage& round = OpenRound();
    util::Result<bool> finished = PlayRound(round);
    if (!finished.ok()) {
      return finished.error();
    }
    if (*finished) {
      return std::move(result_);
    }
    history_.push_back(round.votes);
  }
}

util::Status CheckRules(const BallotSet& ballots, const StvRules& rules) {
  if (rules.seats < 2) {
    return util::Error(util::ErrorCode::kInvalidArgument,
                       "sb1288 STV fills two or more seats; SB 1288 counts one seat by instant "
                       "runoff (irv, continuing until two candidates remain)");
  }
  if (rules.quota.has_value()) {
    return util::Error(util::ErrorCode::kInvalidArgument,
                       "sb1288 fixes its own threshold (the first round's votes for candidates "
                       "divided by one more than the seats, rounded up to five places)");
  }
  if (ballots.places > kPlaces) {
    return util::Error(util::ErrorCode::kInvalidArgument,
                       "sb1288 counts to five decimal places, and the ballot weights carry " +
                           std::to_string(ballots.places));
  }
  return {};
}

// SB 1288 leaves the breaking of ties to the officer; by default Scrutineer draws a lot from
// the published seed at each tie.
TieBreakRules PresetTieBreak(const StvRules& rules) {
  if (rules.custom_tie_break) {
    return rules.tie_break;
  }
  TieBreakRules lot;
  lot.steps = {TieStep::kLot};
  return lot;
}

}  // namespace

util::Result<Result> CountSb1288Stv(const BallotSet& ballots, const StvRules& rules,
                                    const AlternativeDefeats& alternative_defeats, const Lot* lot) {
  if (util::Status checked = CheckRules(ballots, rules); !checked.ok()) {
    return checked.error();
  }
  Result result;
  result.method = Method::kStv;
  result.seats = rules.seats;
  result.places = kPlaces;
  result.preset = "sb1288";
  result.stages_are_rounds = true;
  result.arithmetic =
      "fixed-point decimal, 5 places; threshold rounded up, surplus fractions and transfer "
      "values truncated";
  result.rule_text = {
      "Threshold: the first round's votes divided by one more than the seats, rounded up to "
      "five places; a candidate who exceeds it is elected (22101(f), (g)).",
      "Surpluses: every elected candidate's surplus moves in the same round, each ballot at "
      "its value times the surplus fraction, both truncated to five places; what is lost is "
      "the residual surplus.",
      "Defeat: when no candidate is elected in a round, the one with the fewest votes" +
          std::string(alternative_defeats.always || !alternative_defeats.rounds.empty()
                          ? " (with alternative defeats: the largest group of lowest who "
                            "cannot change the result, surpluses deferred)"
                          : "") +
          ".",
      "Last seats: when the continuing candidates exactly fill the seats left, they are "
      "elected."};
  result.tie_break = PresetTieBreak(rules);
  if (lot != nullptr) {
    result.lot = lot->Describe();
  }
  return Sb1288Count(ballots, rules, alternative_defeats, lot).Run(std::move(result));
}

}  // namespace scrutineer::count
