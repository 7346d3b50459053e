#pragma once
// Yes/no motions, a motion of no confidence among them. The ballot file's two candidates are
// the options: one named yes, for or aye, the other no, against or nay (in any case). A paper
// marking one option is a vote; a blank paper is an abstention; a paper marking both, or
// rejected by the ballot rules, is spoilt. The motion is carried when the votes for are more
// than (or at least) the threshold share of the basis: the votes cast for and against, or the
// whole electorate. docs/methods/motion.md states the rules.

#include <optional>

#include "core/ballot_set.h"
#include "count/result.h"
#include "util/result.h"

namespace scrutineer::count {

struct MotionRules {
  // The share of the basis the votes for must pass: numerator / denominator. Default one
  // half, strictly more (a simple majority). Two thirds is 2/3 with strictly_more false.
  int64_t numerator = 1;
  int64_t denominator = 2;
  bool strictly_more = true;
  // The basis: the electorate when set (a majority "of those eligible"), else the votes cast
  // for and against. Default: votes cast.
  std::optional<int64_t> eligible;
};

util::Result<Result> CountMotion(const core::BallotSet& ballots, const MotionRules& rules);

}  // namespace scrutineer::count
