#include "cli/command_election.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cli/exit_codes.h"
#include "cli/store_command.h"
#include "election/audit.h"
#include "election/lifecycle.h"

namespace scrutineer::cli {
namespace {

using util::Error;
using util::ErrorCode;

util::Status Create(store::Store& store, const ElectionOptions& options) {
  std::ifstream in(options.definition, std::ios::binary);
  if (!in) {
    return Error(ErrorCode::kNotFound, "cannot open the election definition", options.definition);
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto created = election::CreateElection(store, text.str(), options.definition, Now());
  if (!created.ok()) {
    return created.error();
  }
  std::printf("Created election %s (%s) in state draft.\n", created->record.id.c_str(),
              created->record.title.c_str());
  return {};
}

void PrintTimetable(const core::Timetable& timetable) {
  std::printf("Timetable (UTC; shown to voters in %s)\n", timetable.time_zone.c_str());
  const std::pair<const char*, int64_t> rows[] = {
      {"Nominations open", timetable.nominations_open},
      {"Nominations close", timetable.nominations_close},
      {"Ballot opens", timetable.ballot_open},
      {"Ballot closes", timetable.ballot_close}};
  for (const auto& [label, at] : rows) {
    std::printf("  %-20s %s\n", label, election::IsoTime(at).c_str());
  }
}

util::Status Show(store::Store& store, const ElectionOptions& options) {
  auto loaded = election::LoadElection(store, options.id);
  if (!loaded.ok()) {
    return loaded.error();
  }
  const core::ElectionDefinition& definition = loaded->definition;
  std::printf("%s (%s)\nState: %s\n\n", definition.title.c_str(), definition.id.c_str(),
              std::string(core::ElectionStateName(loaded->state)).c_str());
  PrintTimetable(definition.timetable);
  auto voters = store.CountVoters(options.id);
  std::printf("\nSections (in order of priority)\n");
  for (const core::Section& section : definition.sections) {
    const int64_t count = voters.ok() && voters->contains(section.id) ? voters->at(section.id) : 0;
    std::printf("  %-28s %lld on the register\n", section.id.c_str(),
                static_cast<long long>(count));
  }
  std::printf("\nContests\n");
  for (const core::Contest& contest : definition.contests) {
    std::printf("  %-12s %s, %s, %d to elect\n", contest.id.c_str(), contest.title.c_str(),
                contest.method.c_str(), contest.seats);
  }
  return {};
}

util::Status Advance(store::Store& store, const ElectionOptions& options) {
  const auto to = core::ElectionStateNamed(options.to);
  if (!to) {
    return Error(ErrorCode::kInvalidArgument,
                 "'" + options.to +
                     "' is not a state (draft, nominations, ballot_open, closed, counted, "
                     "declared)",
                 "--to");
  }
  if (util::Status moved = election::AdvanceElection(store, options.id, *to, Now()); !moved.ok()) {
    return moved;
  }
  std::printf("Election %s is now in state %s.\n", options.id.c_str(), options.to.c_str());
  return {};
}

util::Status Verify(store::Store& store, const ElectionOptions& options) {
  auto verified = election::VerifyAudit(store, options.id);
  if (!verified.ok()) {
    return verified.error();
  }
  const auto log = store.ReadAudit(options.id);
  std::printf("The audit log of %s is sound: %zu entries, the last hash %s.\n", options.id.c_str(),
              *verified, log.ok() && !log->empty() ? log->back().hash.c_str() : "(none)");
  return {};
}

util::Status ShowAudit(store::Store& store, const ElectionOptions& options) {
  auto log = store.ReadAudit(options.id);
  if (!log.ok()) {
    return log.error();
  }
  for (const store::AuditEntry& entry : *log) {
    std::printf("%lld\t%s\t%s\t%s\t%s\n", static_cast<long long>(entry.seq),
                election::IsoTime(entry.at).c_str(), entry.kind.c_str(), entry.detail.c_str(),
                entry.hash.c_str());
  }
  return {};
}

}  // namespace

void AddElectionCommands(CLI::App& app, ElectionOptions& options, int& status) {
  CLI::App* election = app.add_subcommand("election", "Create an election and move it on.");
  election->require_subcommand(1);
  StoreSubcommand(*election, "create", "Store a new election from its definition (TOML).", options,
                  status, Create)
      ->add_option("definition", options.definition, "The definition file (election.toml)")
      ->required();
  StoreSubcommand(*election, "show", "Show an election's state, timetable, sections and contests.",
                  options, status, Show)
      ->add_option("id", options.id, "The election's id")
      ->required();
  CLI::App* advance = StoreSubcommand(*election, "advance", "Move an election to its next state.",
                                      options, status, Advance);
  advance->add_option("id", options.id, "The election's id")->required();
  advance->add_option("--to", options.to, "The next state")->required();
  AddDeclareCommands(*election, options, status);
  CLI::App* audit = app.add_subcommand("audit", "Check or show an election's audit log.");
  audit->require_subcommand(1);
  StoreSubcommand(*audit, "verify", "Check the hash chain of the audit log.", options, status,
                  Verify)
      ->add_option("id", options.id, "The election's id")
      ->required();
  StoreSubcommand(*audit, "show", "Print the audit log, one entry a line.", options, status,
                  ShowAudit)
      ->add_option("id", options.id, "The election's id")
      ->required();
  AddVotingCommands(app, options, status);
  AddDemoCommand(app, options, status);
  AddServeCommand(app, options, status);
  AddVerifyCommand(app, options, status);
  AddNominationCommands(app, options, status);
  AddAccountCommands(app, options, status);
}

}  // namespace scrutineer::cli
