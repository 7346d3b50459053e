#include "formats/preflib.h"

#include <gtest/gtest.h>

namespace scrutineer::formats {
namespace {

util::Result<core::BallotSet> Read(const std::string& text) {
  auto source = MemorySource(text, "00030-00000001.soi");
  return ReadPreflib(*source, ReadOptions{});
}

TEST(PreflibTest, ReadsNamesTitleAndCountedOrders) {
  // The head of PrefLib 00030-00000001.soi (2010 UK Labour leadership, MPs' ballots).
  const std::string text =
      "# FILE NAME: 00030-00000001.soi\n"
      "# TITLE: 2010 UK Labor Leadership\n"
      "# DATA TYPE: soi\n"
      "# NUMBER ALTERNATIVES: 5\n"
      "# ALTERNATIVE NAME 1: D.Abbott\n"
      "# ALTERNATIVE NAME 2: E.Balls\n"
      "# ALTERNATIVE NAME 3: A.Burnhm\n"
      "# ALTERNATIVE NAME 4: D.Milbnd\n"
      "# ALTERNATIVE NAME 5: E.Milbnd\n"
      "34: 4\n"
      "13: 4,5,2,3,1\n";
  auto ballots = Read(text);
  ASSERT_TRUE(ballots.ok()) << ballots.error().ToString();
  EXPECT_EQ(ballots->title, "2010 UK Labor Leadership");
  EXPECT_EQ(ballots->candidates[3], "D.Milbnd");
  ASSERT_EQ(ballots->size(), 2u);
  EXPECT_EQ(ballots->papers[0], 34);
  EXPECT_EQ(ballots->Ranking(1).size(), 5u);
  EXPECT_EQ(ballots->end[1], core::Exhaustion::kAllRanksUsed);
}

TEST(PreflibTest, TiesAndUnknownAlternativesAreRefusedWithTheirLine) {
  const std::string text =
      "# NUMBER ALTERNATIVES: 2\n"
      "# ALTERNATIVE NAME 1: A\n"
      "# ALTERNATIVE NAME 2: B\n"
      "3: 1,{2}\n"
      "2: 3\n"
      "nonsense\n";
  auto ballots = Read(text);
  ASSERT_FALSE(ballots.ok());
  EXPECT_EQ(ballots.error().ToString(),
            "00030-00000001.soi:4: the order has tied alternatives '1,{2}', which are not "
            "supported: each rank must hold one candidate\n"
            "00030-00000001.soi:5: alternative '3' does not exist (the file has 2)\n"
            "00030-00000001.soi:6: expected 'COUNT: a,b,c', found 'nonsense'");
}

TEST(PreflibTest, MetadataAfterTheOrdersIsRefused) {
  // Found by fuzz_preflib: a second NUMBER ALTERNATIVES after the first order once let an
  // order name an alternative beyond the checked ones.
  auto ballots = Read(
      "# NUMBER ALTERNATIVES: 1\n# ALTERNATIVE NAME 1: A\n1: 1\n# NUMBER ALTERNATIVES: 9\n"
      "2: 7\n");
  ASSERT_FALSE(ballots.ok());
  EXPECT_EQ(ballots.error().ToString(),
            "00030-00000001.soi:4: NUMBER ALTERNATIVES comes after the orders have begun\n"
            "00030-00000001.soi:5: alternative '7' does not exist (the file has 1)");
}

TEST(PreflibTest, TextThatIsNotUtf8IsRefused) {
  // Found by fuzz_preflib: a title that was not UTF-8 reached the JSON writer.
  auto ballots = Read("# TITLE: Caf\xC8\n# NUMBER ALTERNATIVES: 1\n# ALTERNATIVE NAME 1: A\xFF\n");
  ASSERT_FALSE(ballots.ok());
  EXPECT_EQ(ballots.error().ToString(),
            "00030-00000001.soi:1: the TITLE is not valid UTF-8\n"
            "00030-00000001.soi:3: ALTERNATIVE NAME 1 is empty or not valid UTF-8");
}

TEST(PreflibTest, MissingNamesAreReported) {
  auto ballots = Read("# NUMBER ALTERNATIVES: 2\n# ALTERNATIVE NAME 1: A\n1: 1\n");
  ASSERT_FALSE(ballots.ok());
  EXPECT_EQ(ballots.error().ToString(),
            "00030-00000001.soi:3: alternative 2 has no '# ALTERNATIVE NAME' line");
}

}  // namespace
}  // namespace scrutineer::formats
