#pragma once
// The single transferable vote of California SB 1288 (2016): the multi-winner ranked-choice
// count that the bill wrote for general law cities, counties and school districts, as its
// reference implementation and test cases read it (docs/methods/sb1288.md, clause by clause).
//
// The count runs in rounds. Each round tallies every ballot for its highest-ranked
// continuing candidate at the value it carries; candidates with more votes than the threshold
// (the first round's votes for candidates over one more than the seats, rounded up to five
// decimal places) are elected; then either every surplus moves at once (weighted inclusive
// Gregory: each ballot's value times the truncated surplus fraction, truncated, the
// remainder kept as residual surplus) or the candidate with the fewest votes is defeated and
// their ballots move on. The count ends when the seats are filled, or when no more candidates
// continue than seats remain (those are elected at once, nothing more moves).
//
// A Stage of the Result is one round, numbered as SB 1288 numbers them: `votes` is the
// round's tally (after every earlier round's transfers), `elected` and `excluded` what the
// round decided, and `transfers` the ballots it then moved, which the next round's tally
// counts (the instant-runoff convention of result.h, not the one-action stages of count/
// stv.h: an SB 1288 round may elect, defer surpluses and defeat several candidates at once,
// and the last may defeat without moving anything).

#include <vector>

#include "core/ballot_set.h"
#include "count/result.h"
#include "count/stv.h"
#include "count/tie_break.h"
#include "util/result.h"

namespace scrutineer::count {

// The reference implementation's alternative defeats (stv-altdefs.md), an extension the bill
// left to the Secretary of State's regulations: in a round where they are exercised, the
// largest group of lowest candidates that provably cannot change who is elected is defeated
// at once, and any surplus waits for a later round. Default: never (the bill's rule).
//
// Proposed as StvRules fields (alternative_defeats, alternative_defeat_rounds); a separate
// parameter until count/stv.h has them.

// Counts `ballots` by SB 1288's STV, in Fixed<5> arithmetic. `rules.seats` seats (at least
// two: SB 1288 counts one seat by instant runoff, count/irv.h); `rules.preset` is not read.
// Ties for defeat follow rules.tie_break when rules.custom_tie_break, else a lot (SB 1288
// leaves the procedure to the officer; the reference breaks them by an order drawn by lot in
// advance: TieStep::kOrder). `lot` may be null when no tie needs one. With no candidate the
// count is one round that elects nobody, as the reference's is. Fails, with a message naming
// what, when there are fewer than two seats, a quota is chosen (the rule fixes its
// threshold), the ballot weights carry more than five decimal places, or a tie cannot be
// broken.
util::Result<Result> CountSb1288Stv(const core::BallotSet& ballots, const StvRules& rules,
                                    const AlternativeDefeats& alternative_defeats, const Lot* lot);

}  // namespace scrutineer::count
