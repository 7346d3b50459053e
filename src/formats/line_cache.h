#pragma once
// LineCache: the lines of a cast-vote record seen before, by their exact bytes, and what each
// adds to the ballot set. A repeated line costs one hash, one probe and one comparison: the
// probe's slot holds part of the hash, and a line's bytes sit just after its counter, so a hit
// touches the slot and the record (which the caller can prefetch). Hits are counted in place
// and applied once, at the end (ForEachRepeat). Memory is bounded: past `max_bytes` new lines
// are not remembered.

#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <vector>

#include "core/votes.h"
#include "formats/record_ballot.h"
#include "util/mapped_array.h"
#include "util/scan.h"

namespace scrutineer::formats {

class LineCache {
 public:
  // Reserves `max_bytes` of address space for lines; memory is committed as lines arrive.
  explicit LineCache(size_t max_bytes) : arena_(max_bytes / 8) {
    targets_.reserve(max_lines());  // address space only, until used; never copied
  }

  // The most lines the cache can remember (each takes at least a header and a word).
  size_t max_lines() const { return arena_.size() / (kHeaderWords + 1); }

  // The hash a line is filed under: util::HashLine, which util::HashToNewline also gives while
  // finding a line's end.
  static uint64_t HashOf(std::string_view key) { return util::HashLine(key.data(), key.size()); }

  // Counts a sighting of `key` (whose hash is HashOf(key)) and returns true when it was seen
  // before.
  bool Hit(uint64_t hash, std::string_view key) {
    if (slots_.empty()) {
      return false;
    }
    const size_t mask = slots_.size() - 1;
    const uint64_t tag = hash & kTagMask;
    for (size_t i = SlotOf(hash); slots_[i] != 0; i = (i + 1) & mask) {
      if ((slots_[i] & kTagMask) != tag) {
        continue;
      }
      uint64_t* record = &arena_[(slots_[i] & ~kTagMask) - 1];
      if (LengthOf(record) == key.size() &&
          util::BytesEqual(reinterpret_cast<const char*>(record + kHeaderWords), key.data(),
                           key.size())) {
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

  // Asks the processor to fetch the record `hash` most likely names (its slot fetched first):
  // the header and the first bytes, and the next cache line, where a typical line ends.
  void PrefetchRecord(uint64_t hash) const {
    if (!slots_.empty()) {
      const uint64_t slot = slots_[SlotOf(hash)];
      if (slot != 0) {
        const uint64_t* record = &arena_[(slot & ~kTagMask) - 1];
        __builtin_prefetch(record);
        __builtin_prefetch(record + 8);
      }
    }
  }

  // Remembers a new line; false when the cache is full and the line is not remembered.
  // REQUIRES: not already remembered.
  bool Insert(uint64_t hash, std::string_view key, const LineTarget& target);

  // Renumbers the entries the remembered lines add to: entry e becomes index[e].
  void RenumberEntries(std::span<const uint32_t> index) {
    for (LineTarget& target : targets_) {
      if (target.kind == LineTarget::Kind::kEntry) {
        target.index = index[target.index];
      }
    }
  }

  // Calls visit(target, repeats) for every remembered line seen again since it was inserted.
  template <typename Visit>
  void ForEachRepeat(Visit&& visit) const {
    size_t offset = 0;
    for (const LineTarget& target : targets_) {
      const uint64_t* record = &arena_[offset];
      if (record[0] > 0) {
        visit(target, record[0]);
      }
      offset += kHeaderWords + (LengthOf(record) + 7) / 8;
    }
  }

 private:
  // A record: its hits, its length, then its bytes. What the line adds is in targets_, in
  // record order: it is needed only at the end.
  static constexpr size_t kHeaderWords = 2;
  static constexpr uint64_t kTagMask = 0xFFFFFFFF00000000u;

  static size_t LengthOf(const uint64_t* record) { return static_cast<size_t>(record[1]); }
  void Grow();
  // Where a hash's probe starts: its top bits, so that growing the table needs only the top
  // half of each hash, which the slot keeps.
  size_t SlotOf(uint64_t hash) const { return static_cast<size_t>(hash >> shift_); }

  int shift_ = 64;                     // 64 - log2(slots_.size())
  util::MappedArray<uint64_t> slots_;  // (hash & kTagMask) | (record offset + 1); 0 is free
  util::MappedArray<uint64_t> arena_;  // the records, back to back
  size_t used_ = 0;                    // words of arena_ in use
  std::vector<LineTarget> targets_;
};

}  // namespace scrutineer::formats
