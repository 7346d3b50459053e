#include "formats/csv_cvr.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <thread>

#include "formats/csv_record.h"
#include "formats/line_cache.h"
#include "formats/name_table.h"
#include "formats/problems.h"
#include "util/hash.h"
#include "util/scan.h"
#include "util/text.h"

namespace scrutineer::formats {
namespace {

using core::CandidateId;
using core::SectionId;
using core::Votes;

constexpr size_t kDefaultBlockSize = size_t{4} << 20;
// Bytes of remembered lines per thread: a sixth of the file, within these bounds. Beyond it,
// new lines are parsed but not remembered, which keeps memory well below the file's size even
// when every row is different.
constexpr uint64_t kMinLineCacheBytes = uint64_t{16} << 20;
constexpr uint64_t kMaxLineCacheBytes = uint64_t{1} << 30;
// Files smaller than this are read by one thread.
constexpr uint64_t kMinBytesPerThread = uint64_t{8} << 20;
// Weights are read at the most places allowed and scaled down once all are known.
constexpr int kWeightPlaces = core::kMaxPlaces;

// Where each column is, from the header.
struct CsvLayout {
  size_t columns = 0;
  int id = -1;
  int section = -1;
  int count = -1;
  int weight = -1;
  std::vector<size_t> ranks;  // ranks[k] is the column of rank k + 1
};

void CheckRankColumns(const std::vector<int>& rank_columns, ProblemList& problems) {
  for (size_t k = 0; k < rank_columns.size(); ++k) {
    if (rank_columns[k] < 0) {
      problems.Add(1, "the header has rank" + std::to_string(rank_columns.size()) + " but no rank" +
                          std::to_string(k + 1));
    }
  }
  if (rank_columns.empty()) {
    problems.Add(1, "the header has no ranking columns (rank1, rank2, ...)");
  }
}

// Records `column` at `index` in the layout slot for its name; problems for unknown names.
void PlaceColumn(std::string_view name, size_t index, CsvLayout& layout,
                 std::vector<int>& rank_columns, ProblemList& problems) {
  const auto column = static_cast<int>(index);
  int* slot = nullptr;
  if (name == "id") {
    slot = &layout.id;
  } else if (name == "section") {
    slot = &layout.section;
  } else if (name == "count") {
    slot = &layout.count;
  } else if (name == "weight") {
    slot = &layout.weight;
  } else if (name.starts_with("rank") && name.size() > 4 && name.size() <= 9 &&
             std::all_of(name.begin() + 4, name.end(),
                         [](char c) { return c >= '0' && c <= '9'; }) &&
             name[4] != '0') {
    const size_t rank = std::stoul(std::string(name.substr(4)));
    if (rank > core::kMaxCandidates) {
      problems.Add(1, "column " + util::Quote(name) + ": too many ranks");
      return;
    }
    if (rank_columns.size() < rank) {
      rank_columns.resize(rank, -1);
    }
    slot = &rank_columns[rank - 1];
  } else {
    problems.Add(1, "unknown column " + util::Quote(name) +
                        " in the header (expected id, section, count, weight, rank1, rank2, ...)");
    return;
  }
  if (*slot >= 0) {
    problems.Add(1, "column " + util::Quote(name) + " appears twice in the header");
    return;
  }
  *slot = column;
}

// The layout named by the header row, or nothing (with the problems recorded).
std::optional<CsvLayout> ReadLayout(const CsvRecord& header, ProblemList& problems) {
  CsvLayout layout;
  layout.columns = header.size();
  std::vector<int> rank_columns;
  for (size_t i = 0; i < header.size(); ++i) {
    PlaceColumn(util::Trim(header.field(i)), i, layout, rank_columns, problems);
  }
  CheckRankColumns(rank_columns, problems);
  if (layout.count >= 0 && layout.weight >= 0) {
    problems.Add(1,
                 "the header has both count and weight; a row is either a count of ballots "
                 "or one weighted ballot");
  }
  if (!problems.empty()) {
    return std::nullopt;
  }
  for (int column : rank_columns) {
    layout.ranks.push_back(static_cast<size_t>(column));
  }
  return layout;
}

// The lines of a batch: looked up together so that their memory fetches overlap.
struct PendingLine {
  std::string_view text;  // without its line end
  size_t length;          // with its line end
  uint64_t hash;
};
constexpr size_t kBatchLines = 16;

// A batch of lines and where the byte after its last line is.
struct LineBatch {
  PendingLine lines[kBatchLines];
  size_t count = 0;
  const char* end = nullptr;
};

// Collects up to kBatchLines complete lines starting at p (fewer at `limit`, the end of the
// buffer, or when a line starts at or after `stop_at`).
size_t CollectLines(const char* p, const char* end, const char* stop_at, bool at_end,
                    PendingLine* batch) {
  size_t count = 0;
  while (count < kBatchLines && p < end && p < stop_at) {
    const char* newline = nullptr;
    const uint64_t hash = util::HashToNewline(p, end, newline);
    if (newline == end && !at_end) {
      break;
    }
    const char* next = newline != end ? newline + 1 : end;
    const std::string_view text(p, static_cast<size_t>(newline - p));
    batch[count++] = PendingLine{text, static_cast<size_t>(next - p), hash};
    p = next;
  }
  return count;
}

// One thread's share of the file: the records that start in [begin, stop).
class CsvChunk {
  // Lines consumed so far (those before `begin` included): the next record starts on line
  // lines_ + 1. Declared first so that the constructor can set it first.
  uint64_t lines_;

 public:
  // `lines_before`: the lines of the file before `begin`, for the line numbers of messages.
  CsvChunk(const ByteSource& source, const CsvLayout& layout, const ReadOptions& options,
           uint64_t begin, uint64_t lines_before, size_t block_size, size_t cache_bytes)
      : lines_(lines_before),
        layout_(layout),
        options_(options),
        reader_(source, begin, block_size),
        candidates_(options.candidates),
        sections_(options.sections),
        problems_(options.max_problems),
        cache_(cache_bytes),
        marks_(layout.ranks.size()) {
    builder_.Reserve(cache_.max_lines());
    builder_.DeferMerging();  // new lines are mostly new ballots: merge them all at the end
  }

  // Reads records until one starts at or after `stop`, or the input ends.
  void Run(uint64_t stop);
  // Merges the identical ballots of distinct lines, and from then on merges them as they come
  // (also called as soon as a line cannot be remembered). Call after the last Run.
  void MergeDuplicates() {
    if (builder_.deferring()) {
      cache_.RenumberEntries(builder_.MergeDuplicates());
    }
  }
  // Adds what the repeated lines stand for to the builder. Call once, after MergeDuplicates.
  void Finish() { ApplyRepeats(); }

  uint64_t end() const { return reader_.offset(); }
  uint64_t lines() const { return lines_; }
  bool failed() const { return fatal_; }
  NameTable& candidates() { return candidates_; }
  NameTable& sections() { return sections_; }
  ProblemList& problems() { return problems_; }
  core::BallotSetBuilder& builder() { return builder_; }
  int places_used() const { return places_used_; }
  // Takes in the decimal places used by another chunk's weights.
  void UsePlaces(int places) { places_used_ = std::max(places_used_, places); }

 private:
  size_t ProcessBuffered(uint64_t stop);
  void Collect(const char* p, const char* end, const char* stop_at, LineBatch& batch);
  bool ProcessBatch(const PendingLine* batch, size_t count, const char*& p, const char* end);
  bool ParseNext(const char*& p, const char* end);
  size_t ParseOne(std::string_view data);
  bool ApplyRemembered(std::string_view line);
  void ApplyRepeats();
  std::string_view KeyOf(std::string_view line, bool& cacheable);
  // Parses and counts the record at data[0]; returns its length, or 0 when it needs more
  // bytes than are buffered.
  // `line_hash`: the hash of the record's first line, when the caller has it.
  size_t ParseAndCount(std::string_view data, std::optional<uint64_t> line_hash = std::nullopt);
  bool Remember(std::string_view raw, size_t newlines, std::optional<uint64_t> line_hash,
                const LineTarget& target);
  std::optional<LineTarget> Interpret(const CsvRecord& record, uint64_t line);
  std::optional<SectionId> SectionOf(const CsvRecord& record, uint64_t line);
  bool WeightOf(const CsvRecord& record, uint64_t line, LineTarget& target);
  bool MarksOf(const CsvRecord& record, uint64_t line);
  std::optional<LineTarget> Judge(SectionId section, LineTarget target, uint64_t line);

  const CsvLayout& layout_;
  const ReadOptions& options_;
  BlockReader reader_;
  NameTable candidates_;
  NameTable sections_;
  ProblemList problems_;
  core::BallotSetBuilder builder_;
  LineCache cache_;
  CsvRecord record_;
  std::vector<core::Mark> marks_;
  std::vector<CandidateId> ranking_;
  std::vector<uint8_t> seen_;
  std::string key_;
  int places_used_ = 0;
  bool fatal_ = false;
};

// The bytes that identify a line: the line itself, less the id field (ids differ on every
// row, and say nothing about the ballot). With an id column a line is only remembered when
// no quote precedes the end of the id, so that splitting at commas finds the real id field.
std::string_view CsvChunk::KeyOf(std::string_view line, bool& cacheable) {
  cacheable = true;
  if (layout_.id < 0) {
    return line;
  }
  size_t begin = 0;
  for (int field = 0; field < layout_.id; ++field) {
    begin = line.find(',', begin);
    if (begin == std::string_view::npos) {
      cacheable = false;
      return line;
    }
    ++begin;
  }
  size_t end = line.find(',', begin);
  end = end == std::string_view::npos ? line.size() : end;
  if (line.substr(0, end).find('"') != std::string_view::npos) {
    cacheable = false;
    return line;
  }
  key_.assign(line.substr(0, begin));
  key_.append(line.substr(end));
  return key_;
}

bool CsvChunk::ApplyRemembered(std::string_view line) {
  bool cacheable = false;
  const std::string_view key = KeyOf(line, cacheable);
  return cacheable && cache_.Hit(LineCache::HashOf(key), key);
}

// Applies the repeats of remembered lines, counted during the reading, to the ballot set.
void CsvChunk::ApplyRepeats() {
  cache_.ForEachRepeat([&](const LineTarget& target, uint64_t repeats) {
    int64_t weight = 0;
    int64_t papers = 0;
    const auto times = static_cast<int64_t>(repeats);
    if (__builtin_mul_overflow(target.weight.units(), times, &weight) ||
        __builtin_mul_overflow(target.papers, times, &papers)) {
      problems_.Add(0, "the ballots' total weight is too large to count exactly");
      return;
    }
    switch (target.kind) {
      case LineTarget::Kind::kEntry:
        builder_.AddToEntry(target.index, Votes::FromUnits(weight), papers);
        break;
      case LineTarget::Kind::kBlank:
        builder_.AddBlank(SectionId(static_cast<uint16_t>(target.index)), papers);
        break;
      case LineTarget::Kind::kRejected:
        builder_.AddToRejected(target.index, papers);
        break;
    }
  });
  if (builder_.overflowed()) {
    problems_.Add(0, "the ballots' total weight is too large to count exactly");
  }
}

size_t CsvChunk::ParseAndCount(std::string_view data, std::optional<uint64_t> line_hash) {
  const CsvParse parse = ParseCsvRecord(data, reader_.at_end(), record_);
  const uint64_t line = lines_ + 1;
  if (parse.status == CsvParse::Status::kNeedMore) {
    return 0;
  }
  if (parse.status == CsvParse::Status::kMalformed) {
    problems_.Add(line, parse.problem);
    fatal_ = true;  // the record's extent is unknown, so nothing after it can be trusted
    return data.size();
  }
  const std::optional<LineTarget> target = Interpret(record_, line);
  lines_ += std::max<size_t>(parse.newlines, 1);
  if (target && !Remember(data.substr(0, parse.length), parse.newlines, line_hash, *target)) {
    // A line not remembered adds an entry each time it recurs: merge from now on as ballots
    // come, so that the builder stays as small as the distinct ballots.
    MergeDuplicates();
  }
  return parse.length;
}

// Remembers a record's line and what it added; false when it cannot be (a record over several
// lines, an id field after a quote, a full cache).
bool CsvChunk::Remember(std::string_view raw, size_t newlines, std::optional<uint64_t> line_hash,
                        const LineTarget& target) {
  if (newlines > 1) {
    return false;
  }
  const std::string_view text = raw.ends_with('\n') ? raw.substr(0, raw.size() - 1) : raw;
  bool cacheable = false;
  const std::string_view key = KeyOf(text, cacheable);
  if (!cacheable) {
    return false;
  }
  // The batch already hashed the line; with an id column the key is the line less its id.
  const uint64_t hash = line_hash && layout_.id < 0 ? *line_hash : LineCache::HashOf(key);
  return cache_.Insert(hash, key, target);
}

// The hot loop: every complete line in the buffer, remembered lines by their bytes alone, a
// batch at a time, software-pipelined so that memory fetches overlap work: while one batch's
// records are on their way, the next batch is hashed and its slots requested. Returns the
// bytes consumed.
size_t CsvChunk::ProcessBuffered(uint64_t stop) {
  const char* const start = reader_.data();
  const char* const end = start + reader_.size();
  const uint64_t base = reader_.offset();
  const char* const stop_at = stop - base < reader_.size() ? start + (stop - base) : end;
  const char* p = start;
  LineBatch batches[2];
  LineBatch* current = &batches[0];
  LineBatch* next = &batches[1];
  Collect(p, end, stop_at, *current);
  while (p < end && p < stop_at && !fatal_) {
    if (current->count == 0) {  // an id column, or no complete line
      if (!ParseNext(p, end)) {
        break;
      }
      Collect(p, end, stop_at, *current);
      continue;
    }
    for (size_t i = 0; i < current->count; ++i) {
      cache_.PrefetchRecord(current->lines[i].hash);
    }
    Collect(current->end, end, stop_at, *next);
    if (!ProcessBatch(current->lines, current->count, p, end)) {
      break;
    }
    if (p != current->end) {  // a record over several lines: the next batch is stale
      Collect(p, end, stop_at, *next);
    }
    std::swap(current, next);
  }
  return static_cast<size_t>(p - start);
}

// Hashes the lines of a batch starting at p and requests their slots (none with an id column,
// whose lines need their keys assembled).
void CsvChunk::Collect(const char* p, const char* end, const char* stop_at, LineBatch& batch) {
  batch.count = layout_.id < 0 ? CollectLines(p, end, stop_at, reader_.at_end(), batch.lines) : 0;
  batch.end = p;
  for (size_t i = 0; i < batch.count; ++i) {
    cache_.PrefetchSlot(batch.lines[i].hash);
    batch.end += batch.lines[i].length;
  }
}

// Looks up a batch of lines (prefetched), and parses those not remembered. Advances `p` past
// what it consumed; false when a record needs more bytes than are buffered.
bool CsvChunk::ProcessBatch(const PendingLine* batch, size_t count, const char*& p,
                            const char* end) {
  for (size_t i = 0; i < count && !fatal_; ++i) {
    if (cache_.Hit(batch[i].hash, batch[i].text)) {
      ++lines_;
      p += batch[i].length;
      continue;
    }
    const size_t length =
        ParseAndCount(std::string_view(p, static_cast<size_t>(end - p)), batch[i].hash);
    if (length == 0) {
      return false;
    }
    p += length;
    if (length != batch[i].length) {
      return true;  // a record over several lines: the rest of the batch is stale
    }
  }
  return true;
}

bool CsvChunk::ParseNext(const char*& p, const char* end) {
  const size_t length = ParseOne(std::string_view(p, static_cast<size_t>(end - p)));
  p += length;
  return length > 0;
}

// One record the slow way: remembered (with an id column, whose key needs assembling), or
// parsed. Returns its length, or 0 when it needs more bytes than are buffered.
size_t CsvChunk::ParseOne(std::string_view data) {
  const size_t newline = data.find('\n');
  if (newline == std::string_view::npos && !reader_.at_end()) {
    return 0;
  }
  const size_t line_length = newline == std::string_view::npos ? data.size() : newline;
  if (layout_.id >= 0 && ApplyRemembered(data.substr(0, line_length))) {
    ++lines_;
    return newline == std::string_view::npos ? data.size() : newline + 1;
  }
  return ParseAndCount(data);
}

void CsvChunk::Run(uint64_t stop) {
  while (!fatal_ && reader_.offset() < stop) {
    reader_.Consume(ProcessBuffered(stop));
    if (fatal_ || reader_.offset() >= stop || (reader_.at_end() && reader_.size() == 0)) {
      return;
    }
    // What is left is part of a record: read more of it.
    const size_t buffered = reader_.size();
    util::Status filled = reader_.Fill();
    if (!filled.ok()) {
      problems_.Add(lines_ + 1, filled.error().problems().front().what);
      fatal_ = true;
    }
    CHECK(fatal_ || reader_.size() > buffered || reader_.at_end());
  }
}

std::optional<SectionId> CsvChunk::SectionOf(const CsvRecord& record, uint64_t line) {
  if (layout_.section < 0) {
    return SectionId(0);
  }
  const std::string_view name = util::Trim(record.field(static_cast<size_t>(layout_.section)));
  if (name.empty()) {
    problems_.Add(line, "the section is empty");
    return std::nullopt;
  }
  std::optional<uint16_t> id = sections_.Find(name);
  if (!id && !util::IsValidUtf8(name)) {  // only new names need checking
    problems_.Add(line, "the section name is not valid UTF-8");
    return std::nullopt;
  }
  id = id ? id : sections_.FindOrAdd(name);
  if (!id) {
    problems_.Add(line, "unknown section " + util::Quote(name) + " (the contest has " +
                            JoinQuoted(sections_.names()) + ")");
    return std::nullopt;
  }
  return SectionId(*id);
}

bool CsvChunk::WeightOf(const CsvRecord& record, uint64_t line, LineTarget& target) {
  target.papers = 1;
  target.weight = Votes::FromUnits(core::UnitsPerVote(layout_.weight >= 0 ? kWeightPlaces : 0));
  if (layout_.count >= 0) {
    const std::string_view text = util::Trim(record.field(static_cast<size_t>(layout_.count)));
    const std::optional<int64_t> count = core::ParseDecimalUnits(text, 0);
    if (!count || *count > (int64_t{1} << 40)) {
      problems_.Add(line, "count " + util::Quote(text) + " is not a whole number of ballots");
      return false;
    }
    target.papers = *count;
    target.weight = Votes::FromUnits(*count);
  } else if (layout_.weight >= 0) {
    const std::string_view text = util::Trim(record.field(static_cast<size_t>(layout_.weight)));
    const std::optional<int64_t> units = core::ParseDecimalUnits(text, kWeightPlaces);
    if (!units || *units > (int64_t{1} << 50)) {
      problems_.Add(line, "weight " + util::Quote(text) +
                              " is not a decimal number (at most 9 decimal places)");
      return false;
    }
    target.weight = Votes::FromUnits(*units);
    places_used_ = std::max(places_used_, core::SignificantPlaces(*units, kWeightPlaces));
  }
  return true;
}

bool CsvChunk::MarksOf(const CsvRecord& record, uint64_t line) {
  bool ok = true;
  for (size_t k = 0; k < layout_.ranks.size(); ++k) {
    const std::string_view name = util::Trim(record.field(layout_.ranks[k]));
    core::Mark& mark = marks_[k];
    mark = core::Mark{};
    if (name.empty()) {
      continue;
    }
    std::optional<uint16_t> id = candidates_.Find(name);
    if (!id && !util::IsValidUtf8(name)) {  // only new names need checking
      problems_.Add(line, "rank " + std::to_string(k + 1) + ": the name is not valid UTF-8");
      ok = false;
      continue;
    }
    id = id ? id : candidates_.FindOrAdd(name);
    if (!id && !candidates_.closed()) {
      problems_.Add(line, "more than 65535 candidates");
      fatal_ = true;
      return false;
    }
    mark.kind = id ? core::MarkKind::kCandidate : core::MarkKind::kUnknown;
    mark.candidate = CandidateId(id.value_or(0));
    if (!id && options_.rules.unknown_candidate == core::Treatment::kRefuse) {
      problems_.Add(line,
                    "rank " + std::to_string(k + 1) + ": unknown candidate " + util::Quote(name));
      ok = false;
    }
  }
  return ok;
}

std::optional<LineTarget> CsvChunk::Judge(SectionId section, LineTarget target, uint64_t line) {
  seen_.resize(candidates_.names().size(), 0);
  const core::Verdict verdict =
      core::ReadRanking(marks_, options_.rules, layout_.ranks.size(), ranking_, seen_);
  return RecordBallot(verdict, section, ranking_, target.weight, target.papers, line, builder_,
                      problems_);
}

std::optional<LineTarget> CsvChunk::Interpret(const CsvRecord& record, uint64_t line) {
  if (record.size() != layout_.columns) {
    problems_.Add(line, std::to_string(record.size()) + " fields, but the header has " +
                            std::to_string(layout_.columns) + " columns");
    return std::nullopt;
  }
  const std::optional<SectionId> section = SectionOf(record, line);
  LineTarget target;
  const bool weighed = WeightOf(record, line, target);
  const bool marked = MarksOf(record, line);
  if (!section || !weighed || !marked) {
    return std::nullopt;
  }
  return Judge(*section, target, line);
}

// Reads the header row; `offset` is left just past it.
util::Result<CsvLayout> ReadHeader(const ByteSource& source, uint64_t& offset, uint64_t& lines) {
  BlockReader reader(source, 0, 64 << 10);
  ProblemList problems(50);
  CsvRecord header;
  while (true) {
    util::Status filled = reader.Fill();
    if (!filled.ok()) {
      return filled.error();
    }
    std::string_view data(reader.data(), reader.size());
    const size_t bom = data.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    if (data.size() <= bom && reader.at_end()) {
      return util::Error(util::ErrorCode::kInvalidInput, "the file is empty: no header row",
                         source.name());
    }
    const CsvParse parse = ParseCsvRecord(data.substr(bom), reader.at_end(), header);
    if (parse.status == CsvParse::Status::kMalformed) {
      return util::Error(util::ErrorCode::kInvalidInput, parse.problem, source.name() + ":1");
    }
    if (parse.status == CsvParse::Status::kComplete) {
      offset = bom + parse.length;
      lines = std::max<uint64_t>(parse.newlines, 1);
      std::optional<CsvLayout> layout = ReadLayout(header, problems);
      if (!layout) {
        return problems.ToError(source.name(), util::ErrorCode::kInvalidInput);
      }
      return std::move(*layout);
    }
  }
}

// Where the second half starts: the first line start at or after the middle of the body.
uint64_t SplitPoint(const ByteSource& source, uint64_t body_begin) {
  const uint64_t middle = body_begin + (source.size() - body_begin) / 2;
  constexpr size_t kProbe = size_t{64} << 10;
  for (uint64_t at = middle; at < source.size(); at += kProbe) {
    auto window = source.Map(at, kProbe);
    if (!window.ok() || window->size() == 0) {
      break;
    }
    const void* newline = std::memchr(window->data(), '\n', window->size());
    if (newline != nullptr) {
      return at + static_cast<uint64_t>(static_cast<const char*>(newline) - window->data()) + 1;
    }
  }
  return source.size();
}

std::vector<CandidateId> MapCandidates(const NameTable& from, NameTable& to) {
  std::vector<CandidateId> map;
  for (const std::string& name : from.names()) {
    map.emplace_back(to.FindOrAdd(name).value_or(0));
  }
  return map;
}

std::vector<SectionId> MapSections(const NameTable& from, NameTable& to) {
  std::vector<SectionId> map;
  for (const std::string& name : from.names()) {
    map.emplace_back(to.FindOrAdd(name).value_or(0));
  }
  if (map.empty()) {
    map.emplace_back(0);
  }
  return map;
}

// The sections the ballots are in: those named in the file, else the contest's only section,
// else one unnamed section.
std::vector<std::string> SectionsOf(CsvChunk& chunk, const CsvLayout& layout,
                                    const ReadOptions& options) {
  if (layout.section >= 0 && !chunk.sections().names().empty()) {
    return chunk.sections().names();
  }
  if (layout.section < 0 && options.sections.size() == 1) {
    return options.sections;
  }
  return {""};
}

// Weights were read at nine places; the ballot set keeps the fewest places that hold them.
void ScaleWeights(core::BallotSet& ballots, int places) {
  const int64_t divisor = core::UnitsPerVote(kWeightPlaces - places);
  for (Votes& weight : ballots.weight) {
    CHECK(weight.units() % divisor == 0);
    weight = Votes::FromUnits(weight.units() / divisor);
  }
  ballots.places = places;
}

// The ballot set from the first chunk, all others merged in.
util::Result<core::BallotSet> Finish(CsvChunk& chunk, const CsvLayout& layout,
                                     const ByteSource& source, const ReadOptions& options) {
  if (!chunk.problems().empty()) {
    return chunk.problems().ToError(source.name(), util::ErrorCode::kInvalidInput);
  }
  core::BallotSet ballots;
  ballots.candidates = chunk.candidates().names();
  ballots.ranks_allowed = layout.ranks.size();
  ballots.sections = SectionsOf(chunk, layout, options);
  chunk.builder().MoveInto(ballots);
  if (layout.weight >= 0) {
    ScaleWeights(ballots, chunk.places_used());
  }
  return ballots;
}

// Renumbers the entries of `from` and finds which of them `into` holds already, on two
// threads, one for each half of `from`'s entries.
std::vector<uint32_t> LocateOnTwoThreads(const core::BallotSetBuilder& into,
                                         core::BallotSetBuilder& from,
                                         std::span<const CandidateId> candidate_map,
                                         std::span<const SectionId> section_map) {
  std::vector<uint32_t> found(from.size());
  const bool renumber = core::BallotSetBuilder::NeedsRenumbering(candidate_map, section_map);
  const auto work = [&](size_t begin, size_t end) {
    if (renumber) {
      from.Renumber(candidate_map, section_map, begin, end);
    }
    into.Locate(from, begin, end, found);
  };
  const size_t middle = from.size() / 2;
  std::thread helper(work, middle, from.size());
  work(0, middle);
  helper.join();
  return found;
}

// Adds what the second chunk read to the first (whose lines come before).
void MergeHalves(CsvChunk& first, CsvChunk& second) {
  const std::vector<CandidateId> candidate_map =
      MapCandidates(second.candidates(), first.candidates());
  const std::vector<SectionId> section_map = MapSections(second.sections(), first.sections());
  const std::vector<uint32_t> found =
      LocateOnTwoThreads(first.builder(), second.builder(), candidate_map, section_map);
  first.builder().Absorb(second.builder(), found, section_map, first.lines());
  first.problems().Merge(second.problems(), first.lines());
  first.UsePlaces(second.places_used());
}

// Two threads for a large file on a machine with two cores or more, or as many as asked for
// (at most two).
int ThreadsFor(const ByteSource& source, const ReadOptions& options) {
  if (options.threads > 0) {
    return std::min(options.threads, 2);
  }
  const bool large = source.size() >= kMinBytesPerThread * 2;
  return large && std::thread::hardware_concurrency() >= 2 ? 2 : 1;
}

}  // namespace

util::Result<core::BallotSet> ReadCsvCvr(const ByteSource& source, const ReadOptions& options,
                                         size_t block_size) {
  uint64_t body = 0;
  uint64_t header_lines = 0;
  auto layout = ReadHeader(source, body, header_lines);
  if (!layout.ok()) {
    return layout.error();
  }
  const auto cache_bytes =
      static_cast<size_t>(std::clamp(source.size() / 6, kMinLineCacheBytes, kMaxLineCacheBytes));
  CsvChunk first(source, *layout, options, body, header_lines, block_size, cache_bytes);
  if (ThreadsFor(source, options) == 1) {
    first.Run(source.size());
    first.MergeDuplicates();
    first.Finish();
    return Finish(first, *layout, source, options);
  }
  const uint64_t split = SplitPoint(source, body);
  CsvChunk second(source, *layout, options, split, 0, block_size, cache_bytes);
  std::thread worker([&] {
    second.Run(source.size());
    second.MergeDuplicates();
    second.Finish();
  });
  first.Run(split);
  // The halves met at a record boundary: the second half was read correctly.
  const bool met = first.end() == split && !first.failed();
  if (met) {
    first.MergeDuplicates();
  }
  worker.join();
  if (met) {
    MergeHalves(first, second);
  } else {
    first.Run(source.size());  // a quoted line break crossed the split: read on alone
    first.MergeDuplicates();
  }
  first.Finish();
  return Finish(first, *layout, source, options);
}

util::Result<core::BallotSet> ReadCsvCvr(const ByteSource& source, const ReadOptions& options) {
  return ReadCsvCvr(source, options, kDefaultBlockSize);
}

}  // namespace scrutineer::formats
