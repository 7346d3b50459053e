#pragma once
// Postal ballots, keyed or scanned and imported in batches (docs/formats/postal.md): CSV
// with a `code` column (the ballot paper's voting code) and, for each contest, a column named
// by the contest's id holding the preferences in order, separated by ">" (for an election of
// one contest, rank1, rank2, ... columns instead). Each paper passes the same checks as a vote
// online (election/vote.h) and is cast through the `postal` channel, or refused with its
// reason; the whole file is read before anything is cast, so a file that cannot be read
// changes nothing.

#include <string>
#include <vector>

#include "election/vote.h"

namespace scrutineer::election {

struct PostalOutcome {
  uint64_t line = 0;
  VoteOutcome outcome;
};

util::Result<std::vector<PostalOutcome>> ImportPostal(store::Store& store, const Election& election,
                                                      std::string_view key, const std::string& path,
                                                      int64_t now);

// line,outcome,tracking_code,reason
std::string PostalOutcomesCsv(const std::vector<PostalOutcome>& outcomes);

}  // namespace scrutineer::election
