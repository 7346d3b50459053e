#pragma once
// IrvRules: the options of an instant-runoff count (count/irv.h), each with its default.

#include <cstdint>
#include <vector>

#include "count/tie_break.h"

namespace scrutineer::count {

// Weighting by section, for parties that do not count one member one vote. Each round, every
// section's continuing votes are turned into shares of what the section is worth, and the
// candidates are ranked, elected and excluded on the sum of their shares (exactly: rational
// arithmetic; only the report rounds). Ballots that have run out of preferences leave their
// section's denominator, so a section is worth the same in every round while it has votes.
enum class WeightingKind : uint8_t {
  kNone,     // one vote, one value
  kCollege,  // an electoral college: each section a fixed share of 100 per cent
  kPoints,   // points per district (section): each worth the same points, shared by its votes
};

struct Weighting {
  WeightingKind kind = WeightingKind::kNone;
  // College: each section's weight, indexed by SectionId (e.g. 1, 1, 1 for thirds); section s
  // is worth 100 * weight[s] / (sum of weights) per cent of the college.
  std::vector<int64_t> section_weight;
  // Points: what every district is worth.
  int64_t points = 100;
  // Points: a district with fewer valid votes at the first round than `points` is worth one
  // point a vote instead (as some parties do for districts with few members).
  bool points_at_most_votes = false;
  // Decimal places of the weighted figures in reports (rounded to the nearest).
  int places = 2;

  bool active() const { return kind != WeightingKind::kNone; }
};

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
  // A college or points, when the count is not one member one vote.
  Weighting weighting;
};

}  // namespace scrutineer::count
