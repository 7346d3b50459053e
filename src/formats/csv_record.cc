#include "formats/csv_record.h"

namespace scrutineer::formats {

// The parser's steps, with access to the record's spans.
struct CsvParser {
  using Status = CsvParse::Status;

  static CsvParse Malformed(const char* problem) {
    CsvParse parse;
    parse.status = Status::kMalformed;
    parse.problem = problem;
    return parse;
  }

  static CsvParse NeedMore() {
    CsvParse parse;
    parse.status = Status::kNeedMore;
    return parse;
  }

  // Reads the quoted field whose opening quote is at data[i] into the record's storage; on
  // success `i` is just past the closing quote.
  static bool ReadQuoted(std::string_view data, size_t& i, CsvRecord& record, CsvParse& parse,
                         bool at_end) {
    const auto begin = static_cast<uint32_t>(record.storage_.size());
    for (++i;; ++i) {
      if (i >= data.size()) {
        parse = at_end ? Malformed("a quoted field is never closed") : NeedMore();
        return false;
      }
      const char c = data[i];
      if (c == '"') {
        if (i + 1 >= data.size() && !at_end) {
          parse = NeedMore();
          return false;
        }
        if (i + 1 >= data.size() || data[i + 1] != '"') {
          ++i;
          break;
        }
        ++i;  // a doubled quote stands for one
      }
      parse.newlines += c == '\n' ? 1 : 0;
      record.storage_.push_back(c);
    }
    const auto length = static_cast<uint32_t>(record.storage_.size()) - begin;
    record.spans_.push_back({begin, length, true});
    return true;
  }

  // Reads the unquoted field at data[i], up to a comma or a line end; `i` is left there.
  static void ReadPlain(std::string_view data, size_t& i, CsvRecord& record) {
    size_t j = i;
    while (j < data.size() && data[j] != ',' && data[j] != '\n') {
      ++j;
    }
    size_t field_end = j;
    if (field_end > i && (j == data.size() || data[j] == '\n') && data[field_end - 1] == '\r') {
      --field_end;
    }
    record.spans_.push_back(
        {static_cast<uint32_t>(i), static_cast<uint32_t>(field_end - i), false});
    i = j;
  }

  // Reads the field at data[i], quoted or not; false (with `parse` set) when it cannot.
  static bool ReadField(std::string_view data, size_t& i, CsvRecord& record, CsvParse& parse,
                        bool at_end) {
    if (i >= data.size() || data[i] != '"') {
      ReadPlain(data, i, record);
      return true;
    }
    if (!ReadQuoted(data, i, record, parse, at_end)) {
      return false;
    }
    if (i < data.size() && data[i] == '\r') {  // CRLF (or a final CR) after a quoted field
      if (i + 1 >= data.size() && !at_end) {
        parse = NeedMore();
        return false;
      }
      i += (i + 1 >= data.size() || data[i + 1] == '\n') ? size_t{1} : size_t{0};
    }
    return true;
  }

  static CsvParse Parse(std::string_view data, bool at_end, CsvRecord& record) {
    record.input_ = data.data();
    record.storage_.clear();
    record.spans_.clear();
    CsvParse parse;
    for (size_t i = 0;; ++i) {  // at the start of a field
      if (!ReadField(data, i, record, parse, at_end)) {
        return parse;
      }
      if (i >= data.size()) {
        parse.length = i;
        return at_end ? parse : NeedMore();
      }
      if (data[i] == '\n') {
        parse.length = i + 1;
        parse.newlines += 1;
        return parse;
      }
      if (data[i] != ',') {
        return Malformed("text after the closing quote of a field");
      }
    }
  }
};

CsvParse ParseCsvRecord(std::string_view data, bool at_end, CsvRecord& record) {
  return CsvParser::Parse(data, at_end, record);
}

}  // namespace scrutineer::formats
