#include "count/motion.h"

#include <gtest/gtest.h>

namespace scrutineer::count {
namespace {

using core::Votes;

// A motion's ballots: yes papers, no papers, papers marking both, blank papers.
core::BallotSet Motion(int64_t yes, int64_t no, int64_t both, int64_t blank,
                       std::vector<std::string> names = {"Yes", "No"}) {
  core::BallotSet ballots;
  ballots.candidates = std::move(names);
  core::BallotSetBuilder builder;
  const std::vector<CandidateId> y{CandidateId(0)};
  const std::vector<CandidateId> n{CandidateId(1)};
  const std::vector<CandidateId> b{CandidateId(0), CandidateId(1)};
  for (const auto& [ranking, papers] : {std::pair{y, yes}, {n, no}, {b, both}}) {
    if (papers > 0) {
      builder.Add(core::SectionId(0), ranking, core::Exhaustion::kNoMorePreferences,
                  Votes::FromUnits(papers), papers);
    }
  }
  builder.AddBlank(core::SectionId(0), blank);
  builder.MoveInto(ballots);
  return ballots;
}

TEST(MotionTest, ThePlpMotionOfNoConfidenceOf2016) {
  // Published (research/leadership-elections.md): 172 for, 40 against, 4 spoilt, 13 of the
  // 229 MPs did not vote. A majority of votes cast: 172 > 212 / 2 = 106.
  const auto ballots = Motion(172, 40, 4, 0, {"For", "Against"});
  auto result = CountMotion(ballots, MotionRules{});
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  const MotionOutcome& motion = *result->motion;
  EXPECT_EQ(motion.votes_for, Votes::FromUnits(172));
  EXPECT_EQ(motion.votes_against, Votes::FromUnits(40));
  EXPECT_EQ(motion.spoilt, 4);
  EXPECT_EQ(motion.needed, Votes::FromUnits(107));
  EXPECT_TRUE(motion.carried);
  // Of all 229 eligible, more than half is 115: carried too.
  MotionRules eligible;
  eligible.eligible = 229;
  result = CountMotion(ballots, eligible);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->motion->needed, Votes::FromUnits(115));
  EXPECT_TRUE(result->motion->carried);
}

TEST(MotionTest, TwoThirdsIsAtLeastTwoThirds) {
  // 200 for, 100 against: exactly two thirds of 300. At least two thirds: carried; more than
  // two thirds: not. Blank papers are abstentions and not in the votes cast.
  const auto ballots = Motion(200, 100, 0, 7);
  MotionRules at_least{.numerator = 2, .denominator = 3, .strictly_more = false, .eligible = {}};
  auto result = CountMotion(ballots, at_least);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->motion->needed, Votes::FromUnits(200));
  EXPECT_TRUE(result->motion->carried);
  EXPECT_EQ(result->motion->abstentions, 7);
  MotionRules more_than = at_least;
  more_than.strictly_more = true;
  result = CountMotion(ballots, more_than);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->motion->needed, Votes::FromUnits(201));
  EXPECT_FALSE(result->motion->carried);
  EXPECT_EQ(result->stages[0].decision, Decision::kNotCarried);
}

TEST(MotionTest, OptionsMustBeNamedYesAndNo) {
  EXPECT_FALSE(CountMotion(Motion(1, 1, 0, 0, {"Ann", "Bob"}), MotionRules{}).ok());
  EXPECT_TRUE(CountMotion(Motion(1, 1, 0, 0, {"AYE", "nay"}), MotionRules{}).ok());
}

}  // namespace
}  // namespace scrutineer::count
