#include "count/stv.h"

#include <algorithm>
#include <numeric>
#include <utility>

#include "core/number.h"
#include "count/ers97.h"
#include "count/meek.h"
#include "count/sb1288_stv.h"

namespace scrutineer::count {
namespace {

using core::BallotSet;
using core::Rounding;

// One distinct ballot (all its papers) in a candidate's pile, at the value each of its papers
// carries: 1 as a first preference, a transfer value after a surplus moved it.
template <typename N>
struct Parcel {
  uint32_t entry;
  N value;
};

// The votes a parcel gives: its weight (papers, or a decimal weight) times the value per
// paper. Exact for whole papers; a decimal weight times a fixed-point value is rounded down
// and the remainder joins the rounding loss.
template <typename N>
N Credit(Votes weight, int places, const N& value) {
  return N::Mul(N::FromVotes(weight, places), value, Rounding::kDown);
}

// A count's figure as reported: fixed point exactly; an exact fraction to the nearest unit.
template <int P>
Votes Show(const core::Fixed<P>& value, int places) {
  return value.ToVotes(places);
}
Votes Show(const core::Rational& value, int places) {
  return value.ToVotes(places, Rounding::kNearest);
}

// The weighted inclusive Gregory method, generic over the number type: Fixed<5> for the
// Scottish order, Rational for exact Gregory. Each stage is one action; the class holds the
// piles between stages.
template <typename N>
class GregoryCount {
 public:
  GregoryCount(const BallotSet& ballots, const StvRules& rules, QuotaKind quota, int places,
               const Lot* lot)
      : ballots_(ballots),
        rules_(rules),
        quota_kind_(quota),
        places_(places),
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
  void FirstStage(Stage& stage);
  util::Status NextStage(Stage& stage);
  void TransferSurplus(Stage& stage, CandidateId from);
  util::Status ExcludeLowest(Stage& stage);
  void MovePile(Stage& stage, CandidateId from, const N* surplus, const N& total);
  void Place(uint32_t entry, const N& value, Transfer* transfer, N& moved);
  void ElectAtQuota(Stage& stage);
  void ElectRemaining(Stage& stage);
  void Record(Stage& stage);
  util::Result<std::optional<CandidateId>> LargestSurplus(Stage& stage);

  N ComputeQuota() const;
  bool HasQuota(const N& votes) const {
    return quota_kind_ == QuotaKind::kDroop ? votes > quota_ : votes >= quota_;
  }
  std::vector<CandidateId> InState(CandidateState state) const;
  int SeatsLeft() const { return rules_.seats - static_cast<int>(result_.elected.size()); }
  bool Finished() const { return SeatsLeft() == 0 || InState(CandidateState::kContinuing).empty(); }
  util::Result<TieRecord> BreakStvTie(std::span<const CandidateId> tied, bool highest_first);
  Votes Display(const N& value) const { return Show(value, places_); }

  const BallotSet& ballots_;
  const StvRules& rules_;
  QuotaKind quota_kind_;
  int places_;
  const Lot* lot_;
  std::vector<CandidateState> state_;
  std::vector<N> votes_;
  std::vector<std::vector<Parcel<N>>> piles_;
  std::vector<uint32_t> position_;  // each entry's current place in prefs
  std::array<N, core::kExhaustionKinds> exhausted_{};
  N loss_;
  N quota_;
  std::vector<std::vector<N>> history_;  // every candidate's votes at the end of each stage
  Result result_;
  int draws_ = 0;
};

template <typename N>
std::vector<CandidateId> GregoryCount<N>::InState(CandidateState state) const {
  std::vector<CandidateId> found;
  for (size_t c = 0; c < state_.size(); ++c) {
    if (state_[c] == state) {
      found.emplace_back(static_cast<uint16_t>(c));
    }
  }
  return found;
}

// Scottish rule 46: the valid papers divided by one more than the seats, ignoring any
// decimal places, plus one. Gregory: the exact Droop or Hare quotient.
template <typename N>
N GregoryCount<N>::ComputeQuota() const {
  Votes total;
  for (Votes weight : ballots_.weight) {
    total += weight;
  }
  const N valid = N::FromVotes(total, ballots_.places);
  switch (quota_kind_) {
    case QuotaKind::kDroopWhole: {
      const int64_t whole = total.units() / core::UnitsPerVote(ballots_.places);
      return N::FromInt(whole / (rules_.seats + 1) + 1);
    }
    case QuotaKind::kDroop:
      return N::Div(valid, N::FromInt(rules_.seats + 1), Rounding::kUp);
    case QuotaKind::kHare:
      return N::Div(valid, N::FromInt(rules_.seats), Rounding::kUp);
  }
  UNREACHABLE();
}

// Moves `entry` to its next continuing preference at `value` per paper, or sets it aside as
// non-transferable; adds the votes it carries to `moved`.
template <typename N>
void GregoryCount<N>::Place(uint32_t entry, const N& value, Transfer* transfer, N& moved) {
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

// Rule 45: every paper counts at value one for its first continuing preference.
template <typename N>
void GregoryCount<N>::FirstStage(Stage& stage) {
  stage.decision = Decision::kFirstPreferences;
  const N one = N::FromInt(1);
  N moved;
  for (uint32_t entry = 0; entry < ballots_.size(); ++entry) {
    Place(entry, one, nullptr, moved);
  }
  // The first preferences by section, for declarations by section.
  stage.votes_by_section.assign(ballots_.sections.size(),
                                std::vector<Votes>(ballots_.candidates.size()));
  for (size_t c = 0; c < piles_.size(); ++c) {
    for (const Parcel<N>& parcel : piles_[c]) {
      stage.votes_by_section[ballots_.section[parcel.entry].index()][c] +=
          Display(Credit(ballots_.weight[parcel.entry], ballots_.places, one));
    }
  }
}

// Empties `from`'s pile onto the continuing candidates. With `surplus` (rule 48) each paper
// moves at surplus x its value / `total`, rounded down to the number's places, and `from`
// keeps the quota; without it (rule 50) each paper moves at the value it carries.
template <typename N>
void GregoryCount<N>::MovePile(Stage& stage, CandidateId from, const N* surplus, const N& total) {
  const size_t c = from.index();
  Transfer& transfer = stage.transfers.emplace_back();
  transfer.from = from;
  transfer.to.assign(votes_.size(), Votes());
  const N amount = surplus != nullptr ? *surplus : total;
  transfer.votes = Display(amount);
  std::vector<Parcel<N>> pile = std::move(piles_[c]);
  piles_[c].clear();
  votes_[c] = surplus != nullptr ? quota_ : N();
  N moved;
  const N* last_value = nullptr;  // papers arrive in runs of equal value: reuse the division
  N last_transfer_value;
  for (const Parcel<N>& parcel : pile) {
    if (surplus == nullptr) {
      Place(parcel.entry, parcel.value, &transfer, moved);
      continue;
    }
    if (last_value == nullptr || !(*last_value == parcel.value)) {
      last_transfer_value = N::MulDiv(*surplus, parcel.value, total, Rounding::kDown);
      last_value = &parcel.value;
    }
    Place(parcel.entry, last_transfer_value, &transfer, moved);
  }
  const N lost = amount - moved;
  loss_ += lost;
  transfer.loss = Display(lost);
}

template <typename N>
void GregoryCount<N>::TransferSurplus(Stage& stage, CandidateId from) {
  stage.decision = Decision::kSurplus;
  stage.surplus_of = from;
  const N total = votes_[from.index()];
  const N surplus = total - quota_;
  MovePile(stage, from, &surplus, total);
}

// Ties: the rule looks at the candidates' votes at the end of earlier stages. The history is
// passed to BreakTie as each candidate's rank at each stage (exact for any number type);
// for the order of surpluses the highest goes first, so ranks are negated.
template <typename N>
util::Result<TieRecord> GregoryCount<N>::BreakStvTie(std::span<const CandidateId> tied,
                                                     bool highest_first) {
  std::vector<std::vector<Votes>> ranks;
  for (const std::vector<N>& votes : history_) {
    std::vector<size_t> order(votes.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return votes[a] < votes[b]; });
    std::vector<Votes>& rank = ranks.emplace_back(votes.size());
    int64_t r = 0;
    for (size_t i = 0; i < order.size(); ++i) {
      r += (i > 0 && votes[order[i - 1]] < votes[order[i]]) ? 1 : 0;
      rank[order[i]] = Votes::FromUnits(highest_first ? -r : r);
    }
  }
  const TieBreakRules& tie_rules = result_.tie_break;
  return BreakTie(tied, ranks, tie_rules, lot_, ballots_.candidates, draws_);
}

// Rule 49: the largest surplus first; equal surpluses by the most recent stage at which the
// candidates' votes differed (the higher first), then by lot. Nothing when no elected
// candidate has a surplus.
template <typename N>
util::Result<std::optional<CandidateId>> GregoryCount<N>::LargestSurplus(Stage& stage) {
  std::vector<CandidateId> largest;
  for (CandidateId c : InState(CandidateState::kElected)) {
    const N& v = votes_[c.index()];
    if (!(v > quota_)) {
      continue;
    }
    if (largest.empty() || v > votes_[largest.front().index()]) {
      largest = {c};
    } else if (v == votes_[largest.front().index()]) {
      largest.push_back(c);
    }
  }
  if (largest.size() <= 1) {
    return largest.empty() ? std::nullopt : std::optional<CandidateId>(largest.front());
  }
  auto tie = BreakStvTie(largest, /*highest_first=*/true);
  if (!tie.ok()) {
    return tie.error();
  }
  stage.tie = std::move(tie.value());
  return std::optional<CandidateId>(stage.tie->loser);
}

// Rules 50 and 51: the continuing candidate with the fewest votes is excluded (equal lowest:
// the fewest at the most recent stage at which they differed, then by lot), and every paper
// they hold moves on at its value.
template <typename N>
util::Status GregoryCount<N>::ExcludeLowest(Stage& stage) {
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
    auto tie = BreakStvTie(lowest, /*highest_first=*/false);
    if (!tie.ok()) {
      return tie.error();
    }
    loser = tie->loser;
    stage.tie = std::move(tie.value());
  }
  stage.decision = Decision::kExclude;
  stage.excluded.push_back(loser);
  state_[loser.index()] = CandidateState::kExcluded;
  MovePile(stage, loser, nullptr, votes_[loser.index()]);
  return {};
}

// Rule 47: every continuing candidate at (or, exact Droop, above) the quota is deemed elected,
// most votes first. At most the seats left can: the quota is more than the valid votes
// divided by one more than the seats (Hare: equal shares of all of them).
template <typename N>
void GregoryCount<N>::ElectAtQuota(Stage& stage) {
  std::vector<CandidateId> reached;
  for (CandidateId c : InState(CandidateState::kContinuing)) {
    if (HasQuota(votes_[c.index()])) {
      reached.push_back(c);
    }
  }
  std::stable_sort(reached.begin(), reached.end(), [&](CandidateId a, CandidateId b) {
    return votes_[a.index()] > votes_[b.index()];
  });
  CHECK(static_cast<int>(reached.size()) <= SeatsLeft());
  for (CandidateId c : reached) {
    state_[c.index()] = CandidateState::kElected;
    stage.elected.push_back(c);
    result_.elected.push_back(c);
  }
}

// Rule 52: when no more candidates continue than seats remain, they are all deemed elected
// (most votes first) and nothing more is transferred.
template <typename N>
void GregoryCount<N>::ElectRemaining(Stage& stage) {
  std::vector<CandidateId> continuing = InState(CandidateState::kContinuing);
  if (SeatsLeft() == 0 || static_cast<int>(continuing.size()) > SeatsLeft()) {
    return;
  }
  std::stable_sort(continuing.begin(), continuing.end(), [&](CandidateId a, CandidateId b) {
    return votes_[a.index()] > votes_[b.index()];
  });
  for (CandidateId c : continuing) {
    state_[c.index()] = CandidateState::kElected;
    stage.elected.push_back(c);
    stage.elected_remaining.push_back(c);
    result_.elected.push_back(c);
  }
}

// Writes the votes after the stage's action into the stage, and keeps them for ties.
template <typename N>
void GregoryCount<N>::Record(Stage& stage) {
  stage.votes.resize(votes_.size());
  N continuing;
  for (size_t c = 0; c < votes_.size(); ++c) {
    stage.votes[c] = Display(votes_[c]);
    if (state_[c] == CandidateState::kContinuing) {
      continuing += votes_[c];
    }
  }
  stage.continuing = Display(continuing);
  stage.threshold = Display(quota_);
  for (size_t r = 0; r < exhausted_.size(); ++r) {
    stage.exhausted[r] = Display(exhausted_[r]);
  }
  stage.loss = Display(loss_);
  history_.push_back(votes_);
}

template <typename N>
util::Status GregoryCount<N>::NextStage(Stage& stage) {
  auto surplus = LargestSurplus(stage);
  if (!surplus.ok()) {
    return surplus.error();
  }
  if (surplus->has_value()) {
    TransferSurplus(stage, **surplus);
    return {};
  }
  return ExcludeLowest(stage);
}

template <typename N>
util::Result<Result> GregoryCount<N>::Run(Result result) {
  result_ = std::move(result);
  if (InState(CandidateState::kContinuing).empty()) {
    return util::Error(util::ErrorCode::kCountFailed, "there is no candidate to count");
  }
  quota_ = ComputeQuota();
  result_.quota = Display(quota_);
  while (true) {
    Stage& stage = result_.stages.emplace_back();
    stage.number = static_cast<int>(result_.stages.size());
    stage.state = state_;
    if (stage.number == 1) {
      FirstStage(stage);
    } else if (util::Status acted = NextStage(stage); !acted.ok()) {
      return acted.error();
    }
    ElectAtQuota(stage);
    ElectRemaining(stage);
    Record(stage);
    if (Finished()) {
      return std::move(result_);
    }
  }
}

// Places for reporting an exact count: as many as fit beside the whole votes in 64 bits (at
// most 12), never fewer than the ballots' own.
int RationalPlaces(const BallotSet& ballots) {
  Votes total;
  for (Votes weight : ballots.weight) {
    total += weight;
  }
  int digits = 1;
  for (int64_t whole = total.units() / core::UnitsPerVote(ballots.places); whole >= 10;
       whole /= 10) {
    ++digits;
  }
  return std::max(ballots.places, std::min(12, 17 - digits));
}

util::Status CheckRules(const BallotSet& ballots, const StvRules& rules) {
  if (rules.seats < 1) {
    return util::Error(util::ErrorCode::kInvalidArgument, "STV needs at least one seat to fill");
  }
  if (rules.preset == StvPreset::kScottish) {
    if (rules.quota.has_value()) {
      return util::Error(util::ErrorCode::kInvalidArgument,
                         "scottish-stv fixes its own quota (rule 46: the valid papers divided "
                         "by one more than the seats, ignoring decimals, plus one)");
    }
    if (ballots.places > 5) {
      return util::Error(util::ErrorCode::kInvalidArgument,
                         "scottish-stv counts to five decimal places, and the ballot weights "
                         "carry " +
                             std::to_string(ballots.places));
    }
  }
  if (rules.quota == QuotaKind::kDroopWhole) {
    return util::Error(util::ErrorCode::kInvalidArgument, "gregory takes a droop or a hare quota");
  }
  return {};
}

// The rulebook's own tie rules: Scottish rules 49(2) and 51(2) look back to the most recent
// stage at which the candidates differed, then draw lots.
TieBreakRules PresetTieBreak(const StvRules& rules) {
  if (rules.custom_tie_break) {
    return rules.tie_break;
  }
  TieBreakRules preset;  // backward, then lot
  preset.order = rules.tie_break.order;
  return preset;
}

Result Describe(const StvRules& rules, int places, const Lot* lot) {
  Result result;
  result.method = Method::kStv;
  result.seats = rules.seats;
  result.places = places;
  result.preset = std::string(StvPresetName(rules.preset));
  result.tie_break = PresetTieBreak(rules);
  if (lot != nullptr) {
    result.lot = lot->Describe();
  }
  return result;
}

util::Result<Result> CountScottish(const BallotSet& ballots, const StvRules& rules,
                                   const Lot* lot) {
  Result result = Describe(rules, 5, lot);
  result.arithmetic = "fixed-point decimal, 5 places; transfer values rounded down";
  result.rule_text = {
      "Quota: the valid votes divided by one more than the seats, ignoring any decimal "
      "places, plus one (rule 46); a candidate who reaches it is elected (rule 47).",
      "Surpluses: the largest first, one a stage; each of the candidate's papers moves at "
      "the surplus times its value divided by the candidate's votes, to five decimal "
      "places, any remainder ignored (rules 48, 49).",
      "Exclusion: the candidate with the fewest votes, one a stage, once no surplus is "
      "left; their papers move at the values they carry (rule 50).",
      "Last seats: when no more candidates continue than seats remain, they are elected "
      "and nothing more is transferred (rule 52)."};
  return GregoryCount<core::Fixed<5>>(ballots, rules, QuotaKind::kDroopWhole, 5, lot)
      .Run(std::move(result));
}

util::Result<Result> CountGregory(const BallotSet& ballots, const StvRules& rules, const Lot* lot) {
  const int places = RationalPlaces(ballots);
  Result result = Describe(rules, places, lot);
  result.arithmetic =
      "exact fractions; shown to the nearest at " + std::to_string(places) + " places";
  result.rule_text = {
      rules.quota == QuotaKind::kHare
          ? "Quota (Hare): the valid votes divided by the seats, exactly; a candidate who "
            "reaches it is elected."
          : "Quota (Droop): the valid votes divided by one more than the seats, exactly; a "
            "candidate who passes it is elected.",
      "Surpluses: the largest first, one a stage; each of the candidate's papers moves at "
      "the surplus times its value divided by the candidate's votes, exactly.",
      "Exclusion: the candidate with the fewest votes, one a stage, once no surplus is "
      "left; their papers move at the values they carry.",
      "Last seats: when no more candidates continue than seats remain, they are elected."};
  return GregoryCount<core::Rational>(ballots, rules, rules.quota.value_or(QuotaKind::kDroop),
                                      places, lot)
      .Run(std::move(result));
}

}  // namespace

std::optional<StvPreset> StvPresetNamed(std::string_view name) {
  if (name == "scottish-stv") {
    return StvPreset::kScottish;
  }
  if (name == "gregory") {
    return StvPreset::kGregory;
  }
  if (name == "ers97") {
    return StvPreset::kErs97;
  }
  if (name == "meek") {
    return StvPreset::kMeek;
  }
  if (name == "sb1288") {
    return StvPreset::kSb1288;
  }
  return std::nullopt;
}

std::string_view StvPresetName(StvPreset preset) {
  switch (preset) {
    case StvPreset::kScottish:
      return "scottish-stv";
    case StvPreset::kGregory:
      return "gregory";
    case StvPreset::kMeek:
      return "meek";
    case StvPreset::kErs97:
      return "ers97";
    case StvPreset::kSb1288:
      return "sb1288";
  }
  return "?";
}

std::optional<QuotaKind> QuotaKindNamed(std::string_view name) {
  if (name == "droop") {
    return QuotaKind::kDroop;
  }
  if (name == "hare") {
    return QuotaKind::kHare;
  }
  return std::nullopt;
}

util::Result<Result> CountStv(const BallotSet& ballots, const StvRules& rules, const Lot* lot) {
  switch (rules.preset) {
    case StvPreset::kScottish:
    case StvPreset::kGregory:
      if (util::Status checked = CheckRules(ballots, rules); !checked.ok()) {
        return checked.error();
      }
      return rules.preset == StvPreset::kScottish ? CountScottish(ballots, rules, lot)
                                                  : CountGregory(ballots, rules, lot);
    case StvPreset::kErs97:
      return CountErs97(ballots, rules, lot);  // which checks its own rules
    case StvPreset::kSb1288:
      return CountSb1288Stv(ballots, rules, rules.alternative_defeats, lot);
    case StvPreset::kMeek:
      return CountMeek(ballots, rules, lot);  // which checks its own rules
  }
  UNREACHABLE();
}

}  // namespace scrutineer::count
