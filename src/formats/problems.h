#pragma once
// ProblemList: the problems a reader finds in one file, each with its line, kept in file order
// up to a limit (the rest are counted), so that one run reports every error worth fixing.

#include <cstdint>
#include <string>
#include <vector>

#include "util/result.h"

namespace scrutineer::formats {

class ProblemList {
 public:
  explicit ProblemList(size_t max_kept) : max_kept_(max_kept) {}

  // `line` 0: the problem belongs to the whole file.
  void Add(uint64_t line, std::string what);
  bool empty() const { return kept_.empty(); }
  size_t size() const { return kept_.size() + dropped_; }
  // Appends the problems of a later part of the file whose line numbers start after
  // `line_offset` lines.
  void Merge(const ProblemList& later, uint64_t line_offset);
  // One Error naming `file` and each line. REQUIRES: !empty().
  util::Error ToError(const std::string& file, util::ErrorCode code) const;

 private:
  struct Entry {
    uint64_t line;
    std::string what;
  };
  size_t max_kept_;
  std::vector<Entry> kept_;
  size_t dropped_ = 0;
};

// "'a', 'b' and 'c'", for messages that list names.
std::string JoinQuoted(const std::vector<std::string>& names);

}  // namespace scrutineer::formats
