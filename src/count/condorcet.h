#pragma once
// Condorcet methods: Schulze and ranked pairs. Both start from the pairwise table: for every
// two candidates, the votes of the ballots ranking one above the other (a ranked candidate is
// above every unranked one; two unranked candidates are not compared). Strengths are winning
// votes. The result carries the table, the method's working (Schulze's strongest paths;
// ranked pairs' pairs in order, locked or skipped) and its full order of the candidates; the
// first `seats` in that order are elected.
//
// Schulze: the strongest path from a to b is the path whose weakest link is strongest; a
// comes before b when that path beats the one from b to a. Ranked pairs (Tideman): majorities
// are taken from the strongest (most winning votes, then least opposition) and locked in
// unless they would close a cycle; the order follows the locked pairs. Where the method
// leaves candidates level, the tie rules decide (their given order, or a lot).
// docs/methods/condorcet.md states the rules.

#include "core/ballot_set.h"
#include "count/result.h"
#include "util/result.h"

namespace scrutineer::count {

struct CondorcetRules {
  int seats = 1;  // the first `seats` in the method's order are elected
  // Breaks what the method leaves level. Default: a lot.
  TieBreakRules tie_break{.steps = {TieStep::kLot}, .order = {}};
};

util::Result<Result> CountSchulze(const core::BallotSet& ballots, const CondorcetRules& rules,
                                  const Lot* lot);
util::Result<Result> CountRankedPairs(const core::BallotSet& ballots, const CondorcetRules& rules,
                                      const Lot* lot);

// The pairwise table of `ballots` (withdrawn candidates are skipped on every ballot).
std::vector<std::vector<core::Votes>> PairwiseWins(const core::BallotSet& ballots);

}  // namespace scrutineer::count
