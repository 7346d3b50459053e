#pragma once
// NameTable: names (candidates or sections) and their 16-bit ids, in a small open-addressing
// table that stays in the processor's cache. A table made from declared names is closed: it
// answers for those names only and adds no others.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scrutineer::formats {

class NameTable {
 public:
  NameTable() = default;
  // A closed table of `declared` names. REQUIRES: no duplicates (checked by the caller).
  explicit NameTable(const std::vector<std::string>& declared);

  std::optional<uint16_t> Find(std::string_view name) const;
  // The id of `name`, adding it when the table is open. Nothing when the table is closed and
  // lacks the name, or is full.
  std::optional<uint16_t> FindOrAdd(std::string_view name);

  bool closed() const { return closed_; }
  const std::vector<std::string>& names() const { return names_; }

 private:
  void Grow();

  std::vector<std::string> names_;
  std::vector<uint64_t> hashes_;  // by id
  std::vector<uint32_t> slots_;   // id + 1, or 0 when free
  bool closed_ = false;
};

}  // namespace scrutineer::formats
