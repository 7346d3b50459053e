#include "store/sqlite_store.h"

#include "store/migrations.h"
#include "store/sqlite_db.h"
#include "store/sqlite_store_impl.h"

namespace scrutineer::store {
namespace {

using util::Error;
using util::ErrorCode;

// Refuses a file that is not ours or is newer than this program; brings an older one (or a
// new, empty file) up to the current schema, one step per transaction.
util::Status Migrate(const SqliteDb& db) {
  auto application = db.QueryInt("PRAGMA application_id");
  auto version = db.QueryInt("PRAGMA user_version");
  auto tables = db.QueryInt("SELECT count(*) FROM sqlite_schema");
  for (const auto* read : {&application, &version, &tables}) {
    if (!read->ok()) {
      return Error(
          ErrorCode::kStorage,
          "is not a Scrutineer store, or is damaged: " + read->error().problems().front().what,
          db.path());
    }
  }
  const bool fresh = **application == 0 && **tables == 0;
  if (!fresh && **application != kApplicationId) {
    return Error(ErrorCode::kStorage, "is an SQLite database, but not a Scrutineer store",
                 db.path());
  }
  const auto current = static_cast<int64_t>(Migrations().size());
  if (**version > current) {
    return Error(ErrorCode::kStorage,
                 "has schema version " + std::to_string(**version) +
                     ", newer than this program's " + std::to_string(current),
                 db.path());
  }
  for (int64_t step = **version; step < current; ++step) {
    auto transaction = SqliteTransaction::Begin(db);
    if (!transaction.ok()) {
      return transaction.error();
    }
    const std::string sql = std::string(Migrations()[static_cast<size_t>(step)]) +
                            "; PRAGMA application_id = " + std::to_string(kApplicationId) +
                            "; PRAGMA user_version = " + std::to_string(step + 1) + ";";
    if (util::Status migrated = db.Execute(sql); !migrated.ok()) {
      return migrated;
    }
    if (util::Status committed = transaction->Commit(); !committed.ok()) {
      return committed;
    }
  }
  return {};
}

using detail::AuditWriter;
using detail::SqliteStore;

ElectionRecord ElectionFrom(const SqliteStatement& row) {
  return {row.Text(0), row.Text(1), row.Text(2), row.Text(3)};
}

}  // namespace

namespace detail {

util::Status SqliteStore::RequireElection(const std::string& id) const {
  auto election = GetElection(id);
  return election.ok() ? util::Status() : util::Status(election.error());
}

util::Status SqliteStore::CreateElection(const ElectionRecord& election, const AuditEvent& event) {
  return InTransaction(db_, election.id, hasher_, event, [&]() -> util::Status {
    if (GetElection(election.id).ok()) {
      return Error(ErrorCode::kConflict,
                   "an election with id '" + election.id + "' is in the store already", db_.path());
    }
    auto insert =
        db_.Prepare("INSERT INTO election (id, title, definition, state) VALUES (?, ?, ?, ?)");
    if (!insert.ok()) {
      return insert.error();
    }
    insert->Bind(1, election.id).Bind(2, election.title).Bind(3, election.definition);
    return insert->Bind(4, election.state).Run();
  });
}

util::Result<ElectionRecord> SqliteStore::GetElection(const std::string& id) const {
  auto select = db_.Prepare("SELECT id, title, definition, state FROM election WHERE id = ?");
  if (!select.ok()) {
    return select.error();
  }
  auto row = select->Bind(1, id).Step();
  if (!row.ok()) {
    return row.error();
  }
  if (!*row) {
    return Error(ErrorCode::kNotFound, "there is no election '" + id + "' in the store",
                 db_.path());
  }
  return ElectionFrom(*select);
}

util::Result<std::vector<ElectionRecord>> SqliteStore::ListElections() const {
  auto select = db_.Prepare("SELECT id, title, definition, state FROM election ORDER BY id");
  if (!select.ok()) {
    return select.error();
  }
  std::vector<ElectionRecord> elections;
  util::Status walked = Walk<ElectionRecord>(*select, ElectionFrom, [&](const ElectionRecord& e) {
    elections.push_back(e);
    return true;
  });
  return walked.ok() ? util::Result<std::vector<ElectionRecord>>(std::move(elections))
                     : walked.error();
}

util::Status SqliteStore::ChangeState(const std::string& id, const std::string& from,
                                      const std::string& to, const AuditEvent& event) {
  return InTransaction(db_, id, hasher_, event, [&]() -> util::Status {
    auto current = GetElection(id);
    if (!current.ok()) {
      return current.error();
    }
    if (current->state != from) {
      return Error(
          ErrorCode::kConflict,
          "the election '" + id + "' is in state '" + current->state + "', not '" + from + "'",
          db_.path());
    }
    auto update = db_.Prepare("UPDATE election SET state = ? WHERE id = ?");
    if (!update.ok()) {
      return update.error();
    }
    return update->Bind(1, to).Bind(2, id).Run();
  });
}

util::Status SqliteStore::ForgetArrivals(const std::string& /*election*/) {
  // The file rebuilt (rows in key order, no free pages holding rows' earlier states), then the
  // write-ahead log emptied and truncated. For the whole file: it may hold other elections.
  return db_.Execute(
      "PRAGMA wal_checkpoint(TRUNCATE); VACUUM; PRAGMA wal_checkpoint(TRUNCATE);");
}

util::Status SqliteStore::AppendAudit(const std::string& id, const AuditEvent& event) {
  return InTransaction(db_, id, hasher_, event, [&] { return RequireElection(id); });
}

util::Result<std::vector<AuditEntry>> SqliteStore::ReadAudit(const std::string& id) const {
  auto select = db_.Prepare(
      "SELECT seq, at, kind, detail, prev_hash, hash FROM audit WHERE election = ? ORDER BY seq");
  if (!select.ok()) {
    return select.error();
  }
  select->Bind(1, id);
  std::vector<AuditEntry> entries;
  const auto read = [](const SqliteStatement& row) {
    return AuditEntry{row.Int(0), row.Int(1), row.Text(2), row.Text(3), row.Text(4), row.Text(5)};
  };
  util::Status walked = Walk<AuditEntry>(*select, read, [&](const AuditEntry& entry) {
    entries.push_back(entry);
    return true;
  });
  return walked.ok() ? util::Result<std::vector<AuditEntry>>(std::move(entries)) : walked.error();
}

}  // namespace detail

util::Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, AuditHasher hasher) {
  auto db = SqliteDb::Open(path);
  if (!db.ok()) {
    return db.error();
  }
  // Durable: a change is on disk before the call returns (WAL, fsync at every commit).
  if (util::Status set = db->Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                                     "PRAGMA foreign_keys = ON; "
                                     // A register of a million voters in memory, not re-read
                                     // from disk for every row (256 MiB of pages at most).
                                     "PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;");
      !set.ok()) {
    return Error(ErrorCode::kStorage,
                 "is not a Scrutineer store, or is damaged: " + set.error().problems().front().what,
                 path);
  }
  if (util::Status migrated = Migrate(*db); !migrated.ok()) {
    return migrated.error();
  }
  return std::unique_ptr<Store>(
      std::make_unique<SqliteStore>(std::move(db.value()), std::move(hasher)));
}

}  // namespace scrutineer::store
