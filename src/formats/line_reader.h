#pragma once
// LineReader: the lines of a ByteSource, streamed through a fixed buffer, each without its line
// end (LF or CRLF) and numbered from 1. A UTF-8 byte order mark at the start is skipped.

#include <string_view>

#include "formats/byte_source.h"

namespace scrutineer::formats {

class LineReader {
 public:
  explicit LineReader(const ByteSource& source, size_t block_size = size_t{1} << 20);

  // The next line, valid until the next call; false at the end of the input.
  util::Result<bool> Next(std::string_view& line);
  // The number of the line last returned.
  uint64_t line_number() const { return line_number_; }
  const std::string& name() const { return source_.name(); }

 private:
  const ByteSource& source_;
  BlockReader reader_;
  size_t pending_consume_ = 0;
  uint64_t line_number_ = 0;
};

}  // namespace scrutineer::formats
