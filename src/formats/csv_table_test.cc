#include "formats/csv_table.h"

#include <gtest/gtest.h>

namespace scrutineer::formats {
namespace {

TEST(CsvTableTest, ReadsFieldsByColumnNameAcrossQuotedLineBreaks) {
  const std::string text =
      "\xEF\xBB\xBF"
      "Membership_Number, Name ,address\n"
      "L001,Ada,\"1 High St,\nLeeds\"\n"
      "\n"
      "L002,\"Ben \"\"B\"\" Jones\"\n";
  const auto source = MemorySource(text, "register.csv");
  auto table = CsvTable::Open(*source);
  ASSERT_TRUE(table.ok()) << table.error().ToString();
  CsvTable& t = **table;
  EXPECT_EQ(t.Column("membership_number"), 0);
  EXPECT_EQ(t.Column({"number", "membership_number"}), 0);
  EXPECT_EQ(t.Column("section"), -1);
  ASSERT_TRUE(*t.Next());
  EXPECT_EQ(t.line(), 2u);
  EXPECT_EQ(t.Field(t.Column("name")), "Ada");
  EXPECT_EQ(t.Field(2), "1 High St,\nLeeds");
  ASSERT_TRUE(*t.Next());
  EXPECT_EQ(t.line(), 5u);  // the record over two lines, then a blank line
  EXPECT_EQ(t.Field(1), "Ben \"B\" Jones");
  EXPECT_EQ(t.Field(2), "");  // past the record's end
  EXPECT_FALSE(*t.Next());
}

TEST(CsvTableTest, BadFilesAreRefusedWithTheirLine) {
  const auto empty = MemorySource("", "e.csv");
  EXPECT_EQ(CsvTable::Open(*empty).error().ToString(),
            "e.csv: the file is empty: it needs a header row");
  const auto twice = MemorySource("name,Name\n", "t.csv");
  EXPECT_EQ(CsvTable::Open(*twice).error().ToString(),
            "t.csv:1: column 'name' appears twice in the header");
  const auto open_quote = MemorySource("a,b\n1,2\n3,\"unterminated\n", "q.csv");
  auto table = CsvTable::Open(*open_quote);
  ASSERT_TRUE(table.ok());
  ASSERT_TRUE(*(*table)->Next());
  const auto bad = (*table)->Next();
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().problems().front().where, "q.csv:3");
}

}  // namespace
}  // namespace scrutineer::formats
