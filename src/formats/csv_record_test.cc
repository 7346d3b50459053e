#include "formats/csv_record.h"

#include <gtest/gtest.h>

namespace scrutineer::formats {
namespace {

std::vector<std::string> Fields(const CsvRecord& record) {
  std::vector<std::string> fields;
  for (size_t i = 0; i < record.size(); ++i) {
    fields.emplace_back(record.field(i));
  }
  return fields;
}

TEST(CsvRecordTest, SplitsAtCommasAndStopsAtTheLineEnd) {
  CsvRecord record;
  const CsvParse parse = ParseCsvRecord("members,1,Ann,,\nnext", false, record);
  ASSERT_EQ(parse.status, CsvParse::Status::kComplete);
  EXPECT_EQ(parse.length, 16u);
  EXPECT_EQ(parse.newlines, 1u);
  EXPECT_EQ(Fields(record), (std::vector<std::string>{"members", "1", "Ann", "", ""}));
}

TEST(CsvRecordTest, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
  CsvRecord record;
  const CsvParse parse =
      ParseCsvRecord("\"Smith, Ann\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n", true, record);
  ASSERT_EQ(parse.status, CsvParse::Status::kComplete);
  EXPECT_EQ(parse.newlines, 2u);
  EXPECT_EQ(Fields(record), (std::vector<std::string>{"Smith, Ann", "say \"hi\"", "two\nlines"}));
}

TEST(CsvRecordTest, CarriageReturnsBeforeTheLineEndAreDropped) {
  CsvRecord record;
  ASSERT_EQ(ParseCsvRecord("a,b\r\n", true, record).status, CsvParse::Status::kComplete);
  EXPECT_EQ(Fields(record), (std::vector<std::string>{"a", "b"}));
}

TEST(CsvRecordTest, ARecordCutByTheBufferAsksForMore) {
  CsvRecord record;
  EXPECT_EQ(ParseCsvRecord("a,b", false, record).status, CsvParse::Status::kNeedMore);
  EXPECT_EQ(ParseCsvRecord("a,\"b\nc", false, record).status, CsvParse::Status::kNeedMore);
  // At the end of the input the last line needs no line end.
  const CsvParse parse = ParseCsvRecord("a,b", true, record);
  ASSERT_EQ(parse.status, CsvParse::Status::kComplete);
  EXPECT_EQ(parse.length, 3u);
}

TEST(CsvRecordTest, MalformedQuotingIsNamed) {
  CsvRecord record;
  CsvParse parse = ParseCsvRecord("\"never closed,a\n", true, record);
  EXPECT_EQ(parse.status, CsvParse::Status::kMalformed);
  EXPECT_STREQ(parse.problem, "a quoted field is never closed");
  parse = ParseCsvRecord("\"a\"b,c\n", true, record);
  EXPECT_EQ(parse.status, CsvParse::Status::kMalformed);
  EXPECT_STREQ(parse.problem, "text after the closing quote of a field");
}

}  // namespace
}  // namespace scrutineer::formats
