#pragma once
// A sample election, open for voting now: for `scrutineer serve --demo` (a newcomer votes
// within a minute), and for the web server's load benchmark and fault tests, which need many
// voters holding codes. It goes through the same calls as every election (created, register
// imported, advanced to ballot_open, codes issued), on the clock it is given: nominations
// opened ten minutes before `now`, the ballot opened at `now` and closing a week later.
//
// The election: "Demo leader", one contest `leader` by instant-runoff among Ada Lovelace,
// Grace Hopper and Alan Turing; `voters` members (numbers D1, D2, ...) in one section
// `members`, each with an email address (so an online code).

#include <cstdint>
#include <string>
#include <vector>

#include "store/store.h"
#include "util/result.h"

namespace scrutineer::election {

struct SampleElection {
  std::string id;
  std::string key;                 // the election's code key (crypto::NewCodeKey), not stored
  std::vector<std::string> codes;  // one voting code a voter, grouped for typing
};

// Opens sample election `id` in `store` with `voters` voters (at least 1). kConflict when the
// id is taken; kIo when the register cannot be written to the temporary directory.
util::Result<SampleElection> OpenSampleElection(store::Store& store, const std::string& id,
                                                int64_t voters, int64_t now);

// `key` as an election's key file (KEYS/ID.key, which `scrutineer serve` reads) holds it: 64
// lowercase hex digits and a newline.
std::string KeyFileText(const std::string& key);

// The candidates of the sample election's contest `leader`, in ballot-paper order.
const std::vector<std::string>& SampleCandidates();

}  // namespace scrutineer::election
