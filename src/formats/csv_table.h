#pragma once
// CsvTable: a CSV file with a header row, streamed a record at a time, its fields found by
// column name (RFC 4180: quoted fields may hold commas, quotes and line breaks). For the
// files of an election's administration: the register, postal ballots.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "formats/byte_source.h"
#include "formats/csv_record.h"
#include "util/result.h"

namespace scrutineer::formats {

class CsvTable {
 public:
  // Reads the header of `source`. REQUIRES: `source` outlives the table. Fails for an empty
  // file, a malformed header, or a column named twice.
  static util::Result<std::unique_ptr<CsvTable>> Open(const ByteSource& source);
  // Opens the file at `path` (OpenFile) and reads its header; the table keeps the file open.
  static util::Result<std::unique_ptr<CsvTable>> OpenPath(const std::string& path);

  // The index of the column named `name` (case and surrounding spaces ignored), else -1.
  int Column(std::string_view name) const;
  // The first of `names` that is a column, else -1.
  int Column(std::initializer_list<std::string_view> names) const;
  // Moves to the next record; false at the end. Fails for a malformed record, naming its line.
  util::Result<bool> Next();
  // The current record's field in `column`, spaces around it removed; "" for -1 or a column
  // past the record's end.
  std::string_view Field(int column) const;
  // The number of fields in the current record.
  size_t size() const { return record_.size(); }
  // The line the current record starts on (the header is line 1).
  uint64_t line() const { return line_; }
  const std::string& name() const { return source_.name(); }

 private:
  explicit CsvTable(const ByteSource& source);
  util::Result<bool> Read(CsvRecord& record);

  std::unique_ptr<ByteSource> owned_;  // the file, when opened by OpenPath
  const ByteSource& source_;
  BlockReader reader_;
  CsvRecord record_;
  std::string record_storage_;  // the current record's bytes, which record_ points into
  std::vector<std::string> columns_;
  uint64_t line_ = 0;       // where the current record starts
  uint64_t next_line_ = 1;  // where the next record starts
};

}  // namespace scrutineer::formats
