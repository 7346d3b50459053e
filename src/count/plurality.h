#pragma once
// Plurality (first past the post; with several seats, the block vote) and approval voting. A
// ballot gives one vote to each candidate it marks, whatever the order of the marks; the
// candidates with the most votes fill the seats. Under plurality a ballot may mark at most as
// many candidates as there are seats, or it is void ("too many marks"); under approval it may
// mark any number. A tie for the last seat is broken by the tie rules (there are no earlier
// rounds to look back to, so an order or a lot decides).
//
// docs/methods/plurality.md states the rules.

#include "core/ballot_set.h"
#include "count/result.h"
#include "util/result.h"

namespace scrutineer::count {

struct PluralityRules {
  // Seats to fill. Default 1 (first past the post); more is the block vote.
  int seats = 1;
  // How a tie for the last seat is broken: the steps, in turn, from the candidate who loses.
  // Default: a lot (earlier-round steps find nothing in a single round).
  TieBreakRules tie_break{.steps = {TieStep::kLot}, .order = {}};
};

util::Result<Result> CountPlurality(const core::BallotSet& ballots, const PluralityRules& rules,
                                    const Lot* lot);
util::Result<Result> CountApproval(const core::BallotSet& ballots, const PluralityRules& rules,
                                   const Lot* lot);

}  // namespace scrutineer::count
