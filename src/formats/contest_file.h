#pragma once
// The contest file (docs/formats/contest.md): a small JSON document declaring a contest's
// title, method, seats, candidates (in ballot-paper order) and sections. Declared candidates
// let a reader tell an unknown name from a candidate with no votes.
//
//   {"title": "Leader", "method": "instant-runoff", "seats": 1,
//    "candidates": ["Ann Smith", "Bob Jones"], "sections": ["members", "supporters"]}

#include <string>
#include <utility>
#include <vector>

#include "util/result.h"

namespace scrutineer::formats {

struct ContestFile {
  std::string title;
  std::string method;  // empty when not given
  int seats = 0;       // 0 when not given
  std::vector<std::string> candidates;
  std::vector<std::string> sections;
  // An electoral college: each section's weight ({"affiliates": 1, "members": 1, ...}), in
  // order of their names. Empty when not given.
  std::vector<std::pair<std::string, int64_t>> college;
  int64_t points = 0;                // points per district (section); 0 when not given
  bool points_at_most_votes = false;  // a district with fewer votes is worth one point a vote
  int weighted_places = -1;          // places of weighted figures; -1 when not given
};

// Reads and checks a contest file: every problem (a wrong type, an empty or repeated name) is
// reported at once.
util::Result<ContestFile> ReadContestFile(const std::string& path);
util::Result<ContestFile> ParseContestFile(std::string_view text, const std::string& name);

}  // namespace scrutineer::formats
