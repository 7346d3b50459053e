#pragma once
// `scrutineer serve` as a child process on 127.0.0.1, for the fault test and the web load
// benchmark: started, killed (SIGKILL: no chance to tidy up) or stopped (SIGTERM), and
// restarted on the same port.

#include <sys/types.h>

#include <string>
#include <vector>

namespace scrutineer::testing {

class ServeProcess {
 public:
  // `binary serve ARGS... --listen 127.0.0.1:PORT` (PORT 0: a free port, kept for restarts).
  ServeProcess(std::string binary, std::vector<std::string> args, int port = 0);
  ~ServeProcess();  // kills the server if it still runs
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  // Starts the server and waits (up to 60 s) until it says it serves; false, with `error()`
  // saying why, if it does not.
  bool Start();
  // Sends `signal` and waits for the server to end; its exit status as waitpid gives it.
  int Signal(int signal);
  int port() const { return port_; }
  // What the server wrote (standard output and error) until it said it serves.
  const std::string& output() const { return output_; }
  bool running() const { return pid_ > 0; }
  const std::string& error() const { return error_; }

 private:
  std::string binary_;
  std::vector<std::string> args_;
  int port_;
  pid_t pid_ = -1;
  int stderr_ = -1;  // the server's output, read until it says its port
  std::string output_;
  std::string error_;
};

}  // namespace scrutineer::testing
