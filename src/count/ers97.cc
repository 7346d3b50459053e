#include "count/ers97.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/number.h"
#include "util/int128.h"

namespace scrutineer::count {
namespace {

using core::BallotSet;
using core::Rounding;
// ERS97 5.1.6, 5.3.7: every value is taken to two decimal places.
using Value = core::Fixed<2>;
constexpr int kPlaces = Value::kPlaces;
constexpr size_t kNone = static_cast<size_t>(-1);

Votes Display(Value value) { return value.ToVotes(kPlaces); }

// A ballot's weight as a number of papers at two places. REQUIRES: it fits (CheckErs97).
Value PapersOf(Votes weight, int places) {
  if (places <= kPlaces) {
    return Value::FromVotes(weight, places);
  }
  return Value::FromUnits(weight.units() / core::UnitsPerVote(places - kPlaces));
}

// Splits `total` units over `weights` in proportion to them, the units left by rounding down
// going to the largest remainders (the earliest among equal ones). REQUIRES: 0 <= total <= the
// sum of the weights, which is positive.
std::vector<int64_t> Apportion(int64_t total, std::span<const int64_t> weights) {
  util::Int128 sum = 0;
  for (int64_t w : weights) {
    sum += w;
  }
  CHECK(sum > 0 && total >= 0 && total <= sum);
  std::vector<int64_t> shares(weights.size());
  std::vector<util::Int128> remainders(weights.size());
  int64_t given = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    const util::Int128 exact = util::Int128{total} * weights[i];
    shares[i] = static_cast<int64_t>(exact / sum);
    remainders[i] = exact % sum;
    given += shares[i];
  }
  std::vector<size_t> order(weights.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return remainders[a] > remainders[b]; });
  for (size_t k = 0; given < total; ++k, ++given) {
    ++shares[order[k]];
  }
  return shares;
}

// The steps of `rules` that look at the count, without the lot: ERS97 5.6.2 never draws one.
TieBreakRules WithoutLot(const TieBreakRules& rules) {
  TieBreakRules history = rules;
  const auto lot = std::find(history.steps.begin(), history.steps.end(), TieStep::kLot);
  history.steps.erase(lot, history.steps.end());
  return history;
}

// A ballot (all its papers) of an excluded candidate, and who held it.
struct Paper {
  uint32_t entry;
  size_t from;
};

// One ERS97 count. Each distinct ballot sits, with all its papers, in one batch of the
// candidate it counts for, at the value each paper carries; the class holds the batches, the
// votes and the points of the count that ties look back to.
class Ers97Count {
 public:
  Ers97Count(const BallotSet& ballots, const StvRules& rules, TieBreakRules ties, const Lot* lot);

  util::Result<Result> Run();

 private:
  // The stages.
  void FirstStage(Stage& stage);
  util::Status NextStage(Stage& stage);
  size_t ExclusionSize(Value deferred) const;
  util::Status TransferLargestSurplus(Stage& stage, const std::vector<CandidateId>& pending);
  void TransferSurplus(Stage& stage, CandidateId from);
  void SettleSurplus(Transfer& transfer, size_t from, Value rest, bool revalued,
                     std::span<const uint32_t> staying);
  util::Status Exclude(Stage& stage, Value deferred);
  util::Result<std::vector<CandidateId>> ChooseExcluded(Stage& stage, size_t count);
  void TransferExcluded(Stage& stage);
  void MoveBatch(Stage& stage, std::span<const Paper> batch, std::span<const size_t> slot);

  // Moving papers.
  std::optional<size_t> NextPreference(uint32_t entry);
  void Receive(size_t to, uint32_t entry, std::vector<bool>& received);
  void Credit(size_t to, uint32_t entry, Transfer* transfer);
  void Exhaust(uint32_t entry, Transfer* transfer);
  Transfer& OpenTransfer(Stage& stage, CandidateId from) const;

  // Election.
  void ElectQualified(Stage& stage);
  void ElectSomeOfLevel(Stage& stage, std::vector<CandidateId> level);
  void ElectRemaining(Stage& stage);
  void Elect(Stage& stage, CandidateId candidate, bool remaining);
  bool Qualifies(Value votes) const;
  Value ActiveVote() const;
  void RecalculateQuota();
  Value QuotaOf(Value valid) const {
    return Value::Div(valid, Value::FromInt(seats_ + 1), Rounding::kUp);
  }

  // Ties.
  util::Result<TieRecord> BreakErs97Tie(std::span<const CandidateId> tied, bool most,
                                        const TieBreakRules& rules);
  static void NoteTie(Stage& stage, TieRecord record);

  // The state of the count.
  std::vector<CandidateId> Continuing() const;
  std::vector<CandidateId> Ascending() const;
  std::vector<CandidateId> Descending() const;
  std::vector<CandidateId> PendingSurpluses() const;
  size_t PlacesLeft() const { return static_cast<size_t>(seats_) - result_.elected.size(); }
  Value NonTransferable() const;
  Stage& OpenStage();
  void MarkPoint(int stage);
  void Record(Stage& stage) const;

  const BallotSet& ballots_;
  int seats_;
  TieBreakRules ties_;
  const Lot* lot_;
  std::vector<CandidateState> state_;
  std::vector<Value> votes_;
  std::vector<std::vector<Value>> by_section_;  // [section][candidate]
  // Per distinct ballot: its papers, the value of each, their value together, and the place
  // in its ranking it has reached.
  std::vector<Value> papers_;
  std::vector<Value> value_;
  std::vector<Value> credit_;
  std::vector<uint32_t> position_;
  // Each candidate's batches in the order received: papers of one value each (glossary 6.1).
  std::vector<std::vector<std::vector<uint32_t>>> batches_;
  std::vector<bool> surplus_done_;
  std::array<Value, core::kExhaustionKinds> exhausted_{};
  Value loss_;       // the non-transferable difference (5.3.9)
  Value total_;      // the total valid vote (5.1.2)
  Value set_aside_;  // papers with no first preference for a candidate in the count
  Value quota_;
  // The points ties look back to (5.2.3): the first stage and every transfer of a batch.
  std::vector<std::vector<Votes>> points_;
  std::vector<int> point_stage_;  // the stage each point belongs to
  Result result_;
  int draws_ = 0;
};

Ers97Count::Ers97Count(const BallotSet& ballots, const StvRules& rules, TieBreakRules ties,
                       const Lot* lot)
    : ballots_(ballots),
      seats_(rules.seats),
      ties_(std::move(ties)),
      lot_(lot),
      state_(ballots.candidates.size(), CandidateState::kContinuing),
      votes_(ballots.candidates.size()),
      by_section_(ballots.sections.size(), std::vector<Value>(ballots.candidates.size())),
      papers_(ballots.size()),
      value_(ballots.size(), Value::FromInt(1)),
      credit_(ballots.size()),
      position_(ballots.start.begin(), ballots.start.end() - 1),
      batches_(ballots.candidates.size()),
      surplus_done_(ballots.candidates.size(), false) {
  for (CandidateId c : ballots.withdrawn) {
    state_[c.index()] = CandidateState::kWithdrawn;
  }
  for (size_t e = 0; e < ballots.size(); ++e) {
    papers_[e] = PapersOf(ballots.weight[e], ballots.places);
    credit_[e] = papers_[e];  // value one each
  }
}

std::vector<CandidateId> Ers97Count::Continuing() const {
  std::vector<CandidateId> continuing;
  for (size_t c = 0; c < state_.size(); ++c) {
    if (state_[c] == CandidateState::kContinuing) {
      continuing.emplace_back(static_cast<uint16_t>(c));
    }
  }
  return continuing;
}

// Continuing candidates, fewest votes first (equal votes in candidate order).
std::vector<CandidateId> Ers97Count::Ascending() const {
  std::vector<CandidateId> order = Continuing();
  std::stable_sort(order.begin(), order.end(), [&](CandidateId a, CandidateId b) {
    return votes_[a.index()] < votes_[b.index()];
  });
  return order;
}

std::vector<CandidateId> Ers97Count::Descending() const {
  std::vector<CandidateId> order = Continuing();
  std::stable_sort(order.begin(), order.end(), [&](CandidateId a, CandidateId b) {
    return votes_[a.index()] > votes_[b.index()];
  });
  return order;
}

// Candidates deemed elected whose surplus (glossary 6.18) has not been transferred.
std::vector<CandidateId> Ers97Count::PendingSurpluses() const {
  std::vector<CandidateId> pending;
  for (size_t c = 0; c < state_.size(); ++c) {
    if (state_[c] == CandidateState::kElected && !surplus_done_[c] && votes_[c] > quota_) {
      pending.emplace_back(static_cast<uint16_t>(c));
    }
  }
  return pending;
}

Value Ers97Count::NonTransferable() const {
  return std::accumulate(exhausted_.begin(), exhausted_.end(), loss_);
}

// Passes over candidates deemed elected or excluded (glossary 6.10) to the next continuing
// preference; nothing when there is none (a non-transferable paper).
std::optional<size_t> Ers97Count::NextPreference(uint32_t entry) {
  const uint32_t end = ballots_.start[entry + 1];
  uint32_t p = position_[entry];
  while (p < end && state_[ballots_.prefs[p].index()] != CandidateState::kContinuing) {
    ++p;
  }
  position_[entry] = p;
  if (p == end) {
    return std::nullopt;
  }
  return ballots_.prefs[p].index();
}

// Puts `entry` into the batch `to` receives in the current transfer (one batch per transfer).
void Ers97Count::Receive(size_t to, uint32_t entry, std::vector<bool>& received) {
  if (!received[to]) {
    batches_[to].emplace_back();
    received[to] = true;
  }
  batches_[to].back().push_back(entry);
}

void Ers97Count::Credit(size_t to, uint32_t entry, Transfer* transfer) {
  votes_[to] += credit_[entry];
  by_section_[ballots_.section[entry].index()][to] += credit_[entry];
  if (transfer != nullptr) {
    transfer->to[to] += Display(credit_[entry]);
  }
}

void Ers97Count::Exhaust(uint32_t entry, Transfer* transfer) {
  const auto reason = static_cast<size_t>(ballots_.end[entry]);
  exhausted_[reason] += credit_[entry];
  if (transfer != nullptr) {
    transfer->exhausted[reason] += Display(credit_[entry]);
  }
}

Transfer& Ers97Count::OpenTransfer(Stage& stage, CandidateId from) const {
  Transfer& transfer = stage.transfers.emplace_back();
  transfer.from = from;
  transfer.to.assign(votes_.size(), Votes());
  return transfer;
}

Stage& Ers97Count::OpenStage() {
  Stage& stage = result_.stages.emplace_back();
  stage.number = static_cast<int>(result_.stages.size());
  stage.state = state_;
  return stage;
}

// A point of the count for ties: every candidate's votes now.
void Ers97Count::MarkPoint(int stage) {
  std::vector<Votes>& point = points_.emplace_back(votes_.size());
  for (size_t c = 0; c < votes_.size(); ++c) {
    point[c] = Display(votes_[c]);
  }
  point_stage_.push_back(stage);
}

void Ers97Count::Record(Stage& stage) const {
  stage.votes.resize(votes_.size());
  Value continuing;
  for (size_t c = 0; c < votes_.size(); ++c) {
    stage.votes[c] = Display(votes_[c]);
    if (state_[c] == CandidateState::kContinuing) {
      continuing += votes_[c];
    }
  }
  stage.votes_by_section.assign(by_section_.size(), std::vector<Votes>(votes_.size()));
  for (size_t s = 0; s < by_section_.size(); ++s) {
    for (size_t c = 0; c < votes_.size(); ++c) {
      stage.votes_by_section[s][c] = Display(by_section_[s][c]);
    }
  }
  stage.continuing = Display(continuing);
  stage.threshold = Display(quota_);
  for (size_t r = 0; r < exhausted_.size(); ++r) {
    stage.exhausted[r] = Display(exhausted_[r]);
  }
  stage.loss = Display(loss_);
}

// 5.1.1-5.1.6: every paper counts at value one for its first preference among the candidates
// in the count; the total valid vote is what they hold, and the quota follows from it.
void Ers97Count::FirstStage(Stage& stage) {
  stage.decision = Decision::kFirstPreferences;
  std::vector<bool> received(votes_.size(), false);
  for (uint32_t entry = 0; entry < ballots_.size(); ++entry) {
    const std::optional<size_t> to = NextPreference(entry);
    if (!to.has_value()) {
      Exhaust(entry, nullptr);  // no first preference for a candidate in the count
      continue;
    }
    Receive(*to, entry, received);
    Credit(*to, entry, nullptr);
  }
  total_ = std::accumulate(votes_.begin(), votes_.end(), Value());
  set_aside_ = NonTransferable();
  quota_ = QuotaOf(total_);
  result_.quota = Display(quota_);
  MarkPoint(stage.number);
}

// 6.20, 5.6.1: the votes of the continuing candidates and every vote awaiting transfer (the
// papers still held by candidates being excluded, and surpluses not yet transferred).
Value Ers97Count::ActiveVote() const {
  Value active;
  for (size_t c = 0; c < state_.size(); ++c) {
    if (state_[c] == CandidateState::kContinuing || state_[c] == CandidateState::kExcluded) {
      active += votes_[c];
    }
  }
  for (CandidateId c : PendingSurpluses()) {
    active += votes_[c.index()] - quota_;
  }
  return active;
}

// 5.1.7, 5.3.13, 5.4.9: (a) the quota, or (b) the total active vote divided by one more than
// the places not yet filled, compared exactly (votes x (places + 1) >= active vote).
bool Ers97Count::Qualifies(Value votes) const {
  if (votes >= quota_) {
    return true;
  }
  return votes.Times(static_cast<int64_t>(PlacesLeft()) + 1) >= ActiveVote();
}

void Ers97Count::Elect(Stage& stage, CandidateId candidate, bool remaining) {
  state_[candidate.index()] = CandidateState::kElected;
  stage.elected.push_back(candidate);
  if (remaining) {
    stage.elected_remaining.push_back(candidate);
  }
  result_.elected.push_back(candidate);
}

// 5.1.7, 5.3.13, 5.4.9: in descending order of votes, deem elected every continuing candidate
// who qualifies, up to the places left. Candidates level on votes are taken together; when
// they do not all fit, 5.6.2 chooses among them and nobody below them is considered.
void Ers97Count::ElectQualified(Stage& stage) {
  const std::vector<CandidateId> order = Descending();
  for (size_t i = 0; i < order.size() && PlacesLeft() > 0;) {
    const Value votes = votes_[order[i].index()];
    if (!Qualifies(votes)) {
      return;
    }
    size_t j = i;
    while (j < order.size() && votes_[order[j].index()] == votes) {
      ++j;
    }
    std::vector<CandidateId> level(order.begin() + static_cast<ptrdiff_t>(i),
                                   order.begin() + static_cast<ptrdiff_t>(j));
    if (level.size() > PlacesLeft()) {
      ElectSomeOfLevel(stage, std::move(level));
      return;
    }
    for (CandidateId c : level) {
      Elect(stage, c, /*remaining=*/false);
    }
    i = j;
  }
}

// 5.6.2: more candidates level than places: they are deemed elected in descending order of
// their votes at the earliest point of the count where they differed; those equal at every
// point are not deemed elected at this stage (no lot is drawn).
void Ers97Count::ElectSomeOfLevel(Stage& stage, std::vector<CandidateId> level) {
  const TieBreakRules history_only = WithoutLot(ties_);
  while (PlacesLeft() > 0 && level.size() > PlacesLeft()) {
    util::Result<TieRecord> first = BreakErs97Tie(level, /*most=*/true, history_only);
    if (!first.ok()) {
      return;
    }
    const CandidateId chosen = first->loser;
    level.erase(std::find(level.begin(), level.end(), chosen));
    Elect(stage, chosen, /*remaining=*/false);
    NoteTie(stage, std::move(first.value()));
  }
}

// 4.3, 5.5.1: when no more candidates continue than places remain, they are all deemed
// elected, most votes first.
void Ers97Count::ElectRemaining(Stage& stage) {
  for (CandidateId c : Descending()) {
    Elect(stage, c, /*remaining=*/true);
  }
}

// 5.4.8: while nobody is deemed elected, papers that become non-transferable leave the vote
// the quota is calculated from (as in 5.1.6).
void Ers97Count::RecalculateQuota() {
  if (!result_.elected.empty()) {
    return;
  }
  const Value lost = NonTransferable() - set_aside_;
  if (lost > Value()) {
    quota_ = QuotaOf(total_ - lost);
  }
}

// 5.2.3, 5.2.5, 5.6.2: the votes at the first stage and after every transfer of a batch,
// earliest first (forward), then a lot. `most`: the tie is for the greatest vote (a surplus,
// an election), so the record's `loser` is the candidate the tie favours.
util::Result<TieRecord> Ers97Count::BreakErs97Tie(std::span<const CandidateId> tied, bool most,
                                                  const TieBreakRules& rules) {
  std::vector<std::vector<Votes>> history = points_;
  if (most) {
    for (std::vector<Votes>& point : history) {
      for (Votes& v : point) {
        v = Votes::FromUnits(-v.units());
      }
    }
  }
  util::Result<TieRecord> record =
      BreakTie(tied, history, rules, lot_, ballots_.candidates, draws_);
  if (record.ok() && record->round_looked_at > 0) {
    record->round_looked_at = point_stage_[static_cast<size_t>(record->round_looked_at) - 1];
  }
  return record;
}

// A stage records every tie it breaks: the first in `tie`, the others in `more_ties`.
void Ers97Count::NoteTie(Stage& stage, TieRecord record) {
  if (!stage.tie.has_value()) {
    stage.tie = std::move(record);
  } else {
    stage.more_ties.push_back(std::move(record));
  }
}

// 5.2.5 (a) and (b): how many of the lowest continuing candidates may be excluded together:
// enough candidates must remain for the places left, and their votes with the deferred
// surpluses must not exceed the votes of the candidate next above. 0 when none may.
size_t Ers97Count::ExclusionSize(Value deferred) const {
  const std::vector<CandidateId> up = Ascending();
  size_t most = 0;
  Value together = deferred;
  for (size_t k = 1; k < up.size() && up.size() - k >= PlacesLeft(); ++k) {
    together += votes_[up[k - 1].index()];
    if (together <= votes_[up[k].index()]) {
      most = k;
    }
  }
  return most;
}

// 5.2.1, 5.2.2: transfer the largest surplus, unless the surpluses together do not exceed (a)
// the difference between the two lowest or (b) that between some lowest candidates who could
// be excluded under 5.2.5 and the next above: then they are deferred and candidates excluded.
util::Status Ers97Count::NextStage(Stage& stage) {
  const std::vector<CandidateId> pending = PendingSurpluses();
  Value total;
  for (CandidateId c : pending) {
    total += votes_[c.index()] - quota_;
  }
  if (!pending.empty() && ExclusionSize(total) == 0) {
    return TransferLargestSurplus(stage, pending);
  }
  stage.deferred = pending;
  return Exclude(stage, total);
}

// 5.2.3: the largest surplus; equal ones by the greatest vote at the earliest point where
// their candidates differed, then by lot.
util::Status Ers97Count::TransferLargestSurplus(Stage& stage,
                                                const std::vector<CandidateId>& pending) {
  std::vector<CandidateId> largest;
  for (CandidateId c : pending) {
    if (largest.empty() || votes_[c.index()] > votes_[largest.front().index()]) {
      largest = {c};
    } else if (votes_[c.index()] == votes_[largest.front().index()]) {
      largest.push_back(c);
    }
  }
  CandidateId from = largest.front();
  if (largest.size() > 1) {
    util::Result<TieRecord> tie = BreakErs97Tie(largest, /*most=*/true, ties_);
    if (!tie.ok()) {
      return tie.error();
    }
    from = tie->loser;
    NoteTie(stage, std::move(tie.value()));
  }
  TransferSurplus(stage, from);
  MarkPoint(stage.number);
  ElectQualified(stage);
  return {};
}

// 5.3: the papers examined are all the candidate's at the first stage (5.3.1), else the last
// batch received (5.3.2). Those with a next available preference move on: at the surplus over
// the number of transferable papers, rounded down to two places, when their value exceeds the
// surplus; else at the value they have (5.3.7).
void Ers97Count::TransferSurplus(Stage& stage, CandidateId from) {
  const size_t c = from.index();
  stage.decision = Decision::kSurplus;
  stage.surplus_of = from;
  const Value surplus = votes_[c] - quota_;
  Transfer& transfer = OpenTransfer(stage, from);
  transfer.votes = Display(surplus);
  CHECK(!batches_[c].empty());
  const std::vector<uint32_t> last = std::move(batches_[c].back());
  batches_[c].pop_back();
  std::vector<std::pair<uint32_t, size_t>> moving;
  std::vector<uint32_t> staying;
  Value papers;
  Value present;
  for (uint32_t entry : last) {
    if (const std::optional<size_t> to = NextPreference(entry); to.has_value()) {
      moving.emplace_back(entry, *to);
      papers += papers_[entry];
      present += credit_[entry];
    } else {
      staying.push_back(entry);
    }
  }
  const bool revalue = present > surplus;
  const Value transfer_value = revalue ? Value::Div(surplus, papers, Rounding::kDown) : Value();
  std::vector<bool> received(votes_.size(), false);
  Value moved;
  for (const auto& [entry, to] : moving) {
    if (revalue) {
      value_[entry] = transfer_value;
      credit_[entry] = Value::Mul(transfer_value, papers_[entry], Rounding::kDown);
    }
    by_section_[ballots_.section[entry].index()][c] -= credit_[entry];
    moved += credit_[entry];
    Receive(to, entry, received);
    Credit(to, entry, &transfer);
  }
  SettleSurplus(transfer, c, surplus - moved, revalue, staying);
  surplus_done_[c] = true;
}

// 5.3.9, 5.3.10: what of the surplus did not move is non-transferable: the non-transferable
// difference when the papers were revalued (the remainder ignored), else the share of the
// non-transferable papers (by their reasons, in proportion to their value). The candidate
// keeps the quota, taken from each section in proportion to what it still holds there.
void Ers97Count::SettleSurplus(Transfer& transfer, size_t from, Value rest, bool revalued,
                               std::span<const uint32_t> staying) {
  Value lost = rest;
  if (!revalued) {
    std::vector<int64_t> by_reason(exhausted_.size());
    for (uint32_t entry : staying) {
      by_reason[static_cast<size_t>(ballots_.end[entry])] += credit_[entry].units();
    }
    const int64_t held = std::accumulate(by_reason.begin(), by_reason.end(), int64_t{0});
    const int64_t share = std::min(held, rest.units());
    if (share > 0) {
      const std::vector<int64_t> shares = Apportion(share, by_reason);
      for (size_t r = 0; r < shares.size(); ++r) {
        exhausted_[r] += Value::FromUnits(shares[r]);
        transfer.exhausted[r] += Display(Value::FromUnits(shares[r]));
      }
      lost -= Value::FromUnits(share);
    }
  }
  loss_ += lost;
  transfer.loss = Display(lost);
  std::vector<int64_t> kept(by_section_.size());
  for (size_t s = 0; s < kept.size(); ++s) {
    kept[s] = by_section_[s][from].units();
  }
  if (rest > Value()) {
    const std::vector<int64_t> taken = Apportion(rest.units(), kept);
    for (size_t s = 0; s < kept.size(); ++s) {
      kept[s] -= taken[s];
    }
  }
  for (size_t s = 0; s < kept.size(); ++s) {
    by_section_[s][from] = Value::FromUnits(kept[s]);
  }
  votes_[from] = quota_;
}

// 5.2.5, 5.5.1: exclude as many of the lowest together as the rule allows; when that would
// leave no more continuing candidates than places, they are all deemed elected instead of any
// transfer.
util::Status Ers97Count::Exclude(Stage& stage, Value deferred) {
  stage.decision = Decision::kExclude;
  // With no surplus deferred the lowest alone always may go (5.2.5 (b) holds for one).
  const size_t count = std::max<size_t>(ExclusionSize(deferred), 1);
  util::Result<std::vector<CandidateId>> excluded = ChooseExcluded(stage, count);
  if (!excluded.ok()) {
    return excluded.error();
  }
  for (CandidateId c : *excluded) {
    state_[c.index()] = CandidateState::kExcluded;
  }
  stage.excluded = std::move(excluded.value());
  std::sort(stage.excluded.begin(), stage.excluded.end());
  if (Continuing().size() <= PlacesLeft()) {
    ElectRemaining(stage);
    return {};
  }
  TransferExcluded(stage);
  ElectQualified(stage);
  return {};
}

// The `count` candidates with the fewest votes; among candidates level at the edge, the
// fewest at the earliest point where they differed, then by lot (5.2.5), one at a time.
util::Result<std::vector<CandidateId>> Ers97Count::ChooseExcluded(Stage& stage, size_t count) {
  const std::vector<CandidateId> up = Ascending();
  CHECK(count >= 1 && count < up.size());
  const Value edge = votes_[up[count - 1].index()];
  std::vector<CandidateId> chosen;
  std::vector<CandidateId> level;
  for (CandidateId c : up) {
    if (votes_[c.index()] < edge) {
      chosen.push_back(c);
    } else if (votes_[c.index()] == edge) {
      level.push_back(c);
    }
  }
  while (chosen.size() + level.size() > count) {
    util::Result<TieRecord> tie = BreakErs97Tie(level, /*most=*/false, ties_);
    if (!tie.ok()) {
      return tie.error();
    }
    chosen.push_back(tie->loser);
    level.erase(std::find(level.begin(), level.end(), tie->loser));
    NoteTie(stage, std::move(tie.value()));
    if (chosen.size() == count) {
      return chosen;
    }
  }
  chosen.insert(chosen.end(), level.begin(), level.end());
  return chosen;
}

// 5.4.1-5.4.11: the excluded candidates' papers together, in batches of one value, highest
// first. After each batch the quota may fall (5.4.8) and candidates may be deemed elected
// (5.4.9), who then receive no more papers (5.4.10). Once every place is filled nothing more
// moves (5.5.2).
void Ers97Count::TransferExcluded(Stage& stage) {
  std::vector<Paper> papers;
  std::vector<size_t> slot(votes_.size(), kNone);
  for (CandidateId c : stage.excluded) {
    slot[c.index()] = stage.transfers.size();
    OpenTransfer(stage, c);
    for (const std::vector<uint32_t>& batch : batches_[c.index()]) {
      for (uint32_t entry : batch) {
        papers.push_back({entry, c.index()});
      }
    }
    batches_[c.index()].clear();
  }
  std::stable_sort(papers.begin(), papers.end(), [&](const Paper& a, const Paper& b) {
    return value_[a.entry] > value_[b.entry];
  });
  for (size_t i = 0; i < papers.size() && PlacesLeft() > 0;) {
    size_t j = i;
    while (j < papers.size() && value_[papers[j].entry] == value_[papers[i].entry]) {
      ++j;
    }
    MoveBatch(stage, std::span<const Paper>(papers).subspan(i, j - i), slot);
    MarkPoint(stage.number);
    RecalculateQuota();
    ElectQualified(stage);
    i = j;
  }
}

// 5.4.2-5.4.7: one batch: each paper to its next available preference at the value it has,
// or set aside as non-transferable.
void Ers97Count::MoveBatch(Stage& stage, std::span<const Paper> batch,
                           std::span<const size_t> slot) {
  std::vector<bool> received(votes_.size(), false);
  for (const Paper& paper : batch) {
    Transfer& transfer = stage.transfers[slot[paper.from]];
    votes_[paper.from] -= credit_[paper.entry];
    by_section_[ballots_.section[paper.entry].index()][paper.from] -= credit_[paper.entry];
    transfer.votes += Display(credit_[paper.entry]);
    const std::optional<size_t> to = NextPreference(paper.entry);
    if (!to.has_value()) {
      Exhaust(paper.entry, &transfer);
      continue;
    }
    Receive(*to, paper.entry, received);
    Credit(*to, paper.entry, &transfer);
  }
}

util::Result<Result> Ers97Count::Run() {
  if (Continuing().empty()) {
    return util::Error(util::ErrorCode::kCountFailed, "there is no candidate to count");
  }
  Stage& first = OpenStage();
  FirstStage(first);
  ElectQualified(first);
  if (Continuing().size() <= PlacesLeft()) {
    ElectRemaining(first);
  }
  Record(first);
  while (PlacesLeft() > 0 && !Continuing().empty()) {
    Stage& stage = OpenStage();
    if (util::Status acted = NextStage(stage); !acted.ok()) {
      return acted.error();
    }
    if (Continuing().size() <= PlacesLeft()) {
      ElectRemaining(stage);
    }
    Record(stage);
  }
  return std::move(result_);
}

util::Status CheckErs97(const BallotSet& ballots, const StvRules& rules) {
  if (rules.seats < 1) {
    return util::Error(util::ErrorCode::kInvalidArgument, "ERS97 needs at least one seat to fill");
  }
  if (rules.quota.has_value()) {
    return util::Error(util::ErrorCode::kInvalidArgument,
                       "ers97 fixes its own quota (5.1.6: the total valid vote divided by one "
                       "more than the seats, to two decimal places, rounded up)");
  }
  for (Votes weight : ballots.weight) {
    if (core::SignificantPlaces(weight.units(), ballots.places) > kPlaces) {
      return util::Error(util::ErrorCode::kUnsupported,
                         "ERS97 takes every value to two decimal places, and a ballot weight (" +
                             core::FormatVotes(weight, ballots.places) + ") has more");
    }
  }
  return {};
}

// ERS97's own tie rule (5.2.3, 5.2.5): the earliest point of the count where the candidates
// differed, then a lot.
TieBreakRules Ers97TieBreak(const StvRules& rules) {
  if (rules.custom_tie_break) {
    return rules.tie_break;
  }
  TieBreakRules ties;
  ties.steps = {TieStep::kForward, TieStep::kLot};
  return ties;
}

}  // namespace

util::Result<Result> CountErs97(const BallotSet& ballots, const StvRules& rules, const Lot* lot) {
  if (util::Status checked = CheckErs97(ballots, rules); !checked.ok()) {
    return checked.error();
  }
  TieBreakRules ties = Ers97TieBreak(rules);
  Ers97Count count(ballots, rules, ties, lot);
  util::Result<Result> result = count.Run();
  if (!result.ok()) {
    return result;
  }
  result->method = Method::kStv;
  result->preset = "ers97";
  result->seats = rules.seats;
  result->places = kPlaces;
  result->arithmetic =
      "fixed-point decimal, 2 places; quota rounded up, transfer values rounded down "
      "(ERS97 5.1.6, 5.3.7)";
  result->rule_text = {
      "Quota: the valid votes divided by one more than the seats, to two places, plus 0.01 "
      "unless exact (5.1.6); recalculated without the non-transferable votes while no one is "
      "elected (5.4.8). Elected: at the quota, or at the active vote divided by one more than "
      "the seats left (5.1.7, 5.3.13, 5.4.9).",
      "Surpluses: the largest first, deferred while together they could not change the "
      "lowest (5.2.2); at the first stage all the candidate's papers, later only the last "
      "batch received, at the surplus divided by the transferable papers, to two places "
      "rounded down (5.3).",
      "Exclusion: as many of the lowest together as cannot catch the next (5.2.5); their "
      "papers move in batches, highest value first, and a candidate elected by one batch "
      "receives no more (5.4).",
      "Last seats: when an exclusion would leave no more candidates than seats, they are "
      "elected (5.5.1)."};
  result->tie_break = std::move(ties);
  if (lot != nullptr) {
    result->lot = lot->Describe();
  }
  return result;
}

}  // namespace scrutineer::count
