#include "count/stv.h"

#include <gtest/gtest.h>

#include <random>

namespace scrutineer::count {
namespace {

using core::BallotSet;
using core::Exhaustion;
using core::SectionId;

// Votes at five places (scottish-stv) from a figure written as in the rulebook's tables.
Votes V5(int64_t whole, int64_t hundred_thousandths = 0) {
  return Votes::FromUnits(whole * 100000 + hundred_thousandths);
}

struct Group {
  std::string ranking;  // candidates as letters from A, first preference first
  int64_t papers;
};

BallotSet Ballots(int candidates, const std::vector<Group>& groups) {
  BallotSet ballots;
  for (int c = 0; c < candidates; ++c) {
    ballots.candidates.emplace_back(1, static_cast<char>('A' + c));
  }
  core::BallotSetBuilder builder;
  for (const Group& group : groups) {
    std::vector<CandidateId> ranking;
    for (char c : group.ranking) {
      ranking.emplace_back(static_cast<uint16_t>(c - 'A'));
    }
    builder.Add(SectionId(0), ranking, Exhaustion::kNoMorePreferences,
                Votes::FromUnits(group.papers), group.papers);
  }
  builder.MoveInto(ballots);
  return ballots;
}

CandidateId C(char letter) { return CandidateId(static_cast<uint16_t>(letter - 'A')); }

StvRules Scottish(int seats) {
  StvRules rules;
  rules.preset = StvPreset::kScottish;
  rules.seats = seats;
  return rules;
}

TEST(ScottishStvTest, ASurplusMovesAtFiveDecimalPlacesAndTheRemainderIsLost) {
  // 12 papers, 2 seats: quota floor(12 / 3) + 1 = 5 (rule 46).
  // Stage 1: A 7 (elected), B 3, C 2.
  // Stage 2: A's surplus 2 over 7 votes: each paper moves at 2 x 1 / 7 = 0.285714..., to five
  // places 0.28571. B gets 5 x 0.28571 = 1.42855 (4.42855), C 2 x 0.28571 = 0.57142
  // (2.57142); 2 - 1.99997 = 0.00003 is lost. A keeps the quota, 5.
  // Stage 3: no surplus; C (2.57142) is excluded: both C-only papers (2) and the two from A
  // (0.57142) have no further preference. B alone continues for one seat: elected.
  const BallotSet ballots = Ballots(3, {{"AB", 5}, {"AC", 2}, {"B", 3}, {"C", 2}});
  auto result = CountStv(ballots, Scottish(2), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->quota, V5(5));
  ASSERT_EQ(result->stages.size(), 3u);

  const Stage& first = result->stages[0];
  EXPECT_EQ(first.decision, Decision::kFirstPreferences);
  EXPECT_EQ(first.votes, (std::vector<Votes>{V5(7), V5(3), V5(2)}));
  EXPECT_EQ(first.elected, std::vector<CandidateId>{C('A')});

  const Stage& second = result->stages[1];
  EXPECT_EQ(second.decision, Decision::kSurplus);
  EXPECT_EQ(second.surplus_of, C('A'));
  EXPECT_EQ(second.votes, (std::vector<Votes>{V5(5), V5(4, 42855), V5(2, 57142)}));
  EXPECT_EQ(second.loss, V5(0, 3));
  EXPECT_EQ(second.exhausted_total(), V5(0));
  ASSERT_EQ(second.transfers.size(), 1u);
  EXPECT_EQ(second.transfers[0].votes, V5(2));
  EXPECT_EQ(second.transfers[0].to[C('B').index()], V5(1, 42855));
  EXPECT_TRUE(second.elected.empty());

  const Stage& third = result->stages[2];
  EXPECT_EQ(third.decision, Decision::kExclude);
  EXPECT_EQ(third.excluded, std::vector<CandidateId>{C('C')});
  EXPECT_EQ(third.exhausted_total(), V5(2, 57142));
  EXPECT_EQ(third.elected, std::vector<CandidateId>{C('B')});
  EXPECT_EQ(third.elected_remaining, std::vector<CandidateId>{C('B')});
  EXPECT_EQ(result->elected, (std::vector<CandidateId>{C('A'), C('B')}));
}

TEST(ScottishStvTest, EqualLowestGoesByTheMostRecentStageAtWhichTheyDiffered) {
  // 36 papers, 1 seat: quota floor(36 / 2) + 1 = 19.
  // Stage 1: A 12, B 8, C 6, D 5, E 3, F 2.
  // Stage 2: F excluded; FD -> D 7.     Stage 3: E excluded; EC -> C 7, E-only (2) exhaust.
  // Stage 4: C 7 and D 7 are level. Rule 51(2): the most recent stage at which they differed
  // is stage 2 (C 6, D 7), so C is excluded (at stage 1 D had fewer: looking forward would
  // exclude D instead). CB -> B 14.
  // Stage 5: D (7) excluded: DA -> A 17. Stage 6: B (14) excluded; A alone is elected.
  const BallotSet ballots =
      Ballots(6, {{"A", 12}, {"B", 8}, {"CB", 6}, {"DA", 5}, {"EC", 1}, {"E", 2}, {"FD", 2}});
  auto result = CountStv(ballots, Scottish(1), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  ASSERT_EQ(result->stages.size(), 6u);
  const Stage& fourth = result->stages[3];
  EXPECT_EQ(fourth.excluded, std::vector<CandidateId>{C('C')});
  ASSERT_TRUE(fourth.tie.has_value());
  EXPECT_EQ(fourth.tie->decided_by, TieStep::kBackward);
  EXPECT_EQ(fourth.tie->round_looked_at, 2);
  EXPECT_EQ(fourth.votes[C('B').index()], V5(14));
  EXPECT_EQ(result->stages[4].votes[C('A').index()], V5(17));
  EXPECT_EQ(result->stages[5].excluded, std::vector<CandidateId>{C('B')});
  EXPECT_EQ(result->stages[5].elected_remaining, std::vector<CandidateId>{C('A')});
  EXPECT_EQ(result->elected, std::vector<CandidateId>{C('A')});
}

TEST(ScottishStvTest, EqualSurplusesLevelAtEveryStageNeedALot) {
  // 35 papers: A 12, B 12, C 6, D 5. With two seats, quota floor(35 / 3) + 1 = 12: A and B
  // are elected at stage 1, the seats are filled and no surplus moves (rule 52(2)).
  // With three seats, quota floor(35 / 4) + 1 = 9: A and B are elected with equal surpluses
  // (3 each), equal at every stage, and C and D still contest the last seat, so rule 49(3)
  // needs a lot; with no lot the count must say so rather than pick one.
  const BallotSet ballots = Ballots(4, {{"AC", 12}, {"BC", 12}, {"C", 6}, {"D", 5}});
  auto result = CountStv(ballots, Scottish(2), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->stages.size(), 1u);
  EXPECT_EQ(result->elected.size(), 2u);

  auto needs_lot = CountStv(ballots, Scottish(3), nullptr);
  ASSERT_FALSE(needs_lot.ok());
  EXPECT_NE(needs_lot.error().ToString().find("needs a lot"), std::string::npos);
}

TEST(ScottishStvTest, RefusesAChosenQuotaAndTooManyDecimalPlaces) {
  StvRules rules = Scottish(2);
  rules.quota = QuotaKind::kHare;
  BallotSet ballots = Ballots(3, {{"AB", 5}});
  EXPECT_FALSE(CountStv(ballots, rules, nullptr).ok());
  ballots.places = 6;
  EXPECT_FALSE(CountStv(ballots, Scottish(2), nullptr).ok());
  EXPECT_FALSE(CountStv(Ballots(3, {{"AB", 5}}), Scottish(0), nullptr).ok());
}

TEST(GregoryStvTest, ExactDroopQuotaMustBeExceeded) {
  // 12 papers, 2 seats: Droop quota 12 / 3 = 4, exact. Stage 1: A 7 (elected: more than 4),
  // B 3, C 2. Stage 2: A's surplus 3 over 7: each paper moves at 3/7. B gets 5 x 3/7 = 15/7
  // = 2.142857142857...: B 5.142857..., more than 4: elected; C 2 + 6/7. Nothing is lost.
  // Figures are shown to 12 places, to the nearest: 5.142857142857, 2.857142857143.
  const BallotSet ballots = Ballots(3, {{"AB", 5}, {"AC", 2}, {"B", 3}, {"C", 2}});
  StvRules rules;
  rules.preset = StvPreset::kGregory;
  rules.seats = 2;
  auto result = CountStv(ballots, rules, nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->places, 12);
  EXPECT_EQ(result->quota, Votes::FromUnits(4'000000000000));
  ASSERT_EQ(result->stages.size(), 2u);
  EXPECT_EQ(result->stages[1].votes[C('B').index()], Votes::FromUnits(5'142857142857));
  EXPECT_EQ(result->stages[1].votes[C('C').index()], Votes::FromUnits(2'857142857143));
  EXPECT_EQ(result->stages[1].loss, Votes());
  EXPECT_EQ(result->elected, (std::vector<CandidateId>{C('A'), C('B')}));
}

TEST(GregoryStvTest, HareQuotaIsReachedByEqualling) {
  // 12 papers, 3 seats: Hare quota 12 / 3 = 4. A 4, B 4, C 3, D 1: A and B reach it at
  // stage 1 with no surplus; D is excluded (DC -> C 4): C reaches it too.
  const BallotSet ballots = Ballots(4, {{"A", 4}, {"B", 4}, {"C", 3}, {"DC", 1}});
  StvRules rules;
  rules.preset = StvPreset::kGregory;
  rules.seats = 3;
  rules.quota = QuotaKind::kHare;
  auto result = CountStv(ballots, rules, nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  ASSERT_EQ(result->stages.size(), 2u);
  EXPECT_EQ(result->stages[0].elected, (std::vector<CandidateId>{C('A'), C('B')}));
  EXPECT_EQ(result->stages[1].excluded, std::vector<CandidateId>{C('D')});
  EXPECT_EQ(result->stages[1].elected, std::vector<CandidateId>{C('C')});
  EXPECT_TRUE(result->stages[1].elected_remaining.empty());
}

// Random elections, checked for what every STV count must satisfy: the votes held, set aside
// as non-transferable and lost to rounding add up to the valid votes at every stage; exactly
// as many are elected as there are seats; an excluded candidate never comes back.
void CheckInvariants(const BallotSet& ballots, const Result& result, int seats) {
  Votes total;
  for (Votes w : ballots.weight) {
    total += w;
  }
  int64_t scale = 1;
  for (int p = ballots.places; p < result.places; ++p) {
    scale *= 10;
  }
  const auto candidates = static_cast<int64_t>(ballots.candidates.size());
  std::vector<bool> excluded(ballots.candidates.size());
  for (const Stage& stage : result.stages) {
    Votes sum = stage.exhausted_total() + stage.loss;
    for (size_t c = 0; c < stage.votes.size(); ++c) {
      sum += stage.votes[c];
      if (excluded[c]) {
        EXPECT_EQ(stage.votes[c], Votes()) << "stage " << stage.number;
        EXPECT_EQ(stage.state[c], CandidateState::kExcluded);
      }
    }
    // Fixed point is exact; exact fractions are shown to the nearest unit, each figure off by
    // at most half a unit.
    const int64_t off_by = total.units() * scale - sum.units();
    EXPECT_LE(std::abs(off_by), (candidates + core::kExhaustionKinds + 1) / 2 + 1)
        << "stage " << stage.number;
    if (result.preset == "scottish-stv") {
      EXPECT_EQ(off_by, 0) << "stage " << stage.number;
    }
    for (CandidateId c : stage.excluded) {
      excluded[c.index()] = true;
    }
  }
  EXPECT_EQ(static_cast<int>(result.elected.size()), seats);
}

TEST(StvPropertyTest, RandomElectionsKeepTheInvariants) {
  std::mt19937 random(20261125);
  for (int trial = 0; trial < 200; ++trial) {
    const int candidates = 3 + static_cast<int>(random() % 8);
    const int seats = 1 + static_cast<int>(random() % static_cast<unsigned>(candidates - 1));
    std::vector<Group> groups;
    for (int g = 0; g < 30; ++g) {
      std::string ranking;
      for (int c = 0; c < candidates; ++c) {
        ranking += static_cast<char>('A' + c);
      }
      std::shuffle(ranking.begin(), ranking.end(), random);
      ranking.resize(1 + random() % ranking.size());
      groups.push_back({ranking, 1 + static_cast<int64_t>(random() % 40)});
    }
    const BallotSet ballots = Ballots(candidates, groups);
    for (StvPreset preset : {StvPreset::kScottish, StvPreset::kGregory}) {
      StvRules rules;
      rules.preset = preset;
      rules.seats = seats;
      rules.custom_tie_break = true;
      rules.tie_break.steps = {TieStep::kBackward, TieStep::kForward, TieStep::kOrder};
      for (int c = 0; c < candidates; ++c) {
        rules.tie_break.order.emplace_back(static_cast<uint16_t>(c));
      }
      auto result = CountStv(ballots, rules, nullptr);
      ASSERT_TRUE(result.ok()) << result.error().ToString();
      SCOPED_TRACE("trial " + std::to_string(trial) + " " + std::string(StvPresetName(preset)));
      CheckInvariants(ballots, *result, seats);
    }
  }
}

}  // namespace
}  // namespace scrutineer::count
