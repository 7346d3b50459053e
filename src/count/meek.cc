#include "count/meek.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <span>
#include <string>
#include <vector>

#include "core/number.h"
#include "util/hash.h"
#include "util/int128.h"

namespace scrutineer::count {
namespace {

using core::BallotSet;
using core::Rounding;
using util::Uint128;
using Fixed9 = core::Fixed<kMeekPlaces>;

// Values are held as units of 10^-9: a whole ballot, or a keep value of 1, is kOne.
constexpr int64_t kOne = 1'000'000'000;
// PRF rule A: omega = 0.000001. The iteration stops once the total surplus is below it.
constexpr int64_t kOmega = 1'000;
constexpr uint32_t kNoParent = std::numeric_limits<uint32_t>::max();

// PRF rule B.2.a: the part of a ballot's weight `weight` that a candidate with keep value
// `keep` keeps, "to 9 decimal places, rounded up". Both are at most kOne, so the product fits
// 64 bits. Once excluded (keep 0) a candidate keeps nothing; a hopeful one (keep 1) keeps all.
inline uint64_t KeepShare(uint64_t weight, uint64_t keep) {
  return (weight * keep + static_cast<uint64_t>(kOne) - 1) / static_cast<uint64_t>(kOne);
}

// An open-addressing map from 64-bit keys to 32-bit values: the paths and stops of a count.
class PathIndex {
 public:
  // The value stored under `key`; when there is none, stores and returns `fresh`.
  uint32_t FindOrAdd(uint64_t key, uint32_t fresh) {
    if ((used_ + 1) * 2 > keys_.size()) {
      Grow();
    }
    const size_t mask = keys_.size() - 1;
    for (size_t slot = util::MixWord(key, kSeed) & mask;; slot = (slot + 1) & mask) {
      if (keys_[slot] == key) {
        return values_[slot];
      }
      if (keys_[slot] == kEmpty) {
        keys_[slot] = key;
        values_[slot] = fresh;
        ++used_;
        return fresh;
      }
    }
  }

 private:
  static constexpr uint64_t kEmpty = std::numeric_limits<uint64_t>::max();
  static constexpr uint64_t kSeed = 0x9E3779B97F4A7C15ULL;

  void Grow() {
    std::vector<uint64_t> keys = std::move(keys_);
    std::vector<uint32_t> values = std::move(values_);
    keys_.assign(std::max<size_t>(1024, keys.size() * 2), kEmpty);
    values_.assign(keys_.size(), 0);
    used_ = 0;
    for (size_t i = 0; i < keys.size(); ++i) {
      if (keys[i] != kEmpty) {
        FindOrAdd(keys[i], values[i]);
      }
    }
  }

  std::vector<uint64_t> keys_;
  std::vector<uint32_t> values_;
  size_t used_ = 0;
};

// The distinct ballots of one round, grouped by what Meek's rule can tell apart in it. While a
// round lasts, a hopeful candidate keeps all of the weight reaching them (keep value 1) and an
// excluded or withdrawn one none (keep value 0). So a ballot's path through the round is fixed
// by its section, the elected candidates it meets before its first hopeful candidate, and
// where it stops: at that hopeful candidate, or at its end. Every ballot on a path has the same
// weight at each step, rounded as the rule rounds one ballot; a path multiplies that by the
// total weight of its ballots, which is exact. The rounding is the per-ballot rule's, and the
// cost of an iteration is the number of paths, not of ballots.
//
// Between rounds only the ballots stopped at a candidate who was elected or excluded move
// (elected and excluded candidates stay so), so Update walks those ballots on and no others.
class Groups {
 public:
  // A node is a path: a section's root (nodes 0 .. sections - 1), or a node's path followed by
  // one more elected candidate. A parent comes before its children.
  struct Node {
    uint32_t parent = kNoParent;
    uint16_t candidate = 0;  // the elected candidate the path ends with (roots: unused)
    uint16_t section = 0;
    int64_t weight = 0;  // total weight of the ballots on the path, in the ballots' units
  };
  // Ballots that leave a node's path: at a hopeful candidate, or at their end (a reason).
  struct Stop {
    uint32_t node = 0;
    uint16_t index = 0;  // the hopeful candidate, or the core::Exhaustion
    int64_t weight = 0;
    uint32_t first = kNoEntry;  // at a hopeful candidate: the first of its ballots (a list)
  };

  explicit Groups(const BallotSet& ballots) : ballots_(ballots) {}

  // Groups every ballot for candidates in `state`.
  void Build(std::span<const CandidateState> state);
  // Regroups for `state`, which differs from the last only in candidates who were hopeful and
  // are now elected or excluded.
  void Update(std::span<const CandidateState> state);

  const std::vector<Node>& nodes() const { return nodes_; }
  const std::vector<Stop>& at_hopeful() const { return at_hopeful_; }
  const std::vector<Stop>& at_end() const { return at_end_; }

 private:
  static constexpr uint32_t kNoEntry = std::numeric_limits<uint32_t>::max();
  enum class Kind : uint64_t { kElected = 0, kHopeful = 1, kEnd = 2 };
  static uint64_t Key(uint32_t node, Kind kind, uint16_t index) {
    return (uint64_t{node} << 18) | (static_cast<uint64_t>(kind) << 16) | index;
  }
  void Walk(uint32_t entry, uint32_t node, uint32_t position);
  void MoveOn(uint16_t candidate);
  uint32_t Child(uint32_t node, uint16_t candidate, int64_t weight);
  uint32_t StopAt(std::vector<Stop>& stops, uint32_t node, Kind kind, uint16_t index,
                  int64_t weight);

  const BallotSet& ballots_;
  std::vector<CandidateState> state_;  // the states the groups are for
  std::vector<Node> nodes_;
  std::vector<Stop> at_hopeful_;
  std::vector<Stop> at_end_;
  PathIndex index_;
  std::vector<uint32_t> position_;               // where each ballot stopped at a hopeful candidate
  std::vector<uint32_t> next_;                   // the next ballot stopped at the same place
  std::vector<std::vector<uint32_t>> stops_of_;  // each candidate's stops in at_hopeful_
};

void Groups::Build(std::span<const CandidateState> state) {
  state_.assign(state.begin(), state.end());
  nodes_.assign(ballots_.sections.size(), Node{});
  for (size_t s = 0; s < nodes_.size(); ++s) {
    nodes_[s].section = static_cast<uint16_t>(s);
  }
  stops_of_.assign(state.size(), {});
  position_.assign(ballots_.size(), 0);
  next_.assign(ballots_.size(), kNoEntry);
  for (size_t entry = 0; entry < ballots_.size(); ++entry) {
    Walk(static_cast<uint32_t>(entry), ballots_.section[entry].value, ballots_.start[entry]);
  }
}

void Groups::Update(std::span<const CandidateState> state) {
  std::vector<uint16_t> changed;
  for (size_t c = 0; c < state.size(); ++c) {
    if (state[c] == state_[c]) {
      continue;
    }
    CHECK(state_[c] == CandidateState::kContinuing);
    changed.push_back(static_cast<uint16_t>(c));
  }
  state_.assign(state.begin(), state.end());
  for (uint16_t c : changed) {
    MoveOn(c);
  }
}

// The ballots stopped at `candidate`, no longer hopeful, go on from there.
void Groups::MoveOn(uint16_t candidate) {
  for (uint32_t at : stops_of_[candidate]) {
    uint32_t entry = at_hopeful_[at].first;
    at_hopeful_[at].weight = 0;
    at_hopeful_[at].first = kNoEntry;
    while (entry != kNoEntry) {
      const uint32_t next = next_[entry];
      Walk(entry, at_hopeful_[at].node, position_[entry]);
      entry = next;
    }
  }
  stops_of_[candidate].clear();
}

// Follows one ballot from `position` in its ranking, on the path `node`: past excluded and
// withdrawn candidates, along elected ones, to its first hopeful candidate or its end.
void Groups::Walk(uint32_t entry, uint32_t node, uint32_t position) {
  const int64_t weight = ballots_.weight[entry].units();
  for (uint32_t p = position; p < ballots_.start[entry + 1]; ++p) {
    const uint16_t c = ballots_.prefs[p].value;
    if (state_[c] == CandidateState::kContinuing) {
      const uint32_t at = StopAt(at_hopeful_, node, Kind::kHopeful, c, weight);
      position_[entry] = p;
      next_[entry] = at_hopeful_[at].first;
      at_hopeful_[at].first = entry;
      return;
    }
    if (state_[c] == CandidateState::kElected) {
      node = Child(node, c, weight);
    }
  }
  StopAt(at_end_, node, Kind::kEnd, static_cast<uint16_t>(ballots_.end[entry]), weight);
}

uint32_t Groups::Child(uint32_t node, uint16_t candidate, int64_t weight) {
  const auto fresh = static_cast<uint32_t>(nodes_.size());
  const uint32_t child = index_.FindOrAdd(Key(node, Kind::kElected, candidate), fresh);
  if (child == fresh) {
    nodes_.push_back({node, candidate, nodes_[node].section, 0});
  }
  nodes_[child].weight += weight;
  return child;
}

uint32_t Groups::StopAt(std::vector<Stop>& stops, uint32_t node, Kind kind, uint16_t index,
                        int64_t weight) {
  const auto fresh = static_cast<uint32_t>(stops.size());
  const uint32_t at = index_.FindOrAdd(Key(node, kind, index), fresh);
  if (at == fresh) {
    stops.push_back({node, index, 0, kNoEntry});
    if (kind == Kind::kHopeful) {
      stops_of_[index].push_back(at);
    }
  }
  stops[at].weight += weight;
  return at;
}

// The rules in words, one sentence each, for the declaration.
std::vector<std::string> RuleText() {
  std::vector<std::string> text;
  text.emplace_back(
      "Keep values: each candidate keeps a share of every vote that reaches them (all of it "
      "while hopeful, none once excluded, and once elected just enough to hold the quota) and "
      "passes the rest to the next preference; each share is rounded up to nine decimal "
      "places.");
  text.emplace_back(
      "Quota: the votes held by all candidates divided by one more than the seats, to nine "
      "decimal places, plus 0.000000001; it falls as votes become non-transferable. A "
      "candidate who reaches it is elected.");
  text.emplace_back(
      "Surpluses: the elected candidates' keep values are recalculated, and every ballot "
      "counted again, until their surpluses total less than 0.000001.");
  text.emplace_back(
      "Exclusion: then the hopeful candidate with the fewest votes is excluded; any within the "
      "total surplus of the fewest are tied with them.");
  text.emplace_back(
      "Last seats: when no more candidates are hopeful than seats remain, they are elected.");
  return text;
}

// The tie rules: the count's own when given, else the default (earlier stages, then a lot).
TieBreakRules TieRules(const StvRules& rules) {
  if (rules.custom_tie_break) {
    return rules.tie_break;
  }
  TieBreakRules rules_default;
  rules_default.order = rules.tie_break.order;  // unused by the default steps; kept for the record
  return rules_default;
}

// One count by Meek's method. Clause letters are those of the PRF reference rule
// (docs/methods/meek.md).
class MeekCount {
 public:
  MeekCount(const BallotSet& ballots, const StvRules& rules, const Lot* lot)
      : ballots_(ballots),
        rules_(rules),
        lot_(lot),
        tie_rules_(TieRules(rules)),
        candidates_(ballots.candidates.size()),
        state_(candidates_, CandidateState::kContinuing),
        keep_(candidates_, kOne),
        votes_(candidates_, 0),
        kept_(candidates_, 0),
        groups_(ballots) {
    for (CandidateId c : ballots.withdrawn) {
      state_[c.index()] = CandidateState::kWithdrawn;
      keep_[c.index()] = 0;
    }
  }

  util::Result<Result> Run();

 private:
  void Describe();
  util::Status Validate();
  void CountFirstPreferences();
  util::Status PlayRound();
  bool Iterate(Stage& stage);
  void Distribute(std::span<Uint128> kept, size_t stride);
  void TakeVotes();
  void UpdateQuota();
  bool ElectWinners(Stage& stage);
  int64_t TotalSurplus() const;
  void UpdateKeepValues();
  util::Status ExcludeLowest(Stage& stage);
  void CompleteCount(Stage& stage);
  Stage& OpenStage(Decision decision);
  void RecordFigures(Stage& stage);
  void Elect(Stage& stage, std::vector<CandidateId> candidates);
  std::vector<CandidateId> InState(CandidateState state) const;
  int SeatsLeft() const { return rules_.seats - static_cast<int>(result_.elected.size()); }
  Votes AsVotes(int64_t units) const { return Votes::FromUnits(units); }

  const BallotSet& ballots_;
  const StvRules& rules_;
  const Lot* lot_;
  const TieBreakRules tie_rules_;
  const size_t candidates_;
  int64_t scale_ = 1;  // 10^ballots.places: kept_ is in units of 10^-9 / scale_
  int64_t total_ = 0;  // all the ballots' weight, in units of 10^-9
  std::vector<CandidateState> state_;
  std::vector<int64_t> keep_;   // keep values, units of 10^-9
  std::vector<int64_t> votes_;  // votes at the last distribution, units of 10^-9
  std::vector<Uint128> kept_;   // what each candidate kept, units of 10^-9 / scale_
  std::vector<Uint128> kept_by_section_;
  std::vector<int64_t> out_;  // weight leaving each path node (units of 10^-9 of a ballot)
  int64_t quota_ = 0;
  int64_t surplus_ = 0;
  Groups groups_;
  std::vector<std::vector<Votes>> history_;  // votes at the end of each stage
  Result result_;
  int draws_ = 0;
};

util::Status MeekCount::Validate() {
  if (rules_.seats < 1) {
    return util::Error(util::ErrorCode::kInvalidArgument, "there must be at least one seat",
                       "seats");
  }
  if (rules_.quota.has_value() && *rules_.quota != QuotaKind::kDroop) {
    return util::Error(util::ErrorCode::kInvalidArgument,
                       "Meek's method uses its own quota (Droop's, recomputed as votes become "
                       "non-transferable); another cannot be chosen",
                       "quota");
  }
  if (ballots_.places > kMeekPlaces) {
    return util::Error(util::ErrorCode::kUnsupported,
                       "ballot weights have " + std::to_string(ballots_.places) +
                           " decimal places; Meek's method counts to " +
                           std::to_string(kMeekPlaces));
  }
  scale_ = core::detail::Pow10(ballots_.places);
  util::Int128 total = 0;
  for (Votes weight : ballots_.weight) {
    total += weight.units();
  }
  total *= core::detail::Pow10(kMeekPlaces - ballots_.places);
  if (total > std::numeric_limits<int64_t>::max()) {
    return util::Error(util::ErrorCode::kUnsupported,
                       "the ballots' total weight is too large to count to 9 decimal places");
  }
  total_ = static_cast<int64_t>(total);
  if (InState(CandidateState::kContinuing).empty()) {
    return util::Error(util::ErrorCode::kCountFailed, "there is no candidate to count");
  }
  return {};
}

std::vector<CandidateId> MeekCount::InState(CandidateState state) const {
  std::vector<CandidateId> in_state;
  for (size_t c = 0; c < candidates_; ++c) {
    if (state_[c] == state) {
      in_state.emplace_back(static_cast<uint16_t>(c));
    }
  }
  return in_state;
}

// PRF B.2.a for every ballot at once, over the round's paths (Groups): each path's weight
// after each elected candidate on it, and what that candidate keeps of it, rounded up per
// ballot, times the weight of the ballots on the path. `stride` 0 adds up by candidate, the
// number of candidates adds up by section and candidate.
void MeekCount::Distribute(std::span<Uint128> kept, size_t stride) {
  std::fill(kept.begin(), kept.end(), Uint128{0});
  const std::vector<Groups::Node>& nodes = groups_.nodes();
  out_.resize(nodes.size());
  for (size_t n = 0; n < ballots_.sections.size(); ++n) {
    out_[n] = kOne;  // "set ballot weight w to 1"
  }
  for (size_t n = ballots_.sections.size(); n < nodes.size(); ++n) {
    const Groups::Node& node = nodes[n];
    const auto in = static_cast<uint64_t>(out_[node.parent]);
    const uint64_t share = KeepShare(in, static_cast<uint64_t>(keep_[node.candidate]));
    kept[node.section * stride + node.candidate] +=
        Uint128{share} * static_cast<uint64_t>(node.weight);
    out_[n] = static_cast<int64_t>(in - share);  // "reduce w by the same amount"
  }
  for (const Groups::Stop& stop : groups_.at_hopeful()) {
    const auto in = static_cast<uint64_t>(out_[stop.node]);
    const uint64_t share = KeepShare(in, static_cast<uint64_t>(keep_[stop.index]));
    kept[nodes[stop.node].section * stride + stop.index] +=
        Uint128{share} * static_cast<uint64_t>(stop.weight);
  }
}

// Each candidate's vote v, to 9 places: what they kept, exact, truncated. With whole-number
// weights (scale 1) nothing is truncated.
void MeekCount::TakeVotes() {
  for (size_t c = 0; c < candidates_; ++c) {
    votes_[c] = static_cast<int64_t>(kept_[c] / static_cast<uint64_t>(scale_));
  }
}

// PRF B.2.b: the quota is the sum of the votes divided by one more than the seats, truncated
// to 9 places, plus 0.000000001.
void MeekCount::UpdateQuota() {
  const int64_t sum = std::accumulate(votes_.begin(), votes_.end(), int64_t{0});
  quota_ = sum / (int64_t{rules_.seats} + 1) + 1;
}

void MeekCount::Elect(Stage& stage, std::vector<CandidateId> candidates) {
  std::stable_sort(candidates.begin(), candidates.end(), [&](CandidateId a, CandidateId b) {
    return votes_[a.index()] > votes_[b.index()];
  });
  for (CandidateId c : candidates) {
    state_[c.index()] = CandidateState::kElected;
    stage.elected.push_back(c);
    result_.elected.push_back(c);
  }
}

// PRF B.2.c: every hopeful candidate with at least the quota is elected. At most the seats
// left can be: the quota is more than the votes of all candidates / (seats + 1), and the
// elected hold about a quota each.
bool MeekCount::ElectWinners(Stage& stage) {
  std::vector<CandidateId> winners;
  for (CandidateId c : InState(CandidateState::kContinuing)) {
    if (votes_[c.index()] >= quota_) {
      winners.push_back(c);
    }
  }
  CHECK(static_cast<int>(winners.size()) <= SeatsLeft());
  Elect(stage, std::move(winners));
  return !stage.elected.empty();
}

// PRF B.2.d: the sum of the elected candidates' surpluses (v - q), not less than 0.
int64_t MeekCount::TotalSurplus() const {
  int64_t surplus = 0;
  for (size_t c = 0; c < candidates_; ++c) {
    if (state_[c] == CandidateState::kElected) {
      surplus += votes_[c] - quota_;
    }
  }
  return std::max<int64_t>(surplus, 0);
}

// PRF B.2.f: each elected candidate's keep value times the quota (rounded up), divided by their
// vote (rounded up).
void MeekCount::UpdateKeepValues() {
  for (size_t c = 0; c < candidates_; ++c) {
    if (state_[c] != CandidateState::kElected) {
      continue;
    }
    CHECK(votes_[c] > 0);
    const Fixed9 scaled =
        Fixed9::Mul(Fixed9::FromUnits(keep_[c]), Fixed9::FromUnits(quota_), Rounding::kUp);
    keep_[c] = Fixed9::Div(scaled, Fixed9::FromUnits(votes_[c]), Rounding::kUp).units();
    // The elected hold at least the quota between iterations (Meek's votes converge from
    // above), so keep values only fall; a keep value above 1 would give a ballot away twice.
    CHECK(keep_[c] > 0 && keep_[c] <= kOne);
  }
}

// PRF B.2: iterates until a candidate is elected (true) or the surplus settles (false).
bool MeekCount::Iterate(Stage& stage) {
  int64_t last_surplus = 0;
  for (bool first = true;; first = false) {
    ++stage.iterations;
    Distribute(kept_, 0);
    TakeVotes();
    UpdateQuota();
    if (ElectWinners(stage)) {
      return true;  // B.2.e: "if step B.2.c elected a candidate, continue at B.1"
    }
    surplus_ = TotalSurplus();
    // B.2.e: done when the surplus is below omega or, after the first iteration, no longer
    // falls (the arithmetic's limit).
    if (surplus_ < kOmega || (!first && surplus_ >= last_surplus)) {
      return false;
    }
    last_surplus = surplus_;
    UpdateKeepValues();
  }
}

Stage& MeekCount::OpenStage(Decision decision) {
  Stage& stage = result_.stages.emplace_back();
  stage.number = static_cast<int>(result_.stages.size());
  stage.state = state_;
  stage.decision = decision;
  return stage;
}

// The figures after the stage's last distribution: votes (overall and by section), keep
// values, the quota, and the weight left on ballots whose preferences ran out (by the reason
// they ran out). Whole-number weights lose nothing; decimal weights lose what truncating each
// candidate's vote and each reason's total to 9 places drops.
void MeekCount::RecordFigures(Stage& stage) {
  const size_t sections = ballots_.sections.size();
  kept_by_section_.resize(sections * candidates_);
  Distribute(kept_by_section_, candidates_);
  stage.votes_by_section.assign(sections, std::vector<Votes>(candidates_));
  for (size_t s = 0; s < sections; ++s) {
    for (size_t c = 0; c < candidates_; ++c) {
      stage.votes_by_section[s][c] = AsVotes(static_cast<int64_t>(
          kept_by_section_[s * candidates_ + c] / static_cast<uint64_t>(scale_)));
    }
  }
  std::array<Uint128, core::kExhaustionKinds> left{};
  for (const Groups::Stop& stop : groups_.at_end()) {
    left[stop.index] +=
        Uint128{static_cast<uint64_t>(out_[stop.node])} * static_cast<uint64_t>(stop.weight);
  }
  int64_t accounted = 0;
  for (size_t r = 0; r < left.size(); ++r) {
    stage.exhausted[r] = AsVotes(static_cast<int64_t>(left[r] / static_cast<uint64_t>(scale_)));
    accounted += stage.exhausted[r].units();
  }
  for (size_t c = 0; c < candidates_; ++c) {
    stage.votes.push_back(AsVotes(votes_[c]));
    stage.keep.push_back(AsVotes(keep_[c]));
    accounted += votes_[c];
    if (state_[c] == CandidateState::kContinuing) {
      stage.continuing += AsVotes(votes_[c]);
    }
  }
  CHECK(accounted <= total_);
  stage.loss = AsVotes(total_ - accounted);
  stage.threshold = AsVotes(quota_);
}

// PRF A and the count's opening figures: every hopeful candidate's keep value is 1, so each
// ballot counts whole for its first hopeful preference. The quota is that of all the ballots.
void MeekCount::CountFirstPreferences() {
  groups_.Build(state_);
  Distribute(kept_, 0);
  TakeVotes();
  quota_ = total_ / (int64_t{rules_.seats} + 1) + 1;
  Stage& stage = OpenStage(Decision::kFirstPreferences);
  RecordFigures(stage);
  result_.quota = stage.threshold;
  history_.push_back(stage.votes);
}

// PRF B.3: excludes the hopeful candidate with the fewest votes. Every hopeful candidate
// within the total surplus of the lowest is tied with them (the surplus not yet distributed
// could separate them either way); rule T breaks the tie.
util::Status MeekCount::ExcludeLowest(Stage& stage) {
  const std::vector<CandidateId> hopeful = InState(CandidateState::kContinuing);
  int64_t lowest = votes_[hopeful.front().index()];
  for (CandidateId c : hopeful) {
    lowest = std::min(lowest, votes_[c.index()]);
  }
  std::vector<CandidateId> tied;
  for (CandidateId c : hopeful) {
    if (votes_[c.index()] <= lowest + surplus_) {
      tied.push_back(c);
    }
  }
  CandidateId loser = tied.front();
  if (tied.size() > 1) {
    auto tie = BreakTie(tied, history_, tie_rules_, lot_, ballots_.candidates, draws_);
    if (!tie.ok()) {
      return tie.error();
    }
    loser = tie->loser;
    stage.tie = std::move(tie.value());
  }
  state_[loser.index()] = CandidateState::kExcluded;
  keep_[loser.index()] = 0;
  stage.excluded.push_back(loser);
  stage.decision = Decision::kExclude;
  return {};
}

// PRF B.1 to B.4: one round, a stage of the result.
util::Status MeekCount::PlayRound() {
  Stage& stage = OpenStage(Decision::kMeekRound);
  groups_.Update(state_);
  const bool elected = Iterate(stage);
  RecordFigures(stage);
  if (!elected) {
    if (util::Status excluded = ExcludeLowest(stage); !excluded.ok()) {
      return excluded;
    }
  }
  history_.push_back(stage.votes);
  return {};
}

// PRF C: the count is complete. C.1: if seats remain, the hopeful candidates are elected;
// C.2: otherwise they are excluded.
void MeekCount::CompleteCount(Stage& stage) {
  const std::vector<CandidateId> hopeful = InState(CandidateState::kContinuing);
  if (SeatsLeft() > 0) {
    const size_t before = stage.elected.size();
    Elect(stage, hopeful);
    stage.elected_remaining.assign(stage.elected.begin() + static_cast<long>(before),
                                   stage.elected.end());
    return;
  }
  for (CandidateId c : hopeful) {
    state_[c.index()] = CandidateState::kExcluded;
    keep_[c.index()] = 0;
    stage.excluded.push_back(c);
  }
}

// What the result says of the rules, for the declaration.
void MeekCount::Describe() {
  result_.method = Method::kStv;
  result_.preset = "meek";
  result_.seats = rules_.seats;
  result_.places = kMeekPlaces;
  result_.tie_break = tie_rules_;
  result_.arithmetic =
      "fixed-point decimal, 9 places; the part of a ballot each candidate keeps rounded up; "
      "quota = votes / (seats + 1) truncated, plus 0.000000001; keep value x quota rounded up, "
      "then / votes rounded up; iteration until the surplus is below 0.000001 or stops falling";
  result_.rule_text = RuleText();
  if (lot_ != nullptr) {
    result_.lot = lot_->Describe();
  }
}

util::Result<Result> MeekCount::Run() {
  Describe();
  if (util::Status valid = Validate(); !valid.ok()) {
    return valid.error();
  }
  CountFirstPreferences();
  // B.1: rounds go on while seats remain and more candidates are hopeful than seats remain.
  while (SeatsLeft() > 0 &&
         static_cast<int>(InState(CandidateState::kContinuing).size()) > SeatsLeft()) {
    if (util::Status played = PlayRound(); !played.ok()) {
      return played.error();
    }
  }
  CompleteCount(result_.stages.back());
  return std::move(result_);
}

}  // namespace

util::Result<Result> CountMeek(const core::BallotSet& ballots, const StvRules& rules,
                               const Lot* lot) {
  return MeekCount(ballots, rules, lot).Run();
}

}  // namespace scrutineer::count
