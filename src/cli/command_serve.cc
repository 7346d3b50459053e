// `scrutineer serve`: the web server (src/web) on a store, until SIGINT or SIGTERM. Each
// election's code key is read from KEYS/ID.key when a voter first needs it.
//
// With --demo it first opens a small demo election (election/sample.h) in the store given, or
// in a new temporary SQLite file, and prints a few of its voting codes, one a line as
// `credential: CODE`, so that a newcomer can vote at once; its code key is kept in memory only.

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "cli/command_election.h"
#include "cli/store_command.h"
#include "election/sample.h"
#include "web/server.h"

namespace scrutineer::cli {
namespace {

using util::Error;
using util::ErrorCode;

// "127.0.0.1:8080" as its host and port.
util::Result<web::ServerOptions> ListenOn(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  const std::string port = colon == std::string::npos ? "" : listen.substr(colon + 1);
  if (colon == 0 || port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) > 65535) {
    return Error(ErrorCode::kInvalidArgument,
                 "'" + listen + "' is not HOST:PORT (e.g. 127.0.0.1:8080; port 0: any free port)",
                 "--listen");
  }
  web::ServerOptions options;
  options.host = listen.substr(0, colon);
  options.port = std::stoi(port);
  return options;
}

// Serves until SIGINT or SIGTERM. The signals are blocked in every thread and awaited by one,
// which stops the server: no handler, no global state.
util::Status ServeUntilSignalled(web::Server& server, int port, const web::ServerOptions& options) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::thread waiter([&server, &signals] {
    int signal = 0;
    sigwait(&signals, &signal);
    server.Stop();
  });
  std::fprintf(stderr, "scrutineer: serving on %s://%s:%d/ (stop with Ctrl-C)\n",
               options.tls_cert.empty() ? "http" : "https", options.host.c_str(), port);
  std::fflush(stderr);
  util::Status served = server.Run();
  kill(getpid(), SIGTERM);  // wakes the waiter if Run ended by itself (blocked: no handler runs)
  waiter.join();
  return served;
}

constexpr int64_t kDemoVoters = 100;
constexpr size_t kDemoCodesShown = 5;

// The demo election, opened now under the first id of demo, demo-2, demo-3, ... not taken,
// with a few of its codes printed.
util::Result<election::SampleElection> OpenDemo(store::Store& store) {
  std::string id = "demo";
  for (int n = 2; store.GetElection(id).ok(); ++n) {
    id = "demo-" + std::to_string(n);
  }
  auto demo = election::OpenSampleElection(store, id, kDemoVoters, Now());
  if (!demo.ok()) {
    return demo.error();
  }
  std::string candidates;
  for (const std::string& name : election::SampleCandidates()) {
    candidates += (candidates.empty() ? "" : ", ") + name;
  }
  std::printf(
      "Demo election '%s' is open: %lld voters; candidates %s.\n"
      "Vote at the address below with one of these voting codes (each works once):\n",
      id.c_str(), static_cast<long long>(kDemoVoters), candidates.c_str());
  for (size_t i = 0; i < kDemoCodesShown && i < demo->codes.size(); ++i) {
    std::printf("credential: %s\n", demo->codes[i].c_str());
  }
  std::fflush(stdout);
  return demo;
}

util::Status Serve(store::Store& store, const ElectionOptions& options) {
  auto listen = ListenOn(options.listen);
  if (!listen.ok()) {
    return listen.error();
  }
  if (options.tls_cert.empty() != options.tls_key.empty()) {
    return Error(ErrorCode::kInvalidArgument, "give both --tls-cert and --tls-key, or neither",
                 options.tls_cert.empty() ? "--tls-key" : "--tls-cert");
  }
  listen->tls_cert = options.tls_cert;
  listen->tls_key = options.tls_key;
  election::SampleElection demo;
  if (options.demo) {
    auto opened = OpenDemo(store);
    if (!opened.ok()) {
      return opened.error();
    }
    demo = std::move(opened.value());
  }
  auto key_of = [&options](const std::string& election, bool create) {
    ElectionOptions for_key = options;
    for_key.id = election;
    for_key.key_file = options.key_dir + "/" + election + ".key";
    return ReadKey(for_key, create);
  };
  // Issuing codes from the administrator's pages makes the election's key in --keys.
  listen->make_key = [key_of](const std::string& election) { return key_of(election, true); };
  web::Desk desk(
      store,
      [&demo, key_of](const std::string& election) -> util::Result<std::string> {
        if (!demo.id.empty() && election == demo.id) {
          return demo.key;
        }
        return key_of(election, false);
      },
      Now);
  web::Server server(desk, *listen);
  auto port = server.Bind();
  if (!port.ok()) {
    return port.error();
  }
  return ServeUntilSignalled(server, *port, *listen);
}

}  // namespace

void AddServeCommand(CLI::App& app, ElectionOptions& options, int& status) {
  CLI::App* serve = StoreSubcommand(
      app, "serve", "Serve the voter's pages and the JSON API (docs/api/openapi.yaml).", options,
      status, Serve);
  serve->add_option("--listen", options.listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
  serve->add_option("--tls-cert", options.tls_cert, "HTTPS: the certificate (chain), a PEM file");
  serve->add_option("--tls-key", options.tls_key, "HTTPS: the private key, a PEM file");
  serve->add_option("--keys", options.key_dir,
                    "The directory holding each election's code key, ID.key (default .)");
  serve->add_flag("--demo", options.demo,
                  "First open a small demo election (in a temporary store unless --store or "
                  "$SCRUTINEER_STORE says where) and print some of its voting codes");
  // As StoreSubcommand's, but --demo with no store named gets a new temporary one.
  serve->callback([&options, &status] {
    if (options.demo && options.store.empty() && std::getenv("SCRUTINEER_STORE") == nullptr) {
      options.store = (std::filesystem::temp_directory_path() /
                       ("scrutineer-demo-" + std::to_string(getpid()) + ".db"))
                          .string();
      std::printf("Demo store: %s (temporary)\n", options.store.c_str());
    }
    auto store = election::OpenElectionStore(StoreLocation(options));
    util::Status done = store.ok() ? Serve(**store, options) : util::Status(store.error());
    status = kExitOk;
    if (!done.ok()) {
      PrintError(done.error());
      status = ExitCodeFor(done.error());
    }
  });
}

}  // namespace scrutineer::cli
