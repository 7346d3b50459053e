#include "store/postgres_store.h"

#include "store/migrations.h"
#include "store/postgres_db.h"
#include "store/postgres_migrations.h"
#include "store/postgres_store_impl.h"

namespace scrutineer::store {
namespace {

using util::Error;
using util::ErrorCode;

// The database's schema version: 0 when it has no scrutineer_schema table (a new database).
util::Result<int64_t> ReadVersion(const PgDb& db) {
  auto table = db.Query("SELECT to_regclass('scrutineer_schema') IS NOT NULL");
  if (!table.ok()) {
    return table.error();
  }
  if (table->Text(0, 0) != "t") {
    return 0;
  }
  auto version = db.Query("SELECT version FROM scrutineer_schema");
  if (!version.ok()) {
    return version.error();
  }
  if (version->Rows() != 1) {
    return Error(ErrorCode::kStorage,
                 "is damaged: its table scrutineer_schema should hold one row, not " +
                     std::to_string(version->Rows()),
                 db.location());
  }
  return version->Int(0, 0);
}

// The SQL that takes a database from `version` to the next.
std::string StepSql(int64_t version) {
  std::string sql(PostgresMigrations()[static_cast<size_t>(version)]);
  if (version == 0) {
    sql =
        "CREATE TABLE scrutineer_schema (version integer NOT NULL); "
        "INSERT INTO scrutineer_schema (version) VALUES (0);" +
        sql;
  }
  return sql;
}

// Refuses a schema version this program does not know.
util::Status RequireKnown(const PgDb& db, int64_t version) {
  const auto current = static_cast<int64_t>(PostgresMigrations().size());
  if (version < 0) {
    return Error(ErrorCode::kStorage,
                 "is damaged: its schema version is " + std::to_string(version), db.location());
  }
  if (version > current) {
    return Error(ErrorCode::kStorage,
                 "has schema version " + std::to_string(version) + ", newer than this program's " +
                     std::to_string(current),
                 db.location());
  }
  return {};
}

// Takes the database one version up, in one transaction: true when it did, false when the
// database was current. Refuses a newer one.
util::Result<bool> MigrateStep(const PgDb& db) {
  auto transaction = PgTransaction::Begin(db);
  if (!transaction.ok()) {
    return transaction.error();
  }
  // Two programs opening a new database at once: one migrates, the other then finds it done.
  if (util::Status locked =
          db.Execute("SELECT pg_advisory_xact_lock($1)", {std::to_string(kApplicationId)});
      !locked.ok()) {
    return locked.error();
  }
  auto version = ReadVersion(db);
  const auto current = static_cast<int64_t>(PostgresMigrations().size());
  if (!version.ok() || *version == current) {
    return version.ok() ? util::Result<bool>(false) : version.error();
  }
  if (util::Status known = RequireKnown(db, *version); !known.ok()) {
    return known.error();
  }
  const std::string next = std::to_string(*version + 1);
  util::Status migrated = db.ExecuteScript(StepSql(*version));
  if (migrated.ok()) {
    migrated = db.Execute("UPDATE scrutineer_schema SET version = $1", {next});
  }
  if (migrated.ok()) {
    migrated = transaction->Commit();
  }
  if (!migrated.ok()) {
    return Error(ErrorCode::kStorage,
                 "cannot bring the store to schema version " + next + ": " +
                     migrated.error().problems().front().what,
                 db.location());
  }
  return true;
}

// Brings an older database (or a new, empty one) up to the current schema, a step at a time.
util::Status Migrate(const PgDb& db) {
  while (true) {
    auto stepped = MigrateStep(db);
    if (!stepped.ok()) {
      return stepped.error();
    }
    if (!*stepped) {
      return {};
    }
  }
}

ElectionRecord ElectionFrom(const PgResult& rows, int row) {
  return {rows.Text(row, 0), rows.Text(row, 1), rows.Text(row, 2), rows.Text(row, 3)};
}

}  // namespace

namespace detail {

util::Result<PgAuditLog> PgAuditLog::Start(const PgDb& db, const std::string& election,
                                           const AuditHasher& hasher) {
  if (util::Status locked =
          db.Execute("SELECT 1 FROM election WHERE id = $1 FOR UPDATE", {election});
      !locked.ok()) {
    return locked.error();
  }
  auto last = db.Query("SELECT seq, hash FROM audit WHERE election = $1 ORDER BY seq DESC LIMIT 1",
                       {election});
  if (!last.ok()) {
    return last.error();
  }
  PgAuditLog log(db, election, hasher);
  if (last->Rows() > 0) {
    log.seq_ = last->Int(0, 0);
    log.hash_ = last->Text(0, 1);
  }
  return log;
}

void PgAuditLog::Add(const AuditEvent& event) {
  AuditEntry entry{seq_ + 1, event.at, event.kind, event.detail, hash_, {}};
  entry.hash = (*hasher_)(election_, entry);
  seqs_.Add(entry.seq);
  ats_.Add(entry.at);
  kinds_.Add(entry.kind);
  details_.Add(entry.detail);
  prev_hashes_.Add(entry.prev_hash);
  hashes_.Add(entry.hash);
  seq_ = entry.seq;
  hash_ = std::move(entry.hash);
}

util::Status PgAuditLog::Write() {
  if (seqs_.size() == 0) {
    return {};
  }
  return db_->Execute(
      "INSERT INTO audit (election, seq, at, kind, detail, prev_hash, hash) SELECT $1, * FROM "
      "unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[])",
      {election_, seqs_.Take(), ats_.Take(), kinds_.Take(), details_.Take(), prev_hashes_.Take(),
       hashes_.Take()});
}

util::Status PostgresStore::RequireElection(const std::string& id) const {
  auto election = GetElection(id);
  return election.ok() ? util::Status() : util::Status(election.error());
}

util::Status PostgresStore::CreateElection(const ElectionRecord& election,
                                           const AuditEvent& event) {
  return InTransaction(db_, election.id, hasher_, event, [&]() -> util::Status {
    if (GetElection(election.id).ok()) {
      return Error(ErrorCode::kConflict,
                   "an election with id '" + election.id + "' is in the store already",
                   db_.location());
    }
    return db_.Execute(
        "INSERT INTO election (id, title, definition, state) VALUES ($1, $2, $3, $4)",
        {election.id, election.title, election.definition, election.state});
  });
}

util::Result<ElectionRecord> PostgresStore::GetElection(const std::string& id) const {
  auto rows = db_.Query("SELECT id, title, definition, state FROM election WHERE id = $1", {id});
  if (!rows.ok()) {
    return rows.error();
  }
  if (rows->Rows() == 0) {
    return Error(ErrorCode::kNotFound, "there is no election '" + id + "' in the store",
                 db_.location());
  }
  return ElectionFrom(*rows, 0);
}

util::Result<std::vector<ElectionRecord>> PostgresStore::ListElections() const {
  auto rows = db_.Query("SELECT id, title, definition, state FROM election ORDER BY id");
  if (!rows.ok()) {
    return rows.error();
  }
  std::vector<ElectionRecord> elections;
  elections.reserve(static_cast<size_t>(rows->Rows()));
  for (int row = 0; row < rows->Rows(); ++row) {
    elections.push_back(ElectionFrom(*rows, row));
  }
  return elections;
}

util::Status PostgresStore::ChangeState(const std::string& id, const std::string& from,
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
          db_.location());
    }
    return db_.Execute("UPDATE election SET state = $1 WHERE id = $2", {to, id});
  });
}

util::Status PostgresStore::ForgetArrivals(const std::string& election) {
  {
    // Every row written again by one transaction: its id (xmin) is now theirs, not the id of
    // the transaction that spent a credential and stored its ballots together.
    auto transaction = PgTransaction::Begin(db_);
    if (!transaction.ok()) {
      return transaction.error();
    }
    for (const char* sql : {"UPDATE credential SET state = state WHERE election = $1",
                            "UPDATE ballot SET key = key WHERE election = $1"}) {
      if (util::Status updated = db_.Execute(sql, {election}); !updated.ok()) {
        return updated;
      }
    }
    if (util::Status committed = transaction->Commit(); !committed.ok()) {
      return committed;
    }
  }
  // Each table rewritten in key order (the ballot's key is random), without the old row
  // versions: neither where a row sits nor what is left behind says when it came.
  return db_.ExecuteScript(
      "CLUSTER credential USING credential_pkey; CLUSTER ballot USING ballot_pkey");
}

util::Status PostgresStore::AppendAudit(const std::string& id, const AuditEvent& event) {
  return InTransaction(db_, id, hasher_, event, [&] { return RequireElection(id); });
}

util::Result<std::vector<AuditEntry>> PostgresStore::ReadAudit(const std::string& id) const {
  std::vector<AuditEntry> entries;
  const auto read = [](const PgResult& rows, int row) {
    return AuditEntry{rows.Int(row, 0),  rows.Int(row, 1),  rows.Text(row, 2),
                      rows.Text(row, 3), rows.Text(row, 4), rows.Text(row, 5)};
  };
  util::Status walked = WalkPages<AuditEntry>(
      db_,
      "SELECT seq, at, kind, detail, prev_hash, hash FROM audit WHERE election = $1 "
      "AND ($3 OR seq > $2::bigint) ORDER BY seq LIMIT " +
          std::to_string(kPgPage),
      {id}, 0, read, [&](const AuditEntry& entry) {
        entries.push_back(entry);
        return true;
      });
  return walked.ok() ? util::Result<std::vector<AuditEntry>>(std::move(entries)) : walked.error();
}

}  // namespace detail

util::Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, AuditHasher hasher) {
  auto db = PgDb::Connect(url);
  if (!db.ok()) {
    return db.error();
  }
  if (util::Status migrated = Migrate(*db); !migrated.ok()) {
    return migrated.error();
  }
  return std::unique_ptr<Store>(
      std::make_unique<detail::PostgresStore>(std::move(db.value()), std::move(hasher)));
}

}  // namespace scrutineer::store
