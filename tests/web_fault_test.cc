// Faults: `scrutineer serve` is killed (SIGKILL) again and again while voters cast over HTTP,
// and restarted on the same store each time. Afterwards every ballot acknowledged with 201 is
// in the ballot box, and spent credentials and ballots match one for one: no credential is
// spent without its ballot, no ballot is stored without its spent credential. On SQLite, and
// on PostgreSQL when SCRUTINEER_TEST_POSTGRES is set.

#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "election/lifecycle.h"
#include "election/sample.h"
#include "store/test_store.h"
#include "tests/run_command.h"
#include "tests/serve_process.h"

namespace scrutineer {
namespace {

using nlohmann::json;
using store::test::Backend;

constexpr int kKills = 5;
constexpr int kVoters = 20'000;
constexpr int kClients = 16;

int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A port nothing listens on now, for the server to bind after each restart (httplib sets
// SO_REUSEADDR, so the connections the kill left do not keep it).
int FreePort() {
  const int probe = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  int port = 0;
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the sockets API
  auto* any = reinterpret_cast<sockaddr*>(&address);
  if (bind(probe, any, sizeof address) == 0 && getsockname(probe, any, &length) == 0) {
    port = ntohs(address.sin_port);
  }
  close(probe);
  return port;
}

// Voters casting one ballot each, from `clients` threads, until told to stop or the codes run
// out; each keeps a keep-alive connection, made again when the server is down.
class Voters {
 public:
  Voters(const std::vector<std::string>& codes, int port) : codes_(codes), port_(port) {}

  void Start(int clients) {
    for (int i = 0; i < clients; ++i) {
      threads_.emplace_back([this] { Vote(); });
    }
  }
  void Stop() {
    stop_ = true;
    for (std::thread& thread : threads_) {
      thread.join();
    }
  }
  // The tracking codes of the ballots acknowledged with 201.
  const std::vector<std::string>& acknowledged() const { return acknowledged_; }
  int64_t failed() const { return failed_; }

 private:
  void Vote() {
    httplib::Client client("127.0.0.1", port_);
    client.set_keep_alive(true);
    client.set_tcp_nodelay(true);
    for (size_t next = next_++; !stop_ && next < codes_.size(); next = next_++) {
      const json body{{"credential", codes_[next]},
                      {"contests", {{"leader", {election::SampleCandidates()[next % 3]}}}}};
      auto answer = client.Post("/api/v1/ballots", body.dump(), "application/json");
      if (answer && answer->status == 201) {
        const std::lock_guard lock(mutex_);
        acknowledged_.push_back(json::parse(answer->body).at("tracking_code"));
      } else if (!answer) {
        ++failed_;  // the server is down: the ballot may or may not be in, unacknowledged
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
  }

  const std::vector<std::string>& codes_;
  const int port_;
  std::atomic<size_t> next_ = 0;
  std::atomic<bool> stop_ = false;
  std::atomic<int64_t> failed_ = 0;
  std::mutex mutex_;
  std::vector<std::string> acknowledged_;
  std::vector<std::thread> threads_;
};

class WebFaultTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && store::test::TestPostgresUrl().empty()) {
      GTEST_SKIP() << store::test::kNoPostgres;
    }
    const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    auto place = store::test::TestPlace::Make(GetParam(), name);
    ASSERT_TRUE(place.ok()) << place.error().ToString();
    place_.emplace(std::move(place.value()));
    keys_ = testing::TempDir("web_fault_" + name);
    auto opened = election::OpenElectionStore(place_->location());
    ASSERT_TRUE(opened.ok()) << opened.error().ToString();
    auto sample = election::OpenSampleElection(**opened, "fault", kVoters, Now());
    ASSERT_TRUE(sample.ok()) << sample.error().ToString();
    codes_ = sample->codes;
    std::ofstream(keys_ + "/fault.key") << election::KeyFileText(sample->key);
  }

  std::optional<store::test::TestPlace> place_;
  std::string keys_;
  std::vector<std::string> codes_;
};

TEST_P(WebFaultTest, EveryAcknowledgedBallotSurvivesTheServerBeingKilled) {
  testing::ServeProcess server(testing::ScrutineerBinary(),
                               {"--store", place_->location(), "--keys", keys_}, FreePort());
  ASSERT_TRUE(server.Start()) << server.error();
  Voters voters(codes_, server.port());
  voters.Start(kClients);
  std::mt19937 random(std::random_device{}());
  for (int kill = 0; kill < kKills; ++kill) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300 + random() % 700));
    const int status = server.Signal(SIGKILL);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << status;
    ASSERT_TRUE(server.Start()) << "restart " << kill + 1 << ": " << server.error();
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  voters.Stop();
  server.Signal(SIGTERM);
  ASSERT_GT(voters.acknowledged().size(), 0u);
  EXPECT_GT(voters.failed(), 0) << "no request was cut off: were the kills too late?";

  auto opened = election::OpenElectionStore(place_->location());
  ASSERT_TRUE(opened.ok()) << opened.error().ToString();
  const store::Store& store = **opened;
  std::set<std::string> box;
  ASSERT_TRUE(store
                  .ForEachBallot("fault", "leader",
                                 [&](const store::BallotRecord& ballot) {
                                   box.insert(ballot.tracking_code);
                                   return true;
                                 })
                  .ok());
  for (const std::string& tracking : voters.acknowledged()) {
    EXPECT_TRUE(box.contains(tracking)) << "acknowledged but lost: " << tracking;
  }
  auto credentials = store.CountCredentials("fault");
  ASSERT_TRUE(credentials.ok());
  int64_t spent = 0;
  for (const auto& [section_state, count] : *credentials) {
    spent += section_state.second == store::CredentialState::kSpent ? count : 0;
  }
  EXPECT_EQ(spent, static_cast<int64_t>(box.size())) << "spent credentials and ballots differ";
  EXPECT_GE(box.size(), voters.acknowledged().size());
  auto verified = election::VerifyAudit(store, "fault");
  EXPECT_TRUE(verified.ok()) << verified.error().ToString();
  std::printf("%zu ballots acknowledged, %zu in the box, %lld requests cut off, %d kills\n",
              voters.acknowledged().size(), box.size(), static_cast<long long>(voters.failed()),
              kKills);
}

INSTANTIATE_TEST_SUITE_P(Backends, WebFaultTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) {
                           return param_info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
                         });

}  // namespace
}  // namespace scrutineer
