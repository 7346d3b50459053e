#include "formats/csv_table.h"

#include <algorithm>
#include <cctype>

#include "util/text.h"

namespace scrutineer::formats {
namespace {

std::string Lower(std::string_view text) {
  std::string lower(util::Trim(text));
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

}  // namespace

CsvTable::CsvTable(const ByteSource& source) : source_(source), reader_(source, 0, 1 << 20) {}

util::Result<std::unique_ptr<CsvTable>> CsvTable::OpenPath(const std::string& path) {
  auto source = OpenFile(path);
  if (!source.ok()) {
    return source.error();
  }
  auto table = Open(**source);
  if (table.ok()) {
    (*table)->owned_ = std::move(source.value());
  }
  return table;
}

util::Result<std::unique_ptr<CsvTable>> CsvTable::Open(const ByteSource& source) {
  std::unique_ptr<CsvTable> table(new CsvTable(source));
  if (util::Status filled = table->reader_.Fill(); !filled.ok()) {
    return filled.error();
  }
  if (table->reader_.size() >= 3 && std::string_view(table->reader_.data(), 3) == "\xEF\xBB\xBF") {
    table->reader_.Consume(3);  // a UTF-8 byte order mark
  }
  CsvRecord header;
  auto read = table->Read(header);
  if (!read.ok()) {
    return read.error();
  }
  if (!*read) {
    return util::Error(util::ErrorCode::kInvalidInput, "the file is empty: it needs a header row",
                       source.name());
  }
  for (size_t i = 0; i < header.size(); ++i) {
    std::string column = Lower(header.field(i));
    if (!column.empty() && std::find(table->columns_.begin(), table->columns_.end(), column) !=
                               table->columns_.end()) {
      return util::Error(util::ErrorCode::kInvalidInput,
                         "column " + util::Quote(column) + " appears twice in the header",
                         source.name() + ":1");
    }
    table->columns_.push_back(std::move(column));
  }
  return table;
}

util::Result<bool> CsvTable::Read(CsvRecord& record) {
  while (true) {
    if (reader_.size() == 0 && reader_.at_end()) {
      return false;
    }
    const CsvParse parse =
        ParseCsvRecord(std::string_view(reader_.data(), reader_.size()), reader_.at_end(), record);
    if (parse.status == CsvParse::Status::kMalformed) {
      return util::Error(util::ErrorCode::kInvalidInput, parse.problem,
                         source_.name() + ":" + std::to_string(next_line_));
    }
    if (parse.status == CsvParse::Status::kComplete) {
      line_ = next_line_;
      next_line_ += std::max<size_t>(parse.newlines, 1);
      // The record's fields point into the window: copy them out before it moves on.
      record_storage_.assign(reader_.data(), parse.length);
      reader_.Consume(parse.length);
      ParseCsvRecord(record_storage_, true, record);
      return true;
    }
    if (util::Status filled = reader_.Fill(); !filled.ok()) {
      return filled.error();
    }
  }
}

int CsvTable::Column(std::string_view name) const {
  const auto found = std::find(columns_.begin(), columns_.end(), Lower(name));
  return found == columns_.end() ? -1 : static_cast<int>(found - columns_.begin());
}

int CsvTable::Column(std::initializer_list<std::string_view> names) const {
  for (std::string_view name : names) {
    if (const int column = Column(name); column >= 0) {
      return column;
    }
  }
  return -1;
}

util::Result<bool> CsvTable::Next() {
  while (true) {
    auto read = Read(record_);
    if (!read.ok() || !*read) {
      return read;
    }
    if (record_.size() > 1 || !util::Trim(record_.field(0)).empty()) {
      return true;  // (blank lines are passed over)
    }
  }
}

std::string_view CsvTable::Field(int column) const {
  if (column < 0 || static_cast<size_t>(column) >= record_.size()) {
    return {};
  }
  return util::Trim(record_.field(static_cast<size_t>(column)));
}

}  // namespace scrutineer::formats
