// `scrutineer nominations nominators|consent|withdraw|show`, `scrutineer nominate`
// (docs/nominations.md) and `scrutineer eliminating record|show` (docs/eliminating-ballots.md).

#include <cstdio>
#include <tuple>

#include "cli/command_election.h"
#include "cli/store_command.h"
#include "election/eliminating.h"
#include "election/nominations.h"

namespace scrutineer::cli {
namespace {

util::Status Nominators(store::Store& store, const ElectionOptions& options) {
  auto count = election::ImportNominators(store, options.id, options.contest, options.file, Now());
  if (!count.ok()) {
    return count.error();
  }
  std::printf("Contest %s: %lld in the nominating body.\n", options.contest.c_str(),
              static_cast<long long>(*count));
  return {};
}

util::Status Show(store::Store& store, const ElectionOptions& options) {
  auto election = election::LoadElection(store, options.id);
  if (!election.ok()) {
    return election.error();
  }
  for (const core::Contest& contest : election->definition.contests) {
    if (!contest.nominations || (!options.contest.empty() && contest.id != options.contest)) {
      continue;
    }
    auto status = election::NominationsOf(store, *election, contest.id);
    if (!status.ok()) {
      return status.error();
    }
    std::fputs(election::NominationsText(*status).c_str(), stdout);
  }
  return {};
}

util::Status RecordBallot(store::Store& store, const ElectionOptions& options) {
  auto ballot =
      election::RecordEliminatingBallot(store, options.id, options.contest, options.file, Now());
  if (!ballot.ok()) {
    return ballot.error();
  }
  auto election = election::LoadElection(store, options.id);
  auto status = election.ok() ? election::EliminatingBallotsOf(store, *election, options.contest)
                              : util::Result<election::EliminatingStatus>(election.error());
  if (!status.ok()) {
    return status.error();
  }
  std::fputs(election::EliminatingBallotsText(*status).c_str(), stdout);
  return {};
}

util::Status ShowBallots(store::Store& store, const ElectionOptions& options) {
  auto election = election::LoadElection(store, options.id);
  if (!election.ok()) {
    return election.error();
  }
  for (const core::Contest& contest : election->definition.contests) {
    if (!contest.eliminating_ballots ||
        (!options.contest.empty() && contest.id != options.contest)) {
      continue;
    }
    auto status = election::EliminatingBallotsOf(store, *election, contest.id);
    if (!status.ok()) {
      return status.error();
    }
    std::fputs(election::EliminatingBallotsText(*status).c_str(), stdout);
  }
  return {};
}

void ContestArguments(CLI::App* command, ElectionOptions& options) {
  command->add_option("id", options.id, "The election's id")->required();
  command->add_option("contest", options.contest, "The contest's id")->required();
}

void AddEliminatingCommands(CLI::App& app, ElectionOptions& options, int& status) {
  CLI::App* eliminating = app.add_subcommand(
      "eliminating", "A contest's eliminating ballots of its nominating body.");
  eliminating->require_subcommand(1);
  CLI::App* record = StoreSubcommand(
      *eliminating, "record",
      "Record the next ballot of the body from its papers (CSV: vote[,count]).", options, status,
      RecordBallot);
  ContestArguments(record, options);
  record->add_option("file", options.file, "The papers (CSV: vote, or rank1, ...; count)")
      ->required();
  CLI::App* show = StoreSubcommand(*eliminating, "show",
                                   "Each ballot of the body, and who stands now.", options, status,
                                   ShowBallots);
  show->add_option("id", options.id, "The election's id")->required();
  show->add_option("contest", options.contest, "One contest (default: each)");
}

}  // namespace

void AddNominationCommands(CLI::App& app, ElectionOptions& options, int& status) {
  CLI::App* nominations = app.add_subcommand("nominations", "A contest's nominations.");
  nominations->require_subcommand(1);
  CLI::App* body = StoreSubcommand(*nominations, "nominators",
                                   "Set a contest's nominating body from a CSV file (id,name).",
                                   options, status, Nominators);
  ContestArguments(body, options);
  body->add_option("file", options.file, "The nominators (CSV: id,name)")->required();
  for (const auto& [name, help, withdraw] :
       {std::tuple{"consent", "A candidate consents to stand.", false},
        std::tuple{"withdraw", "A candidate withdraws.", true}}) {
    const bool is_withdrawal = withdraw;
    CLI::App* command = StoreSubcommand(
        *nominations, name, help, options, status,
        [is_withdrawal](store::Store& store, const ElectionOptions& o) {
          return is_withdrawal ? election::Withdraw(store, o.id, o.contest, o.candidate, Now())
                               : election::Consent(store, o.id, o.contest, o.candidate, Now());
        });
    ContestArguments(command, options);
    command->add_option("candidate", options.candidate, "The candidate")->required();
  }
  CLI::App* show =
      StoreSubcommand(*nominations, "show", "The live tally of nominations against the threshold.",
                      options, status, Show);
  show->add_option("id", options.id, "The election's id")->required();
  show->add_option("contest", options.contest, "One contest (default: each)");
  CLI::App* nominate = StoreSubcommand(
      app, "nominate", "Record a nomination by a member of the nominating body.", options, status,
      [](store::Store& store, const ElectionOptions& o) {
        return election::Nominate(store, o.id, o.contest, o.nominator, o.candidate, Now());
      });
  ContestArguments(nominate, options);
  nominate->add_option("--nominator", options.nominator, "The nominator's id")->required();
  nominate->add_option("--candidate", options.candidate, "The candidate nominated")->required();
  AddEliminatingCommands(app, options, status);
}

}  // namespace scrutineer::cli
