// An election run from the command line, as an administrator and voters would: the definition
// stored, the register imported, codes issued, ballots cast and refused, the ballot closed,
// counted and declared, the audit log verified; and bad input refused with nothing changed.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/run_command.h"

namespace scrutineer::testing {
namespace {

// A definition whose ballot closes `close_in` seconds from now.
std::string Definition(int64_t close_in) {
  const int64_t now = NowSeconds();
  return "id = \"club\"\ntitle = \"Club chair\"\n[timetable]\ntime_zone = \"UTC\"\n"
         "nominations_open = " +
         TomlTime(now - 300) + "\nnominations_close = " + TomlTime(now - 200) +
         "\nballot_open = " + TomlTime(now - 100) + "\nballot_close = " + TomlTime(now + close_in) +
         "\n[[sections]]\nid = \"members\"\njoined_by = 2020-12-31\n"
         "[[contests]]\nid = \"chair\"\ntitle = \"Chair\"\nmethod = \"irv\"\n"
         "candidates = [\"Ada\", \"Ben\", \"Cy\"]\n";
}

class ElectionCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  CommandResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), ScrutineerBinary());
    if (args[1] != "demo") {
      args.insert(args.end(), {"--store", dir_ + "/club.db"});
    }
    return RunCommand(args);
  }
    std::string dir_;
};

TEST_F(ElectionCli, AnElectionFromDefinitionToDeclaration) {
  WriteFile(dir_ + "/election.toml", Definition(6));
  WriteFile(dir_ + "/register.csv",
            "number,name,email,section,joined\n1,Ann,ann@example.org,members,2019-01-01\n"
            "2,Bo,,members,2019-01-01\n3,Cat,cat@example.org,members,2019-01-01\n"
            "4,Dee,,members,2021-06-01\n");
  ASSERT_EQ(Run({"election", "create", dir_ + "/election.toml"}).exit_code, 0);
  const CommandResult imported =
      Run({"register", "import", "club", dir_ + "/register.csv", "--report", dir_ + "/r.csv"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(ReadFile(dir_ + "/r.csv"),
            "line,membership_number,outcome,reason\n"
            "5,4,rejected,\"joined 2021-06-01, after the freeze date 2020-12-31\"\n");
  for (const char* state : {"nominations", "ballot_open"}) {
    ASSERT_EQ(Run({"election", "advance", "club", "--to", state}).exit_code, 0) << state;
  }
  const std::string key = "--key-file=" + dir_ + "/club.key";
  const CommandResult issued = Run({"credentials", "issue", "club", key});
  ASSERT_EQ(issued.exit_code, 0) << issued.err;
  EXPECT_EQ(CsvCell(issued.out, 2, 5), "postal");  // Bo has no email address
  const std::string ann = CsvCell(issued.out, 1, 6);
  const std::string bo = CsvCell(issued.out, 2, 6);
  const std::string cat = CsvCell(issued.out, 3, 6);
  // Ann votes Ada then Ben, Bo (by post) Ben, Cat Ben then Ada: round 1 Ada 1, Ben 2 of 3,
  // and Ben has more than half.
  const CommandResult first =
      Run({"vote", "club", "--code", ann, "--choice", "chair=Ada>Ben", key});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("Tracking code: "), std::string::npos);
  const CommandResult again = Run({"vote", "club", "--code", ann, "--choice", "chair=Ben", key});
  EXPECT_EQ(again.exit_code, 5);
  EXPECT_NE(again.err.find("this voting code has been used"), std::string::npos) << again.err;
  const CommandResult unknown =
      Run({"vote", "club", "--code", bo, "--choice", "chair=Dan", key, "--channel", "postal"});
  EXPECT_EQ(unknown.exit_code, 5);
  EXPECT_NE(unknown.err.find("'Dan' is not a candidate"), std::string::npos) << unknown.err;
  ASSERT_EQ(Run({"vote", "club", "--code", bo, "--choice", "chair=Ben", key, "--channel", "postal"})
                .exit_code,
            0);
  ASSERT_EQ(Run({"vote", "club", "--code", cat, "--choice", "chair=Ben>Ada", key}).exit_code, 0);
  EXPECT_EQ(Run({"election", "count", "club"}).exit_code, 5);  // still open
  std::this_thread::sleep_for(std::chrono::seconds(7));
  const CommandResult late = Run({"vote", "club", "--code", cat, "--choice", "chair=Ada", key});
  EXPECT_NE(late.err.find("ballots are accepted from"), std::string::npos) << late.err;
  ASSERT_EQ(Run({"election", "advance", "club", "--to", "closed"}).exit_code, 0);
  const CommandResult counted = Run({"election", "count", "club"});
  ASSERT_EQ(counted.exit_code, 0) << counted.err;
  // Three on the register (Dee joined after the freeze date), three ballots returned.
  for (const char* expected :
       {"  Ben                                  2    66.7\n",
        "  Ada                                  1    33.3\n",
        "Ben has more than half of the continuing votes and is elected.",
        "  Electorate                           3\n", "  Turnout                         100.0%\n",
        "3 voting codes issued", "2 returned online; 1 returned by post"}) {
    EXPECT_NE(counted.out.find(expected), std::string::npos) << expected << "\n" << counted.out;
  }
  ASSERT_EQ(Run({"election", "declare", "club"}).exit_code, 0);
  const CommandResult json = Run({"election", "result", "club", "--format", "json"});
  EXPECT_NE(json.out.find("\"elected\": [\n    \"Ben\"\n  ]"), std::string::npos) << json.out;
  const CommandResult verified = Run({"audit", "verify", "club"});
  EXPECT_EQ(verified.exit_code, 0) << verified.err;
  // Recounting gives the same bytes.
  EXPECT_EQ(json.out, Run({"election", "result", "club", "--format", "json"}).out);
  // The published record recounts to the same declaration, and tampering with it is found.
  const std::string record = dir_ + "/record";
  ASSERT_EQ(Run({"election", "record", "club", "--out", record}).exit_code, 0);
  const CommandResult verified_record = RunCommand({ScrutineerBinary(), "verify", record});
  ASSERT_EQ(verified_record.exit_code, 0) << verified_record.err;
  EXPECT_NE(verified_record.out.find("Contest chair: 3 ballots, each tracking code accepted once"),
            std::string::npos)
      << verified_record.out;
  const std::string box = ReadFile(record + "/ballots-chair.csv");
  std::string altered = box;  // Ann's first preference, Ada, becomes Cy
  const size_t ada = altered.find(",members,Ada,");
  ASSERT_NE(ada, std::string::npos) << box;
  altered.replace(ada, 13, ",members,Cy,");
  WriteFile(record + "/ballots-chair.csv", altered);
  const CommandResult tampered = RunCommand({ScrutineerBinary(), "verify", record});
  EXPECT_EQ(tampered.exit_code, 5);
  EXPECT_NE(tampered.err.find("the recount does not give the published declaration"),
            std::string::npos)
      << tampered.err;
  WriteFile(record + "/ballots-chair.csv", box.substr(0, box.rfind('\n', box.size() - 2) + 1));
  EXPECT_NE(RunCommand({ScrutineerBinary(), "verify", record}).exit_code, 0);
}

TEST_F(ElectionCli, ATamperedAuditLogIsFound) {
  WriteFile(dir_ + "/election.toml", Definition(3600));
  ASSERT_EQ(Run({"election", "create", dir_ + "/election.toml"}).exit_code, 0);
  ASSERT_EQ(Run({"election", "advance", "club", "--to", "nominations"}).exit_code, 0);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ + "/club.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE audit SET detail = 'draft -> closed' WHERE seq = 2", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  const CommandResult verified = Run({"audit", "verify", "club"});
  EXPECT_EQ(verified.exit_code, 5);
  EXPECT_EQ(verified.err,
            "scrutineer: error: audit entry 2: the audit log is broken: has been altered: its "
            "hash does not match its contents\n");
}

TEST_F(ElectionCli, BadInputIsRefusedAndChangesNothing) {
  WriteFile(dir_ + "/bad.toml", "id = \"club\"\ntitle = \"x\"\n[timetable]\nballot_open = 1\n");
  const CommandResult bad = Run({"election", "create", dir_ + "/bad.toml"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find(dir_ + "/bad.toml:4"), std::string::npos) << bad.err;
  WriteFile(dir_ + "/election.toml", Definition(3600));
  ASSERT_EQ(Run({"election", "create", dir_ + "/election.toml"}).exit_code, 0);
  EXPECT_EQ(Run({"election", "create", dir_ + "/election.toml"}).exit_code, 5);  // twice
  EXPECT_EQ(Run({"election", "advance", "club", "--to", "closed"}).exit_code, 5);
  EXPECT_EQ(Run({"election", "advance", "club", "--to", "open"}).exit_code, 1);
  WriteFile(dir_ + "/register.csv", "number,joined\n1,2019-01-01\n");
  const CommandResult no_section = Run({"register", "import", "club", dir_ + "/register.csv"});
  EXPECT_EQ(no_section.exit_code, 2);
  EXPECT_NE(no_section.err.find("the header has no column section"), std::string::npos);
  EXPECT_EQ(Run({"credentials", "issue", "club", "--key-file", dir_ + "/k"}).exit_code, 5);
  const CommandResult shown = Run({"election", "show", "club"});
  EXPECT_NE(shown.out.find("State: draft"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("0 on the register"), std::string::npos) << shown.out;
  // A file that is not a store.
  WriteFile(dir_ + "/garbage.db", std::string(4096, 'x'));
  const CommandResult garbage =
      RunCommand({ScrutineerBinary(), "election", "show", "club", "--store", dir_ + "/garbage.db"});
  EXPECT_EQ(garbage.exit_code, 6);
  EXPECT_NE(garbage.err.find(dir_ + "/garbage.db"), std::string::npos) << garbage.err;
}

// A contest whose nominating body (seven MPs) holds an eliminating ballot before the members'
// ballot: three stand, two go on. Nominations closed a while ago; the three are on the ballot
// automatically.
TEST_F(ElectionCli, AnEliminatingBallotOfTheBodyChoosesTheFinalists) {
  const int64_t now = NowSeconds();
  WriteFile(dir_ + "/election.toml",
            "id = \"club\"\ntitle = \"Club chair\"\n[timetable]\ntime_zone = \"UTC\"\n"
            "nominations_open = " +
                TomlTime(now - 300) + "\nnominations_close = " + TomlTime(now - 200) +
                "\nballot_open = " + TomlTime(now - 100) + "\nballot_close = " +
                TomlTime(now + 5) +
                "\n[[sections]]\nid = \"members\"\n"
                "[[contests]]\nid = \"chair\"\ntitle = \"Chair\"\nmethod = \"irv\"\n"
                "[contests.nominations]\nbody = \"MPs\"\nbody_size = 7\npercent = \"20\"\n"
                "automatic = [\"Ann\", \"Bob\", \"Cat\"]\n"
                "[contests.eliminating_ballots]\nfinalists = 2\n");
  WriteFile(dir_ + "/mps.csv", "id,name\nM1,A\nM2,B\nM3,C\nM4,D\nM5,E\nM6,F\nM7,G\n");
  ASSERT_EQ(Run({"election", "create", dir_ + "/election.toml"}).exit_code, 0);
  ASSERT_EQ(Run({"nominations", "nominators", "club", "chair", dir_ + "/mps.csv"}).exit_code, 0);
  ASSERT_EQ(Run({"election", "advance", "club", "--to", "nominations"}).exit_code, 0);
  WriteFile(dir_ + "/register.csv",
            "number,name,email,section,joined\n1,Ida,i@example.org,members,2020-01-01\n"
            "2,Jo,j@example.org,members,2020-01-01\n3,Kim,k@example.org,members,2020-01-01\n");
  const CommandResult registered = Run({"register", "import", "club", dir_ + "/register.csv"});
  ASSERT_EQ(registered.exit_code, 0) << registered.err;
  // Three stand for two places: the members' ballot cannot open yet.
  const CommandResult early = Run({"election", "advance", "club", "--to", "ballot_open"});
  EXPECT_EQ(early.exit_code, 5);
  EXPECT_NE(early.err.find("contest 'chair' has 3 candidates standing after 0 eliminating "
                           "ballots; they go on until 2 remain"),
            std::string::npos)
      << early.err;
  // A paper for someone not standing refuses the file.
  WriteFile(dir_ + "/wrong.csv", "vote\nAnn\nDan\n");
  const CommandResult wrong = Run({"eliminating", "record", "club", "chair", dir_ + "/wrong.csv"});
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_NE(wrong.err.find("wrong.csv:3: 'Dan' is not standing in this ballot"),
            std::string::npos)
      << wrong.err;
  // Ann 2, Bob 2, Cat 1, one paper blank: Cat has the fewest and goes.
  WriteFile(dir_ + "/ballot1.csv", "vote,count\nAnn,1\nBob,1\nCat,1\nAnn,1\nBob,1\n,1\n");
  const CommandResult first =
      Run({"eliminating", "record", "club", "chair", dir_ + "/ballot1.csv"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out,
            "Contest chair: eliminating ballots of MPs, 2 go to the members' ballot\n"
            "Ballot 1:\n  Ann: 2\n  Bob: 2\n  Cat: 1 - eliminated\n"
            "  Valid 5, spoilt 1, not voting 1\n"
            "Going to the members' ballot: Ann and Bob\n");
  EXPECT_EQ(Run({"eliminating", "show", "club"}).out, first.out);
  EXPECT_EQ(Run({"eliminating", "record", "club", "chair", dir_ + "/ballot1.csv"}).exit_code, 5);
  ASSERT_EQ(Run({"election", "advance", "club", "--to", "ballot_open"}).exit_code, 0);
  // The members choose between the two: Ann 2, Bob 1.
  const std::string key = "--key-file=" + dir_ + "/club.key";
  const CommandResult issued = Run({"credentials", "issue", "club", key});
  ASSERT_EQ(issued.exit_code, 0) << issued.err;
  const CommandResult cat = Run({"vote", "club", "--code", CsvCell(issued.out, 1, 6), "--choice",
                                 "chair=Cat", key});
  EXPECT_NE(cat.err.find("'Cat' is not a candidate"), std::string::npos) << cat.err;
  for (const auto& [row, choice] : {std::pair{1, "chair=Ann"}, std::pair{2, "chair=Ann>Bob"},
                                    std::pair{3, "chair=Bob"}}) {
    ASSERT_EQ(Run({"vote", "club", "--code", CsvCell(issued.out, row, 6), "--choice", choice, key})
                  .exit_code,
              0);
  }
  while (NowSeconds() < now + 6) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ASSERT_EQ(Run({"election", "advance", "club", "--to", "closed"}).exit_code, 0);
  const CommandResult counted = Run({"election", "count", "club"});
  ASSERT_EQ(counted.exit_code, 0) << counted.err;
  EXPECT_EQ(counted.out.find(first.out), 0U) << counted.out;  // the ballots of the body first
  EXPECT_NE(counted.out.find("Ann has more than half"), std::string::npos) << counted.out;
  // The published record carries the body's ballots, and `verify` decides them again.
  const std::string record = dir_ + "/record";
  ASSERT_EQ(Run({"election", "record", "club", "--out", record}).exit_code, 0);
  const CommandResult verified = RunCommand({ScrutineerBinary(), "verify", record});
  ASSERT_EQ(verified.exit_code, 0) << verified.err;
  EXPECT_NE(verified.out.find("Contest chair: 1 eliminating ballots decided again as published"),
            std::string::npos)
      << verified.out;
  // Cat's one vote becomes three: the tally no longer matches the log, nor the outcome.
  const std::string tallies = ReadFile(record + "/eliminating-chair.txt");
  std::string altered = tallies;
  const size_t votes = altered.find("\"votes\":[2,2,1]");
  ASSERT_NE(votes, std::string::npos) << tallies;
  altered.replace(votes, 15, "\"votes\":[2,2,3]");
  WriteFile(record + "/eliminating-chair.txt", altered);
  const CommandResult tampered = RunCommand({ScrutineerBinary(), "verify", record});
  EXPECT_EQ(tampered.exit_code, 5);
  EXPECT_NE(tampered.err.find("the audit log does not record this ballot's tally"),
            std::string::npos)
      << tampered.err;
  EXPECT_EQ(Run({"audit", "verify", "club"}).exit_code, 0);
}

TEST_F(ElectionCli, AccountsAreAddedListedAndDisabled) {
  setenv("SCRUTINEER_PASSWORD", "a long passphrase", 1);
  const CommandResult added = Run({"accounts", "add", "ro", "--role", "returning_officer"});
  EXPECT_EQ(added.exit_code, 0) << added.err;
  EXPECT_EQ(Run({"accounts", "add", "ro", "--role", "observer"}).exit_code, 5);  // taken
  EXPECT_EQ(Run({"accounts", "add", "x", "--role", "king"}).exit_code, 1);
  setenv("SCRUTINEER_PASSWORD", "short", 1);
  const CommandResult weak = Run({"accounts", "add", "ob", "--role", "observer"});
  EXPECT_EQ(weak.exit_code, 1);
  EXPECT_NE(weak.err.find("a password needs at least 12 characters"), std::string::npos);
  unsetenv("SCRUTINEER_PASSWORD");
  EXPECT_EQ(Run({"accounts", "disable", "ro"}).exit_code, 0);
  EXPECT_EQ(Run({"accounts", "disable", "nobody"}).exit_code, 2);
  EXPECT_EQ(Run({"accounts", "list"}).out, "ro\treturning_officer\tdisabled\n");
  // The password itself is nowhere in the store file.
  EXPECT_EQ(ReadFile(dir_ + "/club.db").find("a long passphrase"), std::string::npos);
}

}  // namespace
}  // namespace scrutineer::testing
