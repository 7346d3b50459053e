#pragma once
// What every ballot reader takes: the ballot rules to apply, and optionally the candidates and
// sections declared for the contest (from a contest file). When candidates are declared, a
// name on a ballot that is not among them is an unknown candidate, treated as the rules say;
// when they are not, the candidates are the names the ballots use, in order of first use.

#include <cstddef>
#include <string>
#include <vector>

#include "core/ballot_rules.h"

namespace scrutineer::formats {

struct ReadOptions {
  core::BallotRules rules;
  // Declared candidates, in ballot-paper order. Empty: taken from the ballots.
  std::vector<std::string> candidates;
  // Declared sections. Empty: taken from the ballots. A section not declared is refused.
  std::vector<std::string> sections;
  // Threads a reader may use (0: as many as help, at most the machine's cores).
  int threads = 0;
  // Problems reported before the rest are summarised as a count.
  size_t max_problems = 50;
};

}  // namespace scrutineer::formats
