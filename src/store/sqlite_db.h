#pragma once
// A thin, owning wrapper of SQLite's C interface for the SQLite store: a connection, prepared
// statements bound by position, and transactions. Every failure becomes a util::Error naming
// the database file and SQLite's message.

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/result.h"

namespace scrutineer::store {

class SqliteDb;

// One prepared statement. REQUIRES: the database outlives it.
class SqliteStatement {
 public:
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&&) = delete;
  ~SqliteStatement();

  SqliteStatement& Bind(int position, std::string_view text);
  SqliteStatement& Bind(int position, int64_t value);
  // Steps once: true with a row to read, false when done.
  util::Result<bool> Step();
  // Steps to the end, for statements that return no rows.
  util::Status Run();
  std::string Text(int column) const;
  int64_t Int(int column) const;

 private:
  friend class SqliteDb;
  SqliteStatement(const SqliteDb& db, sqlite3_stmt* statement);
  const SqliteDb* db_;
  sqlite3_stmt* statement_;
};

class SqliteDb {
 public:
  // Opens (creating when absent) the database at `path`.
  static util::Result<SqliteDb> Open(const std::string& path);
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;
  SqliteDb(SqliteDb&& other) noexcept;
  SqliteDb& operator=(SqliteDb&&) = delete;
  ~SqliteDb();

  util::Result<SqliteStatement> Prepare(std::string_view sql) const;
  // Runs statements that return no rows (several, separated by semicolons).
  util::Status Execute(std::string_view sql) const;
  // A single integer from `sql` (e.g. a PRAGMA), or nothing when it returns no row.
  util::Result<std::optional<int64_t>> QueryInt(std::string_view sql) const;
  int64_t Changes() const;
  // An error of kind `code` with SQLite's last message, naming the file.
  util::Error Failure(std::string_view doing,
                      util::ErrorCode code = util::ErrorCode::kStorage) const;
  const std::string& path() const { return path_; }

 private:
  SqliteDb(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
};

// BEGIN IMMEDIATE now; ROLLBACK on destruction unless committed.
class SqliteTransaction {
 public:
  static util::Result<SqliteTransaction> Begin(const SqliteDb& db);
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;
  SqliteTransaction(SqliteTransaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  SqliteTransaction& operator=(SqliteTransaction&&) = delete;
  ~SqliteTransaction();
  util::Status Commit();

 private:
  explicit SqliteTransaction(const SqliteDb& db) : db_(&db) {}
  const SqliteDb* db_;
};

}  // namespace scrutineer::store
