#include "count/eliminating.h"

#include <gtest/gtest.h>

namespace scrutineer::count {
namespace {

using Names = std::vector<std::string>;

// Runs successive ballots as published, each deciding who goes; returns who went in each.
std::vector<Names> Decide(const std::vector<EliminatingTally>& ballots,
                       const std::vector<int64_t>& thresholds) {
  std::vector<Names> gone;
  std::vector<EliminatingTally> earlier;
  int draws = 0;
  for (size_t round = 0; round < ballots.size(); ++round) {
    EliminatingRules rules;
    rules.threshold = round < thresholds.size() ? thresholds[round] : 0;
    auto decision = DecideEliminatingBallot(earlier, ballots[round], rules, nullptr, draws);
    EXPECT_TRUE(decision.ok()) << decision.error().ToString();
    gone.push_back(decision.ok() ? decision->eliminated : Names{});
    earlier.push_back(ballots[round]);
  }
  return gone;
}

// The Conservative Party's 2022 ballots of MPs, as published: 30 votes needed in the first,
// then the fewest went each time, until Sunak and Truss were left for the members.
TEST(EliminatingBallotTest, Conservative2022AsPublished) {
  const std::vector<EliminatingTally> ballots{
      {{"Sunak", "Mordaunt", "Truss", "Badenoch", "Tugendhat", "Braverman", "Zahawi", "Hunt"},
       {88, 67, 50, 40, 37, 32, 25, 18}},
      {{"Sunak", "Mordaunt", "Truss", "Badenoch", "Tugendhat", "Braverman"},
       {101, 83, 64, 49, 32, 27}},
      {{"Sunak", "Mordaunt", "Truss", "Badenoch", "Tugendhat"}, {115, 82, 71, 58, 31}},
      {{"Sunak", "Mordaunt", "Truss", "Badenoch"}, {118, 92, 86, 59}},
      {{"Sunak", "Mordaunt", "Truss"}, {137, 105, 113}},
  };
  const std::vector<Names> gone = Decide(ballots, {30});
  EXPECT_EQ(gone, (std::vector<Names>{
                      {"Hunt", "Zahawi"}, {"Braverman"}, {"Tugendhat"}, {"Badenoch"}, {"Mordaunt"}}));
}

// 2019: 17 votes needed in the first ballot and 33 in the second (Javid stayed on exactly 33);
// Hancock withdrew after the first, so he is not on the second.
TEST(EliminatingBallotTest, Conservative2019AsPublished) {
  const std::vector<EliminatingTally> ballots{
      {{"Johnson", "Hunt", "Gove", "Raab", "Javid", "Hancock", "Stewart", "Leadsom", "Harper",
        "McVey"},
       {114, 43, 37, 27, 23, 20, 19, 11, 10, 9}},
      {{"Johnson", "Hunt", "Gove", "Stewart", "Javid", "Raab"}, {126, 46, 41, 37, 33, 30}},
      {{"Johnson", "Hunt", "Gove", "Javid", "Stewart"}, {143, 54, 51, 38, 27}},
      {{"Johnson", "Gove", "Hunt", "Javid"}, {157, 61, 59, 34}},
      {{"Johnson", "Hunt", "Gove"}, {160, 77, 75}},
  };
  const std::vector<Names> gone = Decide(ballots, {17, 33});
  EXPECT_EQ(gone, (std::vector<Names>{
                      {"McVey", "Harper", "Leadsom"}, {"Raab"}, {"Stewart"}, {"Javid"}, {"Gove"}}));
}

// Hand-worked: a threshold of 10 that only one of four reaches. Going below it in order from
// the fewest (C 2, then D 4), B (6) is kept so that two finalists are left.
TEST(EliminatingBallotTest, NeverLeavesFewerThanTheFinalists) {
  const EliminatingTally tally{{"A", "B", "C", "D"}, {20, 6, 2, 4}};
  EliminatingRules rules;
  rules.threshold = 10;
  int draws = 0;
  auto decision = DecideEliminatingBallot({}, tally, rules, nullptr, draws);
  ASSERT_TRUE(decision.ok());
  EXPECT_EQ(decision->eliminated, (Names{"C", "D"}));
  EXPECT_EQ(decision->continuing, (Names{"A", "B"}));
  EXPECT_TRUE(decision->by_threshold);
}

// Hand-worked: B and C level on 5 at the bottom; in the ballot before, B had 7 and C 9, so B
// goes by looking back. Level candidates that all go below a threshold need no tie-break.
TEST(EliminatingBallotTest, TiesLookBackThenAllBelowGoTogether) {
  const std::vector<EliminatingTally> earlier{{{"A", "B", "C", "D"}, {10, 7, 9, 1}}};
  const EliminatingTally tally{{"A", "B", "C"}, {12, 5, 5}};
  EliminatingRules rules;
  int draws = 0;
  auto lowest = DecideEliminatingBallot(earlier, tally, rules, nullptr, draws);
  ASSERT_TRUE(lowest.ok());
  EXPECT_EQ(lowest->eliminated, (Names{"B"}));
  ASSERT_EQ(lowest->ties.size(), 1U);
  EXPECT_EQ(lowest->ties[0].decided_by, TieStep::kBackward);
  EXPECT_FALSE(lowest->by_threshold);

  const EliminatingTally four{{"A", "B", "C", "D"}, {12, 5, 5, 20}};
  rules.threshold = 6;
  auto below = DecideEliminatingBallot({}, four, rules, nullptr, draws);
  ASSERT_TRUE(below.ok());
  EXPECT_EQ(below->eliminated, (Names{"B", "C"}));
  EXPECT_TRUE(below->ties.empty());
}

// A tie that nothing separates, with no lot to draw: refused rather than guessed.
TEST(EliminatingBallotTest, UnbreakableTieAndNeedlessBallotAreRefused) {
  const EliminatingTally tally{{"A", "B", "C"}, {12, 5, 5}};
  EliminatingRules rules;
  int draws = 0;
  EXPECT_FALSE(DecideEliminatingBallot({}, tally, rules, nullptr, draws).ok());
  const EliminatingTally two{{"A", "B"}, {12, 5}};
  auto needless = DecideEliminatingBallot({}, two, rules, nullptr, draws);
  ASSERT_FALSE(needless.ok());
  EXPECT_NE(needless.error().ToString().find("no ballot is needed"), std::string::npos);
}

}  // namespace
}  // namespace scrutineer::count
