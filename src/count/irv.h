#pragma once
// Instant-runoff (the alternative vote), as party leadership contests count it.
//
// Each round every continuing ballot counts for its highest-ranked continuing candidate. A
// candidate with more than half of the votes continuing in the round is elected: ballots that
// have run out of preferences leave the denominator. Otherwise the candidate with the fewest
// votes is excluded (ties broken by the tie rules) and each of their ballots passes to its next
// continuing preference, or becomes non-transferable. With batch elimination, all the lowest
// candidates whose votes together are fewer than the next candidate's go at once: they cannot
// catch up. Every round (a Stage of the Result) records its tallies (overall and by section),
// the threshold, the exhausted ballots by reason, what was decided and why, and the transfers
// that followed.
//
// The arithmetic is exact: tallies are sums of the ballots' integer weights (core/votes.h).
// docs/methods/irv.md states the rules clause by clause.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/ballot_set.h"
#include "count/result.h"
#include "count/tie_break.h"
#include "util/result.h"

namespace scrutineer::count {

using core::BallotSet;
using core::SectionId;

// Counts `ballots` by instant-runoff. `lot` may be null when the rules never need one. Fails
// when the ballot set has no candidate, or a tie cannot be broken under the rules.
util::Result<Result> CountIrv(const BallotSet& ballots, const IrvRules& rules, const Lot* lot);

}  // namespace scrutineer::count
