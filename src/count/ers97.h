#pragma once
// The single transferable vote under the Electoral Reform Society's 1997 rules (ERS97: R. A.
// Newland and F. S. Britton, "How to conduct an election by the Single Transferable Vote",
// 3rd edition, 1997, section 5). docs/methods/ers97.md states every clause and how this code
// applies it.
//
// In short: every value to two decimal places; the quota is the total valid vote over one
// more than the seats, rounded up to the next hundredth unless exact (5.1.6), and reduced
// while nobody is elected if papers become non-transferable (5.4.8). A candidate is deemed
// elected on reaching the quota, or the total active vote over one more than the places left
// (5.1.7(b)). A surplus moves only the last batch of papers its candidate received, at
// surplus / transferable papers rounded down (or their present value when that is less), the
// remainder being the non-transferable difference (5.3); small surpluses are deferred while
// the lowest candidates could be excluded anyway (5.2.2); several candidates are excluded
// together when their votes cannot catch the next (5.2.5), their papers moving batch by batch,
// highest value first, candidates elected on the way receiving no more (5.4). Ties look at the
// first stage and then every later transfer of a batch, earliest first, then draw lots.
//
// One Stage per ERS97 stage; its votes are those after the stage, its threshold the quota in
// force, its exhausted the value of non-transferable papers by reason and its loss the
// non-transferable difference, both cumulative. A candidate's papers count per paper: a ballot
// of weight w is w papers.

#include "core/ballot_set.h"
#include "count/result.h"
#include "count/stv.h"
#include "count/tie_break.h"
#include "util/result.h"

namespace scrutineer::count {

// Counts `ballots` under ERS97 for `rules.seats` seats. Ties follow ERS97 (forward through the
// count, then lot) unless `rules.custom_tie_break`. `lot` may be null when no tie needs one.
// Fails (naming what) when no candidate stands, seats < 1, a quota is chosen (ERS97 fixes its
// own), a ballot weight needs more than two decimal places, or a tie needs a lot and none was
// given.
util::Result<Result> CountErs97(const core::BallotSet& ballots, const StvRules& rules,
                                const Lot* lot);

}  // namespace scrutineer::count
