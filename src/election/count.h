#pragma once
// Counting an election's contests from the ballots in the store (docs/voting.md): each
// contest's ballots become a BallotSet (sections as the definition lists them, candidates in
// ballot-paper order, a ballot with no marks a blank paper), counted by the contest's method
// with the definition's tie-break and published seed. A pure function of the stored ballots,
// the definition and the seed: recounting gives the same result, byte for byte.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/ballot_set.h"
#include "count/result.h"
#include "election/lifecycle.h"
#include "report/declaration.h"
#include "util/result.h"

namespace scrutineer::election {

struct ContestCount {
  std::string contest;
  std::string title;
  core::BallotSet ballots;
  count::Result result;
  std::vector<int64_t> electorate_by_section;  // voters on the register, by section index
  int64_t electorate = 0;
};

// Counts contest `contest` of the election. Refused (kConflict) before the ballot is closed.
util::Result<ContestCount> CountContest(const store::Store& store, const Election& election,
                                        const std::string& contest);

// Counts `counted.ballots` (with its contest, title and electorate filled in) by the
// contest's method under the definition's tie-break and seed, into `counted.result`.
util::Status CountBallots(const core::ElectionDefinition& definition, ContestCount& counted);

// The definition's tie-break steps ("backward,lot") as counting rules.
count::TieBreakRules TieBreakOf(const core::ElectionDefinition& definition);

// The declaration of a counted contest, as every output of it is written.
report::Declaration DeclarationOf(const ContestCount& counted,
                                  const core::ElectionDefinition& definition);

// The scrutineer's statement: voting codes issued by section and channel, ballots returned
// online and by post by section, codes revoked, for the declaration.
util::Result<std::string> ScrutineerStatement(const store::Store& store, const Election& election);

}  // namespace scrutineer::election
