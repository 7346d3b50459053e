// scrutineer: the command line. One subcommand per operation (docs/cli.md); every error is
// printed with what and where, and the exit status says what kind of failure it was.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "cli/command_count.h"
#include "cli/command_election.h"
#include "cli/exit_codes.h"
#include "report/declaration.h"

namespace {

int Run(int argc, char** argv) {
  using namespace scrutineer::cli;
  CLI::App app("Scrutineer: run and count elections for membership organisations.", "scrutineer");
  app.require_subcommand(1);
  app.set_version_flag("--version", scrutineer::report::GeneratedBy());
  CountOptions count_options;
  CLI::App* count = AddCountCommand(app, count_options);
  ElectionOptions election_options;
  int status = kExitUsage;
  AddElectionCommands(app, election_options, status);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    app.exit(error);
    return kExitUsage;
  }
  if (count->parsed()) {
    return RunCount(count_options);
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& error) {
    // Only a library's unexpected failure (e.g. memory exhausted) can reach here.
    std::fprintf(stderr, "scrutineer: internal error: %s\n", error.what());
    return 70;
  }
}
