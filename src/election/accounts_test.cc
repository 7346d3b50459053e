#include "election/accounts.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "election/lifecycle.h"

namespace scrutineer::election {
namespace {

std::unique_ptr<store::Store> FreshStore(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("scrutineer-accounts-" + std::to_string(getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return std::move(OpenElectionStore((dir / "e.db").string()).value());
}

// What each role may do, as docs/accounts.md tabulates it.
TEST(AccountsTest, EachRoleMayDoWhatTheTableSays) {
  struct Row {
    Role role;
    bool view, set_up, close_count_declare, manage_accounts;
  };
  for (const Row& row : {Row{Role::kAdministrator, true, true, false, true},
                         Row{Role::kReturningOfficer, true, true, true, false},
                         Row{Role::kObserver, true, false, false, false}}) {
    EXPECT_EQ(Allowed(row.role, Action::kView), row.view);
    EXPECT_EQ(Allowed(row.role, Action::kSetUp), row.set_up);
    EXPECT_EQ(Allowed(row.role, Action::kCloseCountDeclare), row.close_count_declare);
    EXPECT_EQ(Allowed(row.role, Action::kManageAccounts), row.manage_accounts);
  }
  EXPECT_EQ(RoleFrom("returning_officer"), Role::kReturningOfficer);
  EXPECT_EQ(RoleFrom("root"), std::nullopt);
}

TEST(AccountsTest, SignInStartsASessionThatEndsOnSignOutOrExpiry) {
  auto store = FreshStore("session");
  ASSERT_TRUE(AddAccount(*store, "ro", Role::kReturningOfficer, "a long passphrase", 100).ok());
  EXPECT_EQ(AddAccount(*store, "ro", Role::kObserver, "another passphrase", 101).error().code(),
            util::ErrorCode::kConflict);
  // The stored hash is Argon2id, never the password.
  EXPECT_TRUE(store->GetAccount("ro")->password_hash.starts_with("$argon2id$"));
  auto session = SignIn(*store, "ro", "a long passphrase", 1000);
  ASSERT_TRUE(session.ok()) << session.error().ToString();
  EXPECT_EQ(session->role, Role::kReturningOfficer);
  EXPECT_EQ(session->expires, 1000 + kSessionSeconds);
  EXPECT_EQ(session->token.size(), 64u);
  // Only the token's hash is stored.
  EXPECT_EQ(store->GetSession(session->token).error().code(), util::ErrorCode::kNotFound);
  auto found = SessionOf(*store, session->token, 2000);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->account, "ro");
  EXPECT_TRUE(CsrfMatches(*found, session->csrf));
  EXPECT_FALSE(CsrfMatches(*found, ""));
  EXPECT_FALSE(CsrfMatches(*found, session->token));
  EXPECT_FALSE(SessionOf(*store, session->token, 1000 + kSessionSeconds).ok());  // expired
  EXPECT_FALSE(SessionOf(*store, "not-a-token", 2000).ok());
  auto second = SignIn(*store, "ro", "a long passphrase", 3000);
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(SignOut(*store, second->token, 3001).ok());
  EXPECT_FALSE(SessionOf(*store, second->token, 3002).ok());
}

TEST(AccountsTest, WrongPasswordsUnknownNamesAndDisabledAccountsAreRefusedAlike) {
  auto store = FreshStore("refused");
  ASSERT_TRUE(AddAccount(*store, "adm", Role::kAdministrator, "a long passphrase", 100).ok());
  const std::string wrong = "the name or the password is wrong";
  EXPECT_EQ(SignIn(*store, "adm", "a long passphrasE", 200).error().ToString(), wrong);
  EXPECT_EQ(SignIn(*store, "nobody", "a long passphrase", 200).error().ToString(), wrong);
  auto session = SignIn(*store, "adm", "a long passphrase", 200);
  ASSERT_TRUE(session.ok());
  ASSERT_TRUE(DisableAccount(*store, "adm", 300).ok());
  EXPECT_FALSE(SessionOf(*store, session->token, 301).ok());  // its sessions end
  EXPECT_EQ(SignIn(*store, "adm", "a long passphrase", 302).error().ToString(), wrong);
  // Bad names and short passwords are refused before anything is stored.
  EXPECT_EQ(AddAccount(*store, "a b", Role::kObserver, "a long passphrase", 400).error().code(),
            util::ErrorCode::kInvalidArgument);
  EXPECT_EQ(AddAccount(*store, "ob", Role::kObserver, "short", 400).error().code(),
            util::ErrorCode::kInvalidArgument);
  EXPECT_EQ(store->ListAccounts()->size(), 1u);
}

TEST(AccountsTest, ANewPasswordEndsEverySessionAndReplacesTheOld) {
  auto store = FreshStore("password");
  ASSERT_TRUE(AddAccount(*store, "ob", Role::kObserver, "first passphrase", 100).ok());
  auto session = SignIn(*store, "ob", "first passphrase", 200);
  ASSERT_TRUE(session.ok());
  EXPECT_FALSE(SetPassword(*store, "ob", "short", 300).ok());
  EXPECT_TRUE(SessionOf(*store, session->token, 301).ok());  // a refused change ends nothing
  ASSERT_TRUE(SetPassword(*store, "ob", "second passphrase", 302).ok());
  EXPECT_FALSE(SessionOf(*store, session->token, 303).ok());
  EXPECT_FALSE(SignIn(*store, "ob", "first passphrase", 304).ok());
  EXPECT_TRUE(SignIn(*store, "ob", "second passphrase", 305).ok());
  EXPECT_EQ(SetPassword(*store, "nobody", "third passphrase", 306).error().code(),
            util::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace scrutineer::election
