#pragma once
// ParseCsvRecord: one record of RFC 4180 CSV (quoted fields may hold commas, doubled quotes
// and line breaks; CRLF or LF line ends). Shared by the readers that take CSV.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace scrutineer::formats {

// The fields of one record. Unquoted fields are views of the parsed input (which must outlive
// the record's use); quoted fields are unescaped into the record's own storage.
class CsvRecord {
 public:
  CsvRecord() { spans_.reserve(64); }
  size_t size() const { return spans_.size(); }
  std::string_view field(size_t i) const {
    const Span& span = spans_[i];
    const char* base = span.stored ? storage_.data() : input_;
    return {base + span.begin, span.length};
  }

 private:
  friend struct CsvParser;

 public:
  struct Span {
    uint32_t begin;
    uint32_t length;
    bool stored;
  };

 private:
  const char* input_ = nullptr;
  std::string storage_;
  std::vector<Span> spans_;
};

struct CsvParse {
  enum class Status : uint8_t { kComplete, kNeedMore, kMalformed };
  Status status = Status::kComplete;
  size_t length = 0;         // bytes the record takes, its line end included (kComplete)
  size_t newlines = 0;       // line breaks within those bytes (kComplete)
  const char* problem = "";  // what is malformed (kMalformed)
};

// Parses the record at the start of `data`. `at_end` says whether `data` runs to the end of
// the input: without it, a record that reaches the end of `data` needs more bytes.
CsvParse ParseCsvRecord(std::string_view data, bool at_end, CsvRecord& record);

}  // namespace scrutineer::formats
