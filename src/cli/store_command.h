#pragma once
// What the commands on a store share: the clock, where the store is, and running an action
// on it with its error printed and turned into the exit status.

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "cli/command_election.h"
#include "cli/exit_codes.h"
#include "election/lifecycle.h"

namespace scrutineer::cli {

inline int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// --store, else $SCRUTINEER_STORE, else scrutineer.db.
inline std::string StoreLocation(const ElectionOptions& options) {
  if (!options.store.empty()) {
    return options.store;
  }
  const char* from_environment = std::getenv("SCRUTINEER_STORE");
  return from_environment != nullptr && *from_environment != '\0' ? from_environment
                                                                  : "scrutineer.db";
}

// Adds a subcommand with --store that, when parsed, runs `action(store, options)` and leaves
// the exit status in `status`.
template <typename Action>
CLI::App* StoreSubcommand(CLI::App& parent, const char* name, const char* help,
                          ElectionOptions& options, int& status, Action action) {
  CLI::App* command = parent.add_subcommand(name, help);
  command->add_option("--store", options.store,
                      "The store: an SQLite file (default scrutineer.db or $SCRUTINEER_STORE)");
  command->callback([&options, &status, action] {
    auto store = election::OpenElectionStore(StoreLocation(options));
    util::Status done = store.ok() ? action(**store, options) : util::Status(store.error());
    status = kExitOk;
    if (!done.ok()) {
      PrintError(done.error());
      status = ExitCodeFor(done.error());
    }
  });
  return command;
}

// The election's code key, from --key-file or ID.key (64 hex digits); created, readable by its
// owner only, when `create` and there is none (command_voting.cc).
util::Result<std::string> ReadKey(const ElectionOptions& options, bool create);
// The voting commands (command_voting.cc).
void AddVotingCommands(CLI::App& app, ElectionOptions& options, int& status);
// `election count|declare|result` (command_declare.cc).
void AddDeclareCommands(CLI::App& election, ElectionOptions& options, int& status);
// Counts a closed election, declares it, and prints the declaration.
util::Status DeclareElection(store::Store& store, const ElectionOptions& options);
// `accounts ...` (command_accounts.cc).
void AddAccountCommands(CLI::App& app, ElectionOptions& options, int& status);
// `nominations ...` and `nominate` (command_nominations.cc).
void AddNominationCommands(CLI::App& app, ElectionOptions& options, int& status);
// `verify` (command_declare.cc).
void AddVerifyCommand(CLI::App& app, ElectionOptions& options, int& status);
// `serve` (command_serve.cc).
void AddServeCommand(CLI::App& app, ElectionOptions& options, int& status);
// `demo` (command_demo.cc).
void AddDemoCommand(CLI::App& app, ElectionOptions& options, int& status);

}  // namespace scrutineer::cli
