// `scrutineer election count|declare|result`: the count of a closed election from its stored
// ballots, and its declaration by section (docs/cli.md). Counting moves the election to
// `counted`, declaring to `declared`; `result` prints it again at any time after the count.

#include <cstdio>

#include "cli/command_election.h"
#include "cli/store_command.h"
#include "crypto/sha256_lot.h"
#include "election/count.h"
#include "election/eliminating.h"
#include "election/record.h"
#include "report/declaration.h"

namespace scrutineer::cli {
namespace {

using util::Error;
using util::ErrorCode;

std::string Render(const std::string& format, const report::Declaration& declaration) {
  if (format == "json") {
    return report::WriteJson(declaration);
  }
  if (format == "html") {
    return report::WriteHtml(declaration);
  }
  return report::WriteText(declaration);
}

// Every contest's declaration (or the one asked for), and what the audit log records of them.
util::Result<std::pair<std::string, std::string>> Declare(const store::Store& store,
                                                          const election::Election& election,
                                                          const ElectionOptions& options) {
  std::string out;
  std::string digests;
  size_t shown = 0;
  for (const core::Contest& contest : election.definition.contests) {
    if (!options.contest.empty() && contest.id != options.contest) {
      continue;
    }
    auto counted = election::CountContest(store, election, contest.id);
    if (!counted.ok()) {
      return counted.error();
    }
    const report::Declaration declaration = election::DeclarationOf(*counted, election.definition);
    std::string text = Render(options.format, declaration);
    if (contest.eliminating_ballots && options.format == "text") {
      auto ballots = election::EliminatingBallotsOf(store, election, contest.id);
      if (!ballots.ok()) {
        return ballots.error();
      }
      std::string ballots_text = election::EliminatingBallotsText(*ballots);
      ballots_text += '\n';
      ballots_text += text;
      text = std::move(ballots_text);
    }
    digests += (digests.empty() ? "" : "; ") + contest.id + " " +
               crypto::Sha256Hex(report::WriteJson(declaration));
    out += (shown++ > 0 && options.format == "text" ? "\n" : "") + text;
  }
  if (shown == 0) {
    return Error(ErrorCode::kNotFound, "there is no contest '" + options.contest + "'",
                 "--contest");
  }
  if (shown > 1 && options.format != "text") {
    return Error(ErrorCode::kInvalidArgument,
                 "the election has several contests: give --contest for " + options.format,
                 "--format");
  }
  if (options.format == "text") {
    auto statement = election::ScrutineerStatement(store, election);
    out += "\n" + (statement.ok() ? *statement : std::string());
  }
  return std::pair{out, digests};
}

// Prints the declaration and, when `to` is given, moves the election there, logging the
// SHA-256 of each contest's JSON declaration.
util::Status Run(store::Store& store, const ElectionOptions& options,
                 std::optional<core::ElectionState> to, bool print = true) {
  auto election = election::LoadElection(store, options.id);
  if (!election.ok()) {
    return election.error();
  }
  auto declared = Declare(store, *election, options);
  if (!declared.ok()) {
    return declared.error();
  }
  if (to) {
    if (util::Status moved = election::AdvanceElection(store, options.id, *to, Now());
        !moved.ok()) {
      return moved;
    }
    const char* kind = *to == core::ElectionState::kCounted ? "counted" : "declared";
    if (util::Status logged = store.AppendAudit(
            options.id, {Now(), kind, "declaration SHA-256: " + declared->second});
        !logged.ok()) {
      return logged;
    }
  }
  if (print) {
    std::fwrite(declared->first.data(), 1, declared->first.size(), stdout);
  }
  return {};
}

util::Status Record(store::Store& store, const ElectionOptions& options) {
  auto election = election::LoadElection(store, options.id);
  if (!election.ok()) {
    return election.error();
  }
  if (util::Status written = election::WriteRecord(store, *election, options.out); !written.ok()) {
    return written;
  }
  std::printf("The record of %s is in %s.\n", options.id.c_str(), options.out.c_str());
  return {};
}

}  // namespace

util::Status DeclareElection(store::Store& store, const ElectionOptions& options) {
  if (util::Status counted = Run(store, options, core::ElectionState::kCounted, false);
      !counted.ok()) {
    return counted;
  }
  return Run(store, options, core::ElectionState::kDeclared);
}

void AddDeclareCommands(CLI::App& election, ElectionOptions& options, int& status) {
  const std::pair<const char*, const char*> commands[] = {
      {"count", "Count a closed election from its ballots and show the result."},
      {"declare", "Declare a counted election's result."},
      {"result", "Show a counted election's result again."}};
  for (const auto& [name, help] : commands) {
    const std::string which = name;
    CLI::App* command = StoreSubcommand(
        election, name, help, options, status,
        [which](store::Store& store, const ElectionOptions& o) {
          return Run(store, o,
                     which == "count"     ? std::optional(core::ElectionState::kCounted)
                     : which == "declare" ? std::optional(core::ElectionState::kDeclared)
                                          : std::nullopt);
        });
    command->add_option("id", options.id, "The election's id")->required();
    command->add_option("--format", options.format, "text, json or html")
        ->check(CLI::IsMember({"text", "json", "html"}));
    command->add_option("--contest", options.contest, "One contest (default: each)");
  }
  CLI::App* record = StoreSubcommand(
      election, "record", "Write the published record of a counted election (docs/record.md).",
      options, status, Record);
  record->add_option("id", options.id, "The election's id")->required();
  record->add_option("--out", options.out, "The directory to write it into")->required();
}

void AddVerifyCommand(CLI::App& app, ElectionOptions& options, int& status) {
  CLI::App* verify = app.add_subcommand(
      "verify", "Recount a published election record and check its audit log (docs/record.md).");
  verify->add_option("record", options.file, "The record's directory")->required();
  verify->callback([&options, &status] {
    auto report = election::VerifyRecord(options.file);
    status = kExitOk;
    if (!report.ok()) {
      PrintError(report.error());
      status = ExitCodeFor(report.error());
      return;
    }
    std::printf("%sThe record verifies.\n", report->c_str());
  });
}

}  // namespace scrutineer::cli
