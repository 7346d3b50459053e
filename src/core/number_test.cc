#include "core/number.h"

#include <gtest/gtest.h>

namespace scrutineer::core {
namespace {

using F5 = Fixed<5>;

TEST(NumberTest, ScottishTransferValuesIgnoreTheRemainder) {
  // Glasgow 2007, Linn ward: quota 1914, David Ritchie 2043 first preferences, surplus 129.
  // Transfer value of a first-preference paper: 129 * 1 / 2043 = 0.0631424... -> 0.06314.
  const F5 surplus = F5::FromInt(129);
  const F5 one = F5::FromInt(1);
  const F5 total = F5::FromInt(2043);
  EXPECT_EQ(F5::MulDiv(surplus, one, total, Rounding::kDown).ToString(), "0.06314");
  EXPECT_EQ(F5::MulDiv(surplus, one, total, Rounding::kUp).ToString(), "0.06315");
  // 112 such papers are worth 112 * 0.06314 = 7.07168 exactly.
  EXPECT_EQ(F5::MulDiv(surplus, one, total, Rounding::kDown).Times(112).ToString(), "7.07168");
}

TEST(NumberTest, FixedRoundsOnlyWhereAsked) {
  using F2 = Fixed<2>;
  const F2 a = F2::FromUnits(1000);  // 10.00
  const F2 b = F2::FromUnits(300);   // 3.00
  EXPECT_EQ(F2::Div(a, b, Rounding::kDown).ToString(), "3.33");
  EXPECT_EQ(F2::Div(a, b, Rounding::kUp).ToString(), "3.34");
  EXPECT_EQ(F2::Mul(F2::FromUnits(333), F2::FromUnits(333), Rounding::kDown).ToString(),
            "11.08");  // 11.0889
  EXPECT_EQ(F2::Mul(F2::FromUnits(333), F2::FromUnits(333), Rounding::kUp).ToString(), "11.09");
  EXPECT_EQ((a - b).ToString(), "7.00");
  EXPECT_LT(b, a);
}

TEST(NumberTest, FixedConvertsWholeVotesExactly) {
  EXPECT_EQ(F5::FromVotes(Votes::FromUnits(15), 1).ToString(), "1.50000");
  EXPECT_EQ(F5::FromInt(7).ToVotes(5).units(), 700000);
  EXPECT_EQ(F5::FromInt(7).ToVotes(6).units(), 7000000);
}

TEST(NumberTest, RationalIsExactAndRoundsDownOnlyForShow) {
  const Rational third = Rational::Div(Rational::FromInt(1), Rational::FromInt(3), Rounding::kDown);
  EXPECT_EQ(third.ToString(), "1/3");
  EXPECT_EQ((third + third + third).ToString(), "1");
  EXPECT_EQ(third.ToVotes(5).units(), 33333);
  EXPECT_EQ(Rational::MulDiv(Rational::FromInt(129), Rational::FromInt(1), Rational::FromInt(2043),
                             Rounding::kDown)
                .ToVotes(5)
                .units(),
            6314);
  EXPECT_EQ(Rational::FromVotes(Votes::FromUnits(25), 2).ToString(), "1/4");
  EXPECT_LT(third, Rational::FromInt(1));
  EXPECT_EQ(Rational::FromInt(2).Times(3), Rational::FromInt(6));
}

TEST(NumberDeathTest, OverflowIsABrokenInvariant) {
  EXPECT_DEATH((void)Fixed<9>::FromInt(INT64_MAX / 10), "CHECK");
}

TEST(NumberTest, NearestRoundsHalvesUp) {
  // 2/3 = 0.666..., 1/3 = 0.333..., 1/8 = 0.125: to five, five and two places.
  const Rational two_thirds =
      Rational::Div(Rational::FromInt(2), Rational::FromInt(3), Rounding::kNearest);
  EXPECT_EQ(two_thirds.ToVotes(5, Rounding::kNearest).units(), 66667);
  EXPECT_EQ(two_thirds.ToVotes(5).units(), 66666);
  EXPECT_EQ(two_thirds.ToVotes(5, Rounding::kUp).units(), 66667);
  const Rational eighth =
      Rational::Div(Rational::FromInt(1), Rational::FromInt(8), Rounding::kNearest);
  EXPECT_EQ(eighth.ToVotes(2, Rounding::kNearest).units(), 13);
  using F2 = Fixed<2>;
  EXPECT_EQ(F2::Div(F2::FromInt(2), F2::FromInt(3), Rounding::kNearest).ToString(), "0.67");
  EXPECT_EQ(F2::Div(F2::FromInt(1), F2::FromInt(8), Rounding::kNearest).ToString(), "0.13");
  EXPECT_EQ(F2::Div(F2::FromInt(1), F2::FromInt(3), Rounding::kNearest).ToString(), "0.33");
}

}  // namespace
}  // namespace scrutineer::core
