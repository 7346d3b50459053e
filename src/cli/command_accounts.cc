// `scrutineer accounts add|password|disable|list`: the administrators' accounts the web
// server's administrator pages sign in with (docs/accounts.md). A password is read from
// $SCRUTINEER_PASSWORD, else from the first line of standard input: never from the command
// line, where other users could see it.

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "cli/command_election.h"
#include "cli/store_command.h"
#include "election/accounts.h"

namespace scrutineer::cli {
namespace {

using util::Error;
using util::ErrorCode;

std::string ReadPassword() {
  if (const char* given = std::getenv("SCRUTINEER_PASSWORD"); given != nullptr) {
    return given;
  }
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') {
    line.pop_back();
  }
  return line;
}

util::Status Add(store::Store& store, const ElectionOptions& options) {
  const std::optional<election::Role> role = election::RoleFrom(options.role);
  if (!role) {
    return Error(ErrorCode::kInvalidArgument,
                 "the role is administrator, returning_officer or observer", "--role");
  }
  return election::AddAccount(store, options.account, *role, ReadPassword(), Now());
}

util::Status List(store::Store& store, const ElectionOptions& /*options*/) {
  auto accounts = store.ListAccounts();
  if (!accounts.ok()) {
    return accounts.error();
  }
  for (const store::AccountRecord& account : *accounts) {
    std::printf("%s\t%s%s\n", account.name.c_str(), account.role.c_str(),
                account.disabled ? "\tdisabled" : "");
  }
  return {};
}

}  // namespace

void AddAccountCommands(CLI::App& app, ElectionOptions& options, int& status) {
  CLI::App* accounts = app.add_subcommand("accounts", "Administrators' accounts (web server).");
  accounts->require_subcommand(1);
  CLI::App* add = StoreSubcommand(*accounts, "add",
                                  "Add an account; the password from $SCRUTINEER_PASSWORD or "
                                  "standard input.",
                                  options, status, Add);
  add->add_option("--role", options.role, "administrator, returning_officer or observer")
      ->required();
  CLI::App* password = StoreSubcommand(
      *accounts, "password", "Set a new password (read as for add); its sessions end.", options,
      status, [](store::Store& store, const ElectionOptions& o) {
        return election::SetPassword(store, o.account, ReadPassword(), Now());
      });
  CLI::App* disable = StoreSubcommand(
      *accounts, "disable", "Stop an account signing in; its sessions end.", options, status,
      [](store::Store& store, const ElectionOptions& o) {
        return election::DisableAccount(store, o.account, Now());
      });
  for (CLI::App* command : {add, password, disable}) {
    command->add_option("name", options.account, "The account's name")->required();
  }
  StoreSubcommand(*accounts, "list", "Every account, its role, and whether it is disabled.",
                  options, status, List);
}

}  // namespace scrutineer::cli
