#include "formats/contest_file.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "util/text.h"

namespace scrutineer::formats {
namespace {

using Json = nlohmann::json;

void ReadNames(const Json& document, const char* key, std::vector<std::string>& names,
               std::vector<util::Problem>& problems, const std::string& file) {
  if (!document.contains(key)) {
    return;
  }
  const Json& list = document.at(key);
  if (!list.is_array()) {
    problems.push_back({file, std::string(key) + " must be a list of names"});
    return;
  }
  std::set<std::string> seen;
  for (const Json& item : list) {
    if (!item.is_string() || util::Trim(item.get<std::string>()).empty()) {
      problems.push_back({file, std::string(key) + " holds something that is not a name"});
      continue;
    }
    std::string name(util::Trim(item.get<std::string>()));
    if (!seen.insert(name).second) {
      problems.push_back({file, std::string(key) + " lists " + util::Quote(name) + " twice"});
    }
    names.push_back(std::move(name));
  }
}

void ReadScalars(const Json& document, ContestFile& contest, std::vector<util::Problem>& problems,
                 const std::string& file) {
  if (document.contains("title")) {
    if (document["title"].is_string()) {
      contest.title = document["title"].get<std::string>();
    } else {
      problems.push_back({file, "title must be a string"});
    }
  }
  if (document.contains("method")) {
    if (document["method"].is_string()) {
      contest.method = document["method"].get<std::string>();
    } else {
      problems.push_back({file, "method must be a string"});
    }
  }
  if (document.contains("seats")) {
    const Json& seats = document["seats"];
    if (seats.is_number_integer() && seats.get<int64_t>() >= 1 && seats.get<int64_t>() <= 10000) {
      contest.seats = seats.get<int>();
    } else {
      problems.push_back({file, "seats must be a whole number from 1 to 10000"});
    }
  }
}

}  // namespace

util::Result<ContestFile> ParseContestFile(std::string_view text, const std::string& name) {
  Json document;
  try {
    document = Json::parse(text);
  } catch (const Json::parse_error& error) {
    return util::Error(util::ErrorCode::kInvalidInput,
                       std::string("not valid JSON: ") + error.what(), name);
  }
  if (!document.is_object()) {
    return util::Error(util::ErrorCode::kInvalidInput, "expected a JSON object", name);
  }
  ContestFile contest;
  std::vector<util::Problem> problems;
  ReadScalars(document, contest, problems, name);
  ReadNames(document, "candidates", contest.candidates, problems, name);
  ReadNames(document, "sections", contest.sections, problems, name);
  if (!problems.empty()) {
    return util::Error(util::ErrorCode::kInvalidInput, std::move(problems));
  }
  return contest;
}

util::Result<ContestFile> ReadContestFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return util::Error(util::ErrorCode::kNotFound, "cannot open the contest file", path);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return ParseContestFile(text.str(), path);
}

}  // namespace scrutineer::formats
