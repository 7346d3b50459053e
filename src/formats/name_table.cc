#include "formats/name_table.h"

#include <algorithm>

#include "core/ids.h"

namespace scrutineer::formats {

NameTable::NameTable(const std::vector<std::string>& declared) {
  for (const std::string& name : declared) {
    FindOrAdd(name);
  }
  closed_ = !declared.empty();
}

void NameTable::Grow() {
  slots_.assign(std::max<size_t>(64, slots_.size() * 2), 0);
  const size_t mask = slots_.size() - 1;
  for (uint32_t id = 0; id < entries_.size(); ++id) {
    size_t i = entries_[id].hash & mask;
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
  entries_.push_back(Entry{util::HashBytes(name.data(), name.size()),
                           static_cast<uint32_t>(text_.size()),
                           static_cast<uint32_t>(name.size())});
  text_.append(name);
  if (entries_.size() * 2 > slots_.size()) {
    Grow();
  } else {
    const size_t mask = slots_.size() - 1;
    size_t i = entries_.back().hash & mask;
    while (slots_[i] != 0) {
      i = (i + 1) & mask;
    }
    slots_[i] = id + 1u;
  }
  return id;
}

}  // namespace scrutineer::formats
