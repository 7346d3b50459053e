#pragma once
// NameTable: names (candidates or sections) and their 16-bit ids, in a small open-addressing
// table that stays in the processor's cache; Find is inline because readers call it for every
// name of every new ballot line. A table made from declared names is closed: it answers for
// those names only and adds no others.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/hash.h"
#include "util/scan.h"

namespace scrutineer::formats {

class NameTable {
 public:
  NameTable() = default;
  // A closed table of `declared` names. REQUIRES: no duplicates (checked by the caller).
  explicit NameTable(const std::vector<std::string>& declared);

  std::optional<uint16_t> Find(std::string_view name) const {
    if (slots_.empty()) {
      return std::nullopt;
    }
    const uint64_t hash = util::HashBytes(name.data(), name.size());
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask; slots_[i] != 0; i = (i + 1) & mask) {
      const uint32_t id = slots_[i] - 1;
      const Entry& entry = entries_[id];
      if (entry.hash == hash && entry.length == name.size() &&
          util::BytesEqual(text_.data() + entry.offset, name.data(), name.size())) {
        return static_cast<uint16_t>(id);
      }
    }
    return std::nullopt;
  }

  // The id of `name`, adding it when the table is open. Nothing when the table is closed and
  // lacks the name, or is full.
  std::optional<uint16_t> FindOrAdd(std::string_view name);

  bool closed() const { return closed_; }
  const std::vector<std::string>& names() const { return names_; }

 private:
  struct Entry {
    uint64_t hash;
    uint32_t offset;  // into text_
    uint32_t length;
  };
  void Grow();

  std::vector<std::string> names_;
  std::vector<Entry> entries_;   // by id
  std::string text_;             // every name, back to back
  std::vector<uint32_t> slots_;  // id + 1, or 0 when free
  bool closed_ = false;
};

}  // namespace scrutineer::formats
