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

// "college": {"section": weight, ...}, weights whole numbers from 1.
void ReadCollege(const Json& document, ContestFile& contest, std::vector<util::Problem>& problems,
                 const std::string& file) {
  if (!document.contains("college")) {
    return;
  }
  const Json& college = document["college"];
  if (!college.is_object() || college.empty()) {
    problems.push_back({file, "college must map each section to its weight"});
    return;
  }
  for (const auto& [section, weight] : college.items()) {
    if (util::Trim(section).empty() || !weight.is_number_integer() || weight.get<int64_t>() < 1 ||
        weight.get<int64_t>() > 1'000'000'000) {
      problems.push_back({file, "college: the weight of " + util::Quote(section) +
                                    " must be a whole number from 1 to 1000000000"});
      continue;
    }
    contest.college.emplace_back(util::Trim(section), weight.get<int64_t>());
  }
}

// "points": 100, "points_at_most_votes": true, "weighted_places": 2.
void ReadWeighting(const Json& document, ContestFile& contest, std::vector<util::Problem>& problems,
                   const std::string& file) {
  ReadCollege(document, contest, problems, file);
  if (document.contains("points")) {
    const Json& points = document["points"];
    if (points.is_number_integer() && points.get<int64_t>() >= 1 &&
        points.get<int64_t>() <= 1'000'000'000) {
      contest.points = points.get<int64_t>();
    } else {
      problems.push_back({file, "points must be a whole number from 1 to 1000000000"});
    }
  }
  if (document.contains("points_at_most_votes")) {
    if (document["points_at_most_votes"].is_boolean()) {
      contest.points_at_most_votes = document["points_at_most_votes"].get<bool>();
    } else {
      problems.push_back({file, "points_at_most_votes must be true or false"});
    }
  }
  if (document.contains("weighted_places")) {
    const Json& places = document["weighted_places"];
    if (places.is_number_integer() && places.get<int64_t>() >= 0 && places.get<int64_t>() <= 12) {
      contest.weighted_places = places.get<int>();
    } else {
      problems.push_back({file, "weighted_places must be a whole number from 0 to 12"});
    }
  }
  if (!contest.college.empty() && contest.points > 0) {
    problems.push_back({file, "a contest has a college or points, not both"});
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
  ReadWeighting(document, contest, problems, name);
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
