#include "util/scan.h"

#include <gtest/gtest.h>

#include <string>

namespace scrutineer::util {
namespace {

// The two ways of hashing a line must agree for every length and position of the line end,
// or a repeated line would not be found.
TEST(ScanTest, HashingWhileFindingTheLineEndMatchesHashingTheLine) {
  std::string text;
  for (int i = 0; i < 80; ++i) {
    text += static_cast<char>('a' + i % 26);
  }
  for (size_t length = 0; length <= 70; ++length) {
    std::string buffer = text.substr(0, length) + "\nrest of the buffer";
    const char* newline = nullptr;
    const uint64_t found = HashToNewline(buffer.data(), buffer.data() + buffer.size(), newline);
    EXPECT_EQ(newline, buffer.data() + length);
    EXPECT_EQ(found, HashLine(buffer.data(), length)) << "length " << length;
    // Without a line end the hash runs to the end of the buffer.
    const std::string last = text.substr(0, length);
    EXPECT_EQ(HashToNewline(last.data(), last.data() + last.size(), newline),
              HashLine(last.data(), last.size()));
    EXPECT_EQ(newline, last.data() + last.size());
  }
}

TEST(ScanTest, DifferentLinesHashDifferently) {
  EXPECT_NE(HashLine("members,1,Ann", 13), HashLine("members,1,Bob", 13));
  EXPECT_NE(HashLine("a", 1), HashLine("a\\0", 2));
  EXPECT_NE(HashLine("", 0), HashLine("\\0", 1));
}

TEST(ScanTest, FindsTheFirstLineEnd) {
  const std::string text = std::string(37, 'x') + "\n" + "y\n";
  EXPECT_EQ(FindNewline(text.data(), text.data() + text.size()), text.data() + 37);
  const std::string none = "no line end here";
  EXPECT_EQ(FindNewline(none.data(), none.data() + none.size()), none.data() + none.size());
}

TEST(ScanTest, BytesEqualAtEveryLength) {
  const std::string a = "Candidate A, Candidate B, Candidate C";
  for (size_t length = 0; length <= a.size(); ++length) {
    std::string b = a.substr(0, length);
    EXPECT_TRUE(BytesEqual(a.data(), b.data(), length));
    if (length > 0) {
      b[length - 1] = '#';
      EXPECT_FALSE(BytesEqual(a.data(), b.data(), length)) << length;
      b[length - 1] = a[length - 1];
      b[0] = '#';
      EXPECT_FALSE(BytesEqual(a.data(), b.data(), length)) << length;
    }
  }
}

}  // namespace
}  // namespace scrutineer::util
