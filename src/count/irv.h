#pragma once
// Instant-runoff (the alternative vote), as party leadership contests count it.
//
// Each round every continuing ballot counts for its highest-ranked continuing candidate. A
// candidate with more than half of the votes continuing in the round is elected: ballots that
// have run out of preferences leave the denominator. Otherwise the candidate with the fewest
// votes is excluded (ties broken by the tie rules) and each of their ballots passes to its next
// continuing preference, or becomes non-transferable. With batch elimination, all the lowest
// candidates whose votes together are fewer than the next candidate's go at once: they cannot
// catch up. Every round records its tallies (overall and by section), the threshold, the
// exhausted ballots by reason, what was decided and why, and the transfers that followed.
//
// The arithmetic is exact: tallies are sums of the ballots' integer weights (core/votes.h).
// docs/methods/irv.md states the rules clause by clause.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/ballot_set.h"
#include "count/tie_break.h"
#include "util/result.h"

namespace scrutineer::count {

using core::BallotSet;
using core::SectionId;

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

enum class CandidateState : uint8_t { kContinuing, kElected, kExcluded, kWithdrawn };

// What a round decided.
enum class Decision : uint8_t {
  kMajority,       // the leader has more than half of the continuing votes: elected
  kFinalPair,      // two remain (and the count goes on to two): the one with more is elected
  kLastCandidate,  // only one candidate continues: elected
  kExcludeLowest,  // the candidate with the fewest votes is excluded
  kExcludeBatch,   // the lowest candidates, together behind the next, are excluded
};

using ExhaustedTally = std::array<Votes, core::kExhaustionKinds>;
Votes Total(const ExhaustedTally& tally);

// Where one excluded candidate's ballots went.
struct Transfer {
  CandidateId from;
  Votes votes;               // all the ballots that moved (the candidate's votes)
  std::vector<Votes> to;     // by candidate
  ExhaustedTally exhausted;  // non-transferable, by reason
};

struct IrvRound {
  int number = 0;
  std::vector<Votes> votes;                          // by candidate (0 unless continuing)
  std::vector<std::vector<Votes>> votes_by_section;  // [section][candidate]
  std::vector<CandidateState> state;                 // at the start of the round
  Votes continuing;                                  // all votes for continuing candidates
  Votes threshold;           // the least that is more than half of `continuing`
  ExhaustedTally exhausted;  // ballots exhausted so far, by reason (cumulative)
  Decision decision = Decision::kExcludeLowest;
  std::vector<CandidateId> elected;
  std::vector<CandidateId> excluded;
  std::optional<TieRecord> tie;
  // Where each excluded candidate's ballots went; they are counted in the next round.
  std::vector<Transfer> transfers;

  Votes exhausted_total() const { return Total(exhausted); }
  // What all this round's transfers gave `candidate`.
  Votes TransferredTo(CandidateId candidate) const;
  Votes TransferredToExhausted() const;
};

struct IrvResult {
  std::vector<IrvRound> rounds;
  std::vector<CandidateId> elected;
  IrvRules rules;
  std::string lot;  // how lots are drawn (Lot::Describe), when a lot was available
};

// Counts `ballots` by instant-runoff. `lot` may be null when the rules never need one. Fails
// when the ballot set has no candidate, or a tie cannot be broken under the rules.
util::Result<IrvResult> CountIrv(const BallotSet& ballots, const IrvRules& rules, const Lot* lot);

std::string_view DecisionName(Decision decision);

}  // namespace scrutineer::count
