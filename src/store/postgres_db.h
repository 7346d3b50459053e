#pragma once
// A thin, owning wrapper of libpq for the PostgreSQL store: a connection, statements with
// their values passed apart from the SQL (PQexecParams, text format, $1..$n), results, and
// transactions. Every failure becomes a util::Error naming the server's URL without its
// password: kConflict when the server refused a change for breaking a constraint (SQLSTATE
// class 23), kStorage for everything else. Internal to src/store.
//
// Not thread-safe: one connection, used by one thread at a time.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

struct pg_conn;    // libpq's PGconn
struct pg_result;  // libpq's PGresult

namespace scrutineer::store {

// The values of a statement's parameters, as text: $1 is the first.
using PgParams = std::vector<std::string>;

// `url` without its password (in the user part or as a `password=` parameter), for messages.
std::string RedactedUrl(std::string_view url);

// True for the locations the PostgreSQL store takes: postgres:// and postgresql:// URLs.
bool IsPostgresUrl(std::string_view location);

// A PostgreSQL array literal of text elements ({"a","b"}), each quoted and escaped, for
// passing many values as one parameter ($2::text[]). Integers go in as their digits.
class PgArray {
 public:
  PgArray& Add(std::string_view element);
  PgArray& Add(int64_t element);
  // The literal; the builder is left empty.
  std::string Take();
  size_t size() const { return size_; }

 private:
  std::string text_;
  size_t size_ = 0;
};

// The rows of a query. Values are read as text; Int parses a bigint or integer column.
class PgResult {
 public:
  explicit PgResult(pg_result* result) : result_(result) {}
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  PgResult(PgResult&& other) noexcept;
  PgResult& operator=(PgResult&&) = delete;
  ~PgResult();

  int Rows() const;
  std::string Text(int row, int column) const;
  int64_t Int(int row, int column) const;
  bool IsNull(int row, int column) const;
  // How many rows the command inserted, updated or deleted.
  int64_t ChangedRows() const;
  // The command's tag, e.g. "COMMIT", or "ROLLBACK" for a COMMIT of a failed transaction.
  std::string CommandTag() const;

 private:
  pg_result* result_;
};

class PgDb {
 public:
  // Connects to the server at `url` (a libpq URL) with durable commits (synchronous_commit on)
  // and UTF-8 text. kStorage, naming the URL without its password, when it cannot.
  static util::Result<PgDb> Connect(const std::string& url);
  PgDb(const PgDb&) = delete;
  PgDb& operator=(const PgDb&) = delete;
  PgDb(PgDb&& other) noexcept;
  PgDb& operator=(PgDb&&) = delete;
  ~PgDb();

  // Runs one statement with `params` and returns its rows (none for a command).
  util::Result<PgResult> Query(const std::string& sql, const PgParams& params = {}) const;
  // Runs one statement with `params`, for its effect.
  util::Status Execute(const std::string& sql, const PgParams& params = {}) const;
  // Runs several statements separated by semicolons, with no parameters (the schema steps).
  util::Status ExecuteScript(const std::string& sql) const;
  // An error of kind `code` with libpq's last message, naming the server.
  util::Error Failure(std::string_view doing,
                      util::ErrorCode code = util::ErrorCode::kStorage) const;
  // The URL the store was opened with, without its password.
  const std::string& location() const { return location_; }

 private:
  friend class PgTransaction;
  PgDb(pg_conn* connection, std::string location)
      : connection_(connection), location_(std::move(location)) {}
  // Sets up a new connection: durable commits, UTF-8.
  util::Status Configure() const;
  // Outside a transaction, connects again when the connection was lost (a server restart).
  void Revive() const;
  util::Result<PgResult> Checked(pg_result* result) const;
  pg_conn* connection_;
  std::string location_;
  mutable bool in_transaction_ = false;
};

// BEGIN now; ROLLBACK on destruction unless committed.
class PgTransaction {
 public:
  static util::Result<PgTransaction> Begin(const PgDb& db);
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;
  PgTransaction(PgTransaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  PgTransaction& operator=(PgTransaction&&) = delete;
  ~PgTransaction();
  // COMMIT: durable when it returns (synchronous_commit is on).
  util::Status Commit();

 private:
  explicit PgTransaction(const PgDb& db) : db_(&db) {}
  const PgDb* db_;
};

}  // namespace scrutineer::store
