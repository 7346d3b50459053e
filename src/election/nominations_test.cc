#include "election/nominations.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "election/vote.h"

namespace scrutineer::election {
namespace {

constexpr int64_t kNominationsOpen = 1'468'864'800;   // 2016-07-18T19:00:00+01:00
constexpr int64_t kNominationsClose = 1'469'030'400;  // 2016-07-20T17:00:00+01:00
constexpr int64_t kBallotOpen = 1'471'852'800;        // 2016-08-22T09:00:00+01:00

// A body of 10; 20% of 10 is 2 nominations needed. The incumbent is on the ballot without.
std::string Definition(const std::string& automatic) {
  return R"(
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
candidates = ["Jeremy Corbyn", "Owen Smith", "Angela Eagle"]
[contests.nominations]
body = "MPs"
body_size = 10
percent = "20"
automatic = [)" +
         automatic + R"(]
)";
}

struct Fixture {
  std::string dir;
  std::unique_ptr<store::Store> store;
};

Fixture Fresh(const std::string& name, const std::string& automatic = "\"Jeremy Corbyn\"") {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("scrutineer-nominations-" + std::to_string(getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  Fixture f{dir.string(), std::move(OpenElectionStore((dir / "e.db").string()).value())};
  EXPECT_TRUE(CreateElection(*f.store, Definition(automatic), "election.toml", 0).ok());
  std::ofstream body(dir / "mps.csv");
  body << "id,name\n";
  for (int i = 1; i <= 10; ++i) {
    body << "N" << i << ",MP " << i << "\n";
  }
  body.close();
  EXPECT_TRUE(
      ImportNominators(*f.store, "leader-2016", "leader", (dir / "mps.csv").string(), 1).ok());
  EXPECT_TRUE(
      AdvanceElection(*f.store, "leader-2016", core::ElectionState::kNominations, kNominationsOpen)
          .ok());
  return f;
}

TEST(NominationsTest, TheBallotPaperHasTheAutomaticAndTheValidlyNominated) {
  Fixture f = Fresh("paper");
  const int64_t at = kNominationsOpen + 60;
  ASSERT_TRUE(Nominate(*f.store, "leader-2016", "leader", "N1", "Owen Smith", at).ok());
  ASSERT_TRUE(Nominate(*f.store, "leader-2016", "leader", "N2", "Owen Smith", at).ok());
  ASSERT_TRUE(Nominate(*f.store, "leader-2016", "leader", "N3", "Angela Eagle", at).ok());
  ASSERT_TRUE(Consent(*f.store, "leader-2016", "leader", "Owen Smith", at).ok());
  ASSERT_TRUE(Consent(*f.store, "leader-2016", "leader", "Angela Eagle", at).ok());
  ASSERT_TRUE(Withdraw(*f.store, "leader-2016", "leader", "Angela Eagle", at).ok());
  // Refusals, each changing nothing.
  EXPECT_EQ(Nominate(*f.store, "leader-2016", "leader", "N1", "Angela Eagle", at).error().code(),
            util::ErrorCode::kConflict);  // N1 has nominated
  EXPECT_EQ(Nominate(*f.store, "leader-2016", "leader", "N99", "Owen Smith", at).error().code(),
            util::ErrorCode::kNotFound);  // not of the body
  EXPECT_EQ(Nominate(*f.store, "leader-2016", "leader", "N4", "Tom Watson", at).error().code(),
            util::ErrorCode::kInvalidArgument);  // not a listed candidate
  EXPECT_EQ(Nominate(*f.store, "leader-2016", "leader", "N4", "Owen Smith", kNominationsClose)
                .error()
                .code(),
            util::ErrorCode::kConflict);  // nominations have closed
  EXPECT_EQ(Consent(*f.store, "leader-2016", "leader", "Angela Eagle", at).error().code(),
            util::ErrorCode::kConflict);  // withdrawn
  EXPECT_EQ(
      ImportNominators(*f.store, "leader-2016", "leader", f.dir + "/mps.csv", at).error().code(),
      util::ErrorCode::kConflict);  // the body cannot change once nominations are made
  auto election = LoadElection(*f.store, "leader-2016");
  auto status = NominationsOf(*f.store, *election, "leader");
  ASSERT_TRUE(status.ok()) << status.error().ToString();
  EXPECT_EQ(status->needed, 2);
  EXPECT_EQ(NominationsText(*status),
            "Contest leader: nominations by MPs (10); 2 needed\n"
            "  Jeremy Corbyn: on the ballot automatically, consented - on the ballot\n"
            "  Angela Eagle: 1 nominations, withdrawn\n"
            "  Owen Smith: 2 nominations, consented - on the ballot\n");
  ASSERT_TRUE(
      AdvanceElection(*f.store, "leader-2016", core::ElectionState::kBallotOpen, kBallotOpen).ok());
  auto open = LoadElection(*f.store, "leader-2016");
  EXPECT_EQ(open->definition.contests[0].candidates,
            (std::vector<std::string>{"Jeremy Corbyn", "Owen Smith"}));
  EXPECT_EQ(ChoiceProblem(open->definition, {"leader", {"Angela Eagle"}}),
            "'Angela Eagle' is not a candidate in contest 'leader'");
  EXPECT_TRUE(VerifyAudit(*f.store, "leader-2016").ok());
}

TEST(NominationsTest, ALoneValidCandidateIsElectedUnopposed) {
  Fixture f = Fresh("unopposed");
  // Smith has the nominations but never consents.
  ASSERT_TRUE(
      Nominate(*f.store, "leader-2016", "leader", "N1", "Owen Smith", kNominationsOpen).ok());
  ASSERT_TRUE(
      Nominate(*f.store, "leader-2016", "leader", "N2", "Owen Smith", kNominationsOpen).ok());
  ASSERT_TRUE(
      AdvanceElection(*f.store, "leader-2016", core::ElectionState::kBallotOpen, kBallotOpen).ok());
  const auto log = f.store->ReadAudit("leader-2016");
  bool unopposed = false;
  for (const store::AuditEntry& entry : *log) {
    unopposed = unopposed || entry.detail == "contest leader: Jeremy Corbyn elected unopposed";
  }
  EXPECT_TRUE(unopposed);
  EXPECT_EQ(LoadElection(*f.store, "leader-2016")->definition.contests[0].candidates,
            std::vector<std::string>{"Jeremy Corbyn"});
}

TEST(NominationsTest, NoValidCandidateKeepsTheBallotShut) {
  Fixture f = Fresh("none", "");
  ASSERT_TRUE(
      Nominate(*f.store, "leader-2016", "leader", "N1", "Owen Smith", kNominationsOpen).ok());
  const auto opened =
      AdvanceElection(*f.store, "leader-2016", core::ElectionState::kBallotOpen, kBallotOpen);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().ToString(),
            "leader-2016: contest 'leader' has no validly nominated candidate");
  EXPECT_EQ(LoadElection(*f.store, "leader-2016")->state, core::ElectionState::kNominations);
}

}  // namespace
}  // namespace scrutineer::election
