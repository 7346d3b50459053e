#include "formats/line_cache.h"

#include <algorithm>
#include <bit>

#include "util/check.h"

namespace scrutineer::formats {

void LineCache::Grow() {
  util::MappedArray<uint64_t> old = std::move(slots_);
  const size_t capacity = std::max<size_t>(size_t{1} << 16, old.size() * 2);
  CHECK(capacity <= (size_t{1} << 32));
  slots_ = util::MappedArray<uint64_t>(capacity, /*populate=*/true);
  shift_ = 64 - std::countr_zero(capacity);
  const size_t mask = capacity - 1;
  for (size_t k = 0; k < old.size(); ++k) {
    const uint64_t slot = old[k];
    if (slot != 0) {
      size_t i = SlotOf(slot & kTagMask);
      while (slots_[i] != 0) {
        i = (i + 1) & mask;
      }
      slots_[i] = slot;
    }
  }
}

bool LineCache::Insert(uint64_t hash, std::string_view key, const LineTarget& target) {
  const size_t words = kHeaderWords + (key.size() + 7) / 8;
  if (used_ + words > arena_.size() || used_ + words >= 0xFFFFFFFFu) {
    return false;  // not remembered: the line is parsed again when it recurs
  }
  if ((targets_.size() + 1) * 2 > slots_.size()) {
    Grow();
  }
  const size_t offset = used_;
  used_ += words;
  uint64_t* record = &arena_[offset];
  record[1] = key.size();
  std::memcpy(record + kHeaderWords, key.data(), key.size());
  targets_.push_back(target);
  const size_t mask = slots_.size() - 1;
  size_t i = SlotOf(hash);
  while (slots_[i] != 0) {
    i = (i + 1) & mask;
  }
  slots_[i] = (hash & kTagMask) | (offset + 1);
  return true;
}

}  // namespace scrutineer::formats
