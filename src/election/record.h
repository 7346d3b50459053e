#pragma once
// The published election record (docs/record.md): everything anyone needs to recount an
// election and check its audit log, without the store, the register or the codes.
//
//   election.toml            the definition, as stored
//   electorate.csv           section,voters: the register's size by section
//   audit.csv                the audit log: seq,at,kind,detail,prev_hash,hash
//   ballot-paper-CONTEST.txt the candidates on the contest's ballot paper, a line each
//   ballots-CONTEST.csv      the ballot box: id (tracking code),section,rank1..rankN
//   declaration-CONTEST.json the declaration, as counted
//   eliminating-CONTEST.txt  a contest's eliminating ballots, a tally (JSON) a line
//
// VerifyRecord recounts each contest from its ballot box and checks that the declaration
// comes out byte for byte, that the audit log's chain holds, that the log's hashes of the
// definition and of each declaration match the files, and that every ballot's tracking code
// is logged as accepted, once; and it decides each eliminating ballot again from its tally.

#include <string>

#include "election/lifecycle.h"
#include "util/result.h"

namespace scrutineer::election {

// Writes the record of a counted (or declared) election into directory `dir` (created).
util::Status WriteRecord(const store::Store& store, const Election& election,
                         const std::string& dir);

// Checks the record in `dir`; on success, what was checked, a line each.
util::Result<std::string> VerifyRecord(const std::string& dir);

}  // namespace scrutineer::election
