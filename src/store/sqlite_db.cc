#include "store/sqlite_db.h"

#include <utility>

namespace scrutineer::store {

SqliteStatement::SqliteStatement(const SqliteDb& db, sqlite3_stmt* statement)
    : db_(&db), statement_(statement) {}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : db_(other.db_), statement_(std::exchange(other.statement_, nullptr)) {}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(statement_); }

SqliteStatement& SqliteStatement::Bind(int position, std::string_view text) {
  sqlite3_reset(statement_);  // a statement already stepped takes new values only once reset
  sqlite3_bind_text(statement_, position, text.data(), static_cast<int>(text.size()),
                    SQLITE_TRANSIENT);
  return *this;
}

SqliteStatement& SqliteStatement::Bind(int position, int64_t value) {
  sqlite3_reset(statement_);
  sqlite3_bind_int64(statement_, position, value);
  return *this;
}

util::Result<bool> SqliteStatement::Step() {
  const int status = sqlite3_step(statement_);
  if (status == SQLITE_ROW) {
    return true;
  }
  if (status == SQLITE_DONE) {
    return false;
  }
  const bool constraint = (status & 0xFF) == SQLITE_CONSTRAINT;
  return db_->Failure("a statement failed",
                      constraint ? util::ErrorCode::kConflict : util::ErrorCode::kStorage);
}

util::Status SqliteStatement::Run() {
  while (true) {
    auto row = Step();
    if (!row.ok()) {
      return row.error();
    }
    if (!*row) {
      return {};
    }
  }
}

std::string SqliteStatement::Text(int column) const {
  const auto* text = sqlite3_column_text(statement_, column);
  const int bytes = sqlite3_column_bytes(statement_, column);
  return text == nullptr
             ? std::string()
             : std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(bytes));
}

int64_t SqliteStatement::Int(int column) const { return sqlite3_column_int64(statement_, column); }

util::Result<SqliteDb> SqliteDb::Open(const std::string& path) {
  sqlite3* db = nullptr;
  const int status =
      sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  SqliteDb opened(db, path);
  if (status != SQLITE_OK) {
    return opened.Failure("cannot open the store");
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 5000);
  return opened;
}

SqliteDb::SqliteDb(SqliteDb&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

SqliteDb::~SqliteDb() { sqlite3_close_v2(db_); }

util::Result<SqliteStatement> SqliteDb::Prepare(std::string_view sql) const {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr) !=
      SQLITE_OK) {
    return Failure("cannot read the store");
  }
  return SqliteStatement(*this, statement);
}

util::Status SqliteDb::Execute(std::string_view sql) const {
  const std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    return Failure("cannot update the store");
  }
  return {};
}

util::Result<std::optional<int64_t>> SqliteDb::QueryInt(std::string_view sql) const {
  auto statement = Prepare(sql);
  if (!statement.ok()) {
    return statement.error();
  }
  auto row = statement->Step();
  if (!row.ok()) {
    return row.error();
  }
  return *row ? std::optional<int64_t>(statement->Int(0)) : std::nullopt;
}

int64_t SqliteDb::Changes() const { return sqlite3_changes64(db_); }

util::Error SqliteDb::Failure(std::string_view doing, util::ErrorCode code) const {
  const char* message = db_ == nullptr ? "out of memory" : sqlite3_errmsg(db_);
  return util::Error(code, std::string(doing) + " (" + message + ")", path_);
}

util::Result<SqliteTransaction> SqliteTransaction::Begin(const SqliteDb& db) {
  if (util::Status begun = db.Execute("BEGIN IMMEDIATE"); !begun.ok()) {
    return begun.error();
  }
  return SqliteTransaction(db);
}

SqliteTransaction::~SqliteTransaction() {
  if (db_ != nullptr) {
    (void)db_->Execute("ROLLBACK");
  }
}

util::Status SqliteTransaction::Commit() {
  util::Status committed = db_->Execute("COMMIT");
  if (committed.ok()) {
    db_ = nullptr;
  }
  return committed;
}

}  // namespace scrutineer::store
