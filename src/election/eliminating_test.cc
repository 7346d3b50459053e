#include "election/eliminating.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "election/nominations.h"

namespace scrutineer::election {
namespace {

constexpr int64_t kNominationsOpen = 1'657'558'800;   // 2022-07-11T18:00:00+01:00
constexpr int64_t kNominationsClose = 1'657'645'200;  // 2022-07-12T18:00:00+01:00
constexpr int64_t kBallotOpen = 1'659'340'800;        // 2022-08-01T09:00:00+01:00
constexpr int64_t kBetweenBallots = kNominationsClose + 3600;

// A contest shaped like the Conservative Party's: 20 MPs' nominations (5.6% of the body, up),
// ballots of MPs until two are left for the members; `thresholds` for the first ballots.
std::string Definition(int body_size, const std::string& thresholds) {
  return R"(
id = "leader"
title = "Leader"
[timetable]
time_zone = "Europe/London"
nominations_open = 2022-07-11T18:00:00+01:00
nominations_close = 2022-07-12T18:00:00+01:00
ballot_open = 2022-08-01T09:00:00+01:00
ballot_close = 2022-09-02T17:00:00+01:00
[[sections]]
id = "members"
[[contests]]
id = "leader"
title = "Leader"
method = "irv"
[contests.nominations]
body = "Conservative MPs"
body_size = )" +
         std::to_string(body_size) + R"(
percent = "5.6"
[contests.eliminating_ballots]
finalists = 2
thresholds = [)" +
         thresholds + "]\n";
}

struct Fixture {
  std::filesystem::path dir;
  std::unique_ptr<store::Store> store;
  int papers_written = 0;

  // Writes a file of papers, a row a candidate with their count, and records it as the next
  // ballot.
  util::Result<EliminatingBallot> Ballot(const std::vector<std::pair<std::string, int>>& votes,
                                         int64_t now = kBetweenBallots) {
    const auto path = dir / ("ballot" + std::to_string(++papers_written) + ".csv");
    std::ofstream papers(path);
    papers << "vote,count\n";
    for (const auto& [name, count] : votes) {
      papers << name << "," << count << "\n";
    }
    papers.close();
    return RecordEliminatingBallot(*store, "leader", "leader", path.string(), now);
  }

  EliminatingStatus Status() const {
    auto election = LoadElection(*store, "leader");
    auto status = EliminatingBallotsOf(*store, *election, "leader");
    EXPECT_TRUE(status.ok()) << status.error().ToString();
    return status.ok() ? *status : EliminatingStatus{};
  }
};

// An election whose `candidates` have each been nominated by 20 MPs and consented.
Fixture Nominated(const std::string& name, int body_size, const std::string& thresholds,
                  const std::vector<std::string>& candidates) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("scrutineer-eliminating-" + std::to_string(getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  Fixture f{dir, std::move(OpenElectionStore((dir / "e.db").string()).value())};
  EXPECT_TRUE(
      CreateElection(*f.store, Definition(body_size, thresholds), "election.toml", 0).ok());
  std::ofstream body(dir / "mps.csv");
  body << "id,name\n";
  for (int i = 1; i <= body_size; ++i) {
    body << "M" << i << ",MP " << i << "\n";
  }
  body.close();
  EXPECT_TRUE(ImportNominators(*f.store, "leader", "leader", (dir / "mps.csv").string(), 1).ok());
  EXPECT_TRUE(
      AdvanceElection(*f.store, "leader", core::ElectionState::kNominations, kNominationsOpen)
          .ok());
  int mp = 0;
  for (const std::string& candidate : candidates) {
    for (int n = 0; n < 20; ++n) {
      std::string nominator = "M";
      nominator += std::to_string(++mp);
      EXPECT_TRUE(
          Nominate(*f.store, "leader", "leader", nominator, candidate, kNominationsOpen + 60).ok());
    }
    EXPECT_TRUE(Consent(*f.store, "leader", "leader", candidate, kNominationsOpen + 60).ok());
  }
  return f;
}

using Names = std::vector<std::string>;

// The Conservative Party's ballots of MPs of July 2022, as published: 30 votes needed in the
// first; then the fewest went each time until Truss and Sunak were left for the members.
TEST(EliminatingBallotsTest, Conservative2022AsPublished) {
  Fixture f = Nominated("2022", 357, "30",
                        {"Rishi Sunak", "Penny Mordaunt", "Liz Truss", "Kemi Badenoch",
                         "Tom Tugendhat", "Suella Braverman", "Nadhim Zahawi", "Jeremy Hunt"});
  // Before nominations close, no ballot.
  EXPECT_EQ(f.Ballot({{"Rishi Sunak", 1}}, kNominationsClose - 1).error().code(),
            util::ErrorCode::kConflict);
  auto first = f.Ballot({{"Rishi Sunak", 88},
                         {"Penny Mordaunt", 67},
                         {"Liz Truss", 50},
                         {"Kemi Badenoch", 40},
                         {"Tom Tugendhat", 37},
                         {"Suella Braverman", 32},
                         {"Nadhim Zahawi", 25},
                         {"Jeremy Hunt", 18}});
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  EXPECT_EQ(first->eliminated, (Names{"Jeremy Hunt", "Nadhim Zahawi"}));
  EXPECT_TRUE(first->by_threshold);
  ASSERT_TRUE(f.Ballot({{"Rishi Sunak", 101},
                        {"Penny Mordaunt", 83},
                        {"Liz Truss", 64},
                        {"Kemi Badenoch", 49},
                        {"Tom Tugendhat", 32},
                        {"Suella Braverman", 27}})
                  .ok());
  ASSERT_TRUE(f.Ballot({{"Rishi Sunak", 115},
                        {"Penny Mordaunt", 82},
                        {"Liz Truss", 71},
                        {"Kemi Badenoch", 58},
                        {"Tom Tugendhat", 31}})
                  .ok());
  ASSERT_TRUE(f.Ballot({{"Rishi Sunak", 118},
                        {"Penny Mordaunt", 92},
                        {"Liz Truss", 86},
                        {"Kemi Badenoch", 59}})
                  .ok());
  auto fifth = f.Ballot({{"Rishi Sunak", 137}, {"Penny Mordaunt", 105}, {"Liz Truss", 113}});
  ASSERT_TRUE(fifth.ok()) << fifth.error().ToString();
  EXPECT_EQ(fifth->eliminated, Names{"Penny Mordaunt"});

  const EliminatingStatus status = f.Status();
  ASSERT_EQ(status.ballots.size(), 5U);
  EXPECT_EQ(status.ballots[1].eliminated, Names{"Suella Braverman"});
  EXPECT_EQ(status.ballots[2].eliminated, Names{"Tom Tugendhat"});
  EXPECT_EQ(status.ballots[3].eliminated, Names{"Kemi Badenoch"});
  EXPECT_TRUE(status.finished());
  const std::string text = EliminatingBallotsText(status);
  // Ballot 1 as published (Sunak's 88 ... Hunt's 18), 357 valid of 357 MPs.
  EXPECT_NE(text.find("Ballot 1 (30 needed):\n"
                      "  Jeremy Hunt: 18 - eliminated\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  Valid 357, spoilt 0, not voting 0\nBallot 2:\n"), std::string::npos);
  EXPECT_NE(text.find("Going to the members' ballot: Liz Truss and Rishi Sunak\n"),
            std::string::npos);
  // A sixth ballot is not needed; the members' ballot paper has the two.
  EXPECT_EQ(f.Ballot({{"Liz Truss", 1}}).error().code(), util::ErrorCode::kConflict);
  ASSERT_TRUE(AdvanceElection(*f.store, "leader", core::ElectionState::kBallotOpen, kBallotOpen)
                  .ok());
  EXPECT_EQ(LoadElection(*f.store, "leader")->definition.contests[0].candidates,
            (Names{"Liz Truss", "Rishi Sunak"}));
  EXPECT_TRUE(VerifyAudit(*f.store, "leader").ok());
}

// 2016: Crabb withdrew after the first ballot (Fox, fewest, eliminated); Gove went in the
// second; then Leadsom withdrew, and May was elected unopposed with no members' ballot.
TEST(EliminatingBallotsTest, Conservative2016WithdrawalsLeaveOneUnopposed) {
  Fixture f = Nominated("2016", 330, "",
                        {"Theresa May", "Andrea Leadsom", "Michael Gove", "Stephen Crabb",
                         "Liam Fox"});
  auto first = f.Ballot({{"Theresa May", 165},
                         {"Andrea Leadsom", 66},
                         {"Michael Gove", 48},
                         {"Stephen Crabb", 34},
                         {"Liam Fox", 16}});
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  EXPECT_EQ(first->eliminated, Names{"Liam Fox"});
  EXPECT_FALSE(first->by_threshold);
  ASSERT_TRUE(Withdraw(*f.store, "leader", "leader", "Stephen Crabb", kBetweenBallots).ok());
  EXPECT_EQ(f.Status().standing, (Names{"Andrea Leadsom", "Michael Gove", "Theresa May"}));
  // A paper for a withdrawn candidate is not a paper of this ballot: the file is refused.
  auto crabb = f.Ballot({{"Theresa May", 199}, {"Stephen Crabb", 1}});
  ASSERT_FALSE(crabb.ok());
  EXPECT_NE(crabb.error().ToString().find("'Stephen Crabb' is not standing in this ballot"),
            std::string::npos)
      << crabb.error().ToString();
  auto second =
      f.Ballot({{"Theresa May", 199}, {"Andrea Leadsom", 84}, {"Michael Gove", 46}, {"", 1}});
  ASSERT_TRUE(second.ok()) << second.error().ToString();
  EXPECT_EQ(second->eliminated, Names{"Michael Gove"});
  EXPECT_EQ(second->spoilt, 1);
  ASSERT_TRUE(Withdraw(*f.store, "leader", "leader", "Andrea Leadsom", kBetweenBallots).ok());
  ASSERT_TRUE(AdvanceElection(*f.store, "leader", core::ElectionState::kBallotOpen, kBallotOpen)
                  .ok());
  EXPECT_EQ(LoadElection(*f.store, "leader")->definition.contests[0].candidates,
            Names{"Theresa May"});
  bool unopposed = false;
  const auto log = f.store->ReadAudit("leader");
  ASSERT_TRUE(log.ok());
  for (const store::AuditEntry& entry : *log) {
    unopposed = unopposed || entry.detail == "contest leader: Theresa May elected unopposed";
  }
  EXPECT_TRUE(unopposed);
}

TEST(EliminatingBallotsTest, BadPapersChangeNothingAndTheBallotWaitsForTheFinalists) {
  Fixture f = Nominated("bad", 60, "", {"Ann", "Bob", "Cat"});
  // More papers than the body has members.
  auto too_many = f.Ballot({{"Ann", 30}, {"Bob", 25}, {"Cat", 6}});
  ASSERT_FALSE(too_many.ok());
  EXPECT_NE(too_many.error().ToString().find("61 papers, more than the body's 60 members"),
            std::string::npos);
  // A count that is not a number names its line.
  const auto path = f.dir / "bad.csv";
  std::ofstream(path) << "vote,count\nAnn,3\nBob,three\n";
  auto bad = RecordEliminatingBallot(*f.store, "leader", "leader", path.string(), kBetweenBallots);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().ToString().find("bad.csv:3"), std::string::npos) << bad.error().ToString();
  std::ofstream(path) << "name\nAnn\n";
  EXPECT_EQ(RecordEliminatingBallot(*f.store, "leader", "leader", path.string(), kBetweenBallots)
                .error()
                .code(),
            util::ErrorCode::kInvalidInput);
  EXPECT_TRUE(f.Status().ballots.empty());
  // Three stand for two places: the ballot cannot open until one has gone.
  const util::Status opened =
      AdvanceElection(*f.store, "leader", core::ElectionState::kBallotOpen, kBallotOpen);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().ToString(),
            "leader: contest 'leader' has 3 candidates standing after 0 eliminating ballots; "
            "they go on until 2 remain");
  // Two papers marked twice are spoilt; Cat goes.
  const auto twice = f.dir / "twice.csv";
  std::ofstream(twice) << "rank1,rank2,count\nAnn,,20\nBob,,15\nCat,,4\nAnn,Bob,2\n";
  auto ballot =
      RecordEliminatingBallot(*f.store, "leader", "leader", twice.string(), kBetweenBallots);
  ASSERT_TRUE(ballot.ok()) << ballot.error().ToString();
  EXPECT_EQ(ballot->votes, (std::vector<int64_t>{20, 15, 4}));
  EXPECT_EQ(ballot->spoilt, 2);
  EXPECT_EQ(ballot->eliminated, Names{"Cat"});
  EXPECT_TRUE(AdvanceElection(*f.store, "leader", core::ElectionState::kBallotOpen, kBallotOpen)
                  .ok());
  // Once the ballot is open, no more ballots of the body.
  EXPECT_EQ(f.Ballot({{"Ann", 1}}, kBallotOpen).error().code(), util::ErrorCode::kConflict);
}

}  // namespace
}  // namespace scrutineer::election
