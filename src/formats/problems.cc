#include "formats/problems.h"

#include "util/text.h"

namespace scrutineer::formats {

void ProblemList::Add(uint64_t line, std::string what) {
  if (kept_.size() < max_kept_) {
    kept_.push_back(Entry{line, std::move(what)});
  } else {
    ++dropped_;
  }
}

void ProblemList::Merge(const ProblemList& later, uint64_t line_offset) {
  for (const Entry& entry : later.kept_) {
    Add(entry.line == 0 ? 0 : entry.line + line_offset, entry.what);
  }
  dropped_ += later.dropped_;
}

util::Error ProblemList::ToError(const std::string& file, util::ErrorCode code) const {
  CHECK(!kept_.empty());
  std::vector<util::Problem> problems;
  for (const Entry& entry : kept_) {
    problems.push_back(util::Problem{
        entry.line == 0 ? file : file + ":" + std::to_string(entry.line), entry.what});
  }
  if (dropped_ > 0) {
    problems.push_back(
        util::Problem{file, "and " + std::to_string(dropped_) + " more problems not shown"});
  }
  return util::Error(code, std::move(problems));
}

std::string JoinQuoted(const std::vector<std::string>& names) {
  std::string text;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) {
      text += i + 1 == names.size() ? " and " : ", ";
    }
    text += util::Quote(names[i]);
  }
  return text.empty() ? "none" : text;
}

}  // namespace scrutineer::formats
