// The single transferable vote cases of the California SB 1288 reference tests
// (../shared/conformance/stv/ca-sb1288/test_stv and test_stv_altdef): every candidate's votes
// in every round, the overvotes, abstentions, other exhausted ballots and residual surplus,
// each candidate's final status (elected or defeated, the round, the votes then), and who is
// elected, all to the fifth decimal place. The reference's test runner runs every file of
// the two folders except the "-base" files, which hold data for the others to include; so
// does this one. test_stv_altdef runs with the reference's alternative defeats when the case
// asks for them (docs/methods/sb1288.md).
//
// Beyond what the cases state, every round must account for every vote (candidates,
// exhausted ballots and residual surplus together are the valid papers), and a round's
// transfers must be exactly what the next round's tally adds.

#include "count/sb1288_stv.h"

#include <gtest/gtest.h>

#include <cmath>

#include "tests/sb1288_case.h"

namespace scrutineer::testing {
namespace {

using core::CandidateId;
using core::Exhaustion;
using sb1288::Json;

constexpr int64_t kUnit = 100000;  // SB 1288 counts in hundred-thousandths of a vote

// A figure of the case file (a JSON number such as 28.99975) in hundred-thousandths.
int64_t Units(const Json& figure) { return std::llround(figure.get<double>() * kUnit); }

count::AlternativeDefeats AlternativeDefeatsOf(const Json& spec) {
  count::AlternativeDefeats option;
  const Json value = spec["options"].value("alternative_defeats", Json("N"));
  const auto yes = [](const Json& flag) {
    return flag.get<std::string>() == "Y" || flag.get<std::string>() == "y";
  };
  if (value.is_string() && value.get<std::string>().size() <= 1) {
    option.always = yes(value);
    return option;
  }
  for (const std::string& round : sb1288::Strings(value)) {
    option.rounds.push_back(yes(Json(round)));
  }
  return option;
}

count::StvRules RulesOf(const Json& spec, const std::vector<std::string>& names) {
  count::StvRules rules;
  rules.seats = spec["nbr_seats_to_fill"].get<int>();
  rules.custom_tie_break = true;
  rules.tie_break = sb1288::TieBreakerOf(spec, names);
  return rules;
}

// The case's tally in hundred-thousandths.
Json ExpectedTally(const Json& spec) {
  Json tally = Json::object();
  for (const auto& [key, figures] : spec["tally"].items()) {
    tally[key] = Json::array();
    for (const Json& figure : figures) {
      tally[key].push_back(Units(figure));
    }
  }
  return tally;
}

// SB 1288's per-round tallies: each candidate in every round that started with them
// continuing or elected, the three kinds of exhausted ballots, and the residual surplus.
Json TallyOf(const count::Result& result, const core::BallotSet& ballots) {
  Json tally = Json::object();
  for (const count::Stage& round : result.stages) {
    for (size_t c = 0; c < ballots.candidates.size(); ++c) {
      if (round.state[c] == count::CandidateState::kContinuing ||
          round.state[c] == count::CandidateState::kElected) {
        tally[ballots.candidates[c]].push_back(round.votes[c].units());
      }
    }
    const auto at = [&](Exhaustion kind) {
      return round.exhausted[static_cast<size_t>(kind)].units();
    };
    tally[":Overvotes"].push_back(at(Exhaustion::kOvervote));
    tally[":Abstentions"].push_back(at(Exhaustion::kNoMorePreferences) + ballots.blank[0] * kUnit);
    tally[":Other exhausted"].push_back(at(Exhaustion::kAllRanksUsed) +
                                        at(Exhaustion::kSkippedRank) +
                                        at(Exhaustion::kRepeatedCandidate));
    tally[":Residual surplus"].push_back(round.loss.units());
  }
  return tally;
}

Json ExpectedStatus(const Json& spec) {
  Json status = Json::array();
  for (const Json& row : spec["status_codes"]) {
    status.push_back({row[0], row[1], row[2], Units(row[3])});
  }
  std::sort(status.begin(), status.end());
  return status;
}

// [name, "elected"|"defeated", round, votes] for every candidate: as elected or defeated in
// a round, or, still continuing when the seats were filled, defeated in the last round.
Json StatusOf(const count::Result& result, const core::BallotSet& ballots) {
  Json status = Json::array();
  std::vector<bool> decided(ballots.candidates.size(), false);
  for (const count::Stage& round : result.stages) {
    const auto add = [&](CandidateId c, const char* what) {
      status.push_back(
          {ballots.candidates[c.index()], what, round.number, round.votes[c.index()].units()});
      decided[c.index()] = true;
    };
    for (CandidateId c : round.elected) {
      add(c, "elected");
    }
    for (CandidateId c : round.excluded) {
      add(c, "defeated");
    }
  }
  const count::Stage& last = result.stages.back();
  for (size_t c = 0; c < ballots.candidates.size(); ++c) {
    if (!decided[c]) {
      status.push_back({ballots.candidates[c], "defeated", last.number, last.votes[c].units()});
    }
  }
  std::sort(status.begin(), status.end());
  return status;
}

// Candidates, exhausted ballots and residual surplus: every valid paper in every round.
void ExpectEveryVoteAccountedFor(const count::Result& result, const core::BallotSet& ballots) {
  core::Votes papers;
  for (core::Votes weight : ballots.weight) {
    papers += core::Votes::FromUnits(weight.units() * kUnit);
  }
  for (const count::Stage& round : result.stages) {
    core::Votes held = round.exhausted_total() + round.loss;
    for (size_t c = 0; c < round.votes.size(); ++c) {
      if (round.state[c] != count::CandidateState::kExcluded) {
        held += round.votes[c];
      }
    }
    EXPECT_EQ(held, papers) << "round " << round.number;
  }
}

// What a round's transfers gave each continuing candidate is what the next round adds.
void ExpectTransfersMakeTheNextTally(const count::Result& result) {
  for (size_t r = 0; r + 1 < result.stages.size(); ++r) {
    const count::Stage& round = result.stages[r];
    const count::Stage& next = result.stages[r + 1];
    for (size_t c = 0; c < round.votes.size(); ++c) {
      if (next.state[c] == count::CandidateState::kContinuing) {
        const CandidateId id(static_cast<uint16_t>(c));
        EXPECT_EQ(next.votes[c], round.votes[c] + round.TransferredTo(id))
            << "round " << next.number << ", candidate " << c;
      }
    }
  }
}

void RunCase(const std::string& relative) {
  const Json spec = sb1288::LoadCase(relative);
  SCOPED_TRACE(spec["description"].get<std::string>());
  const std::vector<std::string> names = sb1288::Strings(spec["candidates"]);
  const core::BallotSet ballots = sb1288::BallotsOf(spec, names);
  auto result =
      count::CountSb1288Stv(ballots, RulesOf(spec, names), AlternativeDefeatsOf(spec), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(TallyOf(*result, ballots), ExpectedTally(spec));
  EXPECT_EQ(StatusOf(*result, ballots), ExpectedStatus(spec));
  std::vector<std::string> elected;
  for (CandidateId c : result->elected) {
    elected.push_back(names[c.index()]);
  }
  std::vector<std::string> expected = sb1288::Strings(spec["elected"]);
  std::sort(elected.begin(), elected.end());  // the reference returns a set
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(elected, expected);
  ExpectEveryVoteAccountedFor(*result, ballots);
  ExpectTransfersMakeTheNextTally(*result);
}

std::string TestName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

class Sb1288StvTest : public ::testing::TestWithParam<std::string> {};

TEST_P(Sb1288StvTest, EveryRoundStatusAndWinnersMatch) {
  RunCase("test_stv/" + GetParam() + ".json");
}

INSTANTIATE_TEST_SUITE_P(CaSb1288, Sb1288StvTest,
                         ::testing::ValuesIn(sb1288::CaseNames("test_stv")), TestName);

class Sb1288StvAlternativeDefeatsTest : public ::testing::TestWithParam<std::string> {};

TEST_P(Sb1288StvAlternativeDefeatsTest, EveryRoundStatusAndWinnersMatch) {
  RunCase("test_stv_altdef/" + GetParam() + ".json");
}

INSTANTIATE_TEST_SUITE_P(CaSb1288, Sb1288StvAlternativeDefeatsTest,
                         ::testing::ValuesIn(sb1288::CaseNames("test_stv_altdef")), TestName);

TEST(Sb1288StvCasesTest, EveryCaseOfTheReferenceIsRun) {
  // The reference's test_stv.py and test_altdef.py list 42 and 28 cases.
  EXPECT_EQ(sb1288::CaseNames("test_stv").size(), 42u);
  EXPECT_EQ(sb1288::CaseNames("test_stv_altdef").size(), 28u);
}

}  // namespace
}  // namespace scrutineer::testing
