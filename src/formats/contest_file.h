#pragma once
// The contest file (docs/formats/contest.md): a small JSON document declaring a contest's
// title, method, seats, candidates (in ballot-paper order) and sections. Declared candidates
// let a reader tell an unknown name from a candidate with no votes.
//
//   {"title": "Leader", "method": "instant-runoff", "seats": 1,
//    "candidates": ["Ann Smith", "Bob Jones"], "sections": ["members", "supporters"]}

#include <string>
#include <vector>

#include "util/result.h"

namespace scrutineer::formats {

struct ContestFile {
  std::string title;
  std::string method;  // empty when not given
  int seats = 0;       // 0 when not given
  std::vector<std::string> candidates;
  std::vector<std::string> sections;
};

// Reads and checks a contest file: every problem (a wrong type, an empty or repeated name) is
// reported at once.
util::Result<ContestFile> ReadContestFile(const std::string& path);
util::Result<ContestFile> ParseContestFile(std::string_view text, const std::string& name);

}  // namespace scrutineer::formats
