#include "formats/blt.h"

#include <gtest/gtest.h>

#include <map>

namespace scrutineer::formats {
namespace {

using core::CandidateId;

util::Result<core::BallotSet> Read(const std::string& text, const ReadOptions& options = {}) {
  auto source = MemorySource(text, "election.blt");
  return ReadBlt(*source, options);
}

std::map<std::string, int64_t> Entries(const core::BallotSet& ballots) {
  std::map<std::string, int64_t> entries;
  for (size_t i = 0; i < ballots.size(); ++i) {
    std::string key;
    for (CandidateId c : ballots.Ranking(i)) {
      key += (key.empty() ? "" : ">") + ballots.candidates[c.index()];
    }
    entries[key] += ballots.weight[i].units();
  }
  return entries;
}

TEST(BltTest, ReadsTheLabour2016Reconstruction) {
  // conformance/published/labour_2016_leader/ballots.blt
  const std::string text =
      "2 1\n313209 1 0\n193229 2 0\n0\n\"Jeremy Corbyn\"\n\"Owen Smith\"\n"
      "\"Labour Party (UK) 2016 Leader (challenge to incumbent)\"\n";
  auto ballots = Read(text);
  ASSERT_TRUE(ballots.ok()) << ballots.error().ToString();
  EXPECT_EQ(ballots->seats, 1);
  EXPECT_EQ(ballots->title, "Labour Party (UK) 2016 Leader (challenge to incumbent)");
  EXPECT_EQ(Entries(*ballots),
            (std::map<std::string, int64_t>{{"Jeremy Corbyn", 313209}, {"Owen Smith", 193229}}));
}

TEST(BltTest, CommentsWithdrawnCandidatesAndMissingTerminators) {
  // As in the ERS97 example: # comments, ballot lines without their closing 0.
  const std::string text =
      "# Comment: a model election\n"
      "3 2\n"
      "-2\n"
      "35 1 2\n"
      "3 3 1 0   # trailing comment\n"
      "0\n"
      "Ann Smith (Lab)\nBob Jones\n\"Cat Brown\"\nModel Ward\n";
  auto ballots = Read(text);
  ASSERT_TRUE(ballots.ok()) << ballots.error().ToString();
  EXPECT_EQ(ballots->candidates,
            (std::vector<std::string>{"Ann Smith (Lab)", "Bob Jones", "Cat Brown"}));
  EXPECT_EQ(ballots->withdrawn, std::vector<CandidateId>{CandidateId(1)});
  EXPECT_EQ(ballots->title, "Model Ward");
  EXPECT_EQ(Entries(*ballots), (std::map<std::string, int64_t>{{"Ann Smith (Lab)>Bob Jones", 35},
                                                               {"Cat Brown>Ann Smith (Lab)", 3}}));
}

TEST(BltTest, PartiesInDoubledQuotesAreSplitFromTheName) {
  // The Dundee 2022 files: "Name ""Party""".
  // The Dundee 2022 files: "Name ""Party"""; Aberdeenshire 2022: "Name" "Party".
  const std::string text =
      "3 1\n1 1 2 0\n0\n\"George MCIRVINE \"\"Scottish Labour Party\"\"\"\n"
      "\"Ann Other\" \n\"Trish MCPHERSON\" \"Alba Party for independence\"\n\"Coldside\"\n";
  auto ballots = Read(text);
  ASSERT_TRUE(ballots.ok()) << ballots.error().ToString();
  EXPECT_EQ(ballots->candidates,
            (std::vector<std::string>{"George MCIRVINE", "Ann Other", "Trish MCPHERSON"}));
  EXPECT_EQ(ballots->parties,
            (std::vector<std::string>{"Scottish Labour Party", "", "Alba Party for independence"}));
  EXPECT_EQ(ballots->title, "Coldside");
}

TEST(BltTest, NameLinesQuotedOnceMoreAreUnquoted) {
  // North Ayrshire 2022, saved through a spreadsheet: """Name"" ""Party""", """Title""".
  const std::string text =
      "1 1\n1 1 0\n0\n\"\"\"Tony GURNEY\"\" \"\"Scottish National Party (SNP)\"\"\"\n"
      "\"\"\"Ward 03 - Ardrossan\"\"\"\n";
  auto ballots = Read(text);
  ASSERT_TRUE(ballots.ok()) << ballots.error().ToString();
  EXPECT_EQ(ballots->candidates, std::vector<std::string>{"Tony GURNEY"});
  EXPECT_EQ(ballots->parties, std::vector<std::string>{"Scottish National Party (SNP)"});
  EXPECT_EQ(ballots->title, "Ward 03 - Ardrossan");
}

TEST(BltTest, NamesMayComeAsAlternativeNameComments) {
  // As the Glasgow 2007 files have them.
  const std::string text =
      "2 1\n3 1 2 0\n0\n# ALTERNATIVE NAME 1: Gary Barton (Ind)\n"
      "# ALTERNATIVE NAME 2: Alison E Thewliss (SNP)\nCalton ward\n";
  auto ballots = Read(text);
  ASSERT_TRUE(ballots.ok()) << ballots.error().ToString();
  EXPECT_EQ(ballots->candidates,
            (std::vector<std::string>{"Gary Barton (Ind)", "Alison E Thewliss (SNP)"}));
  EXPECT_EQ(ballots->title, "Calton ward");
}

TEST(BltTest, TieOrderAndNicknamesFromOptionLines) {
  const std::string text =
      "3 2\n[nick a b c]\n[tie 3 2 1]\n5 a b 0\n3 c 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"Options\"\n";
  auto ballots = Read(text);
  ASSERT_TRUE(ballots.ok()) << ballots.error().ToString();
  EXPECT_EQ(ballots->tie_order,
            (std::vector<CandidateId>{CandidateId(2), CandidateId(1), CandidateId(0)}));
  EXPECT_EQ(Entries(*ballots), (std::map<std::string, int64_t>{{"A>B", 5}, {"C", 3}}));
}

TEST(BltTest, DecimalWeightsAreOneWeightedBallotEach) {
  auto ballots = Read("2 1\n1.5 1 0\n2 2 0\n0\nA\nB\nT\n");
  ASSERT_TRUE(ballots.ok()) << ballots.error().ToString();
  EXPECT_EQ(ballots->places, 1);
  EXPECT_EQ(Entries(*ballots), (std::map<std::string, int64_t>{{"A", 15}, {"B", 20}}));
  EXPECT_EQ(core::CountPapers(*ballots).total_counted, 3);
}

TEST(BltTest, ProblemsNameTheLineAndWhatIsWrong) {
  const std::string text =
      "3 1\n"
      "4 1 2=3 0\n"
      "2 4 0\n"
      "x 1 0\n"
      "1 1 0 2\n"
      "0\n"
      "A\nB\n";
  auto ballots = Read(text);
  ASSERT_FALSE(ballots.ok());
  EXPECT_EQ(ballots.error().ToString(),
            "election.blt:2: rank 2 gives equal preferences '2=3', which are not supported: "
            "each rank must hold one candidate\n"
            "election.blt:3: candidate '4' does not exist (the header declares 3 candidates)\n"
            "election.blt:4: the ballot weight 'x' is not a non-negative number\n"
            "election.blt:5: text after the 0 that ends the ballot: '2'\n"
            "election.blt:8: the file names 2 of its 3 candidates");
}

TEST(BltTest, ABadHeaderStopsTheReadingAtOnce) {
  // One of the Scottish council files was saved as CSV, with trailing commas.
  auto ballots = Read("5 1,\n786 1 0,\n0,\n");
  ASSERT_FALSE(ballots.ok());
  EXPECT_EQ(ballots.error().ToString(),
            "election.blt:1: expected the header 'CANDIDATES SEATS' (two whole numbers, at "
            "least 1), found '5 1,'");
}

TEST(BltTest, UnsupportedOptionsAreRefused) {
  auto ballots = Read("2 1\n[droop precision=5]\n1 1 0\n0\nA\nB\nT\n");
  ASSERT_FALSE(ballots.ok());
  EXPECT_EQ(ballots.error().ToString(),
            "election.blt:2: unsupported BLT option '[droop precision=5]' (supported: [tie ...], "
            "[withdrawn ...], [nick ...])");
}

}  // namespace
}  // namespace scrutineer::formats
