// The instant-runoff cases of the California SB 1288 reference tests
// (../shared/conformance/stv/ca-sb1288/test_irv): every candidate's votes in every round, the
// overvotes, abstentions and other exhausted ballots, each candidate's final status, round and
// votes, and the winner. SB 1288's rules in our terms: a skipped rank and a repeated candidate
// are passed over, an overvote ends the ballot, ties go to a given order (the first listed
// loses), and the count runs until two remain unless told to stop at a majority.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "count/irv.h"
#include "tests/run_command.h"

namespace scrutineer::testing {
namespace {

using Json = nlohmann::json;
using core::CandidateId;
using core::Exhaustion;

const std::string kRoot = "conformance/stv/ca-sb1288/";

// A case file with its "include"s merged in (the including file's keys win, ballots_more adds).
Json LoadCase(const std::string& relative) {
  Json spec = Json::parse(ReadFile(SharedPath(kRoot + relative)));
  Json merged = Json::object();
  for (const Json& include : spec.value("include", Json::array())) {
    merged.update(LoadCase(include.get<std::string>()));
  }
  merged.update(spec);
  if (spec.contains("ballots_more")) {
    for (const Json& ballot : spec["ballots_more"]) {
      merged["ballots"].push_back(ballot);
    }
  }
  return merged;
}

// SB 1288 writes a list of strings as one string whose first character is the delimiter.
std::vector<std::string> Strings(const Json& value) {
  if (value.is_array()) {
    return value.get<std::vector<std::string>>();
  }
  const std::string text = value.get<std::string>();
  std::vector<std::string> items;
  if (text.empty()) {
    return items;
  }
  size_t begin = 1;
  while (begin <= text.size()) {
    const size_t end = std::min(text.find(text[0], begin), text.size());
    items.push_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  return items;
}

core::BallotSet BallotsOf(const Json& spec, const std::vector<std::string>& names) {
  core::BallotSet ballots;
  ballots.candidates = names;
  core::BallotRules rules;
  rules.skipped_rank = core::Treatment::kSkip;
  rules.repeated_candidate = core::Treatment::kSkip;
  rules.overvote = core::Treatment::kStop;
  const size_t ranks_allowed =
      spec["max_ranking_levels"].is_null() ? 0 : spec["max_ranking_levels"].get<size_t>();
  core::BallotSetBuilder builder;
  std::vector<CandidateId> ranking;
  std::vector<uint8_t> seen(names.size(), 0);
  for (const Json& group : spec["ballots"]) {
    const int64_t papers = group[0].get<int64_t>();
    std::vector<core::Mark> marks;
    for (const std::string& code : Strings(group[1])) {
      const auto found = std::find(names.begin(), names.end(), code);
      marks.push_back(code.empty() ? core::Mark{}
                      : code == "#"
                          ? core::Mark{core::MarkKind::kOvervote, {}}
                          : core::Mark{core::MarkKind::kCandidate,
                                       CandidateId(static_cast<uint16_t>(found - names.begin()))});
    }
    const core::Verdict verdict = core::ReadRanking(marks, rules, ranks_allowed, ranking, seen);
    if (verdict.kind == core::Verdict::Kind::kBlank) {
      builder.AddBlank(core::SectionId(0), papers);
    } else {
      builder.Add(core::SectionId(0), ranking, verdict.end, core::Votes::FromUnits(papers), papers);
    }
  }
  builder.MoveInto(ballots);
  return ballots;
}

count::IrvRules RulesOf(const Json& spec, const std::vector<std::string>& names) {
  count::IrvRules rules;
  const Json options = spec.value("options", Json::object());
  rules.stop_at_majority = options.value("stop_at_majority", false);
  const Json batch = options.value("alternative_defeats", Json("N"));
  if (batch.is_string()) {
    rules.batch_elimination = batch.get<std::string>() == "Y" || batch.get<std::string>() == "y";
  } else {
    for (const Json& round : batch) {
      rules.batch_rounds.push_back(round.get<std::string>() == "Y");
    }
  }
  rules.tie_break.steps = {count::TieStep::kOrder};
  for (const std::string& name : Strings(spec["tie_breaker"])) {
    const auto found = std::find(names.begin(), names.end(), name);
    rules.tie_break.order.emplace_back(static_cast<uint16_t>(found - names.begin()));
  }
  return rules;
}

// SB 1288's per-round tallies: each candidate while counted, and the three exhausted heads.
Json TallyOf(const count::Result& result, const core::BallotSet& ballots) {
  Json tally = Json::object();
  for (const count::Stage& round : result.stages) {
    for (size_t c = 0; c < ballots.candidates.size(); ++c) {
      if (round.state[c] == count::CandidateState::kContinuing) {
        tally[ballots.candidates[c]].push_back(round.votes[c].units());
      }
    }
    const auto at = [&](Exhaustion kind) {
      return round.exhausted[static_cast<size_t>(kind)].units();
    };
    tally[":Overvotes"].push_back(at(Exhaustion::kOvervote));
    tally[":Abstentions"].push_back(at(Exhaustion::kNoMorePreferences) + ballots.blank[0]);
    tally[":Other exhausted"].push_back(at(Exhaustion::kAllRanksUsed) +
                                        at(Exhaustion::kSkippedRank) +
                                        at(Exhaustion::kRepeatedCandidate));
  }
  return tally;
}

// [name, "elected"|"defeated", round, votes] for every candidate.
Json StatusOf(const count::Result& result, const core::BallotSet& ballots) {
  Json status = Json::array();
  for (const count::Stage& round : result.stages) {
    const auto add = [&](CandidateId c, const char* what) {
      status.push_back(
          {ballots.candidates[c.index()], what, round.number, round.votes[c.index()].units()});
    };
    for (CandidateId c : round.elected) {
      add(c, "elected");
    }
    for (CandidateId c : round.excluded) {
      add(c, "defeated");
    }
  }
  // SB 1288 defeats every candidate still continuing when the winner is elected.
  const count::Stage& last = result.stages.back();
  for (size_t c = 0; c < ballots.candidates.size(); ++c) {
    if (last.state[c] == count::CandidateState::kContinuing &&
        std::find(last.elected.begin(), last.elected.end(),
                  CandidateId(static_cast<uint16_t>(c))) == last.elected.end() &&
        std::find(last.excluded.begin(), last.excluded.end(),
                  CandidateId(static_cast<uint16_t>(c))) == last.excluded.end()) {
      status.push_back({ballots.candidates[c], "defeated", last.number, last.votes[c].units()});
    }
  }
  return status;
}

std::vector<std::string> Cases() {
  std::vector<std::string> cases;
  for (const auto& entry : std::filesystem::directory_iterator(SharedPath(kRoot + "test_irv"))) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".json" &&
        LoadCase("test_irv/" + name).contains("status_codes")) {
      cases.push_back(name.substr(0, name.size() - 5));
    }
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

class Sb1288IrvTest : public ::testing::TestWithParam<std::string> {};

TEST_P(Sb1288IrvTest, EveryRoundStatusAndWinnerMatch) {
  const Json spec = LoadCase("test_irv/" + GetParam() + ".json");
  SCOPED_TRACE(spec["description"].get<std::string>());
  if (spec.contains("exception")) {
    // The reference refuses a contest with fewer than one seat; so must the command line.
    const CommandResult run =
        RunCommand({ScrutineerBinary(), "count",
                    SharedPath("conformance/published/snp_2023_leader/ballots.csv"), "--seats",
                    std::to_string(spec["nbr_seats_to_fill"].get<int>())});
    EXPECT_EQ(run.exit_code, 1) << run.err;
    EXPECT_NE(run.err.find("--seats"), std::string::npos) << run.err;
    return;
  }
  const std::vector<std::string> names = Strings(spec["candidates"]);
  const core::BallotSet ballots = BallotsOf(spec, names);
  auto result = count::CountIrv(ballots, RulesOf(spec, names), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(TallyOf(*result, ballots), spec["tally"]);
  Json want_status = spec["status_codes"];
  Json got_status = StatusOf(*result, ballots);
  std::sort(want_status.begin(), want_status.end());
  std::sort(got_status.begin(), got_status.end());
  EXPECT_EQ(got_status, want_status);
  if (spec.contains("elected")) {
    std::vector<std::string> elected;
    for (CandidateId c : result->elected) {
      elected.push_back(names[c.index()]);
    }
    EXPECT_EQ(elected, Strings(spec["elected"]));
  }
}

INSTANTIATE_TEST_SUITE_P(CaSb1288, Sb1288IrvTest, ::testing::ValuesIn(Cases()),
                         [](const auto& param_info) {
                           std::string name = param_info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace scrutineer::testing
