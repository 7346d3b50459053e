#pragma once
// One of a contest's eliminating ballots: a ballot of a small body (e.g. the party's MPs) in
// which each member marks one candidate, held round after round until the finalists of the
// members' ballot remain (docs/eliminating-ballots.md). The rule of a round: those with fewer
// votes than the round's threshold are eliminated; when none is below it, the one with the
// fewest votes is. Eliminations never leave fewer than the finalists: when those below the
// threshold are too many, they go in order from the fewest votes until the finalists remain.
// A tie for the last place to go is broken by the election's tie-break rule, looking back at
// earlier ballots of the body.

#include <string>
#include <vector>

#include "count/tie_break.h"
#include "util/result.h"

namespace scrutineer::count {

// A ballot of the body: the candidates standing (in ballot-paper order) and their votes.
struct EliminatingTally {
  std::vector<std::string> candidates;
  std::vector<int64_t> votes;  // votes[i] is candidates[i]'s
};

struct EliminatingRules {
  int64_t threshold = 0;  // votes needed to stay; 0 needs none
  int finalists = 2;      // how many go on to the members' ballot
  TieBreakRules tie_break;
};

struct EliminatingDecision {
  std::vector<std::string> eliminated;   // in the order they went: fewest votes first
  std::vector<std::string> continuing;   // in ballot-paper order
  bool by_threshold = false;             // true: below the threshold; false: the fewest votes
  std::vector<TieRecord> ties;           // candidate ids index `tally.candidates`
};

// Decides `tally`, the ballot after `earlier` (oldest first; a candidate missing from one had
// no votes in it). Refused when no more than `rules.finalists` are standing (no ballot is
// needed), or when a tie cannot be broken by the rules.
util::Result<EliminatingDecision> DecideEliminatingBallot(
    const std::vector<EliminatingTally>& earlier, const EliminatingTally& tally,
    const EliminatingRules& rules, const Lot* lot, int& draws);

}  // namespace scrutineer::count
