#include "formats/name_table.h"

#include <algorithm>

#include "core/ids.h"
#include "util/hash.h"

namespace scrutineer::formats {

NameTable::NameTable(const std::vector<std::string>& declared) {
  for (const std::string& name : declared) {
    FindOrAdd(name);
  }
  closed_ = !declared.empty();
}

std::optional<uint16_t> NameTable::Find(std::string_view name) const {
  if (slots_.empty()) {
    return std::nullopt;
  }
  const uint64_t hash = util::HashBytes(name.data(), name.size());
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask; slots_[i] != 0; i = (i + 1) & mask) {
    const uint32_t id = slots_[i] - 1;
    if (hashes_[id] == hash && names_[id] == name) {
      return static_cast<uint16_t>(id);
    }
  }
  return std::nullopt;
}

void NameTable::Grow() {
  slots_.assign(std::max<size_t>(64, slots_.size() * 2), 0);
  const size_t mask = slots_.size() - 1;
  for (uint32_t id = 0; id < names_.size(); ++id) {
    size_t i = hashes_[id] & mask;
    while (slots_[i] != 0) {
      i = (i + 1) & mask;
    }
    slots_[i] = id + 1;
  }
}

std::optional<uint16_t> NameTable::FindOrAdd(std::string_view name) {
  if (auto id = Find(name)) {
    return id;
  }
  if (closed_ || names_.size() >= core::kMaxCandidates) {
    return std::nullopt;
  }
  const auto id = static_cast<uint16_t>(names_.size());
  names_.emplace_back(name);
  hashes_.push_back(util::HashBytes(name.data(), name.size()));
  if (names_.size() * 2 > slots_.size()) {
    Grow();
  } else {
    const size_t mask = slots_.size() - 1;
    size_t i = hashes_.back() & mask;
    while (slots_[i] != 0) {
      i = (i + 1) & mask;
    }
    slots_[i] = id + 1u;
  }
  return id;
}

}  // namespace scrutineer::formats
