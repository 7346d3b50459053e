// Instant-runoff weighted by section: an electoral college and points per district. Every
// expected figure is worked by hand in the comments.
#include <gtest/gtest.h>

#include "count/irv.h"

namespace scrutineer::count {
namespace {

using core::Exhaustion;

Votes V(int64_t units) { return Votes::FromUnits(units); }
CandidateId C(char letter) { return CandidateId(static_cast<uint16_t>(letter - 'A')); }

// {"ABC", n, s}: n papers in section s ranking A, B, C.
struct Group {
  std::string ranking;
  int64_t papers;
  uint16_t section;
};

BallotSet Ballots(int candidates, std::vector<std::string> sections,
                  const std::vector<Group>& groups) {
  BallotSet ballots;
  for (int c = 0; c < candidates; ++c) {
    ballots.candidates.emplace_back(1, static_cast<char>('A' + c));
  }
  ballots.sections = std::move(sections);
  core::BallotSetBuilder builder;
  for (const Group& group : groups) {
    std::vector<CandidateId> ranking;
    for (char c : group.ranking) {
      ranking.push_back(C(c));
    }
    builder.Add(SectionId(group.section), ranking, Exhaustion::kNoMorePreferences, V(group.papers),
                group.papers);
  }
  builder.MoveInto(ballots);
  return ballots;
}

IrvRules College(std::vector<int64_t> weights, int places = 2) {
  IrvRules rules;
  rules.weighting.kind = WeightingKind::kCollege;
  rules.weighting.section_weight = std::move(weights);
  rules.weighting.places = places;
  return rules;
}

IrvRules Points(int64_t points, bool at_most_votes) {
  IrvRules rules;
  rules.weighting.kind = WeightingKind::kPoints;
  rules.weighting.points = points;
  rules.weighting.points_at_most_votes = at_most_votes;
  return rules;
}

TEST(WeightingTest, ACollegeOfThirdsCanOverturnTheMostVotes) {
  // The shape of Welsh Labour's 2018 deputy contest: unions A 604, B 396; members A 348,
  // B 652; MPs A 16, B 11. B has more votes (1,059 to 968), but A's share of the college is
  // 100/3 x (0.604 + 0.348 + 16/27) = 51.486..., published to one place as 51.5 to 48.5.
  const BallotSet ballots = Ballots(
      2, {"unions", "members", "mps"},
      {{"A", 604, 0}, {"B", 396, 0}, {"A", 348, 1}, {"B", 652, 1}, {"A", 16, 2}, {"B", 11, 2}});
  auto result = CountIrv(ballots, College({1, 1, 1}, 1), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  ASSERT_EQ(result->stages.size(), 1u);
  const Stage& round = result->stages[0];
  EXPECT_EQ(result->elected, std::vector<CandidateId>{C('A')});
  EXPECT_EQ(round.decision, Decision::kMajority);
  EXPECT_EQ(round.votes[C('A').index()], V(968));
  EXPECT_EQ(round.votes[C('B').index()], V(1059));
  EXPECT_EQ(round.weighted[C('A').index()], V(515));  // 51.5 at one place
  EXPECT_EQ(round.weighted[C('B').index()], V(485));
  EXPECT_EQ(round.weighted_continuing, V(1000));
  // By section: 60.4% of a third is 20.13; 34.8% is 11.6; 16/27 of a third is 19.75.
  EXPECT_EQ(round.weighted_by_section[0][C('A').index()], V(201));
  EXPECT_EQ(round.weighted_by_section[1][C('A').index()], V(116));
  EXPECT_EQ(round.weighted_by_section[2][C('A').index()], V(198));
  EXPECT_EQ(round.weighted_by_section[1][C('B').index()], V(217));
}

TEST(WeightingTest, ExhaustedBallotsLeaveTheirSectionsShare) {
  // Two sections of half the college each.
  //   x: A 6, B 3, C 1 (then B)        -> A 30, B 15, C 5
  //   y: A 1, B 4, C 3 (no more), C 2 (then A) -> A 5, B 20, C 25
  // Round 1: A 35, B 35, C 30: no one has more than 50; C is excluded.
  // Round 2: x: A 6, B 4 of 10 -> A 30, B 20. y: 3 papers exhausted; A 3, B 4 of 7 ->
  //   A 150/7 = 21.428571..., B 200/7 = 28.571428... A: 30 + 150/7 = 51.428571... (51.43),
  //   B 48.57: A is elected with more than half of the college.
  const BallotSet ballots = Ballots(3, {"x", "y"},
                                    {{"A", 6, 0},
                                     {"B", 3, 0},
                                     {"CB", 1, 0},
                                     {"A", 1, 1},
                                     {"B", 4, 1},
                                     {"C", 3, 1},
                                     {"CA", 2, 1}});
  auto result = CountIrv(ballots, College({1, 1}), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  ASSERT_EQ(result->stages.size(), 2u);
  const Stage& first = result->stages[0];
  EXPECT_EQ(first.weighted, (std::vector<Votes>{V(3500), V(3500), V(3000)}));
  EXPECT_EQ(first.excluded, std::vector<CandidateId>{C('C')});
  EXPECT_TRUE(first.elected.empty());
  const Stage& second = result->stages[1];
  EXPECT_EQ(second.weighted, (std::vector<Votes>{V(5143), V(4857), V(0)}));
  EXPECT_EQ(second.weighted_by_section[1], (std::vector<Votes>{V(2143), V(2857), V(0)}));
  EXPECT_EQ(second.weighted_continuing, V(10000));
  EXPECT_EQ(second.exhausted_total(), V(3));
  EXPECT_EQ(result->elected, std::vector<CandidateId>{C('A')});
  EXPECT_EQ(second.decision, Decision::kMajority);
}

TEST(WeightingTest, UnequalWeightsScaleEachSection) {
  // x worth 3 parts, y 1 part: x is 75 per cent of the college, y 25.
  //   x: A 1, B 3 -> A 18.75, B 56.25;  y: A 9, B 1 -> A 22.5, B 2.5.
  // A 41.25, B 58.75: B is elected, though A has 10 votes to B's 4.
  const BallotSet ballots =
      Ballots(2, {"x", "y"}, {{"A", 1, 0}, {"B", 3, 0}, {"A", 9, 1}, {"B", 1, 1}});
  auto result = CountIrv(ballots, College({3, 1}), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->stages[0].weighted, (std::vector<Votes>{V(4125), V(5875)}));
  EXPECT_EQ(result->elected, std::vector<CandidateId>{C('B')});
}

// Three districts worth 100 points each:
//   d1: A 50, B 30, C 20 (then A)              -> A 50, B 30, C 20
//   d2: A 2, B 1, C 1 (no more)                -> A 50, B 25, C 25
//   d3: A 10, B 60, C 15 (then A), C 15 (no more) -> A 10, B 60, C 30
BallotSet ThreeDistricts() {
  return Ballots(3, {"d1", "d2", "d3"},
                 {{"A", 50, 0},
                  {"B", 30, 0},
                  {"CA", 20, 0},
                  {"A", 2, 1},
                  {"B", 1, 1},
                  {"C", 1, 1},
                  {"A", 10, 2},
                  {"B", 60, 2},
                  {"CA", 15, 2},
                  {"C", 15, 2}});
}

TEST(WeightingTest, PointsPerDistrictAreSharedByItsVotes) {
  // Round 1: A 110, B 115, C 75 of 300; none has more than 150; C is excluded.
  // Round 2: d1 A 70, B 30; d2 (C's paper exhausted) A 2, B 1 of 3 -> 200/3, 100/3;
  //   d3 (15 exhausted) A 25, B 60 of 85 -> 500/17, 1200/17.
  //   A = 70 + 200/3 + 500/17 = 8470/51 = 166.0784... (166.08); B = 6830/51 = 133.92.
  auto result = CountIrv(ThreeDistricts(), Points(100, false), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  ASSERT_EQ(result->stages.size(), 2u);
  EXPECT_EQ(result->stages[0].weighted, (std::vector<Votes>{V(11000), V(11500), V(7500)}));
  EXPECT_EQ(result->stages[0].weighted_continuing, V(30000));
  EXPECT_EQ(result->stages[0].excluded, std::vector<CandidateId>{C('C')});
  const Stage& second = result->stages[1];
  EXPECT_EQ(second.weighted, (std::vector<Votes>{V(16608), V(13392), V(0)}));
  EXPECT_EQ(second.weighted_by_section[1], (std::vector<Votes>{V(6667), V(3333), V(0)}));
  EXPECT_EQ(second.weighted_by_section[2], (std::vector<Votes>{V(2941), V(7059), V(0)}));
  EXPECT_EQ(second.weighted_continuing, V(30000));
  EXPECT_EQ(result->elected, std::vector<CandidateId>{C('A')});
}

TEST(WeightingTest, ADistrictWithFewVotesIsWorthOnePointAVote) {
  // d2 has 4 valid votes, fewer than 100: it is worth 4 points; d1 and d3 are worth 100.
  // Round 1: A 50 + 2 + 10 = 62, B 30 + 1 + 60 = 91, C 20 + 1 + 30 = 51 of 204.
  // Round 2: d2 A 2, B 1 of 3 -> 8/3, 4/3. A = 70 + 8/3 + 500/17 = 5206/51 = 102.0784...,
  //   more than half of 204: elected. B = 5198/51 = 101.92.
  auto result = CountIrv(ThreeDistricts(), Points(100, true), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  ASSERT_EQ(result->stages.size(), 2u);
  EXPECT_EQ(result->stages[0].weighted, (std::vector<Votes>{V(6200), V(9100), V(5100)}));
  EXPECT_EQ(result->stages[0].weighted_continuing, V(20400));
  EXPECT_EQ(result->stages[1].weighted, (std::vector<Votes>{V(10208), V(10192), V(0)}));
  EXPECT_EQ(result->elected, std::vector<CandidateId>{C('A')});
  EXPECT_EQ(result->stages[1].decision, Decision::kMajority);
}

TEST(WeightingTest, TiesAreOnTheWeightedFiguresNotTheVotes) {
  // Halves: x: A 2, B 2 (then A) -> A 25, B 25; y: A 1, C 1 -> A 25, C 25.
  // A has 50, exactly half (not more). B and C are level on 25 though B has 2 votes to C's 1;
  // the order rule (B loses first) excludes B. B's papers go to A: x A 50, so A 75 wins.
  const BallotSet ballots =
      Ballots(3, {"x", "y"}, {{"A", 2, 0}, {"BA", 2, 0}, {"A", 1, 1}, {"C", 1, 1}});
  IrvRules rules = College({1, 1});
  rules.tie_break.steps = {TieStep::kOrder};
  rules.tie_break.order = {C('B'), C('C')};
  auto result = CountIrv(ballots, rules, nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  ASSERT_EQ(result->stages.size(), 2u);
  const Stage& first = result->stages[0];
  EXPECT_TRUE(first.elected.empty());
  ASSERT_TRUE(first.tie.has_value());
  EXPECT_EQ(first.tie->tied, (std::vector<CandidateId>{C('B'), C('C')}));
  EXPECT_EQ(first.excluded, std::vector<CandidateId>{C('B')});
  EXPECT_EQ(result->stages[1].weighted[C('A').index()], V(7500));
  EXPECT_EQ(result->elected, std::vector<CandidateId>{C('A')});
}

TEST(WeightingTest, TheLowestIsTheLowestInTheCollege) {
  // Halves. x: A 10, B 7 (then A), C 3 -> A 25, B 17.5, C 7.5 (20 votes);
  //         y: A 1, C 3 -> A 12.5, C 37.5 (4 votes).
  // Round 1: A 37.5, B 17.5, C 45. C has the fewest votes (6 to B's 7) but B is lowest in
  //   the college and is excluded. B's papers go to A: x A 17 of 20 -> 42.5, so A 55, C 45.
  const BallotSet ballots =
      Ballots(3, {"x", "y"}, {{"A", 10, 0}, {"BA", 7, 0}, {"C", 3, 0}, {"A", 1, 1}, {"C", 3, 1}});
  auto result = CountIrv(ballots, College({1, 1}), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  ASSERT_EQ(result->stages.size(), 2u);
  const Stage& first = result->stages[0];
  EXPECT_EQ(first.votes, (std::vector<Votes>{V(11), V(7), V(6)}));
  EXPECT_EQ(first.weighted, (std::vector<Votes>{V(3750), V(1750), V(4500)}));
  EXPECT_EQ(first.excluded, std::vector<CandidateId>{C('B')});
  EXPECT_EQ(result->stages[1].weighted, (std::vector<Votes>{V(5500), V(0), V(4500)}));
  EXPECT_EQ(result->elected, std::vector<CandidateId>{C('A')});
}

TEST(WeightingTest, AnEarlierRoundBreaksATieByTheWeightedFigures) {
  // Halves. x: A 5, B 2 (then C), C 2, D 1 (no more) -> A 25, B 10, C 10, D 5.
  //         y: A 4, B 2, C 3, D 1 (then B)            -> A 20, B 10, C 15, D 5.
  // Round 1: A 45, B 20, C 25, D 10: D is excluded.
  // Round 2: x (D's paper exhausted, 9 left) A 250/9, B 100/9, C 100/9; y: B 3, C 3, A 4 ->
  //   A 20, B 15, C 15. B and C are level on 100/9 + 15 = 26.11 each; at round 1 B had 20
  //   to C's 25, so B is excluded (backward).
  const BallotSet ballots = Ballots(4, {"x", "y"},
                                    {{"A", 5, 0},
                                     {"BC", 2, 0},
                                     {"C", 2, 0},
                                     {"D", 1, 0},
                                     {"A", 4, 1},
                                     {"B", 2, 1},
                                     {"C", 3, 1},
                                     {"DB", 1, 1}});
  auto result = CountIrv(ballots, College({1, 1}), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  ASSERT_GE(result->stages.size(), 2u);
  EXPECT_EQ(result->stages[0].excluded, std::vector<CandidateId>{C('D')});
  const Stage& second = result->stages[1];
  EXPECT_EQ(second.weighted, (std::vector<Votes>{V(4778), V(2611), V(2611), V(0)}));
  ASSERT_TRUE(second.tie.has_value());
  EXPECT_EQ(second.tie->decided_by, TieStep::kBackward);
  EXPECT_EQ(second.tie->round_looked_at, 1);
  EXPECT_EQ(second.excluded, std::vector<CandidateId>{C('B')});
}

TEST(WeightingTest, RefusesWhatItCannotFollow) {
  const BallotSet ballots = Ballots(2, {"x", "y"}, {{"A", 1, 0}, {"B", 1, 1}});
  EXPECT_FALSE(CountIrv(ballots, College({1}), nullptr).ok());      // a weight per section
  EXPECT_FALSE(CountIrv(ballots, College({1, 0}), nullptr).ok());   // weights are positive
  EXPECT_FALSE(CountIrv(ballots, Points(0, false), nullptr).ok());  // points are positive
  IrvRules batch = College({1, 1});
  batch.batch_elimination = true;
  const auto refused = CountIrv(ballots, batch, nullptr);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().ToString().find("batch elimination"), std::string::npos);
  EXPECT_FALSE(CountIrv(ballots, College({1, 1}, 13), nullptr).ok());
}

}  // namespace
}  // namespace scrutineer::count
