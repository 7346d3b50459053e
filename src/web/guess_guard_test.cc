#include "web/guess_guard.h"

#include <gtest/gtest.h>

namespace scrutineer::web {
namespace {

TEST(GuessGuardTest, AnAddressWithTooManyRefusalsWaitsForTheWindowToPass) {
  GuessGuard guard({.max_refusals = 3, .window = 600});
  // Refusals at 100, 200 and 300: the third fills the allowance until 100 + 600 = 700.
  for (const int64_t at : {100, 200, 300}) {
    EXPECT_TRUE(guard.Allows("192.0.2.1", at)) << at;
    guard.Refused("192.0.2.1", at);
  }
  EXPECT_FALSE(guard.Allows("192.0.2.1", 301));
  EXPECT_FALSE(guard.Allows("192.0.2.1", 699));
  EXPECT_TRUE(guard.Allows("198.51.100.7", 301));  // another address is not held up
  EXPECT_TRUE(guard.Allows("192.0.2.1", 700));     // the refusal at 100 has left the window
  guard.Refused("192.0.2.1", 700);
  EXPECT_FALSE(guard.Allows("192.0.2.1", 799));  // 200, 300, 700
  EXPECT_TRUE(guard.Allows("192.0.2.1", 800));
}

TEST(GuessGuardTest, NoLimitWhenMaxRefusalsIsZero) {
  GuessGuard guard({.max_refusals = 0, .window = 600});
  for (int64_t at = 0; at < 100; ++at) {
    guard.Refused("192.0.2.1", at);
  }
  EXPECT_TRUE(guard.Allows("192.0.2.1", 100));
}

}  // namespace
}  // namespace scrutineer::web
