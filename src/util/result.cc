#include "util/result.h"

namespace scrutineer::util {

Error::Error(ErrorCode code, std::string what, std::string where)
    : code_(code), problems_{Problem{std::move(where), std::move(what)}} {}

Error::Error(ErrorCode code, std::vector<Problem> problems)
    : code_(code), problems_(std::move(problems)) {
  CHECK(!problems_.empty());
}

std::string Error::ToString() const {
  std::string text;
  for (const Problem& problem : problems_) {
    if (!text.empty()) {
      text += '\n';
    }
    if (!problem.where.empty()) {
      text += problem.where;
      text += ": ";
    }
    text += problem.what;
  }
  return text;
}

}  // namespace scrutineer::util
