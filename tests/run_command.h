#pragma once
// Runs the scrutineer binary (or any program) as a user would, for end-to-end tests: captures
// standard output and error and the exit status.

#include <cstdint>
#include <string>
#include <vector>

namespace scrutineer::testing {

struct CommandResult {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
  std::string out;
  std::string err;
};

CommandResult RunCommand(const std::vector<std::string>& args);

// The scrutineer binary of this build.
std::string ScrutineerBinary();
// A path under ../shared.
std::string SharedPath(const std::string& relative);
// A fresh, empty directory for one test's files (under the build directory).
std::string TempDir(const std::string& name);

std::string ReadFile(const std::string& path);
// Seconds since the epoch, now.
int64_t NowSeconds();
// A TOML offset date-time for an instant: "2026-11-25T07:00:00+00:00".
std::string TomlTime(int64_t unix_seconds);
// Field `column` (0-based) of line `row` (0: the header) of a CSV text without quoted commas.
std::string CsvCell(const std::string& csv, int row, int column);
void WriteFile(const std::string& path, const std::string& text);

}  // namespace scrutineer::testing
