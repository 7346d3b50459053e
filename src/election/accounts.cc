#include "election/accounts.h"

#include <sodium.h>

#include <algorithm>
#include <array>

#include "crypto/password.h"
#include "crypto/sha256_lot.h"
#include "crypto/voting_code.h"
#include "util/text.h"

namespace scrutineer::election {
namespace {

using util::Error;
using util::ErrorCode;

constexpr std::array<std::string_view, 3> kRoleNames{"administrator", "returning_officer",
                                                     "observer"};

bool UsableName(const std::string& name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-';
  });
}

util::Status CheckPassword(std::string_view password) {
  if (password.size() < kMinPasswordLength) {
    return Error(ErrorCode::kInvalidArgument, "a password needs at least " +
                                                  std::to_string(kMinPasswordLength) +
                                                  " characters");
  }
  return {};
}

util::Result<std::string> Hashed(std::string_view password) {
  if (util::Status usable = CheckPassword(password); !usable.ok()) {
    return usable.error();
  }
  std::string hash = crypto::HashPassword(password);
  if (hash.empty()) {
    return Error(ErrorCode::kIo, "cannot hash the password (out of memory)");
  }
  return hash;
}

// Changes an existing account through `change`, then ends its sessions.
template <typename Change>
util::Status ChangeAccount(store::Store& store, const std::string& name, int64_t now,
                           Change change) {
  auto account = store.GetAccount(name);
  if (!account.ok()) {
    return account.error();
  }
  if (util::Status changed = change(*account); !changed.ok()) {
    return changed;
  }
  account->changed = now;
  if (util::Status put = store.PutAccount(*account); !put.ok()) {
    return put;
  }
  return store.EndSessions("", name, now);
}

}  // namespace

std::optional<Role> RoleFrom(std::string_view name) {
  const auto at = std::find(kRoleNames.begin(), kRoleNames.end(), name);
  return at == kRoleNames.end() ? std::nullopt
                                : std::optional(static_cast<Role>(at - kRoleNames.begin()));
}

std::string_view RoleName(Role role) { return kRoleNames[static_cast<size_t>(role)]; }

bool Allowed(Role role, Action action) {
  switch (action) {
    case Action::kView:
      return true;
    case Action::kSetUp:
      return role != Role::kObserver;
    case Action::kCloseCountDeclare:
      return role == Role::kReturningOfficer;
    case Action::kManageAccounts:
      return role == Role::kAdministrator;
  }
  return false;
}

util::Status AddAccount(store::Store& store, const std::string& name, Role role,
                        std::string_view password, int64_t now) {
  if (!UsableName(name)) {
    return Error(ErrorCode::kInvalidArgument,
                 "an account name is letters, digits, '.', '_' and '-' (1 to 64)", name);
  }
  if (store.GetAccount(name).ok()) {
    return Error(ErrorCode::kConflict, "there is an account " + util::Quote(name) + " already");
  }
  auto hash = Hashed(password);
  if (!hash.ok()) {
    return hash.error();
  }
  return store.PutAccount({name, std::string(RoleName(role)), *hash, false, now});
}

util::Status SetPassword(store::Store& store, const std::string& name, std::string_view password,
                         int64_t now) {
  auto hash = Hashed(password);
  if (!hash.ok()) {
    return hash.error();
  }
  return ChangeAccount(store, name, now, [&](store::AccountRecord& account) {
    account.password_hash = *hash;
    return util::Status();
  });
}

util::Status DisableAccount(store::Store& store, const std::string& name, int64_t now) {
  return ChangeAccount(store, name, now, [](store::AccountRecord& account) {
    account.disabled = true;
    return util::Status();
  });
}

util::Result<Session> SignIn(store::Store& store, const std::string& name,
                             std::string_view password, int64_t now) {
  // An unknown name is checked against a hash of nothing, so that it takes as long.
  static const std::string kNobody = crypto::HashPassword("no account has this password");
  auto account = store.GetAccount(name);
  const bool matches = crypto::PasswordMatches(password, account.ok() ? account->password_hash
                                                                      : kNobody);
  const std::optional<Role> role = account.ok() ? RoleFrom(account->role) : std::nullopt;
  if (!account.ok() || !matches || account->disabled || !role) {
    return Error(ErrorCode::kInvalidArgument, "the name or the password is wrong");
  }
  Session session{crypto::RandomHex(32), crypto::RandomHex(32), name, *role,
                  now + kSessionSeconds};
  if (util::Status put = store.PutSession(
          {crypto::Sha256Hex(session.token), name, session.csrf, session.expires});
      !put.ok()) {
    return put.error();
  }
  return session;
}

util::Result<Session> SessionOf(const store::Store& store, const std::string& token, int64_t now) {
  auto stored = store.GetSession(crypto::Sha256Hex(token));
  auto account = stored.ok() ? store.GetAccount(stored->account)
                             : util::Result<store::AccountRecord>(stored.error());
  const std::optional<Role> role = account.ok() ? RoleFrom(account->role) : std::nullopt;
  if (!account.ok() || stored->expires <= now || account->disabled || !role) {
    return Error(ErrorCode::kNotFound, "not signed in, or the session has ended");
  }
  return Session{token, stored->csrf, stored->account, *role, stored->expires};
}

bool CsrfMatches(const Session& session, std::string_view presented) {
  return presented.size() == session.csrf.size() && !session.csrf.empty() &&
         sodium_memcmp(presented.data(), session.csrf.data(), presented.size()) == 0;
}

util::Status SignOut(store::Store& store, const std::string& token, int64_t now) {
  return store.EndSessions(crypto::Sha256Hex(token), "", now);
}

}  // namespace scrutineer::election
