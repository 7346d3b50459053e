#pragma once
// The PostgreSQL store: the same records and the same transactions as the SQLite store, in a
// database on a server, reached by a libpq URL (postgres://user@host:port/database). Every
// change commits with synchronous_commit on, so it is on the server's disk when the call
// returns. Writers to one election take its row lock first (SELECT ... FOR UPDATE), so that
// their audit entries are numbered and chained one after the other. The schema version is
// kept in the table scrutineer_schema; postgres_migrations.h lists the steps.
//
// Not thread-safe: one store is one connection; open one store per thread.

#include <memory>
#include <string>

#include "store/store.h"

namespace scrutineer::store {

// Opens the PostgreSQL store at `url`, creating its tables in a database without them (see
// OpenStore). kStorage, naming the URL without its password, when the server cannot be
// reached or its schema is newer than this program's.
util::Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, AuditHasher hasher);

}  // namespace scrutineer::store
