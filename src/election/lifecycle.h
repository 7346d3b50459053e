#pragma once
// An election's life in the store: created from its definition (docs/formats/election.md) in
// state draft, then moved forward one state at a time (core::CheckTransition), each move
// refused outside its proper state or before its time in the timetable, and every change in
// the hash-chained audit log (election/audit.h). The clock is passed in as `now`, seconds
// since the epoch, UTC.

#include <memory>
#include <string>
#include <string_view>

#include "core/election.h"
#include "store/store.h"
#include "util/result.h"

namespace scrutineer::election {

// Opens the store at `location` (a file path for SQLite, a postgres:// URL) with the audit
// log chained by AuditHash.
util::Result<std::unique_ptr<store::Store>> OpenElectionStore(const std::string& location);

// An election read back from the store.
struct Election {
  store::ElectionRecord record;
  core::ElectionDefinition definition;
  core::ElectionState state = core::ElectionState::kDraft;
};

util::Result<Election> LoadElection(const store::Store& store, const std::string& id);

// Reads `definition` (TOML text, named `name` in messages), checks it, and stores the election
// in state draft. kConflict when an election with its id is stored already.
util::Result<Election> CreateElection(store::Store& store, std::string_view definition,
                                      const std::string& name, int64_t now);

// Moves the election to `to`, the state after its own; the ballot opens no earlier than the
// timetable's ballot_open and closes no earlier than ballot_close, and nominations open no
// earlier than nominations_open.
util::Status AdvanceElection(store::Store& store, const std::string& id, core::ElectionState to,
                             int64_t now);

// Checks the election's audit log (VerifyAuditChain); returns the number of entries.
util::Result<size_t> VerifyAudit(const store::Store& store, const std::string& id);

// "2016-09-21T11:00:00Z".
std::string IsoTime(int64_t unix_seconds);

}  // namespace scrutineer::election
