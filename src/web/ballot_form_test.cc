#include "web/ballot_form.h"

#include <gtest/gtest.h>

namespace scrutineer::web {
namespace {

const std::vector<std::string> kCandidates{"Ada", "Ben", "Cy"};

TEST(BallotFormTest, NumbersBecomeTheRankingInTheirOrder) {
  // Ben 1, Cy 2, Ada 3: Ben, Cy, Ada.
  const NumberedRanking ranking = RankingFromNumbers("Chair", kCandidates, {"3", " 1", "2 "});
  EXPECT_TRUE(ranking.problems.empty());
  EXPECT_EQ(ranking.preferences, (std::vector<std::string>{"Ben", "Cy", "Ada"}));
}

TEST(BallotFormTest, CandidatesLeftUnnumberedAreLeftOut) {
  const NumberedRanking ranking = RankingFromNumbers("Chair", kCandidates, {"", "1", ""});
  EXPECT_TRUE(ranking.problems.empty());
  EXPECT_EQ(ranking.preferences, (std::vector<std::string>{"Ben"}));
}

TEST(BallotFormTest, NoNumbersIsABlankBallot) {
  const NumberedRanking ranking = RankingFromNumbers("Chair", kCandidates, {"", " ", ""});
  EXPECT_TRUE(ranking.problems.empty());
  EXPECT_TRUE(ranking.preferences.empty());
}

TEST(BallotFormTest, ANumberGivenTwiceIsAProblem) {
  const NumberedRanking ranking = RankingFromNumbers("Chair", kCandidates, {"1", "1", "2"});
  ASSERT_EQ(ranking.problems.size(), 1u);  // 1 twice; 2 follows 1, so nothing is left out
  EXPECT_EQ(ranking.problems[0].key, "ballot.number_twice");
  EXPECT_EQ(ranking.problems[0].args.at("number"), "1");
  EXPECT_TRUE(ranking.preferences.empty());
}

TEST(BallotFormTest, ANumberLeftOutIsAProblem) {
  // 1 and 3: 2 is missing.
  const NumberedRanking ranking = RankingFromNumbers("Chair", kCandidates, {"1", "", "3"});
  ASSERT_EQ(ranking.problems.size(), 1u);
  EXPECT_EQ(ranking.problems[0].key, "ballot.number_gap");
  EXPECT_EQ(ranking.problems[0].args.at("number"), "2");
  EXPECT_EQ(Catalogue::English().Text(ranking.problems[0].key, ranking.problems[0].args),
            "Chair: number the candidates 1, 2, 3 and so on, without leaving a number out (2 is "
            "missing).");
}

TEST(BallotFormTest, WhatIsNotANumberFromOneToTheCandidatesIsAProblem) {
  for (const std::string text : {"0", "4", "x", "-1", "1.5", "99999"}) {
    const NumberedRanking ranking = RankingFromNumbers("Chair", kCandidates, {text, "", ""});
    ASSERT_EQ(ranking.problems.size(), 1u) << text;
    EXPECT_EQ(Catalogue::English().Text(ranking.problems[0].key, ranking.problems[0].args),
              "Chair: \"" + text + "\" is not a whole number from 1 to 3.");
  }
}

}  // namespace
}  // namespace scrutineer::web
