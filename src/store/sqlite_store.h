#pragma once
// The SQLite store: one database file in WAL mode with full synchronous commits, so a change
// is on disk when the call returns. The file is marked as ours (application_id) and carries
// its schema version (user_version); migrations/ lists the schema steps.

#include <memory>
#include <string>

#include "store/store.h"

namespace scrutineer::store {

// Opens or creates the SQLite store at `path` (see OpenStore).
util::Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, AuditHasher hasher);

}  // namespace scrutineer::store
