// web_bench: ballots a second cast over HTTP through `scrutineer serve`, and each ballot's
// latency, with many voters at once (loopback only; durable commits).
//
//   web_bench [--voters N] [--concurrency C] [--sqlite FILE] [--postgres URL]
//
// For each store, a sample election (election/sample.h) of N voters (default 20,000) is
// opened with codes issued; `scrutineer serve` is started on it on 127.0.0.1; then C voters at
// once (default 200), each a thread with its own keep-alive connection (httplib::Client),
// cast the N ballots (POST /api/v1/ballots), each voter its next ballot as soon as the last is
// acknowledged. Prints ballots a second and the latency percentiles (p50, p95, p99, max) of
// the acknowledgements; fails when a ballot is not acknowledged with 201 or not in the store.
// The SQLite store is a new file (default web_bench.db in the build directory); the PostgreSQL
// one the database at URL (default $SCRUTINEER_TEST_POSTGRES; `make bench-web` starts a
// throwaway server), where each run makes an election of its own.

#include <httplib.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "crypto/voting_code.h"
#include "election/lifecycle.h"
#include "election/sample.h"
#include "tests/serve_process.h"

namespace {

namespace election = scrutineer::election;
using Clock = std::chrono::steady_clock;

struct Options {
  int64_t voters = 20000;
  int64_t concurrency = 200;
  std::string sqlite = std::string(SCRUTINEER_BINARY_DIR) + "/web_bench.db";
  std::string postgres;
};

int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The request bodies, one a voter, made before the clock starts. They name the election: the
// PostgreSQL database may hold other open ones, from earlier runs.
std::vector<std::string> Bodies(const std::string& id, const std::vector<std::string>& codes) {
  std::vector<std::string> bodies;
  bodies.reserve(codes.size());
  const auto& names = election::SampleCandidates();
  for (size_t i = 0; i < codes.size(); ++i) {
    const nlohmann::json ranking{names[i % 3], names[(i + 1) % 3]};
    bodies.push_back(nlohmann::json{
        {"election", id}, {"credential", codes[i]}, {"contests", {{"leader", ranking}}}}
                         .dump());
  }
  return bodies;
}

// What the voters saw: each acknowledged ballot's latency, and the failures.
struct Run {
  std::vector<double> latencies_ms;
  int64_t failures = 0;
  double seconds = 0;
};

// `concurrency` voters, each with a keep-alive connection, cast every body once.
Run CastAll(int port, const std::vector<std::string>& bodies, int64_t concurrency) {
  std::atomic<size_t> next = 0;
  std::atomic<int64_t> failures = 0;
  std::vector<std::vector<double>> latencies(static_cast<size_t>(concurrency));
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  for (auto& mine : latencies) {
    threads.emplace_back([&, port] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      client.set_read_timeout(60, 0);
      for (size_t i = next++; i < bodies.size(); i = next++) {
        const auto sent = Clock::now();
        auto answer = client.Post("/api/v1/ballots", bodies[i], "application/json");
        if (!answer || answer->status != 201) {
          ++failures;
          continue;
        }
        mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  Run run{{}, failures.load(), std::chrono::duration<double>(Clock::now() - start).count()};
  for (const auto& mine : latencies) {
    run.latencies_ms.insert(run.latencies_ms.end(), mine.begin(), mine.end());
  }
  std::sort(run.latencies_ms.begin(), run.latencies_ms.end());
  return run;
}

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) {
    return 0;
  }
  const auto at = static_cast<size_t>(p / 100 * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(at, sorted.size() - 1)];
}

// Ballots in the store's box for election `id`.
int64_t Stored(const std::string& location, const std::string& id) {
  auto opened = election::OpenElectionStore(location);
  if (!opened.ok()) {
    return -1;
  }
  auto returns = (*opened)->CountBallots(id);
  if (!returns.ok()) {
    return -1;
  }
  int64_t counted = 0;
  for (const scrutineer::store::ReturnCount& count : *returns) {
    counted += count.ballots;
  }
  return counted;
}

// Opens the election; its codes, with its key written to KEYS/ID.key.
std::vector<std::string> Prepare(const std::string& location, const std::string& id,
                                 const std::string& keys, int64_t voters) {
  const auto start = Clock::now();
  auto opened = election::OpenElectionStore(location);
  auto sample = opened.ok() ? election::OpenSampleElection(**opened, id, voters, Now())
                            : scrutineer::util::Result<election::SampleElection>(opened.error());
  if (!sample.ok()) {
    std::fprintf(stderr, "%s\n", sample.error().ToString().c_str());
    return {};
  }
  std::ofstream(keys + "/" + id + ".key") << election::KeyFileText(sample->key);
  std::printf("  election %s of %lld voters opened, codes issued, in %.1f s\n", id.c_str(),
              static_cast<long long>(voters),
              std::chrono::duration<double>(Clock::now() - start).count());
  return sample->codes;
}

bool RunOn(const char* name, const std::string& location, const Options& options) {
  std::printf("%s (%s)\n", name, location.c_str());
  const std::string id = "web-bench-" + scrutineer::crypto::RandomHex(4);
  const std::string keys = std::filesystem::temp_directory_path() / ("web-bench-keys-" + id);
  std::filesystem::create_directories(keys);
  const std::vector<std::string> codes = Prepare(location, id, keys, options.voters);
  if (codes.empty()) {
    return false;
  }
  scrutineer::testing::ServeProcess server(std::string(SCRUTINEER_BINARY_DIR) + "/scrutineer",
                                           {"--store", location, "--keys", keys});
  if (!server.Start()) {
    std::fprintf(stderr, "%s\n", server.error().c_str());
    return false;
  }
  const Run run = CastAll(server.port(), Bodies(id, codes), options.concurrency);
  server.Signal(SIGTERM);
  std::filesystem::remove_all(keys);
  const auto& l = run.latencies_ms;
  std::printf(
      "  %zu ballots acknowledged (201) in %.2f s by %lld voters at once: %.0f ballots/s\n"
      "  latency ms: p50 %.1f, p95 %.1f, p99 %.1f, max %.1f; %lld not acknowledged\n",
      l.size(), run.seconds, static_cast<long long>(options.concurrency),
      static_cast<double>(l.size()) / run.seconds, Percentile(l, 50), Percentile(l, 95),
      Percentile(l, 99), l.empty() ? 0 : l.back(), static_cast<long long>(run.failures));
  const int64_t stored = Stored(location, id);
  if (run.failures != 0 || stored != options.voters) {
    std::fprintf(stderr, "  %lld ballots in the store, not %lld\n", static_cast<long long>(stored),
                 static_cast<long long>(options.voters));
    return false;
  }
  return true;
}

bool Parse(int argc, char** argv, Options& options) {
  if (const char* url = std::getenv("SCRUTINEER_TEST_POSTGRES"); url != nullptr) {
    options.postgres = url;
  }
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--voters" || flag == "--concurrency") {
      (flag == "--voters" ? options.voters : options.concurrency) = std::atoll(value.c_str());
    } else if (flag == "--sqlite" || flag == "--postgres") {
      (flag == "--sqlite" ? options.sqlite : options.postgres) = value;
    } else {
      return false;
    }
  }
  return argc % 2 == 1 && options.voters > 0 && options.concurrency > 0;
}

int Main(int argc, char** argv) {
  Options options;
  if (!Parse(argc, argv, options)) {
    std::fprintf(stderr,
                 "usage: web_bench [--voters N] [--concurrency C] [--sqlite FILE] "
                 "[--postgres URL]\n");
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::error_code ignored;
    std::filesystem::remove(options.sqlite + suffix, ignored);
  }
  bool ok = RunOn("sqlite", options.sqlite, options);
  if (options.postgres.empty()) {
    std::printf("postgresql: skipped (give --postgres URL or set SCRUTINEER_TEST_POSTGRES)\n");
  } else {
    ok = RunOn("postgresql", options.postgres, options) && ok;
  }
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Main(argc, argv);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "web_bench: %s\n", error.what());
    return 1;
  }
}
