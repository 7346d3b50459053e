#include "formats/csv_cvr.h"

#include <gtest/gtest.h>

#include <map>

namespace scrutineer::formats {
namespace {

using core::CandidateId;
using core::Exhaustion;

util::Result<core::BallotSet> Read(const std::string& text, const ReadOptions& options = {},
                                   size_t block_size = 1 << 20) {
  auto source = MemorySource(text, "ballots.csv");
  return ReadCsvCvr(*source, options, block_size);
}

// Each entry as "section:A>B>C" -> papers.
std::map<std::string, int64_t> Entries(const core::BallotSet& ballots) {
  std::map<std::string, int64_t> entries;
  for (size_t i = 0; i < ballots.size(); ++i) {
    std::string key = ballots.sections[ballots.section[i].index()] + ":";
    for (CandidateId c : ballots.Ranking(i)) {
      key += (key.back() == ':' ? "" : ">") + ballots.candidates[c.index()];
    }
    entries[key] += ballots.papers[i];
  }
  return entries;
}

TEST(CsvCvrTest, ReadsThePublishedLayoutWithSectionsCountsAndBlanks) {
  // The first lines of the Labour 2016 reconstruction, as published in conformance/.
  const std::string text =
      "section,count,rank1\n"
      "affiliated_supporters,60075,Jeremy Corbyn\n"
      "members,168216,Jeremy Corbyn\n"
      "members,116960,Owen Smith\n"
      "members,1042,\n";
  auto ballots = Read(text);
  ASSERT_TRUE(ballots.ok()) << ballots.error().ToString();
  EXPECT_EQ(ballots->candidates, (std::vector<std::string>{"Jeremy Corbyn", "Owen Smith"}));
  EXPECT_EQ(ballots->sections, (std::vector<std::string>{"affiliated_supporters", "members"}));
  EXPECT_EQ(Entries(*ballots),
            (std::map<std::string, int64_t>{{"affiliated_supporters:Jeremy Corbyn", 60075},
                                            {"members:Jeremy Corbyn", 168216},
                                            {"members:Owen Smith", 116960}}));
  EXPECT_EQ(ballots->blank, (std::vector<int64_t>{0, 1042}));
  EXPECT_EQ(ballots->ranks_allowed, 1u);
}

TEST(CsvCvrTest, IdenticalRowsMergeWhereverTheyAre) {
  const std::string text =
      "id,rank1,rank2\n"
      "1,Ann,Bob\n"
      "2,Bob,\n"
      "3,Ann,Bob\n"
      "4,\"Ann\",Bob\n";
  auto ballots = Read(text);
  ASSERT_TRUE(ballots.ok()) << ballots.error().ToString();
  EXPECT_EQ(Entries(*ballots), (std::map<std::string, int64_t>{{":Ann>Bob", 3}, {":Bob", 1}}));
  EXPECT_FALSE(ballots->has_named_sections());
}

// Rows that differ in their bytes but not in their ballot (another count, spaces around a
// name, a quoted name, a line end) are one entry of the ballot set, on one thread or two.
TEST(CsvCvrTest, RowsOfOneBallotInOtherBytesAreOneEntry) {
  std::string text = "section,count,rank1,rank2\n";
  const char* rows[] = {"m,1,Ann,Bob\n",     "m,2,Ann,Bob\n", "m,1, Ann ,Bob\n",
                        "m,1,\"Ann\",Bob\n", "m,1,Bob,\n",    "m,3,Ann,Bob\r\n"};
  for (int i = 0; i < 600; ++i) {
    text += rows[static_cast<size_t>(i) % 6];
  }
  for (int threads : {1, 2}) {
    ReadOptions options;
    options.threads = threads;
    auto ballots = Read(text, options, 64);
    ASSERT_TRUE(ballots.ok()) << ballots.error().ToString();
    ASSERT_EQ(ballots->size(), 2u) << threads << " threads";
    EXPECT_EQ(Entries(*ballots),
              (std::map<std::string, int64_t>{{"m:Ann>Bob", 100 * 8}, {"m:Bob", 100}}));
  }
}

TEST(CsvCvrTest, TheSameFileGivesTheSameBallotsWhateverTheBufferAndThreads) {
  std::string text = "section,rank1,rank2,rank3\n";
  const char* rows[] = {"m,Ann,Bob,Cat\n", "s,\"Bob, Jr\",Ann,\n",  "m,Cat,,\n",
                        "s,,,\n",          "m,\"Dan\nDoe\",Ann,\n", "m,Ann,Bob,Cat\r\n"};
  for (int i = 0; i < 3000; ++i) {
    text += rows[static_cast<size_t>(i * 7) % 6];
  }
  auto whole = Read(text);
  ASSERT_TRUE(whole.ok()) << whole.error().ToString();
  for (size_t block : {size_t{16}, size_t{33}, size_t{4096}}) {
    for (int threads : {1, 2}) {
      ReadOptions options;
      options.threads = threads;
      auto again = Read(text, options, block);
      ASSERT_TRUE(again.ok()) << again.error().ToString();
      EXPECT_EQ(Entries(*again), Entries(*whole)) << "block " << block;
      EXPECT_EQ(again->blank, whole->blank);
    }
  }
  EXPECT_EQ(Entries(*whole).at("m:Dan\nDoe>Ann"), 500);
  EXPECT_EQ(Entries(*whole).at("m:Ann>Bob>Cat"), 1000);
}

TEST(CsvCvrTest, WeightsAreExactDecimals) {
  const std::string text = "weight,rank1\n0.5,Ann\n1.25,Bob\n2,Ann\n";
  auto ballots = Read(text);
  ASSERT_TRUE(ballots.ok()) << ballots.error().ToString();
  EXPECT_EQ(ballots->places, 2);
  std::map<std::string, int64_t> units;
  for (size_t i = 0; i < ballots->size(); ++i) {
    units[ballots->candidates[ballots->Ranking(i)[0].index()]] = ballots->weight[i].units();
  }
  EXPECT_EQ(units, (std::map<std::string, int64_t>{{"Ann", 250}, {"Bob", 125}}));
}

TEST(CsvCvrTest, WeightsWithMorePlacesInTheSecondHalfAreKept) {
  // 300 ballots of weight 1 then 300 of weight 0.125: read by two threads, the places of the
  // second half decide the places of the whole (3), and the sums are exact.
  std::string text = "weight,rank1\n";
  for (int i = 0; i < 300; ++i) {
    text += "1,Ann\n";
  }
  for (int i = 0; i < 300; ++i) {
    text += "0.125,Bob\n";
  }
  ReadOptions options;
  options.threads = 2;
  auto ballots = Read(text, options, 64);
  ASSERT_TRUE(ballots.ok()) << ballots.error().ToString();
  EXPECT_EQ(ballots->places, 3);
  std::map<std::string, int64_t> units;
  for (size_t i = 0; i < ballots->size(); ++i) {
    units[ballots->candidates[ballots->Ranking(i)[0].index()]] = ballots->weight[i].units();
  }
  EXPECT_EQ(units, (std::map<std::string, int64_t>{{"Ann", 300000}, {"Bob", 37500}}));
}

TEST(CsvCvrTest, IrregularRankingsFollowTheBallotRules) {
  const std::string text = "rank1,rank2,rank3\nAnn,,Bob\nAnn,Ann,Bob\n";
  auto uk = Read(text);  // valid up to the irregularity
  ASSERT_TRUE(uk.ok());
  EXPECT_EQ(Entries(*uk), (std::map<std::string, int64_t>{{":Ann", 2}}));
  ReadOptions reject;
  reject.rules.skipped_rank = core::Treatment::kReject;
  reject.rules.repeated_candidate = core::Treatment::kReject;
  auto rejected = Read(text, reject);
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(rejected->size(), 0u);
  ASSERT_EQ(rejected->rejected.size(), 2u);
  EXPECT_EQ(rejected->rejected[0].reason, "skipped rank");
  EXPECT_EQ(rejected->rejected[0].first_line, 2u);
  EXPECT_EQ(rejected->rejected[1].reason, "repeated candidate");
  ReadOptions refuse;
  refuse.rules.repeated_candidate = core::Treatment::kRefuse;
  auto refused = Read(text, refuse);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().ToString(),
            "ballots.csv:3: rank 2: repeated candidate, which the ballot rules refuse");
}

TEST(CsvCvrTest, DeclaredCandidatesMakeOtherNamesUnknown) {
  ReadOptions options;
  options.candidates = {"Ann", "Bob", "Cat"};
  auto ballots = Read("rank1,rank2\nAnn,Bob\n", options);
  ASSERT_TRUE(ballots.ok());
  EXPECT_EQ(ballots->candidates, options.candidates);  // Cat is on the ballot with no votes
  auto unknown = Read("rank1,rank2\nAnn,Bobby\nZed,\n", options);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().ToString(),
            "ballots.csv:2: rank 2: unknown candidate 'Bobby'\n"
            "ballots.csv:3: rank 1: unknown candidate 'Zed'");
}

TEST(CsvCvrTest, EveryProblemIsReportedWithItsLine) {
  ReadOptions options;
  options.sections = {"members"};
  const std::string text =
      "section,count,rank1\n"
      "members,1,Ann\n"
      "members,x,Ann\n"
      "guests,1,Ann\n"
      "members,1\n"
      "members,-2,Bob\n";
  auto ballots = Read(text, options);
  ASSERT_FALSE(ballots.ok());
  EXPECT_EQ(ballots.error().ToString(),
            "ballots.csv:3: count 'x' is not a whole number of ballots\n"
            "ballots.csv:4: unknown section 'guests' (the contest has 'members')\n"
            "ballots.csv:5: 2 fields, but the header has 3 columns\n"
            "ballots.csv:6: count '-2' is not a whole number of ballots");
}

TEST(CsvCvrTest, HeaderProblemsAreAllReportedAtOnce) {
  auto ballots = Read("votes,section,rank2,rank2,count,weight\n");
  ASSERT_FALSE(ballots.ok());
  EXPECT_EQ(ballots.error().ToString(),
            "ballots.csv:1: unknown column 'votes' in the header (expected id, section, count, "
            "weight, rank1, rank2, ...)\n"
            "ballots.csv:1: column 'rank2' appears twice in the header\n"
            "ballots.csv:1: the header has rank2 but no rank1\n"
            "ballots.csv:1: the header has both count and weight; a row is either a count of "
            "ballots or one weighted ballot");
}

TEST(CsvCvrTest, EmptyFilesAndBrokenQuotesAreRefusedClearly) {
  auto empty = Read("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().ToString(), "ballots.csv: the file is empty: no header row");
  auto quote = Read("rank1,rank2\nAnn,\"Bob\n");
  ASSERT_FALSE(quote.ok());
  EXPECT_EQ(quote.error().ToString(), "ballots.csv:2: a quoted field is never closed");
  auto utf8 = Read("rank1\nAnn\xFF\n");
  ASSERT_FALSE(utf8.ok());
  EXPECT_EQ(utf8.error().ToString(), "ballots.csv:2: rank 1: the name is not valid UTF-8");
}

}  // namespace
}  // namespace scrutineer::formats
