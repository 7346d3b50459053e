#include "store/postgres_db.h"

#include <libpq-fe.h>

#include <array>
#include <charconv>
#include <cstring>
#include <utility>

namespace scrutineer::store {
namespace {

using util::Error;
using util::ErrorCode;

// libpq's messages end in a newline and may run over several lines: one line, trimmed.
std::string OneLine(const char* message) {
  std::string line;
  for (const char* c = message; c != nullptr && *c != '\0'; ++c) {
    const bool space = *c == '\n' || *c == '\t' || *c == '\r';
    if (!space) {
      line += *c;
    } else if (!line.empty() && line.back() != ' ') {
      line += ' ';
    }
  }
  while (!line.empty() && line.back() == ' ') {
    line.pop_back();
  }
  return line;
}

// The query part of a URL without its `password=` parameters ("" when none are left).
std::string WithoutPasswordParameter(std::string_view query) {
  std::string kept;
  while (!query.empty()) {
    const size_t end = std::min(query.find('&'), query.size());
    const std::string_view parameter = query.substr(0, end);
    if (!parameter.starts_with("password=") && !parameter.empty()) {
      kept.append(kept.empty() ? "" : "&").append(parameter);
    }
    query.remove_prefix(std::min(end + 1, query.size()));
  }
  return kept;
}

}  // namespace

std::string RedactedUrl(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) {
    return std::string(url);
  }
  const size_t start = scheme + 3;
  const size_t authority_end = std::min(url.find_first_of("/?", start), url.size());
  std::string redacted(url.substr(0, authority_end));
  const size_t at = redacted.rfind('@');
  if (at != std::string::npos && at >= start) {
    const size_t colon = redacted.find(':', start);
    if (colon != std::string::npos && colon < at) {
      redacted.erase(colon, at - colon);
    }
  }
  std::string_view rest = url.substr(authority_end);
  const size_t question = rest.find('?');
  redacted += rest.substr(0, question);
  if (question != std::string_view::npos) {
    const std::string query = WithoutPasswordParameter(rest.substr(question + 1));
    redacted.append(query.empty() ? "" : "?").append(query);
  }
  return redacted;
}

bool IsPostgresUrl(std::string_view location) {
  return location.starts_with("postgres://") || location.starts_with("postgresql://");
}

PgArray& PgArray::Add(std::string_view element) {
  text_ += size_ == 0 ? "{\"" : ",\"";
  for (const char c : element) {
    if (c == '"' || c == '\\') {
      text_ += '\\';
    }
    text_ += c;
  }
  text_ += '"';
  ++size_;
  return *this;
}

PgArray& PgArray::Add(int64_t element) { return Add(std::to_string(element)); }

std::string PgArray::Take() {
  std::string literal = size_ == 0 ? std::string("{}") : std::move(text_) + "}";
  text_.clear();
  size_ = 0;
  return literal;
}

PgResult::PgResult(PgResult&& other) noexcept : result_(std::exchange(other.result_, nullptr)) {}

PgResult::~PgResult() { PQclear(result_); }

int PgResult::Rows() const { return PQntuples(result_); }

std::string PgResult::Text(int row, int column) const {
  return {PQgetvalue(result_, row, column), static_cast<size_t>(PQgetlength(result_, row, column))};
}

int64_t PgResult::Int(int row, int column) const {
  const char* text = PQgetvalue(result_, row, column);
  int64_t value = 0;
  std::from_chars(text, text + PQgetlength(result_, row, column), value);
  return value;
}

bool PgResult::IsNull(int row, int column) const { return PQgetisnull(result_, row, column) != 0; }

int64_t PgResult::ChangedRows() const {
  const char* text = PQcmdTuples(result_);
  int64_t rows = 0;
  std::from_chars(text, text + std::strlen(text), rows);
  return rows;
}

std::string PgResult::CommandTag() const { return PQcmdStatus(result_); }

util::Result<PgDb> PgDb::Connect(const std::string& url) {
  // Ours first, so that the URL's own settings win; client_encoding last, so that it does not.
  const std::array<const char*, 5> keywords{"fallback_application_name", "connect_timeout",
                                            "dbname", "client_encoding", nullptr};
  const std::array<const char*, 5> values{"scrutineer", "10", url.c_str(), "UTF8", nullptr};
  PgDb db(PQconnectdbParams(keywords.data(), values.data(), 1), RedactedUrl(url));
  if (db.connection_ == nullptr || PQstatus(db.connection_) != CONNECTION_OK) {
    return db.Failure("cannot connect to the store");
  }
  if (util::Status configured = db.Configure(); !configured.ok()) {
    return configured.error();
  }
  return db;
}

PgDb::PgDb(PgDb&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)),
      location_(std::move(other.location_)),
      in_transaction_(other.in_transaction_) {}

PgDb::~PgDb() { PQfinish(connection_); }

util::Status PgDb::Configure() const {
  // Durable: COMMIT returns once the commit is flushed to disk, whatever the server's default.
  return Execute("SET synchronous_commit = on");
}

void PgDb::Revive() const {
  if (!in_transaction_ && PQstatus(connection_) == CONNECTION_BAD) {
    PQreset(connection_);
    if (PQstatus(connection_) == CONNECTION_OK) {
      (void)Configure();
    }
  }
}

util::Result<PgResult> PgDb::Checked(pg_result* result) const {
  PgResult owned(result);
  const ExecStatusType status = PQresultStatus(result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
    return owned;
  }
  const char* state = result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const char* primary =
      result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  const bool constraint = state != nullptr && std::strncmp(state, "23", 2) == 0;
  const ErrorCode code = constraint ? ErrorCode::kConflict : ErrorCode::kStorage;
  if (primary == nullptr) {
    return Failure("a statement failed", code);
  }
  return Error(code, "a statement failed (" + OneLine(primary) + ")", location_);
}

util::Result<PgResult> PgDb::Query(const std::string& sql, const PgParams& params) const {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const std::string& param : params) {
    if (param.find('\0') != std::string::npos) {
      return Error(ErrorCode::kInvalidInput,
                   "a value holds a NUL character, which PostgreSQL cannot store", location_);
    }
    values.push_back(param.c_str());
  }
  Revive();
  return Checked(PQexecParams(connection_, sql.c_str(), static_cast<int>(values.size()), nullptr,
                              values.data(), nullptr, nullptr, 0));
}

util::Status PgDb::Execute(const std::string& sql, const PgParams& params) const {
  auto result = Query(sql, params);
  return result.ok() ? util::Status() : util::Status(result.error());
}

util::Status PgDb::ExecuteScript(const std::string& sql) const {
  Revive();
  auto result = Checked(PQexec(connection_, sql.c_str()));
  return result.ok() ? util::Status() : util::Status(result.error());
}

util::Error PgDb::Failure(std::string_view doing, util::ErrorCode code) const {
  const std::string message =
      connection_ == nullptr ? "out of memory" : OneLine(PQerrorMessage(connection_));
  return {code, std::string(doing) + " (" + message + ")", location_};
}

util::Result<PgTransaction> PgTransaction::Begin(const PgDb& db) {
  if (util::Status begun = db.Execute("BEGIN"); !begun.ok()) {
    return begun.error();
  }
  db.in_transaction_ = true;
  return PgTransaction(db);
}

PgTransaction::~PgTransaction() {
  if (db_ != nullptr) {
    (void)db_->Execute("ROLLBACK");
    db_->in_transaction_ = false;
  }
}

util::Status PgTransaction::Commit() {
  auto committed = db_->Query("COMMIT");
  const PgDb& db = *std::exchange(db_, nullptr);
  db.in_transaction_ = false;
  if (!committed.ok()) {
    return committed.error();
  }
  if (committed->CommandTag() != "COMMIT") {
    return Error(ErrorCode::kStorage, "the transaction failed and was rolled back", db.location());
  }
  return {};
}

}  // namespace scrutineer::store
