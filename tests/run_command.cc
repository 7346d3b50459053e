#include "tests/run_command.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace scrutineer::testing {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

std::string ScrutineerBinary() { return std::string(SCRUTINEER_BINARY_DIR) + "/scrutineer"; }

std::string SharedPath(const std::string& relative) {
  return std::string(SCRUTINEER_SHARED_DIR) + "/" + relative;
}

std::string TempDir(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(SCRUTINEER_BINARY_DIR) / "test-tmp" /
                                    (name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

CommandResult RunCommand(const std::vector<std::string>& args) {
  static int counter = 0;
  const std::string base = TempDir("run") + "/" + std::to_string(counter++);
  const std::string out_path = base + ".out";
  const std::string err_path = base + ".err";
  const pid_t child = fork();
  if (child == 0) {
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> argv;
    for (const std::string& arg : args) {
      argv.push_back(const_cast<char*>(arg.c_str()));
    }
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(child, &status, 0);
  CommandResult result;
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
  }
  result.out = ReadFile(out_path);
  result.err = ReadFile(err_path);
  return result;
}

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string TomlTime(int64_t unix_seconds) {
  const std::time_t t = unix_seconds;
  std::tm utc{};
  gmtime_r(&t, &utc);
  char text[40];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S+00:00", &utc);
  return text;
}

std::string CsvCell(const std::string& csv, int row, int column) {
  std::stringstream lines(csv);
  std::string line;
  for (int i = 0; i <= row; ++i) {
    std::getline(lines, line);
  }
  std::stringstream fields(line);
  std::string field;
  for (int i = 0; i <= column; ++i) {
    std::getline(fields, field, ',');
  }
  return field;
}

}  // namespace scrutineer::testing
