#include "election/lifecycle.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace scrutineer::election {
namespace {

using core::ElectionState;

// Times of the definition below, worked by hand: 2016-07-18T19:00:00+01:00 is 18:00 UTC,
// 17,000 days after 1970-01-01 (1,468,800,000 s) plus 18 hours: 1,468,864,800.
constexpr int64_t kNominationsOpen = 1'468'864'800;
constexpr int64_t kBallotOpen = 1'471'852'800;   // 2016-08-22T09:00:00+01:00
constexpr int64_t kBallotClose = 1'474'455'600;  // 2016-09-21T12:00:00+01:00

constexpr const char* kDefinition = R"(
id = "leader-2016"
title = "Leader 2016"
[timetable]
time_zone = "Europe/London"
nominations_open = 2016-07-18T19:00:00+01:00
nominations_close = 2016-07-20T17:00:00+01:00
ballot_open = 2016-08-22T09:00:00+01:00
ballot_close = 2016-09-21T12:00:00+01:00
[[sections]]
id = "members"
[[contests]]
id = "leader"
title = "Leader"
method = "irv"
candidates = ["Jeremy Corbyn", "Owen Smith"]
)";

std::unique_ptr<store::Store> FreshStore(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("scrutineer-lifecycle-" + std::to_string(getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto store = OpenElectionStore((dir / "election.db").string());
  EXPECT_TRUE(store.ok()) << store.error().ToString();
  return std::move(store.value());
}

TEST(LifecycleTest, IsoTimeWritesUtc) {
  EXPECT_EQ(IsoTime(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(IsoTime(kNominationsOpen), "2016-07-18T18:00:00Z");
  EXPECT_EQ(IsoTime(kBallotClose), "2016-09-21T11:00:00Z");
  EXPECT_EQ(IsoTime(951'782'400), "2000-02-29T00:00:00Z");
}

TEST(LifecycleTest, AnElectionMovesForwardOneStateAtATimeAndIsAudited) {
  auto store = FreshStore("forward");
  auto created = CreateElection(*store, kDefinition, "election.toml", kNominationsOpen - 100);
  ASSERT_TRUE(created.ok()) << created.error().ToString();
  EXPECT_EQ(created->state, ElectionState::kDraft);
  const std::pair<ElectionState, int64_t> steps[] = {
      {ElectionState::kNominations, kNominationsOpen},
      {ElectionState::kBallotOpen, kBallotOpen},
      {ElectionState::kClosed, kBallotClose},
      {ElectionState::kCounted, kBallotClose + 1},
      {ElectionState::kDeclared, kBallotClose + 2}};
  for (const auto& [state, at] : steps) {
    const auto moved = AdvanceElection(*store, "leader-2016", state, at);
    ASSERT_TRUE(moved.ok()) << moved.error().ToString();
  }
  auto loaded = LoadElection(*store, "leader-2016");
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->state, ElectionState::kDeclared);
  EXPECT_EQ(loaded->definition.timetable.ballot_open, kBallotOpen);
  auto verified = VerifyAudit(*store, "leader-2016");
  ASSERT_TRUE(verified.ok()) << verified.error().ToString();
  EXPECT_EQ(*verified, 6u);
  const auto log = store->ReadAudit("leader-2016");
  EXPECT_EQ((*log)[2].detail, "nominations -> ballot_open");
  EXPECT_EQ((*log)[2].at, kBallotOpen);
}

TEST(LifecycleTest, AChangeOutOfOrderOrBeforeItsTimeIsRefusedAndChangesNothing) {
  auto store = FreshStore("refused");
  ASSERT_TRUE(CreateElection(*store, kDefinition, "election.toml", 0).ok());
  const auto skip = AdvanceElection(*store, "leader-2016", ElectionState::kClosed, kBallotClose);
  ASSERT_FALSE(skip.ok());
  EXPECT_EQ(skip.error().code(), util::ErrorCode::kConflict);
  EXPECT_NE(skip.error().ToString().find("'draft'"), std::string::npos) << skip.error().ToString();
  const auto early =
      AdvanceElection(*store, "leader-2016", ElectionState::kNominations, kNominationsOpen - 1);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().ToString(),
            "leader-2016: too early: nominations open at 2016-07-18T18:00:00Z and it is now "
            "2016-07-18T17:59:59Z");
  ASSERT_TRUE(
      AdvanceElection(*store, "leader-2016", ElectionState::kNominations, kNominationsOpen).ok());
  ASSERT_TRUE(AdvanceElection(*store, "leader-2016", ElectionState::kBallotOpen, kBallotOpen).ok());
  EXPECT_FALSE(
      AdvanceElection(*store, "leader-2016", ElectionState::kClosed, kBallotClose - 1).ok());
  EXPECT_EQ(LoadElection(*store, "leader-2016")->state, ElectionState::kBallotOpen);
  EXPECT_EQ(*VerifyAudit(*store, "leader-2016"), 3u);
  // The same definition again, and one that does not read.
  EXPECT_EQ(CreateElection(*store, kDefinition, "election.toml", 0).error().code(),
            util::ErrorCode::kConflict);
  EXPECT_FALSE(CreateElection(*store, "id = ", "bad.toml", 0).ok());
  EXPECT_EQ(store->ListElections()->size(), 1u);
}

}  // namespace
}  // namespace scrutineer::election
