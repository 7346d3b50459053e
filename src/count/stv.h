#pragma once
// The single transferable vote, by rule set (preset). Each preset is exact to its rulebook's
// arithmetic and is documented, clause by clause, in docs/methods/:
//
//   scottish-stv  the Scottish Local Government Elections Order 2007 (SSI 2007/42, Sch. 1
//                 rules 45-52): quota floor(V / (S + 1)) + 1; weighted inclusive Gregory
//                 surplus transfers, one surplus a stage, largest first; every transfer value
//                 to five decimal places, any remainder ignored; an excluded candidate's
//                 papers all move in one stage at the values they carry. (docs/methods/
//                 scottish-stv.md)
//   gregory       the same weighted inclusive Gregory method in exact rational arithmetic,
//                 with a Droop quota V / (S + 1) that a candidate passes by exceeding it, or a
//                 Hare quota V / S that a candidate reaches by equalling it.
//                 (docs/methods/gregory.md)
//   meek          Meek's method (count/meek.h, docs/methods/meek.md).
//   ers97         the Electoral Reform Society's 1997 rules (count/ers97.h,
//                 docs/methods/ers97.md).
//   sb1288        California SB 1288's STV (count/sb1288_stv.h, docs/methods/sb1288.md):
//                 counted in rounds, all surpluses of a round together.
//
// A stage is one action (the first preferences, one surplus, one exclusion); the result
// records every candidate's votes after it, the non-transferable papers and the rounding loss,
// who was deemed elected, and why (ties: what tied, the rule, the draw).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ballot_set.h"
#include "count/result.h"
#include "count/tie_break.h"
#include "util/result.h"

namespace scrutineer::count {

enum class StvPreset : uint8_t { kScottish, kGregory, kMeek, kErs97, kSb1288 };

enum class QuotaKind : uint8_t {
  kDroopWhole,  // floor(V / (S + 1)) + 1, reached by equalling it (scottish-stv)
  kDroop,       // V / (S + 1), exact, passed only by exceeding it
  kHare,        // V / S, exact, reached by equalling it
};

// sb1288: the reference implementation's alternative defeats (docs/methods/sb1288.md): defeat
// at once the largest group of lowest candidates that cannot change who is elected,
// deferring any surplus.
struct AlternativeDefeats {
  bool always = false;  // in every round (default false: the bill's rule, one defeat a round)
  // Decided round by round: when not empty, round r uses rounds[r - 1] (false past its end),
  // and `always` is not used.
  std::vector<bool> rounds;

  bool InRound(int round) const {
    if (rounds.empty()) {
      return always;
    }
    const auto index = static_cast<size_t>(round - 1);
    return index < rounds.size() && rounds[index];
  }
};

struct StvRules {
  StvPreset preset = StvPreset::kScottish;
  int seats = 1;  // at least 1
  // The quota, for presets that let it be chosen (gregory: kDroop by default, or kHare). The
  // other presets fix their own and refuse another.
  std::optional<QuotaKind> quota;
  // How ties are broken (for exclusion, between equal surpluses). Each preset's rulebook names
  // its own; CountStv uses them unless `custom_tie_break`.
  TieBreakRules tie_break;
  bool custom_tie_break = false;
  // sb1288 only.
  AlternativeDefeats alternative_defeats;
};

// "scottish-stv", "gregory", "meek", "ers97", "sb1288". Nothing for an unknown name.
std::optional<StvPreset> StvPresetNamed(std::string_view name);
std::string_view StvPresetName(StvPreset preset);
std::optional<QuotaKind> QuotaKindNamed(std::string_view name);  // "droop", "hare"

// Counts `ballots` by STV under `rules`. `lot` may be null when no tie needs one. Fails (with a
// message naming what) when there is no candidate, a quota is chosen that the preset fixes,
// the ballots' weights carry more decimal places than the preset's arithmetic, or a tie
// cannot be broken.
util::Result<Result> CountStv(const core::BallotSet& ballots, const StvRules& rules,
                              const Lot* lot);

}  // namespace scrutineer::count
