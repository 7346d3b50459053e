// The PostgreSQL store's administrators' accounts and sessions (schema version 4; see
// postgres_store_impl.h).

#include "store/postgres_store_impl.h"
#include "util/text.h"

namespace scrutineer::store::detail {
namespace {

using util::Error;
using util::ErrorCode;

AccountRecord AccountFrom(const PgResult& rows, int row) {
  return {rows.Text(row, 0), rows.Text(row, 1), rows.Text(row, 2), rows.Text(row, 3) == "t",
          rows.Int(row, 4)};
}

constexpr const char* kAccountColumns = "name, role, password_hash, disabled, changed";

}  // namespace

util::Status PostgresStore::PutAccount(const AccountRecord& account) {
  return db_.Execute(
      "INSERT INTO account (name, role, password_hash, disabled, changed) "
      "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO UPDATE SET role = excluded.role, "
      "password_hash = excluded.password_hash, disabled = excluded.disabled, "
      "changed = excluded.changed",
      {account.name, account.role, account.password_hash, account.disabled ? "true" : "false",
       std::to_string(account.changed)});
}

util::Result<AccountRecord> PostgresStore::GetAccount(const std::string& name) const {
  auto rows = db_.Query(std::string("SELECT ") + kAccountColumns + " FROM account WHERE name = $1",
                        {name});
  if (!rows.ok()) {
    return rows.error();
  }
  if (rows->Rows() == 0) {
    return Error(ErrorCode::kNotFound, "there is no account " + util::Quote(name),
                 db_.location());
  }
  return AccountFrom(*rows, 0);
}

util::Result<std::vector<AccountRecord>> PostgresStore::ListAccounts() const {
  auto rows = db_.Query(std::string("SELECT ") + kAccountColumns + " FROM account ORDER BY name");
  if (!rows.ok()) {
    return rows.error();
  }
  std::vector<AccountRecord> accounts;
  accounts.reserve(static_cast<size_t>(rows->Rows()));
  for (int row = 0; row < rows->Rows(); ++row) {
    accounts.push_back(AccountFrom(*rows, row));
  }
  return accounts;
}

util::Status PostgresStore::PutSession(const SessionRecord& session) {
  if (auto account = GetAccount(session.account); !account.ok()) {
    return account.error();
  }
  return db_.Execute(
      "INSERT INTO session (token_hash, account, csrf, expires) VALUES ($1, $2, $3, $4)",
      {session.token_hash, session.account, session.csrf, std::to_string(session.expires)});
}

util::Result<SessionRecord> PostgresStore::GetSession(const std::string& token_hash) const {
  auto rows = db_.Query(
      "SELECT token_hash, account, csrf, expires FROM session WHERE token_hash = $1",
      {token_hash});
  if (!rows.ok()) {
    return rows.error();
  }
  if (rows->Rows() == 0) {
    return Error(ErrorCode::kNotFound, "no such session", db_.location());
  }
  return SessionRecord{rows->Text(0, 0), rows->Text(0, 1), rows->Text(0, 2), rows->Int(0, 3)};
}

util::Status PostgresStore::EndSessions(const std::string& token_hash, const std::string& account,
                                        int64_t now) {
  return db_.Execute(
      "DELETE FROM session WHERE token_hash = $1 OR account = $2 OR expires <= $3::bigint",
      {token_hash, account, std::to_string(now)});
}

}  // namespace scrutineer::store::detail
