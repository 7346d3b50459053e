#include "election/register.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "election/lifecycle.h"

namespace scrutineer::election {
namespace {

// Members: joined by the freeze date 2016-01-12; any arrears paid by 2016-08-08.
// Supporters: paid in the window 2016-07-18 to 2016-07-20. Members come first.
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
joined_by = 2016-01-12
arrears_by = 2016-08-08
[[sections]]
id = "supporters"
paid_from = 2016-07-18
paid_to = 2016-07-20
[[contests]]
id = "leader"
title = "Leader"
method = "irv"
candidates = ["Jeremy Corbyn", "Owen Smith"]
)";

struct Fixture {
  std::string dir;
  std::unique_ptr<store::Store> store;
};

Fixture Fresh(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("scrutineer-register-" + std::to_string(getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto store = OpenElectionStore((dir / "election.db").string());
  EXPECT_TRUE(store.ok()) << store.error().ToString();
  EXPECT_TRUE(CreateElection(**store, kDefinition, "election.toml", 0).ok());
  return {dir.string(), std::move(store.value())};
}

std::string Write(const Fixture& f, const std::string& name, const std::string& text) {
  const std::string path = f.dir + "/" + name;
  std::ofstream(path) << text;
  return path;
}

// Line by line (the header is line 1):
//  2 M1 member, joined 2015-06-01                  accepted
//  3 M2 member, joined 2016-03-01                  rejected: after the freeze date
//  4 S1 supporter, paid 2016-07-19                 accepted
//  5 S2 supporter, paid 2016-07-21                 rejected: not paid within the window
//  6 M1 supporter too, paid 2016-07-18             in two sections: votes as a member
//  7 S3 supporter listed before ...
//  8 S3 ... the same person as a member            votes as a member; line 7 noted
//  9 M3 in section "affiliates"                    rejected: no such section
// 10 M4 joined 2016-02-30                           rejected: not a date
// 11 M5 member, arrears paid 2016-08-09             rejected: after 2016-08-08
// 12 M1 member again                                rejected: twice in members
// 13 (no number)                                    rejected
constexpr const char* kRegister =
    "membership_number,name,email,address,section,joined,paid\n"
    "M1,Ada,ada@example.org,\"1 High St, Leeds\",members,2015-06-01,\n"
    "M2,Ben,,,members,2016-03-01,\n"
    "S1,Cy,,,supporters,2016-07-19,2016-07-19\n"
    "S2,Di,,,supporters,2016-07-21,2016-07-21\n"
    "M1,Ada,,,supporters,2016-07-18,2016-07-18\n"
    "S3,Ed,,,supporters,2016-07-18,2016-07-18\n"
    "S3,Ed,,,members,2010-01-01,\n"
    "M3,Flo,,,affiliates,2010-01-01,\n"
    "M4,Gus,,,members,2016-02-30,\n"
    "M5,Hal,,,members,2010-01-01,2016-08-09\n"
    "M1,Ada,,,members,2015-06-01,\n"
    ",Nobody,,,members,2010-01-01,\n";

TEST(RegisterTest, EachRowIsAcceptedOrRejectedWithItsReason) {
  Fixture f = Fresh("rows");
  auto imported = ImportRegister(*f.store, "leader-2016", Write(f, "register.csv", kRegister), 10);
  ASSERT_TRUE(imported.ok()) << imported.error().ToString();
  EXPECT_EQ(imported->rows, 12);
  EXPECT_EQ(imported->accepted, 3);  // M1 and S3 as members, S1 as a supporter
  EXPECT_EQ(imported->by_section,
            (std::map<std::string, int64_t>{{"members", 2}, {"supporters", 1}}));
  EXPECT_EQ(RegisterNotesCsv(*imported),
            "line,membership_number,outcome,reason\n"
            "3,M2,rejected,\"joined 2016-03-01, after the freeze date 2016-01-12\"\n"
            "5,S2,rejected,not paid within 2016-07-18 to 2016-07-20 (paid 2016-07-21)\n"
            "6,M1,in another section,\"also in section 'members', which comes first: votes "
            "there, not in 'supporters'\"\n"
            "7,S3,in another section,\"also in section 'members', which comes first: votes "
            "there, not in 'supporters'\"\n"
            "9,M3,rejected,section 'affiliates' is not a section of the election\n"
            "10,M4,rejected,the join date '2016-02-30' is not a date (YYYY-MM-DD)\n"
            "11,M5,rejected,\"arrears paid 2016-08-09, after 2016-08-08\"\n"
            "12,M1,rejected,appears twice in section 'members' (first at line 2)\n"
            "13,,rejected,no membership number\n");
  EXPECT_EQ(f.store->GetVoter("leader-2016", "S3")->section, "members");
  EXPECT_EQ(f.store->GetVoter("leader-2016", "M1")->address, "1 High St, Leeds");
}

TEST(RegisterTest, AnUpdatedFileReplacesTheRegisterUntilCredentialsAreIssued) {
  Fixture f = Fresh("update");
  ASSERT_TRUE(ImportRegister(*f.store, "leader-2016", Write(f, "r1.csv", kRegister), 10).ok());
  const std::string update =
      "number,section,joined,name\nM1,members,2015-06-01,Ada Lovelace\nM9,members,2012-01-01,\n";
  auto again = ImportRegister(*f.store, "leader-2016", Write(f, "r2.csv", update), 20);
  ASSERT_TRUE(again.ok()) << again.error().ToString();
  EXPECT_EQ(again->changes.added, 1);    // M9
  EXPECT_EQ(again->changes.updated, 1);  // M1's name and address
  EXPECT_EQ(again->changes.removed, 2);  // S1 and S3 are not in the new file
  EXPECT_EQ(f.store->CountVoters("leader-2016")->at("members"), 2);
  for (auto state : {core::ElectionState::kNominations, core::ElectionState::kBallotOpen}) {
    ASSERT_TRUE(AdvanceElection(*f.store, "leader-2016", state, 1'500'000'000).ok());
  }
  const auto late = ImportRegister(*f.store, "leader-2016", Write(f, "r3.csv", update), 30);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code(), util::ErrorCode::kConflict);
  EXPECT_TRUE(VerifyAudit(*f.store, "leader-2016").ok());
}

TEST(RegisterTest, AFileThatCannotBeReadChangesNothing) {
  Fixture f = Fresh("bad");
  ASSERT_TRUE(ImportRegister(*f.store, "leader-2016", Write(f, "r1.csv", kRegister), 10).ok());
  const auto no_section = ImportRegister(*f.store, "leader-2016",
                                         Write(f, "r2.csv", "number,joined\nX,2010-01-01\n"), 20);
  ASSERT_FALSE(no_section.ok());
  EXPECT_EQ(no_section.error().ToString(), f.dir + "/r2.csv:1: the header has no column section");
  const auto broken = ImportRegister(
      *f.store, "leader-2016",
      Write(f, "r3.csv", "number,section,joined\nZ1,members,2010-01-01\nZ2,\"members\n"), 20);
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().problems().front().where, f.dir + "/r3.csv:3");
  EXPECT_FALSE(ImportRegister(*f.store, "leader-2016", f.dir + "/missing.csv", 20).ok());
  EXPECT_EQ(f.store->CountVoters("leader-2016")->at("members"), 2);
  EXPECT_FALSE(f.store->GetVoter("leader-2016", "Z1").ok());
}

}  // namespace
}  // namespace scrutineer::election
