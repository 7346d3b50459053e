#include "formats/blt.h"

#include <algorithm>
#include <charconv>

#include "formats/line_reader.h"
#include "formats/name_table.h"
#include "formats/problems.h"
#include "formats/record_ballot.h"
#include "util/text.h"

namespace scrutineer::formats {
namespace {

using core::CandidateId;
using core::Votes;

constexpr int kWeightPlaces = core::kMaxPlaces;

std::vector<std::string_view> Tokens(std::string_view line) {
  std::vector<std::string_view> tokens;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) {
      ++i;
    }
    const size_t begin = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') {
      ++i;
    }
    if (i > begin) {
      tokens.push_back(line.substr(begin, i - begin));
    }
  }
  return tokens;
}

std::optional<long> Integer(std::string_view token) {
  long value = 0;
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (error != std::errc() || end != token.data() + token.size()) {
    return std::nullopt;
  }
  return value;
}

// The line without a `#` comment (BLT comments run to the end of a line).
std::string_view StripComment(std::string_view line) {
  const size_t hash = line.find('#');
  return util::Trim(hash == std::string_view::npos ? line : line.substr(0, hash));
}

// Reads the quoted string whose opening quote is at line[i] ("" stands for a quote); `i` is
// left after the closing quote. Nothing when it is never closed.
std::optional<std::string> QuotedString(std::string_view line, size_t& i) {
  std::string text;
  for (++i; i < line.size(); ++i) {
    if (line[i] != '"') {
      text += line[i];
    } else if (i + 1 < line.size() && line[i + 1] == '"') {
      text += '"';
      ++i;
    } else {
      ++i;
      return text;
    }
  }
  return std::nullopt;
}

// Every "quoted" string on a line, unescaped. Nothing when the line is not a sequence of
// quoted strings.
std::optional<std::vector<std::string>> QuotedStrings(std::string_view line) {
  std::vector<std::string> strings;
  size_t i = 0;
  while (true) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) {
      ++i;
    }
    if (i == line.size()) {
      return strings;
    }
    std::optional<std::string> text = line[i] == '"' ? QuotedString(line, i) : std::nullopt;
    if (!text) {
      return std::nullopt;
    }
    strings.push_back(std::move(*text));
  }
}

// A candidate line: `Name`, `"Name"`, or `"Name ""Party"""` (name, then party in quotes).
void SplitParty(const std::string& text, std::string& name, std::string& party) {
  const size_t open = text.find('"');
  if (open != std::string::npos && text.size() >= open + 2 && text.back() == '"') {
    name = std::string(util::Trim(std::string_view(text).substr(0, open)));
    party = text.substr(open + 1, text.size() - open - 2);
    return;
  }
  name = std::string(util::Trim(text));
  party.clear();
}

// A candidate line: `Name`, `"Name"`, `"Name" "Party"` or `"Name ""Party"""`; or any of these
// quoted once more as a whole, as files saved through a spreadsheet have them.
bool ParseNameLine(std::string_view line, std::string& name, std::string& party) {
  const std::optional<std::vector<std::string>> quoted = QuotedStrings(line);
  if (!quoted) {
    name = std::string(util::Trim(line));
    party.clear();
    return true;
  }
  if (quoted->size() == 2) {
    name = std::string(util::Trim((*quoted)[0]));
    party = (*quoted)[1];
    return true;
  }
  if (quoted->size() != 1) {
    return false;
  }
  const std::string& inner = quoted->front();
  const std::optional<std::vector<std::string>> nested = QuotedStrings(inner);
  if (nested && !nested->empty()) {
    return ParseNameLine(inner, name, party);
  }
  SplitParty(inner, name, party);
  return true;
}

enum class Part : uint8_t { kHeader, kBallots, kNames, kTitle, kAfter };

class BltReader {
 public:
  BltReader(const ByteSource& source, const ReadOptions& options)
      : lines_(source), options_(options), problems_(options.max_problems) {}

  util::Result<core::BallotSet> Read();

 private:
  void Line(std::string_view line);
  void Header(std::string_view line);
  void Option(std::string_view line);
  void Withdrawn(std::string_view line);
  void Ballot(std::string_view line);
  bool Weight(std::string_view token, Votes& weight, int64_t& papers);
  bool Preference(std::string_view token, size_t rank);
  std::optional<CandidateId> CandidateOf(std::string_view token);
  void Name(std::string_view line);
  void AddCandidate(std::string name, std::string party, std::string_view line);
  bool AlternativeName(std::string_view line);
  void Title(std::string_view line);
  util::Result<core::BallotSet> Finish();
  void Problem(std::string what) { problems_.Add(lines_.line_number(), std::move(what)); }

  LineReader lines_;
  const ReadOptions& options_;
  ProblemList problems_;
  Part part_ = Part::kHeader;
  size_t candidate_count_ = 0;
  core::BallotSet ballots_;
  core::BallotSetBuilder builder_;
  std::vector<std::string> nicknames_;
  std::vector<core::Mark> marks_;
  std::vector<CandidateId> ranking_;
  std::vector<uint8_t> seen_;
  int places_used_ = 0;
  bool fatal_ = false;
};

void BltReader::Header(std::string_view line) {
  const std::vector<std::string_view> tokens = Tokens(line);
  const std::optional<long> candidates = tokens.size() == 2 ? Integer(tokens[0]) : std::nullopt;
  const std::optional<long> seats = tokens.size() == 2 ? Integer(tokens[1]) : std::nullopt;
  if (!candidates || !seats || *candidates < 1 || *seats < 1 ||
      *candidates > static_cast<long>(core::kMaxCandidates)) {
    Problem("expected the header 'CANDIDATES SEATS' (two whole numbers, at least 1), found " +
            util::Quote(line));
    fatal_ = true;  // without the header nothing after it can be read
    return;
  }
  candidate_count_ = static_cast<size_t>(*candidates);
  ballots_.seats = static_cast<int>(std::min<long>(*seats, 1 << 20));
  seen_.assign(candidate_count_, 0);
  part_ = Part::kBallots;
}

// `[tie 3 2 1]`, `[withdrawn 4]`, `[nick a b c]`, or a line of negative numbers (withdrawn).
void BltReader::Option(std::string_view line) {
  std::vector<std::string_view> tokens = Tokens(line.substr(1, line.size() - 2));
  const std::string_view option = tokens.empty() ? "" : tokens.front();
  if (option == "nick") {
    nicknames_.assign(tokens.begin() + 1, tokens.end());
    return;
  }
  if (option != "tie" && option != "withdrawn") {
    Problem("unsupported BLT option " + util::Quote(line) +
            " (supported: [tie ...], [withdrawn ...], [nick ...])");
    return;
  }
  for (size_t i = 1; i < tokens.size(); ++i) {
    const std::optional<CandidateId> candidate = CandidateOf(tokens[i]);
    if (candidate) {
      (option == "tie" ? ballots_.tie_order : ballots_.withdrawn).push_back(*candidate);
    }
  }
}

// A line of negative candidate numbers, before the ballots: those candidates withdrew.
void BltReader::Withdrawn(std::string_view line) {
  for (std::string_view token : Tokens(line)) {
    if (!token.starts_with('-')) {
      Problem("a withdrawn-candidates line holds negative numbers only, found " +
              util::Quote(token));
      continue;
    }
    if (const std::optional<CandidateId> candidate = CandidateOf(token.substr(1))) {
      ballots_.withdrawn.push_back(*candidate);
    }
  }
}

std::optional<CandidateId> BltReader::CandidateOf(std::string_view token) {
  const auto nick = std::find(nicknames_.begin(), nicknames_.end(), token);
  if (nick != nicknames_.end()) {
    return CandidateId(static_cast<uint16_t>(nick - nicknames_.begin()));
  }
  const std::optional<long> number = Integer(token);
  if (!number || *number < 1 || static_cast<size_t>(*number) > candidate_count_) {
    Problem("candidate " + util::Quote(token) + " does not exist (the header declares " +
            std::to_string(candidate_count_) + " candidates)");
    return std::nullopt;
  }
  return CandidateId(static_cast<uint16_t>(*number - 1));
}

bool BltReader::Weight(std::string_view token, Votes& weight, int64_t& papers) {
  const std::optional<int64_t> units = core::ParseDecimalUnits(token, kWeightPlaces);
  if (!units) {
    Problem("the ballot weight " + util::Quote(token) + " is not a non-negative number");
    return false;
  }
  // A whole number is that many ballots; a fraction is one ballot of that weight.
  const bool whole = *units % core::UnitsPerVote(kWeightPlaces) == 0;
  papers = whole ? *units / core::UnitsPerVote(kWeightPlaces) : 1;
  places_used_ = std::max(places_used_, core::SignificantPlaces(*units, kWeightPlaces));
  weight = Votes::FromUnits(*units);
  return true;
}

bool BltReader::Preference(std::string_view token, size_t rank) {
  if (token.find('=') != std::string_view::npos) {
    Problem("rank " + std::to_string(rank) + " gives equal preferences " + util::Quote(token) +
            ", which are not supported: each rank must hold one candidate");
    return false;
  }
  const std::optional<CandidateId> candidate = CandidateOf(token);
  if (!candidate) {
    return false;
  }
  marks_.push_back(core::Mark{core::MarkKind::kCandidate, *candidate});
  return true;
}

void BltReader::Ballot(std::string_view line) {
  const std::vector<std::string_view> tokens = Tokens(line);
  if (tokens.size() == 1 && tokens[0] == "0") {
    part_ = Part::kNames;
    return;
  }
  Votes weight;
  int64_t papers = 0;
  bool ok = Weight(tokens[0], weight, papers);
  marks_.clear();
  size_t i = 1;
  for (; i < tokens.size() && tokens[i] != "0"; ++i) {
    ok = Preference(tokens[i], i) && ok;
  }
  if (i + 1 < tokens.size()) {
    Problem("text after the 0 that ends the ballot: " + util::Quote(tokens[i + 1]));
    ok = false;
  }
  if (!ok) {
    return;
  }
  const core::Verdict verdict =
      core::ReadRanking(marks_, options_.rules, candidate_count_, ranking_, seen_);
  (void)RecordBallot(verdict, core::SectionId(0), ranking_, weight, papers, lines_.line_number(),
                     builder_, problems_);
}

void BltReader::Name(std::string_view line) {
  std::string name;
  std::string party;
  if (!ParseNameLine(line, name, party)) {
    return Problem("a candidate line holds a name and at most a party, found " + util::Quote(line));
  }
  AddCandidate(std::move(name), std::move(party), line);
}

void BltReader::AddCandidate(std::string name, std::string party, std::string_view line) {
  if (name.empty() || !util::IsValidUtf8(name) || !util::IsValidUtf8(party)) {
    Problem("candidate " + std::to_string(ballots_.candidates.size() + 1) +
            ": the name is empty or not valid UTF-8: " + util::Quote(line));
  }
  ballots_.candidates.push_back(std::move(name));
  ballots_.parties.push_back(std::move(party));
  if (ballots_.candidates.size() == candidate_count_) {
    part_ = Part::kTitle;
  }
}

// Some files give the names as PrefLib-style comments: `# ALTERNATIVE NAME 3: Name (Party)`.
bool BltReader::AlternativeName(std::string_view line) {
  constexpr std::string_view kPrefix = "# ALTERNATIVE NAME ";
  const size_t colon = line.find(':');
  if (!line.starts_with(kPrefix) || colon == std::string_view::npos) {
    return false;
  }
  const std::optional<long> number =
      Integer(util::Trim(line.substr(kPrefix.size(), colon - kPrefix.size())));
  if (!number || static_cast<size_t>(*number) != ballots_.candidates.size() + 1) {
    Problem("expected the name of candidate " + std::to_string(ballots_.candidates.size() + 1) +
            ", found " + util::Quote(line));
    return true;
  }
  AddCandidate(std::string(util::Trim(line.substr(colon + 1))), "", line);
  return true;
}

void BltReader::Title(std::string_view line) {
  std::string title(line);
  // Unquote, as many times as the file quoted it.
  for (auto quoted = QuotedStrings(title); quoted && quoted->size() == 1;
       quoted = QuotedStrings(title)) {
    title = quoted->front();
  }
  if (!util::IsValidUtf8(title)) {
    Problem("the title is not valid UTF-8");
  }
  ballots_.title = std::move(title);
  part_ = Part::kAfter;
}

void BltReader::Line(std::string_view raw) {
  if (part_ == Part::kNames && AlternativeName(util::Trim(raw))) {
    return;
  }
  const bool names = part_ == Part::kNames || part_ == Part::kTitle;
  const std::string_view line =
      names && !util::Trim(raw).starts_with('#') ? util::Trim(raw) : StripComment(raw);
  if (line.empty()) {
    return;
  }
  switch (part_) {
    case Part::kHeader:
      return Header(line);
    case Part::kBallots:
      if (line.front() == '[' && line.back() == ']') {
        return Option(line);
      }
      if (line.front() == '-' && builder_.size() == 0) {
        return Withdrawn(line);
      }
      return Ballot(line);
    case Part::kNames:
      return Name(line);
    case Part::kTitle:
      return Title(line);
    case Part::kAfter:
      return;  // notes after the title (a source, a checksum table): not part of the count
  }
}

util::Result<core::BallotSet> BltReader::Finish() {
  if (fatal_) {
    return problems_.ToError(lines_.name(), util::ErrorCode::kInvalidInput);
  }
  if (part_ == Part::kHeader) {
    Problem("the file has no header line");
  } else if (part_ == Part::kBallots) {
    Problem("the ballots are not ended by a line holding 0");
  } else if (part_ == Part::kNames) {
    Problem("the file names " + std::to_string(ballots_.candidates.size()) + " of its " +
            std::to_string(candidate_count_) + " candidates");
  }
  if (builder_.overflowed()) {
    Problem("the ballots' total weight is too large to count exactly");
  }
  if (!problems_.empty()) {
    return problems_.ToError(lines_.name(), util::ErrorCode::kInvalidInput);
  }
  ballots_.ranks_allowed = candidate_count_;
  ballots_.places = places_used_;
  builder_.MoveInto(ballots_);
  const int64_t divisor = core::UnitsPerVote(kWeightPlaces - ballots_.places);
  for (Votes& weight : ballots_.weight) {
    CHECK(weight.units() % divisor == 0);
    weight = Votes::FromUnits(weight.units() / divisor);
  }
  return std::move(ballots_);
}

util::Result<core::BallotSet> BltReader::Read() {
  std::string_view line;
  while (true) {
    util::Result<bool> more = lines_.Next(line);
    if (!more.ok()) {
      return more.error();
    }
    if (!*more) {
      break;
    }
    Line(line);
    if (fatal_) {
      break;
    }
  }
  return Finish();
}

}  // namespace

util::Result<core::BallotSet> ReadBlt(const ByteSource& source, const ReadOptions& options) {
  return BltReader(source, options).Read();
}

}  // namespace scrutineer::formats
