#pragma once
// Reading the ballot page's form: beside each candidate the voter types a number, 1 for the
// first preference, 2 for the second, and so on. The numbers become the ranking the library
// casts; numbers that cannot be read as one are problems to show the voter, each with a
// message key of the catalogue (messages.h) and its arguments.

#include <string>
#include <vector>

#include "web/messages.h"

namespace scrutineer::web {

struct FormProblem {
  std::string key;  // e.g. "ballot.number_twice"
  MessageArgs args;
};

struct NumberedRanking {
  std::vector<std::string> preferences;  // candidate names in the order of their numbers
  std::vector<FormProblem> problems;     // empty when the numbers are a ranking
};

// The ranking typed as `numbers` (numbers[i] beside candidates[i], "" or spaces for none) in
// the contest titled `contest`. The numbers given must be whole numbers from 1 to the number
// of candidates, each used once, with none left out below the highest (1, 2, 4 is refused:
// 3 is missing). No numbers at all is a blank ballot.
// REQUIRES: numbers.size() == candidates.size().
NumberedRanking RankingFromNumbers(const std::string& contest,
                                   const std::vector<std::string>& candidates,
                                   const std::vector<std::string>& numbers);

}  // namespace scrutineer::web
