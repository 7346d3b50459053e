#include "tests/serve_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>

namespace scrutineer::testing {
namespace {

// What the server prints once it listens: "scrutineer: serving on http://HOST:PORT/".
constexpr const char* kServing = "serving on http://";

// The port in the server's "serving on" line within `text`, or 0 when it is not there yet.
int PortIn(const std::string& text) {
  const size_t at = text.find(kServing);
  const size_t slash = at == std::string::npos ? at : text.find('/', at + 18);
  const size_t colon = slash == std::string::npos ? slash : text.rfind(':', slash);
  if (colon == std::string::npos) {
    return 0;
  }
  return std::atoi(text.substr(colon + 1, slash - colon - 1).c_str());
}

}  // namespace

ServeProcess::ServeProcess(std::string binary, std::vector<std::string> args, int port)
    : binary_(std::move(binary)), args_(std::move(args)), port_(port) {}

ServeProcess::~ServeProcess() {
  if (pid_ > 0) {
    Signal(SIGKILL);
  }
}

bool ServeProcess::Start() {
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
    error_ = "cannot make a pipe";
    return false;
  }
  std::vector<std::string> argv{binary_, "serve"};
  argv.insert(argv.end(), args_.begin(), args_.end());
  argv.push_back("--listen");
  argv.push_back("127.0.0.1:" + std::to_string(port_));
  pid_ = fork();
  if (pid_ == 0) {
    dup2(pipe_fds[1], 1);
    dup2(pipe_fds[1], 2);
    std::vector<char*> pointers;
    for (std::string& arg : argv) {
      pointers.push_back(arg.data());
    }
    pointers.push_back(nullptr);
    execv(binary_.c_str(), pointers.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  stderr_ = pipe_fds[0];
  std::string& said = output_;
  said.clear();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd wait{stderr_, POLLIN, 0};
    if (poll(&wait, 1, 100) <= 0) {
      continue;
    }
    char buffer[512];
    const ssize_t got = read(stderr_, buffer, sizeof buffer);
    if (got <= 0) {
      break;
    }
    said.append(buffer, static_cast<size_t>(got));
    if (const int port = PortIn(said); port > 0) {
      port_ = port;
      return true;
    }
  }
  error_ = "the server did not start; it said: " + said;
  Signal(SIGKILL);
  return false;
}

int ServeProcess::Signal(int signal) {
  int status = 0;
  if (pid_ > 0) {
    kill(pid_, signal);
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  if (stderr_ >= 0) {
    close(stderr_);
    stderr_ = -1;
  }
  return status;
}

}  // namespace scrutineer::testing
