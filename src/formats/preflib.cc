#include "formats/preflib.h"

#include <charconv>

#include "formats/line_reader.h"
#include "formats/problems.h"
#include "formats/record_ballot.h"
#include "util/text.h"

namespace scrutineer::formats {
namespace {

using core::CandidateId;

std::optional<long> Integer(std::string_view token) {
  token = util::Trim(token);
  long value = 0;
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (token.empty() || error != std::errc() || end != token.data() + token.size()) {
    return std::nullopt;
  }
  return value;
}

class PreflibReader {
 public:
  PreflibReader(const ByteSource& source, const ReadOptions& options)
      : lines_(source), options_(options), problems_(options.max_problems) {}

  util::Result<core::BallotSet> Read();

 private:
  void Metadata(std::string_view line);
  void Order(std::string_view line);
  bool Marks(std::string_view order);
  bool CheckNames();
  void Problem(std::string what) { problems_.Add(lines_.line_number(), std::move(what)); }

  LineReader lines_;
  const ReadOptions& options_;
  ProblemList problems_;
  core::BallotSet ballots_;
  core::BallotSetBuilder builder_;
  size_t alternatives_ = 0;
  // Set by the first order: whether the metadata before it named every alternative.
  std::optional<bool> names_ok_;
  std::vector<core::Mark> marks_;
  std::vector<CandidateId> ranking_;
  std::vector<uint8_t> seen_;
};

void PreflibReader::Metadata(std::string_view line) {
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) {
    return;  // a comment
  }
  const std::string_view key = util::Trim(line.substr(1, colon - 1));
  const std::string_view value = util::Trim(line.substr(colon + 1));
  if (names_ok_ && (key == "NUMBER ALTERNATIVES" || key.starts_with("ALTERNATIVE NAME "))) {
    return Problem(std::string(key) + " comes after the orders have begun");
  }
  if (key == "TITLE") {
    if (!util::IsValidUtf8(value)) {
      return Problem("the TITLE is not valid UTF-8");
    }
    ballots_.title = std::string(value);
  } else if (key == "NUMBER ALTERNATIVES") {
    const std::optional<long> count = Integer(value);
    if (!count || *count < 1 || *count > static_cast<long>(core::kMaxCandidates)) {
      return Problem("NUMBER ALTERNATIVES " + util::Quote(value) + " is not a usable number");
    }
    alternatives_ = static_cast<size_t>(*count);
    ballots_.candidates.assign(alternatives_, "");
  } else if (key.starts_with("ALTERNATIVE NAME ")) {
    const std::optional<long> number = Integer(key.substr(17));
    if (!number || *number < 1 || static_cast<size_t>(*number) > alternatives_) {
      return Problem(std::string(key) + " does not name one of the " +
                     std::to_string(alternatives_) + " alternatives");
    }
    if (!util::IsValidUtf8(value) || value.empty()) {
      return Problem(std::string(key) + " is empty or not valid UTF-8");
    }
    ballots_.candidates[static_cast<size_t>(*number - 1)] = std::string(value);
  }
}

bool PreflibReader::CheckNames() {
  if (alternatives_ == 0) {
    Problem("the orders begin before '# NUMBER ALTERNATIVES: n'");
    return false;
  }
  for (size_t i = 0; i < alternatives_; ++i) {
    if (ballots_.candidates[i].empty()) {
      Problem("alternative " + std::to_string(i + 1) + " has no '# ALTERNATIVE NAME' line");
    }
  }
  seen_.assign(alternatives_, 0);
  return problems_.empty();  // problems so far are all in the metadata
}

bool PreflibReader::Marks(std::string_view order) {
  marks_.clear();
  if (order.find('{') != std::string_view::npos) {
    Problem("the order has tied alternatives " + util::Quote(order) +
            ", which are not supported: each rank must hold one candidate");
    return false;
  }
  size_t begin = 0;
  while (begin <= order.size() && !util::Trim(order).empty()) {
    size_t end = order.find(',', begin);
    end = end == std::string_view::npos ? order.size() : end;
    const std::string_view token = order.substr(begin, end - begin);
    const std::optional<long> number = Integer(token);
    if (!number || *number < 1 || static_cast<size_t>(*number) > alternatives_) {
      Problem("alternative " + util::Quote(token) + " does not exist (the file has " +
              std::to_string(alternatives_) + ")");
      return false;
    }
    marks_.push_back(
        core::Mark{core::MarkKind::kCandidate, CandidateId(static_cast<uint16_t>(*number - 1))});
    begin = end + 1;
  }
  return true;
}

void PreflibReader::Order(std::string_view line) {
  if (!names_ok_) {
    names_ok_ = CheckNames();
  }
  if (!*names_ok_) {
    return;  // without the alternatives' names no order can be read
  }
  const size_t colon = line.find(':');
  const std::optional<long> count =
      colon == std::string_view::npos ? std::nullopt : Integer(line.substr(0, colon));
  if (!count || *count < 0) {
    return Problem("expected 'COUNT: a,b,c', found " + util::Quote(line));
  }
  if (!Marks(util::Trim(line.substr(colon + 1)))) {
    return;
  }
  const core::Verdict verdict =
      core::ReadRanking(marks_, options_.rules, alternatives_, ranking_, seen_);
  (void)RecordBallot(verdict, core::SectionId(0), ranking_, core::Votes::FromUnits(*count), *count,
                     lines_.line_number(), builder_, problems_);
}

util::Result<core::BallotSet> PreflibReader::Read() {
  std::string_view line;
  while (true) {
    util::Result<bool> more = lines_.Next(line);
    if (!more.ok()) {
      return more.error();
    }
    if (!*more) {
      break;
    }
    line = util::Trim(line);
    if (line.starts_with('#')) {
      Metadata(line);
    } else if (!line.empty()) {
      Order(line);
    }
  }
  if (!names_ok_ && problems_.empty()) {
    names_ok_ = CheckNames();
  }
  if (builder_.overflowed()) {
    Problem("the ballots' total count is too large to count exactly");
  }
  if (!problems_.empty()) {
    return problems_.ToError(lines_.name(), util::ErrorCode::kInvalidInput);
  }
  ballots_.ranks_allowed = alternatives_;
  builder_.MoveInto(ballots_);
  return std::move(ballots_);
}

}  // namespace

util::Result<core::BallotSet> ReadPreflib(const ByteSource& source, const ReadOptions& options) {
  return PreflibReader(source, options).Read();
}

}  // namespace scrutineer::formats
