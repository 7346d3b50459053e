#pragma once
// BallotSet: the ballots of one contest, ready to count. Identical ballots (same section, same
// ranking, ending for the same reason) are merged into one entry carrying how many papers it
// stands for and their total weight, so a count's cost grows with the number of distinct
// ballots, not with the number of papers.
//
// Entries are stored as a structure of arrays (rankings in one contiguous vector of 16-bit
// ids) so that counting loops touch small, contiguous integers. Blank papers and rejected
// papers are kept beside the entries: they are reported, never counted.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/ballot_rules.h"
#include "core/ids.h"
#include "core/votes.h"
#include "util/mapped_array.h"

namespace scrutineer::core {

// Papers rejected for one reason in one section.
struct Rejection {
  std::string reason;
  SectionId section;
  int64_t papers = 0;
  uint64_t first_line = 0;  // line of the first such paper in its file (0: not from a file)
};

struct BallotSet {
  std::string title;
  std::vector<std::string> candidates;  // indexed by CandidateId
  std::vector<std::string> parties;     // empty, or one (possibly empty) per candidate
  std::vector<CandidateId> withdrawn;   // on the ballot but out of the count from the start
  // An order for breaking ties declared by the ballot file itself (BLT [tie]): the first
  // listed loses. Empty when the file declares none.
  std::vector<CandidateId> tie_order;
  // Indexed by SectionId. Always at least one; a single unnamed section ("") when the ballots
  // carry none.
  std::vector<std::string> sections{""};
  int places = 0;            // decimal places of every Votes below
  int seats = 0;             // seats declared by the file itself (BLT), 0 when not declared
  size_t ranks_allowed = 0;  // ranks a ballot offers (0: not known)

  // Distinct ballots: ranking i is prefs[start[i] .. start[i+1]).
  std::vector<uint32_t> start{0};
  std::vector<CandidateId> prefs;
  std::vector<Votes> weight;    // total weight of the papers of entry i
  std::vector<int64_t> papers;  // how many papers entry i stands for
  std::vector<SectionId> section;
  std::vector<Exhaustion> end;  // why entry i's preferences end

  std::vector<int64_t> blank;  // blank papers, by section
  std::vector<Rejection> rejected;

  size_t size() const { return weight.size(); }
  std::span<const CandidateId> Ranking(size_t i) const {
    return {prefs.data() + start[i], prefs.data() + start[i + 1]};
  }
  bool has_named_sections() const { return sections.size() > 1 || !sections[0].empty(); }
};

// Totals of a ballot set, by section and overall.
struct PaperCounts {
  std::vector<int64_t> counted;   // papers in entries (valid or exhausted at once), by section
  std::vector<int64_t> blank;     // by section
  std::vector<int64_t> rejected;  // by section
  std::vector<int64_t> unranked;  // papers in entries with no preference, by section
  int64_t total_counted = 0;
  int64_t total_blank = 0;
  int64_t total_rejected = 0;
  int64_t total() const { return total_counted + total_blank + total_rejected; }
};
PaperCounts CountPapers(const BallotSet& ballots);

// Builds the entries of a BallotSet, merging identical ballots as they arrive.
class BallotSetBuilder {
 public:
  // Adds `papers` papers of total `weight` with this ranking; returns the entry's index, which
  // AddToEntry accepts for further identical papers.
  uint32_t Add(SectionId section, std::span<const CandidateId> ranking, Exhaustion end,
               Votes weight, int64_t papers);
  void AddToEntry(uint32_t entry, Votes weight, int64_t papers) {
    if (Overflows(weight, papers)) {
      return;
    }
    weight_[entry] += weight;
    papers_[entry] += papers;
  }
  void AddBlank(SectionId section, int64_t papers);
  // Rejections with the same reason and section are merged; the first line is the smallest.
  uint32_t AddRejected(SectionId section, std::string_view reason, int64_t papers, uint64_t line);
  void AddToRejected(uint32_t index, int64_t papers);

  // Adds every entry of `other`, renumbering its candidates and sections through the maps
  // (other's id -> this builder's id) and its rejections' lines by `line_offset`. `other` is
  // left renumbered.
  void Merge(BallotSetBuilder& other, std::span<const CandidateId> candidate_map,
             std::span<const SectionId> section_map, uint64_t line_offset);

  // Merge in three steps, for callers that spread the first two over threads: calls of one
  // step on disjoint ranges of `other`'s entries may run at once (and on different `other`s'
  // ranges only), and each step must be over for every range before the next begins.
  //   1. other.Renumber(candidate_map, section_map, begin, end), when the maps are not the
  //      identity (NeedsRenumbering);
  //   2. Locate(other, begin, end, found): found[i] is this builder's entry holding other's
  //      entry i's ballot, or kNotFound; reads both builders only;
  //   3. Absorb(other, found, section_map, line_offset).
  static constexpr uint32_t kNotFound = UINT32_MAX;
  static bool NeedsRenumbering(std::span<const CandidateId> candidate_map,
                               std::span<const SectionId> section_map);
  void Renumber(std::span<const CandidateId> candidate_map, std::span<const SectionId> section_map,
                size_t begin, size_t end);
  void Locate(const BallotSetBuilder& other, size_t begin, size_t end,
              std::span<uint32_t> found) const;
  void Absorb(const BallotSetBuilder& other, std::span<const uint32_t> found,
              std::span<const SectionId> section_map, uint64_t line_offset);

  // From now until MergeDuplicates, Add appends every ballot as a new entry without looking
  // for an identical one: in a large builder that look-up is a cache miss a ballot, while
  // MergeDuplicates finds all duplicates at once with its probes prefetched. Until then the
  // builder may only be added to. REQUIRES: no entries yet.
  void DeferMerging();
  bool deferring() const { return deferring_; }
  // Merges the entries that hold the same ballot into the first of them (entries keep the
  // order of their first appearance), ends deferral, and returns each entry's new index.
  std::vector<uint32_t> MergeDuplicates();

  // Makes room for `entries` entries in all, so that adding up to that many copies nothing.
  // Reserved memory is only committed as entries arrive.
  void Reserve(size_t entries);

  size_t size() const { return weight_.size(); }
  // True when the weights or papers added, in total, passed what 64 bits hold; the sums are
  // then wrong and the reader must refuse the input.
  bool overflowed() const { return overflowed_; }

  // Moves the entries into `ballots` (whose names, sections and places the caller sets).
  void MoveInto(BallotSet& ballots);

 private:
  uint64_t HashOf(SectionId section, std::span<const CandidateId> ranking, Exhaustion end) const;
  uint32_t Find(uint64_t hash, SectionId section, std::span<const CandidateId> ranking,
                Exhaustion end, size_t& slot) const;
  void Append(uint64_t hash, SectionId section, std::span<const CandidateId> ranking,
              Exhaustion end, Votes weight, int64_t papers);
  std::span<const CandidateId> RankingOf(size_t entry) const {
    return {prefs_.data() + start_[entry], prefs_.data() + start_[entry + 1]};
  }
  bool Matches(uint32_t entry, SectionId section, std::span<const CandidateId> ranking,
               Exhaustion end) const;
  void Grow(size_t capacity);
  std::vector<uint32_t> FindDuplicates(bool& any);
  std::vector<uint32_t> Compact(std::span<const uint32_t> first_of);
  // Adds to the running totals; true (and nothing added) when they would overflow. Weights
  // and papers are never negative, so no entry can overflow while the totals do not.
  bool Overflows(Votes weight, int64_t papers) {
    int64_t units = 0;
    int64_t count = 0;
    if (weight.units() < 0 || papers < 0 ||
        __builtin_add_overflow(total_units_, weight.units(), &units) ||
        __builtin_add_overflow(total_papers_, papers, &count)) {
      overflowed_ = true;
      return true;
    }
    total_units_ = units;
    total_papers_ = count;
    return false;
  }

  std::vector<uint32_t> start_{0};
  std::vector<CandidateId> prefs_;
  std::vector<Votes> weight_;
  std::vector<int64_t> papers_;
  std::vector<SectionId> section_;
  std::vector<Exhaustion> end_;
  std::vector<uint64_t> hash_;
  // Open addressing: (hash >> 32) << 32 | (entry + 1), or 0 when free. The high half of the
  // hash lets most probes skip entries without touching them. Zeroed by the kernel, in huge
  // pages when large.
  util::MappedArray<uint64_t> slots_;
  size_t indexed_ = 0;  // entries in slots_: a merge appends entries without indexing them
  bool deferring_ = false;
  std::vector<int64_t> blank_;
  std::vector<Rejection> rejected_;
  int64_t total_units_ = 0;
  int64_t total_papers_ = 0;
  bool overflowed_ = false;
};

}  // namespace scrutineer::core
