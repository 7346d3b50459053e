// The SQLite store's administrators' accounts and sessions (schema version 4; see
// sqlite_store_impl.h).

#include "store/sqlite_store_impl.h"
#include "util/text.h"

namespace scrutineer::store::detail {
namespace {

using util::Error;
using util::ErrorCode;

AccountRecord AccountFrom(const SqliteStatement& row) {
  return {row.Text(0), row.Text(1), row.Text(2), row.Int(3) != 0, row.Int(4)};
}

constexpr const char* kAccountColumns = "name, role, password_hash, disabled, changed";

}  // namespace

util::Status SqliteStore::PutAccount(const AccountRecord& account) {
  auto upsert = db_.Prepare(
      "INSERT INTO account (name, role, password_hash, disabled, changed) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT (name) DO UPDATE SET role = excluded.role, password_hash = "
      "excluded.password_hash, disabled = excluded.disabled, changed = excluded.changed");
  if (!upsert.ok()) {
    return upsert.error();
  }
  return upsert->Bind(1, account.name)
      .Bind(2, account.role)
      .Bind(3, account.password_hash)
      .Bind(4, int64_t{account.disabled ? 1 : 0})
      .Bind(5, account.changed)
      .Run();
}

util::Result<AccountRecord> SqliteStore::GetAccount(const std::string& name) const {
  auto select = db_.Prepare(std::string("SELECT ") + kAccountColumns + " FROM account WHERE name = ?");
  if (!select.ok()) {
    return select.error();
  }
  auto row = select->Bind(1, name).Step();
  if (!row.ok()) {
    return row.error();
  }
  if (!*row) {
    return Error(ErrorCode::kNotFound, "there is no account " + util::Quote(name), db_.path());
  }
  return AccountFrom(*select);
}

util::Result<std::vector<AccountRecord>> SqliteStore::ListAccounts() const {
  auto select = db_.Prepare(std::string("SELECT ") + kAccountColumns + " FROM account ORDER BY name");
  if (!select.ok()) {
    return select.error();
  }
  std::vector<AccountRecord> accounts;
  util::Status walked = Walk<AccountRecord>(*select, AccountFrom, [&](const AccountRecord& a) {
    accounts.push_back(a);
    return true;
  });
  return walked.ok() ? util::Result<std::vector<AccountRecord>>(std::move(accounts))
                     : walked.error();
}

util::Status SqliteStore::PutSession(const SessionRecord& session) {
  if (auto account = GetAccount(session.account); !account.ok()) {
    return account.error();
  }
  auto insert = db_.Prepare(
      "INSERT INTO session (token_hash, account, csrf, expires) VALUES (?, ?, ?, ?)");
  if (!insert.ok()) {
    return insert.error();
  }
  return insert->Bind(1, session.token_hash)
      .Bind(2, session.account)
      .Bind(3, session.csrf)
      .Bind(4, session.expires)
      .Run();
}

util::Result<SessionRecord> SqliteStore::GetSession(const std::string& token_hash) const {
  auto select =
      db_.Prepare("SELECT token_hash, account, csrf, expires FROM session WHERE token_hash = ?");
  if (!select.ok()) {
    return select.error();
  }
  auto row = select->Bind(1, token_hash).Step();
  if (!row.ok()) {
    return row.error();
  }
  if (!*row) {
    return Error(ErrorCode::kNotFound, "no such session", db_.path());
  }
  return SessionRecord{select->Text(0), select->Text(1), select->Text(2), select->Int(3)};
}

util::Status SqliteStore::EndSessions(const std::string& token_hash, const std::string& account,
                                      int64_t now) {
  auto remove =
      db_.Prepare("DELETE FROM session WHERE token_hash = ? OR account = ? OR expires <= ?");
  if (!remove.ok()) {
    return remove.error();
  }
  return remove->Bind(1, token_hash).Bind(2, account).Bind(3, now).Run();
}

}  // namespace scrutineer::store::detail
