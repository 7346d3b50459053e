#include "core/ballot_set.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "util/check.h"
#include "util/hash.h"

namespace scrutineer::core {

PaperCounts CountPapers(const BallotSet& ballots) {
  PaperCounts counts;
  const size_t sections = ballots.sections.size();
  counts.counted.assign(sections, 0);
  counts.blank.assign(sections, 0);
  counts.rejected.assign(sections, 0);
  counts.unranked.assign(sections, 0);
  for (size_t i = 0; i < ballots.size(); ++i) {
    counts.counted[ballots.section[i].index()] += ballots.papers[i];
    if (ballots.start[i] == ballots.start[i + 1]) {
      counts.unranked[ballots.section[i].index()] += ballots.papers[i];
    }
  }
  for (size_t s = 0; s < sections && s < ballots.blank.size(); ++s) {
    counts.blank[s] = ballots.blank[s];
  }
  for (const Rejection& rejection : ballots.rejected) {
    counts.rejected[rejection.section.index()] += rejection.papers;
  }
  for (size_t s = 0; s < sections; ++s) {
    counts.total_counted += counts.counted[s];
    counts.total_blank += counts.blank[s];
    counts.total_rejected += counts.rejected[s];
  }
  return counts;
}

uint64_t BallotSetBuilder::HashOf(SectionId section, std::span<const CandidateId> ranking,
                                  Exhaustion end) const {
  const uint64_t head = (uint64_t{section.value} << 8) | static_cast<uint64_t>(end);
  return util::MixWord(
      head, util::HashBytes(reinterpret_cast<const char*>(ranking.data()), ranking.size_bytes()));
}

bool BallotSetBuilder::Matches(uint32_t entry, SectionId section,
                               std::span<const CandidateId> ranking, Exhaustion end) const {
  const uint32_t begin = start_[entry];
  const uint32_t length = start_[entry + 1] - begin;
  return section_[entry] == section && end_[entry] == end && length == ranking.size() &&
         std::equal(ranking.begin(), ranking.end(), prefs_.begin() + begin);
}

namespace {
constexpr uint64_t kTagMask = 0xFFFFFFFF00000000u;
}  // namespace

void BallotSetBuilder::Grow(size_t capacity) {
  slots_ = util::MappedArray<uint64_t>(capacity, /*populate=*/true);
  const size_t mask = capacity - 1;
  for (uint32_t entry = 0; entry < weight_.size(); ++entry) {
    size_t slot = hash_[entry] & mask;
    while (slots_[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    slots_[slot] = (hash_[entry] & kTagMask) | (entry + 1);
  }
  indexed_ = weight_.size();
}

uint32_t BallotSetBuilder::Add(SectionId section, std::span<const CandidateId> ranking,
                               Exhaustion end, Votes weight, int64_t papers) {
  if (deferring_) {
    const bool overflows = Overflows(weight, papers);
    Append(HashOf(section, ranking, end), section, ranking, end, overflows ? Votes() : weight,
           overflows ? 0 : papers);
    return static_cast<uint32_t>(weight_.size() - 1);
  }
  if ((weight_.size() + 1) * 2 > slots_.size() || indexed_ != weight_.size()) {
    Grow(std::max<size_t>(1024, std::bit_ceil((weight_.size() + 1) * 2)));
  }
  if (Overflows(weight, papers)) {
    weight = Votes();
    papers = 0;
  }
  const uint64_t hash = HashOf(section, ranking, end);
  size_t slot = 0;
  const uint32_t found = Find(hash, section, ranking, end, slot);
  if (found != kNotFound) {
    weight_[found] += weight;
    papers_[found] += papers;
    return found;
  }
  const auto entry = static_cast<uint32_t>(weight_.size());
  slots_[slot] = (hash & kTagMask) | (entry + 1);
  Append(hash, section, ranking, end, weight, papers);
  indexed_ = weight_.size();
  return entry;
}

// The entry holding this ballot, or kNotFound with `slot` the free slot where it would go.
// REQUIRES: every entry indexed, and a free slot.
uint32_t BallotSetBuilder::Find(uint64_t hash, SectionId section,
                                std::span<const CandidateId> ranking, Exhaustion end,
                                size_t& slot) const {
  const size_t mask = slots_.size() - 1;
  slot = hash & mask;
  while (slots_[slot] != 0) {
    const auto entry = static_cast<uint32_t>(slots_[slot] & ~kTagMask) - 1;
    if ((slots_[slot] & kTagMask) == (hash & kTagMask) && Matches(entry, section, ranking, end)) {
      return entry;
    }
    slot = (slot + 1) & mask;
  }
  return kNotFound;
}

// Adds a new entry, not indexed.
void BallotSetBuilder::Append(uint64_t hash, SectionId section,
                              std::span<const CandidateId> ranking, Exhaustion end, Votes weight,
                              int64_t papers) {
  CHECK(weight_.size() < UINT32_MAX - 1);
  prefs_.insert(prefs_.end(), ranking.begin(), ranking.end());
  CHECK(prefs_.size() < UINT32_MAX);
  start_.push_back(static_cast<uint32_t>(prefs_.size()));
  weight_.push_back(weight);
  papers_.push_back(papers);
  section_.push_back(section);
  end_.push_back(end);
  hash_.push_back(hash);
}

void BallotSetBuilder::DeferMerging() {
  CHECK(size() == 0);
  deferring_ = true;
}

// For each entry, the first entry holding the same ballot (itself when none before it does);
// indexes the entries that are first. Weights and papers of later ones go to the first.
std::vector<uint32_t> BallotSetBuilder::FindDuplicates(bool& any) {
  slots_ = util::MappedArray<uint64_t>(std::max<size_t>(1024, std::bit_ceil((size() + 1) * 2)),
                                       /*populate=*/true);
  std::vector<uint32_t> first_of(size());
  constexpr size_t kAhead = 16;
  const size_t mask = slots_.size() - 1;
  any = false;
  for (uint32_t entry = 0; entry < size(); ++entry) {
    if (entry + kAhead < size()) {
      __builtin_prefetch(slots_.data() + (hash_[entry + kAhead] & mask));
    }
    size_t slot = 0;
    const uint32_t found = Find(hash_[entry], section_[entry], RankingOf(entry), end_[entry], slot);
    if (found == kNotFound) {
      slots_[slot] = (hash_[entry] & kTagMask) | (entry + 1);
      first_of[entry] = entry;
      continue;
    }
    first_of[entry] = found;
    weight_[found] += weight_[entry];  // the totals counted both already
    papers_[found] += papers_[entry];
    any = true;
  }
  return first_of;
}

// Moves the entries that are first of their ballot together, in order; returns each entry's
// new index.
std::vector<uint32_t> BallotSetBuilder::Compact(std::span<const uint32_t> first_of) {
  std::vector<uint32_t> index(size());
  uint32_t kept = 0;
  uint32_t begin = 0;  // where the entry's preferences were before compaction
  for (uint32_t entry = 0; entry < first_of.size(); ++entry) {
    const uint32_t end = start_[entry + 1];
    if (first_of[entry] != entry) {
      index[entry] = index[first_of[entry]];
      begin = end;
      continue;
    }
    std::copy(prefs_.begin() + begin, prefs_.begin() + end, prefs_.begin() + start_[kept]);
    start_[kept + 1] = start_[kept] + (end - begin);
    weight_[kept] = weight_[entry];
    papers_[kept] = papers_[entry];
    section_[kept] = section_[entry];
    end_[kept] = end_[entry];
    hash_[kept] = hash_[entry];
    index[entry] = kept++;
    begin = end;
  }
  prefs_.resize(start_[kept]);
  start_.resize(kept + 1);
  weight_.resize(kept);
  papers_.resize(kept);
  section_.resize(kept);
  end_.resize(kept);
  hash_.resize(kept);
  return index;
}

std::vector<uint32_t> BallotSetBuilder::MergeDuplicates() {
  CHECK(deferring_);
  deferring_ = false;
  bool any = false;
  std::vector<uint32_t> first_of = FindDuplicates(any);
  indexed_ = size();
  if (!any) {
    return first_of;  // every entry is first of its ballot: the identity
  }
  std::vector<uint32_t> index = Compact(first_of);
  Grow(std::max<size_t>(1024, std::bit_ceil((size() + 1) * 2)));
  return index;
}

void BallotSetBuilder::Reserve(size_t entries) {
  start_.reserve(entries + 1);
  weight_.reserve(entries);
  papers_.reserve(entries);
  section_.reserve(entries);
  end_.reserve(entries);
  hash_.reserve(entries);
}

void BallotSetBuilder::AddBlank(SectionId section, int64_t papers) {
  if (Overflows(Votes(), papers)) {
    return;
  }
  if (blank_.size() <= section.index()) {
    blank_.resize(section.index() + 1, 0);
  }
  blank_[section.index()] += papers;
}

uint32_t BallotSetBuilder::AddRejected(SectionId section, std::string_view reason, int64_t papers,
                                       uint64_t line) {
  if (Overflows(Votes(), papers)) {
    papers = 0;
  }
  for (uint32_t i = 0; i < rejected_.size(); ++i) {
    Rejection& rejection = rejected_[i];
    if (rejection.section == section && rejection.reason == reason) {
      rejection.papers += papers;
      rejection.first_line = std::min(rejection.first_line, line);
      return i;
    }
  }
  rejected_.push_back(Rejection{std::string(reason), section, papers, line});
  return static_cast<uint32_t>(rejected_.size() - 1);
}

void BallotSetBuilder::AddToRejected(uint32_t index, int64_t papers) {
  if (!Overflows(Votes(), papers)) {
    rejected_[index].papers += papers;
  }
}

namespace {

template <typename Id>
bool IsIdentity(std::span<const Id> map) {
  for (size_t i = 0; i < map.size(); ++i) {
    if (map[i].index() != i) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool BallotSetBuilder::NeedsRenumbering(std::span<const CandidateId> candidate_map,
                                        std::span<const SectionId> section_map) {
  return !IsIdentity(candidate_map) || !IsIdentity(section_map);
}

void BallotSetBuilder::Renumber(std::span<const CandidateId> candidate_map,
                                std::span<const SectionId> section_map, size_t begin, size_t end) {
  for (uint32_t k = start_[begin]; k < start_[end]; ++k) {
    prefs_[k] = candidate_map[prefs_[k].index()];
  }
  for (size_t entry = begin; entry < end; ++entry) {
    section_[entry] = section_map[section_[entry].index()];
    hash_[entry] = HashOf(section_[entry], RankingOf(entry), end_[entry]);
  }
  if (begin == 0) {
    indexed_ = 0;  // the hashes changed (one of the ranges covering a builder starts at 0)
  }
}

// Probes are prefetched a few entries ahead: the table is usually far larger than the caches.
void BallotSetBuilder::Locate(const BallotSetBuilder& other, size_t begin, size_t end,
                              std::span<uint32_t> found) const {
  CHECK(!deferring_ && !other.deferring_ && indexed_ == size() && end <= found.size());
  if (slots_.empty()) {
    std::fill(found.begin() + static_cast<ptrdiff_t>(begin),
              found.begin() + static_cast<ptrdiff_t>(end), kNotFound);
    return;
  }
  constexpr size_t kAhead = 16;
  const size_t mask = slots_.size() - 1;
  size_t slot = 0;
  for (size_t entry = begin; entry < end; ++entry) {
    if (entry + kAhead < end) {
      __builtin_prefetch(slots_.data() + (other.hash_[entry + kAhead] & mask));
    }
    found[entry] = Find(other.hash_[entry], other.section_[entry], other.RankingOf(entry),
                        other.end_[entry], slot);
  }
}

// Other's entries found here add to ours; the rest are appended (and indexed when next needed:
// after a merge a builder is usually only moved into its ballot set).
void BallotSetBuilder::Absorb(const BallotSetBuilder& other, std::span<const uint32_t> found,
                              std::span<const SectionId> section_map, uint64_t line_offset) {
  CHECK(!deferring_ && !other.deferring_ && found.size() == other.size());
  Reserve(size() + other.size());
  prefs_.reserve(prefs_.size() + other.prefs_.size());
  constexpr size_t kAhead = 16;  // the entries found are all over this builder's arrays
  for (size_t entry = 0; entry < other.size(); ++entry) {
    if (entry + kAhead < other.size() && found[entry + kAhead] != kNotFound) {
      __builtin_prefetch(weight_.data() + found[entry + kAhead], 1);
      __builtin_prefetch(papers_.data() + found[entry + kAhead], 1);
    }
    const Votes weight = other.weight_[entry];
    const int64_t papers = other.papers_[entry];
    if (found[entry] != kNotFound) {
      AddToEntry(found[entry], weight, papers);
    } else {
      const bool overflows = Overflows(weight, papers);
      Append(other.hash_[entry], other.section_[entry], other.RankingOf(entry), other.end_[entry],
             overflows ? Votes() : weight, overflows ? 0 : papers);
    }
  }
  for (size_t s = 0; s < other.blank_.size(); ++s) {
    if (other.blank_[s] != 0) {
      AddBlank(section_map[s], other.blank_[s]);
    }
  }
  for (const Rejection& rejection : other.rejected_) {
    AddRejected(section_map[rejection.section.index()], rejection.reason, rejection.papers,
                rejection.first_line + line_offset);
  }
  overflowed_ = overflowed_ || other.overflowed_;
}

void BallotSetBuilder::Merge(BallotSetBuilder& other, std::span<const CandidateId> candidate_map,
                             std::span<const SectionId> section_map, uint64_t line_offset) {
  if (NeedsRenumbering(candidate_map, section_map)) {
    other.Renumber(candidate_map, section_map, 0, other.size());
  }
  if (indexed_ != size()) {
    Grow(std::max<size_t>(1024, std::bit_ceil((size() + 1) * 2)));
  }
  std::vector<uint32_t> found(other.size());
  Locate(other, 0, other.size(), found);
  Absorb(other, found, section_map, line_offset);
}

void BallotSetBuilder::MoveInto(BallotSet& ballots) {
  CHECK(!deferring_);
  ballots.start = std::move(start_);
  ballots.prefs = std::move(prefs_);
  ballots.weight = std::move(weight_);
  ballots.papers = std::move(papers_);
  ballots.section = std::move(section_);
  ballots.end = std::move(end_);
  blank_.resize(ballots.sections.size(), 0);
  ballots.blank = std::move(blank_);
  ballots.rejected = std::move(rejected_);
  *this = BallotSetBuilder();
}

}  // namespace scrutineer::core
