#pragma once
// Administrators' accounts, sessions and roles (docs/accounts.md), for the web server's
// administrator pages and API: passwords stored only as Argon2id hashes, a session's token
// only as its SHA-256, a second token per session for CSRF protection, and what each role
// may do.

#include <optional>
#include <string>
#include <string_view>

#include "store/store.h"
#include "util/result.h"

namespace scrutineer::election {

enum class Role : uint8_t {
  kAdministrator,     // sets elections up, manages accounts
  kReturningOfficer,  // sets elections up, closes, counts and declares
  kObserver,          // sees everything an administrator sees, changes nothing
};

enum class Action : uint8_t {
  kView,               // read elections, registers' sizes, turnout, the audit log
  kSetUp,              // create, import, nominations, timetable, credentials, mail
  kCloseCountDeclare,  // close the ballot, count, declare
  kManageAccounts,     // add accounts, reset passwords, disable
};

std::optional<Role> RoleFrom(std::string_view name);  // "administrator", ...
std::string_view RoleName(Role role);
bool Allowed(Role role, Action action);

// Passwords: at least this many characters.
inline constexpr size_t kMinPasswordLength = 12;
// A session lasts this long from signing in (seconds).
inline constexpr int64_t kSessionSeconds = int64_t{8} * 3600;

// Adds an account (kConflict when the name is taken). Names: letters, digits, '.', '_', '-'.
util::Status AddAccount(store::Store& store, const std::string& name, Role role,
                        std::string_view password, int64_t now);
// A new password; every session of the account ends.
util::Status SetPassword(store::Store& store, const std::string& name, std::string_view password,
                         int64_t now);
// The account can no longer sign in; every session of it ends.
util::Status DisableAccount(store::Store& store, const std::string& name, int64_t now);

struct Session {
  std::string token;  // the secret the browser holds (a cookie)
  std::string csrf;   // the secret each changing request carries in its form or header
  std::string account;
  Role role = Role::kObserver;
  int64_t expires = 0;
};

// Signs in: kInvalidArgument "the name or the password is wrong" for an unknown name, a wrong
// password or a disabled account alike (the same work is done for each).
util::Result<Session> SignIn(store::Store& store, const std::string& name,
                             std::string_view password, int64_t now);
// The live session with `token` (kNotFound when there is none, it has expired, or its account
// is disabled).
util::Result<Session> SessionOf(const store::Store& store, const std::string& token, int64_t now);
// Whether `presented` is the session's CSRF token (compared in constant time).
bool CsrfMatches(const Session& session, std::string_view presented);
util::Status SignOut(store::Store& store, const std::string& token, int64_t now);

}  // namespace scrutineer::election
