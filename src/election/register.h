#pragma once
// Importing the register from the membership system's CSV (docs/formats/register.md): one row
// a person, with membership number, name, email, postal address, section, join date and date
// last paid. Streamed a row at a time. Each row is accepted or rejected with its reason,
// under the eligibility rules of its section in the election's definition; someone in two
// sections votes once, in the section listed first in the definition. The accepted rows
// replace the register as one transaction (so an updated file can be imported again, until
// credentials are issued); a file that cannot be read changes nothing.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/election.h"
#include "store/store.h"
#include "util/result.h"

namespace scrutineer::election {

// A row that did not go on the register as it stood, and why.
struct RegisterNote {
  uint64_t line = 0;
  std::string number;
  std::string outcome;  // "rejected", or "in another section" (the person votes there)
  std::string reason;
};

struct RegisterImport {
  int64_t rows = 0;
  int64_t accepted = 0;  // people on the register after the import
  std::map<std::string, int64_t> by_section;
  std::vector<RegisterNote> notes;  // every rejected or merged row, in file order
  store::UpsertCounts changes;      // what changed on the register
};

// Why `voter` may not vote in `section`, or "" when they may. Dates are YYYY-MM-DD.
std::string IneligibleBecause(const store::VoterRecord& voter, const core::Section& section);

// Imports the register of election `id` from the CSV file at `path`. Refused (kConflict) once
// ballots are issued: only in states draft and nominations.
util::Result<RegisterImport> ImportRegister(store::Store& store, const std::string& id,
                                            const std::string& path, int64_t now);

// The notes as CSV: line,membership_number,outcome,reason.
std::string RegisterNotesCsv(const RegisterImport& import);

}  // namespace scrutineer::election
