#include "core/votes.h"

#include <gtest/gtest.h>

namespace scrutineer::core {
namespace {

TEST(VotesTest, PercentagesRoundHalfUpToOneDecimalPlace) {
  // Labour 2016: 313,209 of 506,438 is 61.846...%, published as 61.8%.
  EXPECT_EQ(FormatPercent(313209, 506438), "61.8");
  EXPECT_EQ(FormatPercent(193229, 506438), "38.2");
  // Exactly half-way rounds up: 1 of 8 is 12.5%, to no places "13"; 49 of 400 is 12.25%.
  EXPECT_EQ(FormatPercent(1, 8, 0), "13");
  EXPECT_EQ(FormatPercent(49, 400), "12.3");
  EXPECT_EQ(FormatPercent(0, 0), "0.0");
  EXPECT_EQ(FormatPercent(5, 5), "100.0");
}

TEST(VotesTest, TurnoutOfLabour2016CountsSpoiltBallots) {
  // (506,438 valid + 1,042 spoilt) / 654,006 issued = 77.6%, as published.
  EXPECT_EQ(FormatPercent(506438 + 1042, 654006), "77.6");
}

TEST(VotesTest, FormatShowsEveryDecimalPlace) {
  EXPECT_EQ(FormatVotes(Votes::FromUnits(313209), 0), "313209");
  EXPECT_EQ(FormatVotes(Votes::FromUnits(1250), 3), "1.250");
  EXPECT_EQ(FormatVotes(Votes::FromUnits(5), 2), "0.05");
}

TEST(VotesTest, ParsesDecimalsExactlyIntoUnits) {
  EXPECT_EQ(ParseDecimalUnits("3", 0), 3);
  EXPECT_EQ(ParseDecimalUnits("0.25", 2), 25);
  EXPECT_EQ(ParseDecimalUnits("1.5", 3), 1500);
  EXPECT_EQ(ParseDecimalUnits(".5", 1), 5);
  EXPECT_EQ(ParseDecimalUnits("2.", 1), 20);
  EXPECT_FALSE(ParseDecimalUnits("0.125", 2));  // more places than allowed
  EXPECT_FALSE(ParseDecimalUnits("-1", 0));
  EXPECT_FALSE(ParseDecimalUnits("1e3", 0));
  EXPECT_FALSE(ParseDecimalUnits("", 0));
  EXPECT_FALSE(ParseDecimalUnits(".", 2));
  EXPECT_FALSE(ParseDecimalUnits("99999999999999999999", 0));
}

TEST(VotesTest, SignificantPlacesDropsTrailingZeros) {
  EXPECT_EQ(SignificantPlaces(2000000000, 9), 0);  // 2
  EXPECT_EQ(SignificantPlaces(1500000000, 9), 1);  // 1.5
  EXPECT_EQ(SignificantPlaces(150000001, 9), 9);   // 0.150000001
  EXPECT_EQ(SignificantPlaces(250000000, 9), 2);
}

TEST(VotesDeathTest, OverflowIsABrokenInvariant) {
  Votes big = Votes::FromUnits(INT64_MAX);
  EXPECT_DEATH(big += Votes::FromUnits(1), "CHECK");
}

}  // namespace
}  // namespace scrutineer::core
