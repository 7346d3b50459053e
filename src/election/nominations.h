#pragma once
// Nominations (docs/nominations.md): a contest's nominating body (e.g. the party's MPs),
// each member's one nomination, the candidates' consent and withdrawal, and live tallies
// against the threshold (a percentage of the body, rounded up; core::NominationsNeeded). When
// the ballot opens, each nominated contest's ballot paper is fixed: the candidates on the
// ballot automatically (an incumbent) and those with enough nominations who consented and did
// not withdraw. A contest left with one candidate is elected unopposed; with none, the ballot
// cannot open.

#include <string>
#include <vector>

#include "election/lifecycle.h"
#include "util/result.h"

namespace scrutineer::election {

struct Nominee {
  std::string candidate;
  int64_t nominations = 0;
  bool automatic = false;  // on the ballot without nominations
  bool consented = false;  // (an automatic candidate need not consent)
  bool withdrawn = false;
  bool valid = false;  // goes on the ballot paper
};

struct NominationsStatus {
  std::string contest;
  std::string body;
  int64_t body_size = 0;
  int64_t needed = 0;
  std::vector<Nominee> nominees;  // automatic first, then by name
};

// Replaces `contest`'s nominating body from a CSV file (columns id, name); in states draft and
// nominations, before any nomination. Returns how many.
util::Result<int64_t> ImportNominators(store::Store& store, const std::string& id,
                                       const std::string& contest, const std::string& path,
                                       int64_t now);

// `nominator` nominates `candidate`: while nominations are open (state nominations, before
// the timetable's nominations_close). A contest that lists its candidates takes only those.
util::Status Nominate(store::Store& store, const std::string& id, const std::string& contest,
                      const std::string& nominator, const std::string& candidate, int64_t now);

// The candidate consents to stand (state nominations), or withdraws (before the ballot opens).
util::Status Consent(store::Store& store, const std::string& id, const std::string& contest,
                     const std::string& candidate, int64_t now);
util::Status Withdraw(store::Store& store, const std::string& id, const std::string& contest,
                      const std::string& candidate, int64_t now);

// The live tally of `contest`'s nominations.
util::Result<NominationsStatus> NominationsOf(const store::Store& store, const Election& election,
                                              const std::string& contest);

// The validly nominated candidates of `contest`, in the order the definition lists them, then
// by name.
std::vector<std::string> PaperOf(const NominationsStatus& status, const core::Contest& contest);

// Fixes the ballot paper of every nominated contest not yet fixed (AdvanceElection calls it
// when the ballot opens). A contest with eliminating ballots (election/eliminating.h) gets
// those left standing by them. Fails, fixing nothing more, for a contest with no valid
// candidate, or with more standing than its finalists.
util::Status FixBallotPapers(store::Store& store, const Election& election, int64_t now);

// The live tally as text, a line a candidate.
std::string NominationsText(const NominationsStatus& status);

}  // namespace scrutineer::election
