#include "formats/line_reader.h"

#include <cstring>

namespace scrutineer::formats {

LineReader::LineReader(const ByteSource& source, size_t block_size)
    : source_(source), reader_(source, 0, block_size) {}

util::Result<bool> LineReader::Next(std::string_view& line) {
  reader_.Consume(pending_consume_);
  pending_consume_ = 0;
  while (true) {
    const auto* start = reader_.data();
    const auto* newline = reader_.size() == 0
                              ? nullptr  // nothing in view yet
                              : static_cast<const char*>(std::memchr(start, '\n', reader_.size()));
    if (newline != nullptr || (reader_.at_end() && reader_.size() > 0)) {
      size_t length = newline != nullptr ? static_cast<size_t>(newline - start) : reader_.size();
      pending_consume_ = newline != nullptr ? length + 1 : length;
      if (length > 0 && start[length - 1] == '\r') {
        --length;
      }
      line = std::string_view(start, length);
      if (line_number_++ == 0 && line.starts_with("\xEF\xBB\xBF")) {
        line.remove_prefix(3);
      }
      return true;
    }
    if (reader_.at_end()) {
      return false;
    }
    util::Status filled = reader_.Fill();
    if (!filled.ok()) {
      return filled.error();
    }
  }
}

}  // namespace scrutineer::formats
