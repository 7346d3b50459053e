#include "formats/line_cache.h"

#include <algorithm>
#include <bit>

#include "util/check.h"

namespace scrutineer::formats {

void LineCache::Grow() {
  std::vector<uint64_t> old = std::move(slots_);
  const size_t capacity = std::max<size_t>(size_t{1} << 16, old.size() * 2);
  CHECK(capacity <= (size_t{1} << 32));
  slots_.assign(capacity, 0);
  shift_ = 64 - std::countr_zero(capacity);
  const size_t mask = capacity - 1;
  for (uint64_t slot : old) {
    if (slot != 0) {
      size_t i = SlotOf(slot & 0xFFFFFFFF00000000u);
      while (slots_[i] != 0) {
        i = (i + 1) & mask;
      }
      slots_[i] = slot;
    }
  }
}

void LineCache::Insert(uint64_t hash, std::string_view key, const LineTarget& target) {
  const size_t words = kHeaderWords + (key.size() + 7) / 8;
  if (key.size() > kMaxLength || arena_.size() + words > max_words_ ||
      arena_.size() + words >= 0xFFFFFFFFu) {
    return;  // not remembered: the line is parsed again when it recurs
  }
  if ((lines_ + 1) * 2 > slots_.size()) {
    Grow();
  }
  const size_t offset = arena_.size();
  arena_.resize(offset + words, 0);
  uint64_t* record = arena_.data() + offset;
  record[1] = static_cast<uint64_t>(target.weight.units());
  record[2] = static_cast<uint64_t>(target.papers);
  record[3] = (uint64_t{target.index} << 32) | (uint64_t{static_cast<uint8_t>(target.kind)} << 24) |
              key.size();
  std::memcpy(record + kHeaderWords, key.data(), key.size());
  const size_t mask = slots_.size() - 1;
  size_t i = SlotOf(hash);
  while (slots_[i] != 0) {
    i = (i + 1) & mask;
  }
  slots_[i] = (hash & 0xFFFFFFFF00000000u) | (offset + 1);
  ++lines_;
}

}  // namespace scrutineer::formats
