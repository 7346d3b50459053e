#include "web/ballot_form.h"

#include <map>

#include "util/check.h"

namespace scrutineer::web {
namespace {

// `text` without spaces around it.
std::string Trimmed(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) {
    return "";
  }
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// The whole number 1..max that `text` is, or 0.
size_t NumberIn(const std::string& text, size_t max) {
  if (text.empty() || text.size() > 4 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return 0;
  }
  const auto number = static_cast<size_t>(std::stoul(text));
  return number <= max ? number : 0;
}

}  // namespace

NumberedRanking RankingFromNumbers(const std::string& contest,
                                   const std::vector<std::string>& candidates,
                                   const std::vector<std::string>& numbers) {
  CHECK(numbers.size() == candidates.size());
  NumberedRanking ranking;
  std::map<size_t, std::vector<size_t>> by_number;  // number -> the candidates given it
  for (size_t i = 0; i < numbers.size(); ++i) {
    const std::string text = Trimmed(numbers[i]);
    if (text.empty()) {
      continue;
    }
    const size_t number = NumberIn(text, candidates.size());
    if (number == 0) {
      ranking.problems.push_back(
          {"ballot.not_a_number",
           {{"contest", contest}, {"text", text}, {"max", std::to_string(candidates.size())}}});
      continue;
    }
    by_number[number].push_back(i);
  }
  size_t expected = 1;
  for (const auto& [number, given] : by_number) {
    if (given.size() > 1) {
      ranking.problems.push_back(
          {"ballot.number_twice", {{"contest", contest}, {"number", std::to_string(number)}}});
    }
    if (number != expected) {
      ranking.problems.push_back(
          {"ballot.number_gap", {{"contest", contest}, {"number", std::to_string(expected)}}});
    }
    expected = number + 1;
    ranking.preferences.push_back(candidates[given.front()]);
  }
  if (!ranking.problems.empty()) {
    ranking.preferences.clear();
  }
  return ranking;
}

}  // namespace scrutineer::web
