#include "count/irv.h"

#include <gtest/gtest.h>

namespace scrutineer::count {
namespace {

using core::Exhaustion;

Votes V(int64_t votes) { return Votes::FromUnits(votes); }

// Ballots from {"ABC", n}: n papers ranking A, B, C (candidates are letters from A).
struct Group {
  std::string ranking;
  int64_t papers;
  uint16_t section = 0;
};

BallotSet Ballots(int candidates, const std::vector<Group>& groups) {
  BallotSet ballots;
  for (int c = 0; c < candidates; ++c) {
    ballots.candidates.emplace_back(1, static_cast<char>('A' + c));
  }
  ballots.sections = {"members", "supporters"};
  core::BallotSetBuilder builder;
  for (const Group& group : groups) {
    std::vector<CandidateId> ranking;
    for (char c : group.ranking) {
      ranking.emplace_back(static_cast<uint16_t>(c - 'A'));
    }
    builder.Add(SectionId(group.section), ranking, Exhaustion::kNoMorePreferences, V(group.papers),
                group.papers);
  }
  builder.MoveInto(ballots);
  return ballots;
}

CandidateId C(char letter) { return CandidateId(static_cast<uint16_t>(letter - 'A')); }

TEST(IrvTest, AMajorityOfFirstPreferencesElectsInRoundOne) {
  const BallotSet ballots = Ballots(2, {{"A", 313209}, {"B", 193229}});
  auto result = CountIrv(ballots, IrvRules{}, nullptr);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->stages.size(), 1u);
  EXPECT_EQ(result->elected, std::vector<CandidateId>{C('A')});
  EXPECT_EQ(result->stages[0].threshold, V(253220));  // floor(506,438 / 2) + 1
  EXPECT_EQ(result->stages[0].decision, Decision::kMajority);
}

TEST(IrvTest, TheLowestIsExcludedAndTheirBallotsTransfer) {
  // A 15, B 10, C 8 (33 votes, 17 needed). C is excluded; C's 8 go to B: B 18 of 33.
  const BallotSet ballots = Ballots(3, {{"ABC", 15}, {"BCA", 10}, {"CBA", 8}});
  auto result = CountIrv(ballots, IrvRules{}, nullptr);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->stages.size(), 2u);
  const Stage& first = result->stages[0];
  EXPECT_EQ(first.excluded, std::vector<CandidateId>{C('C')});
  EXPECT_EQ(first.TransferredTo(C('B')), V(8));
  EXPECT_EQ(first.TransferredToExhausted(), V(0));
  const Stage& second = result->stages[1];
  EXPECT_EQ(second.votes[C('B').index()], V(18));
  EXPECT_EQ(second.votes[C('A').index()], V(15));
  EXPECT_EQ(second.votes[C('C').index()], V(0));
  EXPECT_EQ(result->elected, std::vector<CandidateId>{C('B')});
}

TEST(IrvTest, ExhaustedBallotsLeaveTheDenominator) {
  // A 40, B 35, C 25 of 100. C's ballots: 15 stop there, 10 go on to B.
  // Round 2: A 40, B 45; 85 continue, so 43 is more than half: B wins with 45, fewer than
  // half of the 100 first-round votes.
  const BallotSet ballots = Ballots(3, {{"A", 40}, {"B", 35}, {"C", 15}, {"CB", 10}});
  auto result = CountIrv(ballots, IrvRules{}, nullptr);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->stages.size(), 2u);
  const Stage& second = result->stages[1];
  EXPECT_EQ(second.continuing, V(85));
  EXPECT_EQ(second.threshold, V(43));
  EXPECT_EQ(second.exhausted_total(), V(15));
  EXPECT_EQ(result->stages[0].TransferredToExhausted(), V(15));
  EXPECT_EQ(result->elected, std::vector<CandidateId>{C('B')});
}

TEST(IrvTest, BatchEliminationExcludesEveryoneWhoCannotCatchUp) {
  // A 50, B 30, C 12, D 5, E 3. C, D and E together have 20, fewer than B's 30: all go.
  // Their ballots: C's to B, D's and E's to C (out) then exhausted.
  const std::vector<Group> groups{{"A", 50}, {"B", 30}, {"CB", 12}, {"DC", 5}, {"E", 3}};
  IrvRules rules;
  rules.batch_elimination = true;
  rules.stop_at_majority = false;
  auto result = CountIrv(Ballots(5, groups), rules, nullptr);
  ASSERT_TRUE(result.ok());
  const Stage& first = result->stages[0];
  EXPECT_EQ(first.decision, Decision::kExcludeBatch);
  EXPECT_EQ(first.excluded, (std::vector<CandidateId>{C('C'), C('D'), C('E')}));
  EXPECT_EQ(first.TransferredTo(C('B')), V(12));
  EXPECT_EQ(first.TransferredToExhausted(), V(8));
  ASSERT_EQ(result->stages.size(), 2u);
  EXPECT_EQ(result->stages[1].votes[C('B').index()], V(42));
  // Without batch elimination the same count takes one round per exclusion.
  rules.batch_elimination = false;
  EXPECT_EQ(CountIrv(Ballots(5, groups), rules, nullptr)->stages.size(), 4u);
}

TEST(IrvTest, WithoutStoppingAtAMajorityTheCountRunsToTheLastTwo) {
  // A has 60 of 100 at once; counting on to two shows the final head-to-head A v B.
  const std::vector<Group> groups{{"A", 60}, {"BA", 25}, {"CB", 15}};
  IrvRules rules;
  rules.stop_at_majority = false;
  auto result = CountIrv(Ballots(3, groups), rules, nullptr);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->stages.size(), 2u);
  EXPECT_EQ(result->stages[1].votes[C('B').index()], V(40));
  EXPECT_EQ(result->stages[1].decision, Decision::kFinalPair);
  EXPECT_EQ(result->elected, std::vector<CandidateId>{C('A')});
  rules.stop_at_majority = true;
  EXPECT_EQ(CountIrv(Ballots(3, groups), rules, nullptr)->stages.size(), 1u);
}

TEST(IrvTest, ATieForLastIsBrokenByTheEarlierRound) {
  // Round 1: A 14, B 12, C 11, D 9 (46, 24 needed). D's 9 split 1 to C and 8 to A:
  // round 2 A 22, B 12, C 12. B and C tie; looking back, C had fewer in round 1 (11 v 12),
  // so C is excluded. Round 3: C's 11 go to B: B 23, A 22 (45 continue): B is elected.
  const std::vector<Group> groups{{"A", 14}, {"B", 12}, {"CB", 11}, {"DC", 1}, {"DA", 8}};
  auto result = CountIrv(Ballots(4, groups), IrvRules{}, nullptr);
  ASSERT_TRUE(result.ok());
  const Stage& second = result->stages[1];
  ASSERT_TRUE(second.tie.has_value());
  EXPECT_EQ(second.tie->tied, (std::vector<CandidateId>{C('B'), C('C')}));
  EXPECT_EQ(second.tie->decided_by, TieStep::kBackward);
  EXPECT_EQ(second.excluded, std::vector<CandidateId>{C('C')});
  EXPECT_EQ(result->elected, std::vector<CandidateId>{C('B')});
}

TEST(IrvTest, TwoLevelFinalistsAreSeparatedByTheTieRulesAndTheOtherElected) {
  const std::vector<Group> groups{{"A", 10}, {"B", 10}};
  IrvRules rules;
  rules.tie_break.steps = {TieStep::kOrder};
  rules.tie_break.order = {C('B'), C('A')};
  auto result = CountIrv(Ballots(2, groups), rules, nullptr);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->stages.size(), 1u);
  EXPECT_EQ(result->stages[0].excluded, std::vector<CandidateId>{C('B')});
  EXPECT_EQ(result->elected, std::vector<CandidateId>{C('A')});
  EXPECT_EQ(result->stages[0].decision, Decision::kFinalPair);
  // With no rule able to separate them the count stops and says why.
  rules.tie_break.steps = {TieStep::kBackward, TieStep::kLot};
  EXPECT_FALSE(CountIrv(Ballots(2, groups), rules, nullptr).ok());
}

TEST(IrvTest, AWithdrawnCandidatesBallotsCountForTheNextPreferenceFromRoundOne) {
  BallotSet ballots = Ballots(3, {{"A", 10}, {"CB", 4}, {"B", 7}});
  ballots.withdrawn = {C('C')};
  auto result = CountIrv(ballots, IrvRules{}, nullptr);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->stages[0].votes[C('B').index()], V(11));
  EXPECT_EQ(result->stages[0].state[C('C').index()], CandidateState::kWithdrawn);
  EXPECT_EQ(result->elected, std::vector<CandidateId>{C('B')});
}

TEST(IrvTest, TalliesAreKeptBySection) {
  const BallotSet ballots =
      Ballots(2, {{"A", 168216, 0}, {"B", 116960, 0}, {"A", 84918, 1}, {"B", 36599, 1}});
  auto result = CountIrv(ballots, IrvRules{}, nullptr);
  ASSERT_TRUE(result.ok());
  const Stage& first = result->stages[0];
  EXPECT_EQ(first.votes_by_section[0][C('A').index()], V(168216));
  EXPECT_EQ(first.votes_by_section[1][C('B').index()], V(36599));
  EXPECT_EQ(first.votes[C('A').index()], V(253134));
}

TEST(IrvTest, FractionalWeightsAreCountedExactly) {
  // Weights in tenths: A 3 ballots of 0.5 (1.5), B 1 ballot of 1.2, C 0.4 then to B.
  // Round 1: A 1.5, B 1.2, C 0.4 of 3.1 (1.6 needed); C is out; round 2: B 1.6 of 3.1,
  // more than half by a tenth.
  BallotSet ballots = Ballots(3, {});
  core::BallotSetBuilder builder;
  const std::vector<CandidateId> a{C('A')};
  const std::vector<CandidateId> b{C('B')};
  const std::vector<CandidateId> cb{C('C'), C('B')};
  builder.Add(SectionId(0), a, Exhaustion::kNoMorePreferences, V(15), 3);
  builder.Add(SectionId(0), b, Exhaustion::kNoMorePreferences, V(12), 1);
  builder.Add(SectionId(0), cb, Exhaustion::kNoMorePreferences, V(4), 1);
  builder.MoveInto(ballots);
  ballots.places = 1;
  auto result = CountIrv(ballots, IrvRules{}, nullptr);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->stages[0].threshold, V(16));
  ASSERT_EQ(result->stages.size(), 2u);
  EXPECT_EQ(result->stages[1].votes[C('B').index()], V(16));
  EXPECT_EQ(result->elected, std::vector<CandidateId>{C('B')});
}

TEST(IrvTest, NoCandidatesIsAnErrorNotACrash) {
  BallotSet ballots;
  EXPECT_FALSE(CountIrv(ballots, IrvRules{}, nullptr).ok());
}

}  // namespace
}  // namespace scrutineer::count
