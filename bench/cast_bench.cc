// cast_bench: how many ballots a second each store accepts through Store::Cast, every batch
// committed durably (SQLite: WAL with synchronous=FULL; PostgreSQL: synchronous_commit on).
//
//   cast_bench [--ballots N] [--batch B] [--sqlite FILE] [--postgres URL]
//
// N voters (default 100,000) in ten sections are imported and given credentials, then each
// casts one ballot, in a shuffled order, B requests a batch (default 500). The SQLite store is
// a new file (default cast_bench.db in the build directory); the PostgreSQL one is the
// database at URL (default $SCRUTINEER_TEST_POSTGRES; `make bench-store` starts a throwaway
// server), where each run makes an election of its own. Prints the time of each step and
// ballots a second; fails when a ballot is not accepted or not counted.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "election/audit.h"
#include "store/store.h"

namespace {

using scrutineer::store::Store;
namespace store = scrutineer::store;

struct Options {
  int64_t ballots = 100000;
  int64_t batch = 500;
  std::string sqlite = std::string(SCRUTINEER_BINARY_DIR) + "/cast_bench.db";
  std::string postgres;
};

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string RandomHex(std::mt19937_64& random, int bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (int i = 0; i < bytes; ++i) {
    const auto byte = static_cast<unsigned>(random() & 0xFF);
    hex += kDigits[byte >> 4];
    hex += kDigits[byte & 0xF];
  }
  return hex;
}

// The election's voters, with one credential each.
struct Electorate {
  std::vector<store::VoterRecord> voters;
  std::vector<store::CredentialRecord> credentials;
};

Electorate MakeElectorate(int64_t size) {
  Electorate electorate;
  for (int64_t i = 0; i < size; ++i) {
    char number[32];
    std::snprintf(number, sizeof number, "M%08lld", static_cast<long long>(i));
    electorate.voters.push_back({number, "A Member", "member@example.org", "1 High Street",
                                 "section-" + std::to_string(i % 10), "2015-06-01", ""});
    electorate.credentials.push_back({std::string("code-hash-") + number, number, "online"});
  }
  return electorate;
}

// One request per credential, in a shuffled order, as the election layer makes them.
std::vector<store::CastRequest> MakeRequests(const Electorate& electorate,
                                             std::mt19937_64& random) {
  std::vector<store::CastRequest> requests;
  for (const store::CredentialRecord& credential : electorate.credentials) {
    const std::string tracking = RandomHex(random, 8);
    store::BallotRecord ballot{RandomHex(random, 16), "leader", "", "online",
                               "Ada\nBen\nCy",        tracking};
    requests.push_back({credential.code_hash,
                        {ballot},
                        {1700000000, "ballot accepted", "tracking code " + tracking}});
  }
  std::shuffle(requests.begin(), requests.end(), random);
  return requests;
}

// Imports the register and issues the credentials, printing how long each took.
bool Prepare(Store& store, const std::string& id, const Electorate& electorate) {
  const auto start = std::chrono::steady_clock::now();
  if (auto made = store.CreateElection({id, "Cast benchmark", "id = \"" + id + "\"\n", "open"},
                                       {1700000000, "created", id});
      !made.ok()) {
    std::fprintf(stderr, "%s\n", made.error().ToString().c_str());
    return false;
  }
  auto imported = store.UpsertVoters(id, electorate.voters, store::ReplaceRegister::kNo,
                                     {1700000000, "register", "imported"});
  const double register_seconds = SecondsSince(start);
  auto issued = store.IssueCredentials(id, electorate.credentials, {1700000000, "issue", "all"});
  if (!imported.ok() || !issued.ok()) {
    std::fprintf(stderr, "%s\n",
                 (imported.ok() ? issued.error() : imported.error()).ToString().c_str());
    return false;
  }
  std::printf("  register of %zu imported in %.2f s; credentials issued in %.2f s\n",
              electorate.voters.size(), register_seconds, SecondsSince(start) - register_seconds);
  return true;
}

// Casts every request, `batch` at a time; the seconds it took, or a negative number on failure.
double CastAll(Store& store, const std::string& id, const std::vector<store::CastRequest>& requests,
               int64_t batch) {
  const auto start = std::chrono::steady_clock::now();
  for (size_t first = 0; first < requests.size(); first += static_cast<size_t>(batch)) {
    const size_t last = std::min(requests.size(), first + static_cast<size_t>(batch));
    const std::vector<store::CastRequest> slice(requests.begin() + static_cast<ptrdiff_t>(first),
                                                requests.begin() + static_cast<ptrdiff_t>(last));
    auto outcomes = store.Cast(id, slice);
    if (!outcomes.ok()) {
      std::fprintf(stderr, "%s\n", outcomes.error().ToString().c_str());
      return -1;
    }
    for (const store::CastOutcome outcome : *outcomes) {
      if (outcome != store::CastOutcome::kAccepted) {
        std::fprintf(stderr, "a ballot was not accepted\n");
        return -1;
      }
    }
  }
  return SecondsSince(start);
}

// Every ballot counted, by section.
bool AllCounted(const Store& store, const std::string& id, int64_t expected) {
  auto returns = store.CountBallots(id);
  int64_t counted = 0;
  for (const store::ReturnCount& count :
       returns.ok() ? *returns : std::vector<store::ReturnCount>{}) {
    counted += count.ballots;
  }
  if (counted != expected) {
    std::fprintf(stderr, "counted %lld ballots, not %lld\n", static_cast<long long>(counted),
                 static_cast<long long>(expected));
  }
  return counted == expected;
}

bool RunOn(const char* name, const std::string& location, const Options& options) {
  auto opened = store::OpenStore(location, scrutineer::election::AuditHash);
  if (!opened.ok()) {
    std::fprintf(stderr, "%s\n", opened.error().ToString().c_str());
    return false;
  }
  Store& store = **opened;
  std::mt19937_64 random(std::random_device{}());
  const std::string id = "bench-" + RandomHex(random, 4);
  const Electorate electorate = MakeElectorate(options.ballots);
  const std::vector<store::CastRequest> requests = MakeRequests(electorate, random);
  std::printf("%s (%s), election %s\n", name, location.c_str(), id.c_str());
  if (!Prepare(store, id, electorate)) {
    return false;
  }
  const double seconds = CastAll(store, id, requests, options.batch);
  if (seconds < 0 || !AllCounted(store, id, options.ballots)) {
    return false;
  }
  std::printf(
      "  %lld ballots cast in batches of %lld in %.2f s: %.0f ballots/s (%.1f ms a batch)\n",
      static_cast<long long>(options.ballots), static_cast<long long>(options.batch), seconds,
      static_cast<double>(options.ballots) / seconds,
      1000 * seconds * static_cast<double>(options.batch) / static_cast<double>(options.ballots));
  return true;
}

bool Parse(int argc, char** argv, Options& options) {
  if (const char* url = std::getenv("SCRUTINEER_TEST_POSTGRES"); url != nullptr) {
    options.postgres = url;
  }
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--ballots" || flag == "--batch") {
      (flag == "--ballots" ? options.ballots : options.batch) = std::atoll(value.c_str());
    } else if (flag == "--sqlite" || flag == "--postgres") {
      (flag == "--sqlite" ? options.sqlite : options.postgres) = value;
    } else {
      return false;
    }
  }
  return argc % 2 == 1 && options.ballots > 0 && options.batch > 0;
}

int Run(int argc, char** argv) {
  Options options;
  if (!Parse(argc, argv, options)) {
    std::fprintf(stderr,
                 "usage: cast_bench [--ballots N] [--batch B] [--sqlite FILE] [--postgres URL]\n");
    return 2;
  }
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
    return Run(argc, argv);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "cast_bench: %s\n", error.what());
    return 1;
  }
}
