#pragma once
// LineCache: the lines of a cast-vote record seen before, by their exact bytes, and what each
// adds to the ballot set. A repeated line costs one hash, one probe and one comparison: the
// probe's slot holds part of the hash, and a line's bytes sit beside its counter, so a hit
// touches two places in memory. Hits are counted in place and applied once, at the end
// (ForEachRepeat). Memory is bounded: past `max_bytes` new lines are not remembered.

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "core/votes.h"
#include "util/hash.h"

namespace scrutineer::formats {

// What one sighting of a remembered line adds to the ballot set.
struct LineTarget {
  enum class Kind : uint8_t { kEntry, kBlank, kRejected };
  Kind kind = Kind::kEntry;
  uint32_t index = 0;  // the entry, the section (kBlank) or the rejection
  core::Votes weight;
  int64_t papers = 0;
};

class LineCache {
 public:
  explicit LineCache(size_t max_bytes) : max_words_(max_bytes / 8) {}

  static uint64_t HashOf(std::string_view key) { return util::HashBytes(key.data(), key.size()); }

  // Counts a sighting of `key` (whose hash is HashOf(key)) and returns true when it was seen
  // before.
  bool Hit(uint64_t hash, std::string_view key) {
    if (slots_.empty()) {
      return false;
    }
    const size_t mask = slots_.size() - 1;
    const uint64_t tag = hash >> 32;
    for (size_t i = SlotOf(hash); slots_[i] != 0; i = (i + 1) & mask) {
      if ((slots_[i] >> 32) != tag) {
        continue;
      }
      uint64_t* record = arena_.data() + (slots_[i] & 0xFFFFFFFFu) - 1;
      if ((record[3] & 0xFFFFFFu) == key.size() &&
          std::memcmp(record + kHeaderWords, key.data(), key.size()) == 0) {
        ++record[0];
        return true;
      }
    }
    return false;
  }

  // Asks the processor to fetch the slot where `hash` is looked up, ahead of Hit.
  void PrefetchSlot(uint64_t hash) const {
    if (!slots_.empty()) {
      __builtin_prefetch(slots_.data() + SlotOf(hash));
    }
  }

  // Asks the processor to fetch the record `hash` most likely names (its slot fetched first).
  void PrefetchRecord(uint64_t hash) const {
    if (!slots_.empty()) {
      const uint64_t slot = slots_[SlotOf(hash)];
      if (slot != 0) {
        __builtin_prefetch(arena_.data() + (slot & 0xFFFFFFFFu) - 1);
      }
    }
  }

  // Remembers a new line. REQUIRES: not already remembered.
  void Insert(uint64_t hash, std::string_view key, const LineTarget& target);

  // Calls visit(target, repeats) for every remembered line seen again since it was inserted.
  template <typename Visit>
  void ForEachRepeat(Visit&& visit) const {
    size_t offset = 0;
    while (offset < arena_.size()) {
      const uint64_t* record = arena_.data() + offset;
      LineTarget target;
      target.kind = static_cast<LineTarget::Kind>((record[3] >> 24) & 0xFF);
      target.index = static_cast<uint32_t>(record[3] >> 32);
      target.weight = core::Votes::FromUnits(static_cast<int64_t>(record[1]));
      target.papers = static_cast<int64_t>(record[2]);
      if (record[0] > 0) {
        visit(target, record[0]);
      }
      offset += kHeaderWords + (((record[3] & 0xFFFFFFu) + 7) / 8);
    }
  }

 private:
  // A record: hits, weight units, papers, (index << 32 | kind << 24 | length), then the bytes.
  static constexpr size_t kHeaderWords = 4;
  static constexpr size_t kMaxLength = 0xFFFFFF;

  void Grow();
  // Where a hash's probe starts: its top bits, so that growing the table needs only the top
  // half of each hash, which the slot keeps.
  size_t SlotOf(uint64_t hash) const { return static_cast<size_t>(hash >> shift_); }

  size_t max_words_;
  int shift_ = 64;               // 64 - log2(slots_.size())
  std::vector<uint64_t> slots_;  // (hash >> 32) << 32 | (record offset + 1); 0 is free
  std::vector<uint64_t> arena_;
  size_t lines_ = 0;
};

}  // namespace scrutineer::formats
