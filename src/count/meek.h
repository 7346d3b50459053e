#pragma once
// Meek's method of STV (the `meek` preset of count/stv.h), as the Proportional Representation
// Foundation's reference rule writes it for computer counting, after Hill, Wichmann and
// Woodall, "Algorithm 123: Single Transferable Vote by Meek's method" (Computer Journal, 1987),
// which the New Zealand Local Electoral Regulations 2001, Schedule 1A, also follow.
//
// Every candidate has a keep value: 1 while hopeful, 0 once excluded, and for an elected
// candidate the share of each vote reaching them that they keep, passing the rest to the next
// preference. Keep values are iterated until every elected candidate holds the quota (which
// falls as votes become non-transferable) within 0.000001; then the hopeful candidate with the
// fewest votes is excluded and the iteration starts again. Arithmetic is fixed-point decimal
// with 9 places, each product and quotient rounded as the rule says (docs/methods/meek.md gives
// the rule clause by clause, every rounding, and how the count compares with the references).
//
// The result has one Stage for the first preferences, then one per round of the rule: the
// votes, keep values, quota and non-transferable votes after the round's last iteration, and
// what the round decided: kMeekRound when a candidate reached the quota (the round ends there),
// kExclude when the surplus settled and the lowest hopeful was excluded. The candidates left
// when the count completes are elected or excluded at the last stage. Transfers stay empty:
// under Meek's method every stage redistributes every ballot.

#include "core/ballot_set.h"
#include "count/result.h"
#include "count/stv.h"
#include "count/tie_break.h"
#include "util/result.h"

namespace scrutineer::count {

// The decimal places of Meek's arithmetic, and so of every Votes in its Result.
inline constexpr int kMeekPlaces = 9;

// Counts `ballots` by Meek's method for `rules.seats` seats. Ties for exclusion are broken by
// `rules.tie_break` when `rules.custom_tie_break`, else by the default TieBreakRules (earlier
// stages, most recent first, then a lot). `lot` may be null when no tie needs one.
//
// Fails with kInvalidArgument when seats < 1 or a quota other than Droop's is asked for, with
// kUnsupported when the ballots' weights carry more than 9 decimal places, and with
// kCountFailed when no candidate stands or a tie needs a lot and `lot` is null.
util::Result<Result> CountMeek(const core::BallotSet& ballots, const StvRules& rules,
                               const Lot* lot);

}  // namespace scrutineer::count
