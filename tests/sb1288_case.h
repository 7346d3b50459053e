#pragma once
// The California SB 1288 reference tests (../shared/conformance/stv/ca-sb1288): a case file
// with its includes, SB 1288's lists of names, its ballots read under SB 1288's ballot rules,
// and its tie_breaker as our tie rules. Shared by the conformance tests of both counts.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/ballot_set.h"
#include "count/tie_break.h"

namespace scrutineer::testing::sb1288 {

using Json = nlohmann::json;

// A case file under conformance/stv/ca-sb1288/ ("test_stv/stv-001.json") as the reference's
// test runner builds it: the files its "include" lists (not theirs), then its own keys, each
// later file's keys replacing earlier ones; "ballots_more" then adds to "ballots".
Json LoadCase(const std::string& relative);

// The cases of a folder ("test_stv"): every file but the "-base" ones, which only hold data
// for others to include (the reference runs none of them), sorted, without ".json".
std::vector<std::string> CaseNames(const std::string& folder);

// SB 1288 writes a list of strings either as a JSON array or as one string whose first
// character is the delimiter (" A B C"; "" is the empty list).
std::vector<std::string> Strings(const Json& value);

// The case's ballots, one entry a ballot group, under SB 1288's rules: a skipped rank and a
// repeated candidate are passed over; an overvote ("#") ends the ballot; a ballot that ranks
// as many distinct candidates as max_ranking_levels ends with every rank used (SB 1288's
// "other exhausted"), one that ranks fewer ends with no more preferences (an abstention).
core::BallotSet BallotsOf(const Json& spec, const std::vector<std::string>& names);

// The case's tie_breaker as our rules: the first listed loses a tie.
count::TieBreakRules TieBreakerOf(const Json& spec, const std::vector<std::string>& names);

}  // namespace scrutineer::testing::sb1288
