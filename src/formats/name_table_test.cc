#include "formats/name_table.h"

#include <gtest/gtest.h>

namespace scrutineer::formats {
namespace {

TEST(NameTableTest, ManyNamesAreAllFoundAgain) {
  // Enough names to grow the table many times over; each keeps its id.
  NameTable table;
  for (int i = 0; i < 60000; ++i) {
    ASSERT_EQ(table.FindOrAdd("Candidate " + std::to_string(i)), static_cast<uint16_t>(i));
  }
  for (int i = 0; i < 60000; i += 997) {
    EXPECT_EQ(table.Find("Candidate " + std::to_string(i)), static_cast<uint16_t>(i));
  }
  EXPECT_FALSE(table.Find("Candidate 60000"));
  EXPECT_EQ(table.names().size(), 60000u);
}

TEST(NameTableTest, ADeclaredTableIsClosedToNewNames) {
  const NameTable table({"Ann", "Bob"});
  EXPECT_TRUE(table.closed());
  EXPECT_EQ(table.Find("Bob"), uint16_t{1});
  NameTable copy = table;
  EXPECT_FALSE(copy.FindOrAdd("Cat"));
  EXPECT_EQ(copy.FindOrAdd("Ann"), uint16_t{0});
}

TEST(NameTableTest, NamesDifferingOnlyInLengthOrLastByteAreDistinct) {
  NameTable table;
  const char* names[] = {"",
                         "A",
                         "AB",
                         "Candidate A",
                         "Candidate B",
                         "Candidate AB",
                         "A much longer candidate name, beyond sixteen bytes",
                         "A much longer candidate name, beyond sixteen bytez"};
  for (const char* name : names) {
    table.FindOrAdd(name);
  }
  for (uint16_t i = 0; i < std::size(names); ++i) {
    EXPECT_EQ(table.Find(names[i]), i) << names[i];
  }
}

}  // namespace
}  // namespace scrutineer::formats
