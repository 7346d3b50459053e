#include "util/result.h"

#include <gtest/gtest.h>

namespace scrutineer::util {
namespace {

TEST(ResultTest, CarriesAValueOrAnError) {
  Result<int> good = 7;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 7);
  Result<int> bad = Error(ErrorCode::kInvalidInput, "unknown candidate 'X'", "ballots.csv:3");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(bad.error().ToString(), "ballots.csv:3: unknown candidate 'X'");
}

TEST(ResultTest, AnErrorListsEveryProblemOnItsOwnLine) {
  Error error(ErrorCode::kInvalidInput,
              {Problem{"a.csv:2", "count 'x' is not a whole number of ballots"},
               Problem{"", "and 3 more problems not shown"}});
  EXPECT_EQ(error.ToString(),
            "a.csv:2: count 'x' is not a whole number of ballots\nand 3 more problems not shown");
}

TEST(ResultDeathTest, ReadingTheValueOfAnErrorAborts) {
  Result<int> bad = Error(ErrorCode::kIo, "cannot read");
  EXPECT_DEATH((void)bad.value(), "CHECK\\(ok\\(\\)\\) failed");
}

}  // namespace
}  // namespace scrutineer::util
