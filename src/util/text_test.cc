#include "util/text.h"

#include <gtest/gtest.h>

namespace scrutineer::util {
namespace {

TEST(TextTest, WithThousandsGroupsDigitsInThrees) {
  EXPECT_EQ(WithThousands(0), "0");
  EXPECT_EQ(WithThousands(999), "999");
  EXPECT_EQ(WithThousands(1000), "1,000");
  EXPECT_EQ(WithThousands(654006), "654,006");
  EXPECT_EQ(WithThousands(-1234567), "-1,234,567");
}

TEST(TextTest, TrimRemovesSpacesAndTabsAtBothEnds) {
  EXPECT_EQ(Trim("  Ann Smith\t"), "Ann Smith");
  EXPECT_EQ(Trim("   "), "");
  EXPECT_EQ(Trim(""), "");
}

TEST(TextTest, Utf8ValidationRefusesMalformedSequences) {
  EXPECT_TRUE(
      IsValidUtf8("Ren\xC3\xA9"
                  "e"));                          // é
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x97\xB3"));   // U+1F5F3, a ballot box
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
}

TEST(TextTest, QuoteEscapesControlBytesAndShortensLongText) {
  EXPECT_EQ(Quote("Ann"), "'Ann'");
  EXPECT_EQ(Quote("a\nb"), "'a\\x0Ab'");
  EXPECT_EQ(Quote("\xFF"), "'\\xFF'");
  EXPECT_EQ(Quote(std::string(70, 'x')), "'" + std::string(60, 'x') + "...'");
}

}  // namespace
}  // namespace scrutineer::util
