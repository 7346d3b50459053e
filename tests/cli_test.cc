// The scrutineer binary as a user meets it: help, the exit statuses, clear messages for bad
// input that name file and line, and byte-identical output for the same input.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/run_command.h"

namespace scrutineer::testing {
namespace {

const std::string kLabour2016 = "conformance/published/labour_2016_leader/";

CommandResult Count(std::vector<std::string> args) {
  args.insert(args.begin(), {ScrutineerBinary(), "count"});
  return RunCommand(args);
}

TEST(CliTest, EveryCommandHasHelp) {
  const CommandResult top = RunCommand({ScrutineerBinary(), "--help"});
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_NE(top.out.find("count"), std::string::npos);
  const CommandResult count = RunCommand({ScrutineerBinary(), "count", "--help"});
  EXPECT_EQ(count.exit_code, 0);
  EXPECT_NE(count.out.find("--electorate"), std::string::npos);
  EXPECT_NE(count.out.find("--seed"), std::string::npos);
}

TEST(CliTest, TheDeclarationOfLabour2016ReadsAsPublished) {
  const CommandResult run =
      Count({SharedPath(kLabour2016 + "ballots.csv"), "--contest",
             SharedPath(kLabour2016 + "contest.json"), "--electorate", "654006"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* expected :
       {"Jeremy Corbyn                  313,209    61.8",
        "Owen Smith                     193,229    38.2", "Blank or spoilt                  1,042",
        "Turnout                          77.6%", "Jeremy Corbyn is elected."}) {
    EXPECT_NE(run.out.find(expected), std::string::npos) << expected << "\n" << run.out;
  }
}

TEST(CliTest, EveryFormatIsByteIdenticalOnARecount) {
  for (const char* format : {"text", "json", "rctab-json", "csv", "html"}) {
    const std::vector<std::string> args{
        SharedPath("conformance/published/labour_2015_deputy/ballots.csv"), "--format", format,
        "--seed", "recount"};
    const CommandResult first = Count(args);
    const CommandResult second = Count(args);
    ASSERT_EQ(first.exit_code, 0) << format << first.err;
    EXPECT_FALSE(first.out.empty());
    EXPECT_EQ(first.out, second.out) << format;
  }
}

TEST(CliTest, AMissingFileIsBadInputNamingTheFile) {
  const CommandResult run = Count({"/nonexistent/ballots.csv"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(
      run.err,
      "scrutineer: error: /nonexistent/ballots.csv: cannot open: No such file or directory\n");
}

TEST(CliTest, AMalformedFileIsRefusedWithEveryLineNamed) {
  const std::string dir = TempDir("cli-malformed");
  WriteFile(dir + "/ballots.csv", "count,rank1,rank2\n5,Ann,Bob\nfive,Bob,\n2,Ann\n");
  const CommandResult run = Count({dir + "/ballots.csv"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, "scrutineer: error: " + dir +
                         "/ballots.csv:3: count 'five' is not a whole number of ballots\n"
                         "scrutineer: error: " +
                         dir + "/ballots.csv:4: 2 fields, but the header has 3 columns\n");
  EXPECT_TRUE(run.out.empty());
}

TEST(CliTest, AnUnknownCandidateAgainstTheContestFileIsRefused) {
  const std::string dir = TempDir("cli-unknown");
  WriteFile(dir + "/ballots.csv", "section,count,rank1\nmembers,3,Jeremy Corbin\n");
  const CommandResult run =
      Count({dir + "/ballots.csv", "--contest", SharedPath(kLabour2016 + "contest.json")});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("ballots.csv:2: rank 1: unknown candidate 'Jeremy Corbin'"),
            std::string::npos)
      << run.err;
}

TEST(CliTest, BadOptionsAreUsageErrors) {
  EXPECT_EQ(Count({SharedPath(kLabour2016 + "ballots.csv"), "--format", "pdf"}).exit_code, 1);
  EXPECT_EQ(Count({SharedPath(kLabour2016 + "ballots.csv"), "--tie-break", "coin"}).exit_code, 1);
  const CommandResult method =
      Count({SharedPath(kLabour2016 + "ballots.csv"), "--method", "borda"});
  EXPECT_EQ(method.exit_code, 1);
  EXPECT_NE(method.err.find("method 'borda' is not available; this version counts irv"),
            std::string::npos)
      << method.err;
  EXPECT_EQ(
      Count({SharedPath(kLabour2016 + "ballots.csv"), "--unknown-candidate", "stop"}).exit_code, 1);
}

TEST(CliTest, StvNeedsAKnownRuleSetAndTakesAQuotaOnlyWhereTheRulesAllowOne) {
  const std::string blt = SharedPath("conformance/stv/scottish-official/linn07.blt");
  const CommandResult no_rules = Count({blt, "--method", "stv"});
  EXPECT_EQ(no_rules.exit_code, 1);
  EXPECT_NE(no_rules.err.find("--rules: STV needs a rule set"), std::string::npos) << no_rules.err;
  const CommandResult unknown = Count({blt, "--method", "stv", "--rules", "irish"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("'irish' is not an STV rule set"), std::string::npos) << unknown.err;
  const CommandResult quota =
      Count({blt, "--method", "stv", "--rules", "scottish-stv", "--quota", "hare"});
  EXPECT_EQ(quota.exit_code, 1);
  EXPECT_NE(quota.err.find("--quota: scottish-stv fixes its own quota"), std::string::npos)
      << quota.err;
}

TEST(CliTest, ScottishStvDeclaresEachStageAndTheElected) {
  // Glasgow 2007, ward 1 (Linn): the official report's figures (quota 1,914; stage 2, David
  // Ritchie's surplus: Margot Clark 1,302.94200; elected Ritchie, Docherty, McKenzie, Clark).
  const std::string blt = SharedPath("conformance/stv/scottish-official/linn07.blt");
  const CommandResult run = Count({blt, "--method", "stv", "--rules", "scottish-stv"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("Single transferable vote (Scottish STV rules), 4 to elect"),
            std::string::npos);
  EXPECT_NE(run.out.find("Quota at the first stage: 1,914.00000."), std::string::npos);
  EXPECT_NE(run.out.find("David Ritchie's surplus of 129.00000 is transferred."),
            std::string::npos);
  EXPECT_NE(run.out.find("1,302.94200"), std::string::npos);
  EXPECT_NE(run.out.find("David Ritchie, Sadie Docherty, John McKenzie and Margot Clark are "
                         "elected."),
            std::string::npos)
      << run.out;
}

// Dundee 2022, ward 4 (Coldside), from the council's official stage report: quota 1,118;
// stage 2 moves Heather ANDERSON's surplus and Mark FLYNN has 1,275.20556 after it; the
// non-transferable figure at stage 2 is 27.44240 (papers 27.43972 and fractions 0.00268);
// nine stages; elected ANDERSON, FLYNN, MCIRVINE, WRIGHT.
const char* const kColdside = "conformance/stv/scottish-official/dundee22_coldside.blt";

TEST(CliTest, StvJsonGivesEveryStage) {
  const CommandResult run = Count(
      {SharedPath(kColdside), "--method", "stv", "--rules", "scottish-stv", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["method"], "stv");
  EXPECT_EQ(json["rules"]["preset"], "scottish-stv");
  EXPECT_EQ(json["rules"]["quota"], "1118.00000");
  ASSERT_EQ(json["rounds"].size(), 9u);
  const auto& second = json["rounds"][1];
  EXPECT_EQ(second["surplus_of"], "Heather ANDERSON");
  EXPECT_EQ(second["tally"]["Mark FLYNN"], "1275.20556");
  EXPECT_EQ(second["exhausted"]["total"], "27.43972");
  EXPECT_EQ(second["loss"], "0.00268");
  EXPECT_EQ(json["elected"],
            (nlohmann::json{"Heather ANDERSON", "Mark FLYNN", "George MCIRVINE", "Helen WRIGHT"}));
  // The same count gives the same bytes.
  EXPECT_EQ(run.out, Count({SharedPath(kColdside), "--method", "stv", "--rules", "scottish-stv",
                            "--format", "json"})
                         .out);
}

TEST(CliTest, StvRctabJsonHasOneResultPerStage) {
  const CommandResult run = Count({SharedPath(kColdside), "--method", "stv", "--rules",
                                   "scottish-stv", "--format", "rctab-json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  ASSERT_EQ(json["results"].size(), 9u);
  const auto& first = json["results"][0];
  EXPECT_EQ(first["threshold"], "1118.00000");
  EXPECT_EQ(first["tally"]["Heather ANDERSON"], "1737.00000");
  // Round 1 lists ANDERSON's election with the surplus that round 2 shows moved.
  EXPECT_EQ(first["tallyResults"][0]["elected"], "Heather ANDERSON");
  EXPECT_EQ(first["tallyResults"][0]["transfers"]["Mark FLYNN"], "524.20556");
  // After the surplus, ANDERSON stays in the tally at the quota.
  EXPECT_EQ(json["results"][1]["tally"]["Heather ANDERSON"], "1118.00000");
}

TEST(CliTest, StvCsvIsAStageTable) {
  const CommandResult run = Count(
      {SharedPath(kColdside), "--method", "stv", "--rules", "scottish-stv", "--format", "csv"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out.rfind("candidate,stage_1_votes,stage_1_change,stage_2_votes,", 0), 0u);
  EXPECT_NE(run.out.find("\nMark FLYNN,751.00000,,1275.20556,524.20556,1118.00000,"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("elected at stage 2\n"), std::string::npos);
}

TEST(CliTest, AMultiSeatFileNeedsSeatsOneForInstantRunoff) {
  const std::string blt = SharedPath("conformance/stv/scottish-official/linn07.blt");
  const CommandResult refused = Count({blt});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("seats, and instant-runoff fills one; give --seats 1"),
            std::string::npos)
      << refused.err;
  EXPECT_EQ(Count({blt, "--seats", "1", "--seed", "linn"}).exit_code, 0);
}

TEST(CliTest, ATieThatNeedsALotWithoutASeedStopsTheCount) {
  const std::string dir = TempDir("cli-tie");
  WriteFile(dir + "/ballots.csv", "rank1\nAnn\nBob\n");
  const CommandResult run = Count({dir + "/ballots.csv"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.err,
            "scrutineer: error: a tie between 'Ann', 'Bob' needs a lot, and no seed was given "
            "(--seed)\n");
  // With the published seed the lot is drawn and recorded. The tickets, drawn by hand:
  //   printf '%s' 'agm-2026|1|Ann' | sha256sum  -> 89658e83...
  //   printf '%s' 'agm-2026|1|Bob' | sha256sum  -> 68b8f5ce...
  // Bob's is lower, so Bob loses the tie and Ann, the other of the last two, is elected.
  const CommandResult drawn = Count({dir + "/ballots.csv", "--seed", "agm-2026"});
  EXPECT_EQ(drawn.exit_code, 0) << drawn.err;
  for (const char* expected :
       {"Lots were drawn (draw 1):\n"
        "    Bob: 68b8f5ce5a534da74aef1428a5042bf3e2b9c70ddd98407ee57ef2a6669f1afa\n"
        "    Ann: 89658e838b75b8abdfc9a7bb18b5e49545120aaeba78863926fa91bff96031f7\n"
        "  Bob drew the lowest ticket.",
        "Ann is elected."}) {
    EXPECT_NE(drawn.out.find(expected), std::string::npos) << drawn.out;
  }
}

TEST(CliTest, AMotionIsCountedAgainstItsThreshold) {
  // 2 for, 1 against, 1 blank: exactly two thirds of the votes cast.
  const std::string dir = TempDir("cli-motion");
  WriteFile(dir + "/motion.csv", "rank1\nYes\nYes\nNo\n\n");
  const CommandResult carried =
      Count({dir + "/motion.csv", "--method", "motion", "--threshold", "two-thirds"});
  EXPECT_EQ(carried.exit_code, 0) << carried.err;
  EXPECT_NE(carried.out.find("The motion is carried."), std::string::npos) << carried.out;
  const CommandResult lost =
      Count({dir + "/motion.csv", "--method", "motion", "--threshold", "more-than:2/3"});
  EXPECT_NE(lost.out.find("The motion is not carried."), std::string::npos) << lost.out;
  EXPECT_EQ(Count({dir + "/motion.csv", "--method", "motion", "--threshold", "3/2"}).exit_code, 1);
  EXPECT_EQ(Count({dir + "/motion.csv", "--method", "motion", "--of-electorate"}).exit_code, 1);
}

// Three districts worth 100 points each (worked by hand in src/count/weighting_test.cc):
// round 1 A 110, B 115, C 75; C is excluded; round 2 A 8470/51 = 166.08, B 133.92.
const char* const kDistricts =
    "section,count,rank1,rank2\n"
    "d1,50,A,\nd1,30,B,\nd1,20,C,A\n"
    "d2,2,A,\nd2,1,B,\nd2,1,C,\n"
    "d3,10,A,\nd3,60,B,\nd3,15,C,A\nd3,15,C,\n";

TEST(CliTest, PointsPerDistrictAreDeclaredRoundByRound) {
  const std::string dir = TempDir("cli-points");
  WriteFile(dir + "/districts.csv", kDistricts);
  const CommandResult text = Count({dir + "/districts.csv", "--points", "100"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  for (const char* expected :
       {"by points per district", "C has the fewest points and is excluded.", "166.08", "133.92",
        "more than half of 300.00 points", "A has more than half of the points"}) {
    EXPECT_NE(text.out.find(expected), std::string::npos) << expected << "\n" << text.out;
  }
  const CommandResult json = Count({dir + "/districts.csv", "--points", "100", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto parsed = nlohmann::json::parse(json.out);
  EXPECT_EQ(parsed["rules"]["weighting"]["kind"], "points");
  EXPECT_EQ(parsed["rounds"][1]["weighted"]["tally"]["A"], "166.08");
  EXPECT_EQ(parsed["rounds"][1]["weighted"]["by_section"]["d3"]["B"], "70.59");  // 1200/17
  const CommandResult csv = Count({dir + "/districts.csv", "--points", "100", "--format", "csv"});
  EXPECT_NE(csv.out.find("round_2_points"), std::string::npos) << csv.out;
  // One point a vote where a district has fewer valid votes than its points: d2 is worth 4.
  const CommandResult capped =
      Count({dir + "/districts.csv", "--points", "100", "--points-at-most-votes"});
  EXPECT_NE(capped.out.find("102.08"), std::string::npos) << capped.out;
}

TEST(CliTest, AWeightedTieSaysTheCollegeDecidedIt) {
  // Worked in src/count/weighting_test.cc (AnEarlierRoundBreaksATieByTheWeightedFigures): in
  // round 2 B and C are level on 26.11; at round 1 B had the smaller share, 20 to 25.
  const std::string dir = TempDir("cli-college-tie");
  WriteFile(dir + "/college.csv",
            "section,count,rank1,rank2\nx,5,A,\nx,2,B,C\nx,2,C,\nx,1,D,\n"
            "y,4,A,\ny,2,B,\ny,3,C,\ny,1,D,B\n");
  const CommandResult run = Count({dir + "/college.csv", "--college", "x=1,y=1"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("B and C were level. At round 1 B had a smaller share of the college"),
            std::string::npos)
      << run.out;
}

TEST(CliTest, AWeightingThatCannotBeFollowedIsRefused) {
  const std::string dir = TempDir("cli-weighting");
  WriteFile(dir + "/districts.csv", kDistricts);
  WriteFile(dir + "/plain.csv", "rank1\nA\nB\n");
  const auto refused = [&](std::vector<std::string> args, const std::string& message) {
    const CommandResult run = Count(std::move(args));
    EXPECT_EQ(run.exit_code, 1) << message;
    EXPECT_NE(run.err.find(message), std::string::npos) << run.err;
  };
  const std::string districts = dir + "/districts.csv";
  refused({districts, "--college", "d1=1,d2=1"}, "section 'd3' has no weight in the college");
  refused({districts, "--college", "d1=1,d2=1,d3=1,d4=1"},
          "the college names section 'd4', which the ballots do not have");
  refused({districts, "--college", "d1=one"}, "'d1=one' is not section=weight");
  refused({districts, "--college", "d1=1,d2=1,d3=1", "--points", "100"}, "not both");
  refused({districts, "--points", "100", "--batch-elimination"}, "batch elimination");
  refused({districts, "--points", "100", "--format", "rctab-json"}, "RCTab's summary");
  refused({districts, "--points", "100", "--method", "plurality"},
          "a college or points weight an instant-runoff count");
  refused({districts, "--points-at-most-votes"}, "--points-at-most-votes needs --points");
  refused({dir + "/plain.csv", "--points", "100"}, "section column");
  refused({dir + "/plain.csv", "--college", "members=1"}, "which the ballots do not have");
}

TEST(CliTest, CondorcetCountsShowThePairwiseTable) {
  const std::string dir = TempDir("cli-condorcet");
  // Tennessee: Memphis 42, Nashville 26, Chattanooga 15, Knoxville 17 (hundreds of voters).
  std::string text = "count,rank1,rank2,rank3,rank4\n";
  text +=
      "42,Memphis,Nashville,Chattanooga,Knoxville\n26,Nashville,Chattanooga,Knoxville,Memphis\n";
  text +=
      "15,Chattanooga,Knoxville,Nashville,Memphis\n17,Knoxville,Chattanooga,Nashville,Memphis\n";
  WriteFile(dir + "/tn.csv", text);
  for (const char* method : {"schulze", "ranked-pairs"}) {
    const CommandResult run = Count({dir + "/tn.csv", "--method", method});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.out.find("Nashville is elected."), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("Pairwise comparisons"), std::string::npos) << run.out;
  }
}

TEST(CliTest, OutputGoesToAFileWhenAsked) {
  const std::string dir = TempDir("cli-output");
  const CommandResult run =
      Count({SharedPath(kLabour2016 + "ballots.csv"), "--format", "csv", "-o", dir + "/r.csv"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_TRUE(run.out.empty());
  EXPECT_EQ(ReadFile(dir + "/r.csv").substr(0, 40), "candidate,round_1_votes,round_1_percent,");
  const CommandResult unwritable =
      Count({SharedPath(kLabour2016 + "ballots.csv"), "-o", "/nonexistent/dir/declaration.txt"});
  EXPECT_EQ(unwritable.exit_code, 4);
}

}  // namespace
}  // namespace scrutineer::testing
