#include "formats/csv_record.h"

#include <cstring>

#include "util/scan.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

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

  // Appends a span for each comma-separated field of [begin, end), sixteen bytes at a time.
  static void SplitAtCommas(const char* begin, const char* end,
                            std::vector<CsvRecord::Span>& spans) {
    uint32_t field = 0;
    const char* p = begin;
#ifdef __SSE2__
    const __m128i comma = _mm_set1_epi8(',');
    for (; end - p >= 16; p += 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, comma)));
      while (mask != 0) {
        const auto at =
            static_cast<uint32_t>(p - begin) + static_cast<uint32_t>(__builtin_ctz(mask));
        spans.push_back({field, at - field, false});
        field = at + 1;
        mask &= mask - 1;
      }
    }
#endif
    for (; p < end; ++p) {
      if (*p == ',') {
        const auto at = static_cast<uint32_t>(p - begin);
        spans.push_back({field, at - field, false});
        field = at + 1;
      }
    }
    spans.push_back({field, static_cast<uint32_t>(end - begin) - field, false});
  }

  // A line with no quote in it (the usual case) is split at its commas in one pass.
  static bool SplitPlainLine(std::string_view data, bool at_end, CsvRecord& record,
                             CsvParse& parse) {
    const char* begin = data.data();
    const char* end = begin + data.size();
    const char* newline = util::FindNewline(begin, end);
    if ((newline == end && !at_end) ||
        (newline > begin &&
         std::memchr(begin, '"', static_cast<size_t>(newline - begin)) != nullptr)) {
      return false;
    }
    const char* line_end = newline > begin && newline[-1] == '\r' ? newline - 1 : newline;
    SplitAtCommas(begin, line_end, record.spans_);
    parse.length = static_cast<size_t>(newline - begin) + (newline != end ? 1 : 0);
    parse.newlines = newline != end ? 1 : 0;
    return true;
  }

  static CsvParse Parse(std::string_view data, bool at_end, CsvRecord& record) {
    record.input_ = data.data();
    record.storage_.clear();
    record.spans_.clear();
    CsvParse parse;
    if (SplitPlainLine(data, at_end, record, parse)) {
      return parse;
    }
    record.spans_.clear();
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
