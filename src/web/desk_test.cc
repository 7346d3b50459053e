// The desk's casting queue against a real store (SQLite, and PostgreSQL when
// SCRUTINEER_TEST_POSTGRES is set): many threads cast at once, and each gets its own paper's
// outcome once its batch is committed.

#include "web/desk.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

#include "election/sample.h"
#include "store/test_store.h"

namespace scrutineer::web {
namespace {

using store::test::Backend;

constexpr int64_t kNow = 1'790'000'000;

class DeskTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && store::test::TestPostgresUrl().empty()) {
      GTEST_SKIP() << store::test::kNoPostgres;
    }
    const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    auto place = store::test::TestPlace::Make(GetParam(), name);
    ASSERT_TRUE(place.ok()) << place.error().ToString();
    place_.emplace(std::move(place.value()));
    auto opened = election::OpenElectionStore(place_->location());
    ASSERT_TRUE(opened.ok()) << opened.error().ToString();
    store_ = std::move(opened.value());
    auto sample = election::OpenSampleElection(*store_, "demo", 120, kNow);
    ASSERT_TRUE(sample.ok()) << sample.error().ToString();
    sample_ = std::move(sample.value());
  }

  Desk MakeDesk(Clock clock, DeskOptions options = {}) {
    return Desk(
        *store_, [this](const std::string&) { return util::Result<std::string>(sample_.key); },
        std::move(clock), options);
  }

  static election::BallotPaper Paper(const std::string& code, std::vector<std::string> ranking) {
    return {code, {{"leader", std::move(ranking)}}};
  }

  // The tracking codes in the ballot box.
  std::set<std::string> Box() {
    std::set<std::string> codes;
    EXPECT_TRUE(store_
                    ->ForEachBallot("demo", "leader",
                                    [&](const store::BallotRecord& ballot) {
                                      codes.insert(ballot.tracking_code);
                                      return true;
                                    })
                    .ok());
    return codes;
  }

  std::optional<store::test::TestPlace> place_;
  std::unique_ptr<store::Store> store_;
  election::SampleElection sample_;
};

// Runs `cast(i)` for i in [0, n) on n threads at once.
void OnThreads(size_t n, const std::function<void(size_t)>& cast) {
  std::vector<std::thread> threads;
  threads.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    threads.emplace_back(cast, i);
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
}

TEST_P(DeskTest, ConcurrentCastsShareTransactionsAndEachGetsItsOwnOutcome) {
  // The clock is read once a batch. The first batch waits for the gate, so the papers cast
  // meanwhile gather in the queue and go together.
  std::mutex gate_mutex;
  std::condition_variable gate;
  bool open = false;
  std::atomic<int> batches = 0;
  Desk desk = MakeDesk([&] {
    if (batches++ == 0) {
      std::unique_lock lock(gate_mutex);
      gate.wait(lock, [&] { return open; });
    }
    return kNow + 60;
  });
  constexpr size_t kVoters = 100;
  std::vector<util::Result<election::VoteOutcome>> outcomes(
      kVoters, util::Error(util::ErrorCode::kStorage, "not cast", ""));
  std::thread opener([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const std::lock_guard lock(gate_mutex);
    open = true;
    gate.notify_all();
  });
  OnThreads(kVoters, [&](size_t i) {
    // Every tenth paper is refused (a candidate not standing): the others are still cast.
    const std::string name = i % 10 == 3 ? "Nobody" : election::SampleCandidates()[i % 3];
    outcomes[i] = desk.Cast("demo", Paper(sample_.codes[i], {name}));
  });
  opener.join();
  std::set<std::string> tracking;
  for (size_t i = 0; i < kVoters; ++i) {
    ASSERT_TRUE(outcomes[i].ok()) << outcomes[i].error().ToString();
    EXPECT_EQ(outcomes[i]->accepted, i % 10 != 3) << i;
    if (outcomes[i]->accepted) {
      tracking.insert(outcomes[i]->tracking_code);
    } else {
      EXPECT_EQ(outcomes[i]->kind, election::Refusal::kInvalidChoice);
    }
  }
  EXPECT_EQ(tracking.size(), 90u);
  EXPECT_EQ(Box(), tracking);  // acknowledged: in the box
  EXPECT_LT(batches.load(), 50) << "the papers were not cast together";
  auto verified = election::VerifyAudit(*store_, "demo");
  ASSERT_TRUE(verified.ok()) << verified.error().ToString();
}

TEST_P(DeskTest, OfOneCodeCastFromManyThreadsExactlyOnePaperIsAccepted) {
  Desk desk = MakeDesk([] { return kNow + 60; }, {.max_batch = 7});
  constexpr size_t kCasts = 64;
  std::vector<util::Result<election::VoteOutcome>> outcomes(
      kCasts, util::Error(util::ErrorCode::kStorage, "not cast", ""));
  OnThreads(kCasts, [&](size_t i) {
    // Papers for codes 0 to 3, each racing 15 others with the same code, and differently typed
    // (lower case for the odd ones).
    std::string code = sample_.codes[i % 4];
    if (i % 2 == 1) {
      std::transform(code.begin(), code.end(), code.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    }
    outcomes[i] = desk.Cast("", Paper(code, {"Grace Hopper"}));
  });
  std::map<size_t, int> accepted;  // by code
  for (size_t i = 0; i < kCasts; ++i) {
    ASSERT_TRUE(outcomes[i].ok()) << outcomes[i].error().ToString();
    if (outcomes[i]->accepted) {
      ++accepted[i % 4];
    } else {
      EXPECT_EQ(outcomes[i]->kind, election::Refusal::kSpentCode) << outcomes[i]->refusal;
      EXPECT_EQ(outcomes[i]->refusal, "this voting code has been used: its ballot is cast");
    }
  }
  EXPECT_EQ(accepted, (std::map<size_t, int>{{0, 1}, {1, 1}, {2, 1}, {3, 1}}));
  EXPECT_EQ(Box().size(), 4u);
}

TEST_P(DeskTest, ABatchOutsideTheVotingPeriodRefusesEveryPaperInIt) {
  Desk desk = MakeDesk([] { return kNow + 8 * 86'400; });
  std::vector<util::Result<election::VoteOutcome>> outcomes(
      8, util::Error(util::ErrorCode::kStorage, "not cast", ""));
  OnThreads(8, [&](size_t i) {
    outcomes[i] = desk.Cast("demo", Paper(sample_.codes[i], {"Alan Turing"}));
  });
  for (const auto& outcome : outcomes) {
    ASSERT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.error().code(), util::ErrorCode::kConflict);
  }
  EXPECT_TRUE(Box().empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, DeskTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) {
                           return param_info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
                         });

}  // namespace
}  // namespace scrutineer::web
