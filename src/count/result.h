#pragma once
// The result of a count, whatever the method: its stages (an instant-runoff round, an STV
// stage), each with every candidate's votes, the threshold, exhausted ballots by reason, what
// was decided and why (ties included), and the transfers that followed; and who was elected.
// Reports (src/report) read only this. Votes are exact: units of 10^-places of a vote.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ballot_rules.h"
#include "core/votes.h"
#include "count/irv_rules.h"
#include "count/tie_break.h"

namespace scrutineer::count {

enum class Method : uint8_t {
  kInstantRunoff,
  kStv,
  kPlurality,
  kApproval,
  kMotion,
  kSchulze,
  kRankedPairs,
};

enum class CandidateState : uint8_t { kContinuing, kElected, kExcluded, kWithdrawn };

// What a stage decided.
enum class Decision : uint8_t {
  kMajority,          // the leader has more than half of the continuing votes: elected
  kFinalPair,         // two remain (and the count goes on to two): the one with more is elected
  kLastCandidate,     // only one candidate continues: elected
  kExcludeLowest,     // the candidate with the fewest votes is excluded
  kExcludeBatch,      // the lowest candidates, together behind the next, are excluded
  kMostVotes,         // the candidates with the most votes fill the seats (plurality, approval)
  kCarried,           // a motion reached its threshold
  kNotCarried,        // a motion fell short of its threshold
  kCondorcet,         // the Condorcet method's winner(s) (count/condorcet.h)
  kFirstPreferences,  // STV's first stage: the first preferences are counted
  kSurplus,           // STV: an elected candidate's surplus is transferred
  kExclude,           // STV: the candidate(s) with the fewest votes excluded, papers transferred
  kMeekRound,         // STV by Meek's method: keep values settled, then the stage's changes
};

using ExhaustedTally = std::array<Votes, core::kExhaustionKinds>;
Votes Total(const ExhaustedTally& tally);

// Where one candidate's ballots went: an excluded candidate's, or (STV) an elected
// candidate's surplus.
struct Transfer {
  CandidateId from;
  Votes votes;               // what moved: the candidate's votes, or the surplus
  std::vector<Votes> to;     // by candidate
  ExhaustedTally exhausted;  // non-transferable, by reason
  Votes loss;                // lost to rounding (STV)
};

// A stage. For instant-runoff (a round) the votes are those at the start of the round, then
// what the round decided, then the transfers that followed. For STV the stage is an action
// (first preferences, a surplus, an exclusion) and the votes are those after it; `elected` are
// those deemed elected at this stage, `threshold` is the quota, and `transfers` the papers
// the action moved (counted in these votes already).
struct Stage {
  int number = 0;
  std::vector<Votes> votes;                          // by candidate (0 unless continuing)
  std::vector<std::vector<Votes>> votes_by_section;  // [section][candidate]
  std::vector<CandidateState> state;                 // at the start of the stage
  Votes continuing;                                  // all votes for continuing candidates
  // Instant-runoff: the least that is more than half of `continuing`. STV: the quota.
  Votes threshold;
  ExhaustedTally exhausted;               // ballots exhausted so far, by reason (cumulative)
  Votes loss;                             // STV: lost to rounding so far (cumulative)
  std::optional<CandidateId> surplus_of;  // STV: whose surplus this stage transferred
  Decision decision = Decision::kExcludeLowest;
  std::vector<CandidateId> elected;
  // STV: those of `elected` deemed elected because no more candidates continued than seats
  // remained (they need not have reached the quota).
  std::vector<CandidateId> elected_remaining;
  std::vector<CandidateId> excluded;
  // STV: surpluses whose transfer was deferred at this stage (ERS97 5.2.2).
  std::vector<CandidateId> deferred;
  // Meek: each candidate's keep value after the stage (empty for other methods), and how many
  // iterations settled them.
  std::vector<Votes> keep;
  int iterations = 0;
  std::optional<TieRecord> tie;
  // Further ties broken in the same stage, in the order they were broken (ERS97 can exclude
  // several candidates, or order several surpluses, in one stage). Empty for most stages.
  std::vector<TieRecord> more_ties;
  // A weighted count (IrvRules::weighting): each candidate's share of the college or points,
  // overall and by section, and their total over the continuing candidates, rounded to the
  // nearest at the weighting's places for reports. The count compared the exact values.
  std::vector<Votes> weighted;                          // by candidate
  std::vector<std::vector<Votes>> weighted_by_section;  // [section][candidate]
  Votes weighted_continuing;
  // Where each excluded candidate's ballots went; they are counted in the next round.
  std::vector<Transfer> transfers;

  Votes exhausted_total() const { return Total(exhausted); }
  // What all this round's transfers gave `candidate`.
  Votes TransferredTo(CandidateId candidate) const;
  Votes TransferredToExhausted() const;
};

// Papers that the method cannot count (e.g. too many marks for a plurality), by reason. Spoilt
// in the declaration, like blank and rejected papers.
struct Void {
  std::string reason;
  int64_t papers = 0;
};

// A yes/no motion: the votes each way, the papers that expressed neither, and the threshold.
struct MotionOutcome {
  CandidateId for_option;      // the option that supports the motion ("yes", "for")
  CandidateId against_option;  // the option that opposes it
  Votes votes_for;
  Votes votes_against;
  int64_t abstentions = 0;  // blank papers
  int64_t spoilt = 0;       // rejected papers and papers marking both
  // The threshold: votes_for must be more than (or, when not `strictly_more`, at least)
  // numerator/denominator of the basis.
  int64_t numerator = 1;
  int64_t denominator = 2;
  bool strictly_more = true;
  bool of_eligible = false;  // basis: the electorate; else the votes cast for and against
  Votes basis;               // the votes (or electorate) the threshold is a share of
  Votes needed;              // the least votes_for that carries the motion
  bool carried = false;
};

// The pairwise comparison of every two candidates (Condorcet methods): wins[a][b] is the
// votes of ballots that rank a above b (a ranked candidate is above every unranked one).
struct Pairwise {
  std::vector<std::vector<Votes>> wins;
  // Schulze: the strength of the strongest path from a to b.
  std::vector<std::vector<Votes>> strongest;
  // Ranked pairs: the majorities in the order they were considered, and whether each was
  // locked in (or skipped because it would close a cycle).
  struct Pair {
    CandidateId winner;
    CandidateId loser;
    bool locked = false;
  };
  std::vector<Pair> pairs;
  // The method's full order of the candidates, first place first.
  std::vector<CandidateId> order;
};

struct Result {
  Method method = Method::kInstantRunoff;
  int seats = 1;
  int places = 0;  // decimal places of every Votes below
  std::vector<Stage> stages;
  std::vector<CandidateId> elected;
  std::vector<Void> voids;
  // How ties were to be broken.
  TieBreakRules tie_break;
  // The rules the count followed, for instant-runoff.
  IrvRules rules;
  // STV: the preset's name ("scottish-stv"), the quota at the first stage, and the arithmetic
  // in words ("fixed-point decimal, 5 places, remainders ignored").
  std::string preset;
  Votes quota;
  std::string arithmetic;
  // STV counted in rounds (sb1288): a stage's votes are the round's tally, before what it
  // decided, and its transfers are counted in the next stage, as for instant-runoff.
  bool stages_are_rounds = false;
  // STV: the preset's rules, one sentence each, as the declaration states them ("Quota: ...",
  // "Surpluses: ...", "Exclusion: ...").
  std::vector<std::string> rule_text;
  std::optional<MotionOutcome> motion;
  std::optional<Pairwise> pairwise;
  std::string lot;  // how lots are drawn (Lot::Describe), when a lot was available
};

std::string_view DecisionName(Decision decision);

}  // namespace scrutineer::count
