#pragma once
// Eliminating ballots (docs/eliminating-ballots.md): before the members' ballot, a contest's
// nominating body (e.g. the party's MPs) votes in successive ballots, each on paper in one
// sitting, marking one candidate. The returning officer records each ballot's papers; the
// rule of count/eliminating.h says who goes; candidates may withdraw between ballots (as at
// nominations); when no more than the finalists stand, their names go on the members' ballot
// paper as the ballot opens, and a contest left with one candidate is elected unopposed.

#include <string>
#include <vector>

#include "election/lifecycle.h"
#include "util/result.h"

namespace scrutineer::election {

// One ballot of the body, as recorded.
struct EliminatingBallot {
  int round = 0;
  int64_t threshold = 0;                // votes needed to stay; 0: none
  std::vector<std::string> candidates;  // standing, in ballot-paper order
  std::vector<int64_t> votes;           // votes[i] is candidates[i]'s
  int64_t spoilt = 0;                   // papers with no mark or more than one
  int64_t body_size = 0;                // of whom body_size - papers did not vote
  std::vector<std::string> eliminated;  // fewest votes first
  bool by_threshold = false;            // eliminated for falling below the threshold
  std::vector<std::string> ties;        // how each tie for the last place to go was broken
  int draws = 0;                        // lots drawn in this and earlier ballots
};

struct EliminatingStatus {
  std::string contest;
  std::string body;
  int finalists = 0;
  std::vector<EliminatingBallot> ballots;  // in order
  std::vector<std::string> standing;  // now: for the next ballot, or the members' ballot paper
  bool finished() const { return standing.size() <= static_cast<size_t>(finalists); }
};

// Records the next eliminating ballot of `contest` from the papers in the CSV file at `path`
// (docs/eliminating-ballots.md: a column `vote` or `rank1`, `rank2`...; optional `count`):
// after nominations close and before the ballot opens, while more than the finalists stand.
// A paper with no mark or more than one is spoilt; one naming anyone not standing, or more
// papers than the body has members, refuses the whole file and changes nothing.
util::Result<EliminatingBallot> RecordEliminatingBallot(store::Store& store, const std::string& id,
                                                        const std::string& contest,
                                                        const std::string& path, int64_t now);

// The ballots recorded so far and who stands now (those standing after the last ballot who
// have not withdrawn since; before the first, the validly nominated).
util::Result<EliminatingStatus> EliminatingBallotsOf(const store::Store& store,
                                                     const Election& election,
                                                     const std::string& contest);

// Re-decides each of `contest`'s ballots from its stored tally (one a line, as the published
// record holds them) under `definition`'s rules: each must eliminate whom it says, stand only
// those the ballot before left, and be logged in `log` with its SHA-256. Returns who stands
// after the last, before any later withdrawal.
util::Result<std::vector<std::string>> CheckEliminatingBallots(
    const core::ElectionDefinition& definition, const core::Contest& contest,
    const std::vector<std::string>& tallies, const std::vector<store::AuditEntry>& log);

// The ballots as text, a block a ballot, for the returning officer's declaration of each.
std::string EliminatingBallotsText(const EliminatingStatus& status);

}  // namespace scrutineer::election
