#pragma once
// IrvRules: the options of an instant-runoff count (count/irv.h), each with its default.

#include <vector>

#include "count/tie_break.h"

namespace scrutineer::count {

struct IrvRules {
  // Elect a candidate as soon as they have more than half of the continuing votes (equally:
  // more than all the other continuing candidates together). Default true, as party rules say.
  // When false the count goes on until two candidates remain and then elects the one with
  // more votes (California SB 1288's default; RCTab's "continue until two remain").
  bool stop_at_majority = true;
  // Exclude at once every candidate among the lowest whose votes, together, are fewer than the
  // next candidate's. Default false: one candidate a round.
  bool batch_elimination = false;
  // Batch elimination decided round by round (SB 1288 lets the officer choose each round):
  // when not empty, round r batches when batch_rounds[r - 1] is true (false past its end),
  // and batch_elimination is not used.
  std::vector<bool> batch_rounds;
  // How a tie for exclusion (or between the last two) is broken.
  TieBreakRules tie_break;
};

}  // namespace scrutineer::count
