#include "count/sb1288_stv.h"

#include <gtest/gtest.h>

namespace scrutineer::count {
namespace {

using core::BallotSet;
using core::Exhaustion;
using core::SectionId;

// Votes at five places (SB 1288's arithmetic) from a figure written whole and
// hundred-thousandths.
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

std::vector<CandidateId> Cs(const std::string& letters) {
  std::vector<CandidateId> ids;
  for (char letter : letters) {
    ids.push_back(C(letter));
  }
  return ids;
}

// Ties go to an order, the first listed losing (as the SB 1288 reference breaks them).
StvRules Rules(int seats, const std::string& tie_order = "") {
  StvRules rules;
  rules.seats = seats;
  rules.custom_tie_break = true;
  rules.tie_break.steps = {TieStep::kOrder};
  rules.tie_break.order = Cs(tie_order);
  return rules;
}

Result Count(const BallotSet& ballots, const StvRules& rules,
             const AlternativeDefeats& alternative_defeats = {}) {
  auto result = CountSb1288Stv(ballots, rules, alternative_defeats, nullptr);
  EXPECT_TRUE(result.ok()) << result.error().ToString();
  return result.ok() ? std::move(result.value()) : Result();
}

Votes NoMorePreferences(const Stage& round) {
  return round.exhausted[static_cast<size_t>(Exhaustion::kNoMorePreferences)];
}

TEST(Sb1288StvTest, SurplusesMoveAtTruncatedFractionsAndTheRestIsResidual) {
  // 25 papers, 3 seats: threshold 25 / 4 = 6.25.
  // Round 1: A 14, B 2, C 5, D 4. A is elected. Surplus 7.75; fraction 7.75 / 14 =
  // 0.553571..., truncated 0.55357; each ABC paper goes on at 0.55357: 14 x 0.55357 = 7.74998
  // to B; residual 0.00002.
  // Round 2: A 6.25, B 9.74998 (elected). Surplus 3.49998; fraction 3.49998 / 9.74998 =
  // 0.358973..., truncated 0.35897. The two B-only papers exhaust at 0.35897: 0.71794. The
  // ABC papers go on at 0.55357 x 0.35897 = 0.198715..., truncated 0.19871: 14 x 0.19871 =
  // 2.78194 to C. Moved 3.49988; residual 0.00010, 0.00012 in all.
  // Round 3: C 7.78194 is elected; the seats are filled and D is not elected.
  const BallotSet ballots = Ballots(4, {{"ABC", 14}, {"B", 2}, {"C", 5}, {"D", 4}});
  const Result result = Count(ballots, Rules(3));
  EXPECT_EQ(result.quota, V5(6, 25000));
  EXPECT_EQ(result.places, 5);
  EXPECT_EQ(result.preset, "sb1288");
  ASSERT_EQ(result.stages.size(), 3u);

  const Stage& first = result.stages[0];
  EXPECT_EQ(first.votes, (std::vector<Votes>{V5(14), V5(2), V5(5), V5(4)}));
  EXPECT_EQ(first.elected, Cs("A"));
  EXPECT_EQ(first.decision, Decision::kSurplus);
  EXPECT_EQ(first.surplus_of, C('A'));
  ASSERT_EQ(first.transfers.size(), 1u);
  EXPECT_EQ(first.transfers[0].votes, V5(7, 75000));
  EXPECT_EQ(first.transfers[0].to[C('B').index()], V5(7, 74998));
  EXPECT_EQ(first.transfers[0].loss, V5(0, 2));

  const Stage& second = result.stages[1];
  EXPECT_EQ(second.votes, (std::vector<Votes>{V5(6, 25000), V5(9, 74998), V5(5), V5(4)}));
  EXPECT_EQ(second.loss, V5(0, 2));
  EXPECT_EQ(second.elected, Cs("B"));
  EXPECT_EQ(second.surplus_of, C('B'));
  ASSERT_EQ(second.transfers.size(), 1u);
  EXPECT_EQ(second.transfers[0].to[C('C').index()], V5(2, 78194));
  EXPECT_EQ(second.transfers[0].loss, V5(0, 10));

  const Stage& third = result.stages[2];
  EXPECT_EQ(third.votes, (std::vector<Votes>{V5(6, 25000), V5(6, 25000), V5(7, 78194), V5(4)}));
  EXPECT_EQ(NoMorePreferences(third), V5(0, 71794));
  EXPECT_EQ(third.loss, V5(0, 12));
  EXPECT_EQ(third.elected, Cs("C"));
  EXPECT_TRUE(third.excluded.empty());
  EXPECT_TRUE(third.transfers.empty());
  EXPECT_EQ(result.elected, Cs("ABC"));
}

TEST(Sb1288StvTest, TheThresholdIsRoundedUpAndMustBeExceeded) {
  // 14 papers, 2 seats: 14 / 3 = 4.666..., rounded up to 4.66667. With 12 papers the
  // threshold is exactly 4, and A with 4 votes is not elected by it.
  EXPECT_EQ(Count(Ballots(3, {{"A", 5}, {"B", 5}, {"C", 4}}), Rules(2)).quota, V5(4, 66667));
  // 12 papers: A 4, B 4, C 3, D 1. Nobody exceeds 4; D is defeated (DC: C 4), then C and A
  // and B are level at 4: the order defeats C, and A and B are elected as the two remaining.
  const Result result =
      Count(Ballots(4, {{"A", 4}, {"B", 4}, {"C", 3}, {"DC", 1}}), Rules(2, "CAB"));
  EXPECT_EQ(result.quota, V5(4));
  ASSERT_EQ(result.stages.size(), 2u);
  EXPECT_TRUE(result.stages[0].elected.empty());
  EXPECT_EQ(result.stages[0].excluded, Cs("D"));
  EXPECT_EQ(result.stages[1].excluded, Cs("C"));
  EXPECT_EQ(result.stages[1].elected_remaining, Cs("AB"));
}

TEST(Sb1288StvTest, EverySurplusMovesInTheSameRound) {
  // 24 papers, 3 seats: threshold 6. Round 1: A 10 and B 8 are both elected, and both
  // surpluses move at once, passing over each other: A's 4 (fraction 0.4) and B's 2 (0.25)
  // all go to D. Round 2: D 2 + 4 + 2 = 8 is elected and the seats are filled.
  const BallotSet ballots = Ballots(5, {{"ABD", 10}, {"BAD", 8}, {"C", 3}, {"D", 2}, {"E", 1}});
  const Result result = Count(ballots, Rules(3));
  ASSERT_EQ(result.stages.size(), 2u);
  const Stage& first = result.stages[0];
  EXPECT_EQ(first.elected, Cs("AB"));
  EXPECT_EQ(first.decision, Decision::kSurplus);
  EXPECT_FALSE(first.surplus_of.has_value());  // two surpluses: see the transfers
  ASSERT_EQ(first.transfers.size(), 2u);
  EXPECT_EQ(first.transfers[0].from, C('A'));
  EXPECT_EQ(first.transfers[0].to[C('D').index()], V5(4));
  EXPECT_EQ(first.transfers[1].from, C('B'));
  EXPECT_EQ(first.transfers[1].to[C('D').index()], V5(2));
  EXPECT_EQ(result.stages[1].votes[C('D').index()], V5(8));
  EXPECT_EQ(result.stages[1].elected, Cs("D"));
  EXPECT_EQ(result.elected, Cs("ABD"));
}

TEST(Sb1288StvTest, TheLastRemainingAreElectedWithoutMovingTheDefeatedBallots) {
  // 14 papers, 2 seats: threshold 4.66667. Round 1: A 5 is elected; surplus 0.33333,
  // fraction 0.06666: the five A-only papers exhaust 0.3333, residual 0.00003.
  // Round 2: B 4, C 3, D 2: D is defeated and its papers exhaust (2.3333 in all).
  // Round 3: B 4, C 3: C is defeated, and B, the only candidate left for the one seat left,
  // is elected; C's papers (CA) do not move.
  const BallotSet ballots = Ballots(4, {{"A", 5}, {"B", 4}, {"CA", 3}, {"D", 2}});
  const Result result = Count(ballots, Rules(2));
  ASSERT_EQ(result.stages.size(), 3u);
  ASSERT_EQ(result.stages[0].transfers.size(), 1u);
  EXPECT_EQ(result.stages[0].transfers[0].loss, V5(0, 3));
  EXPECT_EQ(result.stages[1].loss, V5(0, 3));  // residual so far, at round 2's tally
  EXPECT_EQ(result.stages[1].excluded, Cs("D"));
  EXPECT_EQ(result.stages[1].decision, Decision::kExclude);
  ASSERT_EQ(result.stages[1].transfers.size(), 1u);
  EXPECT_EQ(Total(result.stages[1].transfers[0].exhausted), V5(2));
  const Stage& last = result.stages[2];
  EXPECT_EQ(NoMorePreferences(last), V5(2, 33330));
  EXPECT_EQ(last.excluded, Cs("C"));
  EXPECT_EQ(last.decision, Decision::kExclude);
  EXPECT_EQ(last.elected, Cs("B"));
  EXPECT_EQ(last.elected_remaining, Cs("B"));
  EXPECT_TRUE(last.transfers.empty());
  EXPECT_EQ(result.elected, Cs("AB"));
}

TEST(Sb1288StvTest, EqualFewestGoByTheTieOrder) {
  // 13 papers, 2 seats: threshold 13 / 3 = 4.33334. Round 1: A 5 is elected; its surplus
  // exhausts. Round 2: B 4, C 2 and D 2 tie for fewest.
  // Order D first: D is defeated (DA exhausts, A being elected); round 3: C is defeated and B
  // is elected as the one remaining, with 4.
  // Order C first: C is defeated (CB: B 6); round 3: B exceeds the threshold.
  const BallotSet ballots = Ballots(4, {{"A", 5}, {"B", 4}, {"CB", 2}, {"DA", 2}});
  const Result d_first = Count(ballots, Rules(2, "DCBA"));
  ASSERT_EQ(d_first.stages.size(), 3u);
  const Stage& tied = d_first.stages[1];
  EXPECT_EQ(tied.excluded, Cs("D"));
  ASSERT_TRUE(tied.tie.has_value());
  EXPECT_EQ(tied.tie->tied, Cs("CD"));
  EXPECT_EQ(tied.tie->decided_by, TieStep::kOrder);
  EXPECT_EQ(d_first.stages[2].elected_remaining, Cs("B"));

  const Result c_first = Count(ballots, Rules(2, "CDBA"));
  ASSERT_EQ(c_first.stages.size(), 3u);
  EXPECT_EQ(c_first.stages[1].excluded, Cs("C"));
  EXPECT_EQ(c_first.stages[2].votes[C('B').index()], V5(6));
  EXPECT_EQ(c_first.stages[2].elected, Cs("B"));
  EXPECT_TRUE(c_first.stages[2].elected_remaining.empty());
}

TEST(Sb1288StvTest, ATieNeedsALotByDefault) {
  // The same tie with the preset's own rule: a lot, and none was given.
  StvRules rules;
  rules.seats = 2;
  auto result =
      CountSb1288Stv(Ballots(4, {{"A", 5}, {"B", 4}, {"CB", 2}, {"DA", 2}}), rules, {}, nullptr);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().ToString().find("needs a lot"), std::string::npos)
      << result.error().ToString();
}

TEST(Sb1288StvTest, AlternativeDefeatsRemoveTheGroupAndDeferTheSurplus) {
  // 19 papers, 2 seats: threshold 19 / 3 = 6.33334 (rounded up). Round 1: A 7 (elected,
  // surplus 0.66666), B 5, C 4, E 2, D 1.
  // With alternative defeats: {D} and {D, E} both qualify (1: A and the others outside fill
  // the seats; 2: 3 + 0.66666 < C's 4; 3.1: one seat is left) and {D, E, C} does not
  // (7.66666 is not below B's 5): D and E go at once and A's surplus waits. DC: C 5, EB: B 7.
  // Round 2: B 7 is elected and the seats are filled; A's surplus never moves.
  // Without: A's surplus exhausts (7 x 0.09523 = 0.66661), then D, then E go, and B is
  // elected in round 4.
  const BallotSet ballots = Ballots(5, {{"A", 7}, {"B", 5}, {"C", 4}, {"DC", 1}, {"EB", 2}});
  AlternativeDefeats always;
  always.always = true;
  const Result result = Count(ballots, Rules(2), always);
  ASSERT_EQ(result.stages.size(), 2u);
  const Stage& first = result.stages[0];
  EXPECT_EQ(first.elected, Cs("A"));
  EXPECT_EQ(first.excluded, Cs("DE"));
  EXPECT_EQ(first.deferred, Cs("A"));
  EXPECT_EQ(first.decision, Decision::kExclude);
  EXPECT_EQ(result.stages[1].votes, (std::vector<Votes>{V5(7), V5(7), V5(5), V5(0), V5(0)}));
  EXPECT_EQ(result.stages[1].elected, Cs("B"));
  EXPECT_EQ(result.stages[1].loss, V5(0));

  const Result basic = Count(ballots, Rules(2));
  ASSERT_EQ(basic.stages.size(), 4u);
  EXPECT_EQ(basic.stages[1].loss, V5(0, 5));
  EXPECT_EQ(basic.elected, Cs("AB"));

  AlternativeDefeats later;
  later.rounds = {false, true};  // not in round 1: the basic rule moves A's surplus first
  EXPECT_EQ(Count(ballots, Rules(2), later).stages[0].transfers.size(), 1u);
}

TEST(Sb1288StvTest, NoMoreCandidatesThanSeatsAreElectedAtOnce) {
  const Result result = Count(Ballots(3, {{"A", 5}, {"B", 1}, {"C", 1}}), Rules(3));
  ASSERT_EQ(result.stages.size(), 1u);
  EXPECT_EQ(result.stages[0].decision, Decision::kFirstPreferences);
  EXPECT_EQ(result.stages[0].elected_remaining, Cs("ABC"));
}

TEST(Sb1288StvTest, RefusesWhatTheRuleDoesNotAllow) {
  const BallotSet ballots = Ballots(3, {{"A", 5}, {"B", 4}, {"C", 3}});
  auto one_seat = CountSb1288Stv(ballots, Rules(1), {}, nullptr);
  ASSERT_FALSE(one_seat.ok());
  EXPECT_NE(one_seat.error().ToString().find("instant runoff"), std::string::npos);

  StvRules quota = Rules(2);
  quota.quota = QuotaKind::kHare;
  auto chosen = CountSb1288Stv(ballots, quota, {}, nullptr);
  ASSERT_FALSE(chosen.ok());
  EXPECT_NE(chosen.error().ToString().find("fixes its own threshold"), std::string::npos);

  BallotSet fine = ballots;
  fine.places = 6;
  auto too_fine = CountSb1288Stv(fine, Rules(2), {}, nullptr);
  ASSERT_FALSE(too_fine.ok());
  EXPECT_NE(too_fine.error().ToString().find("five decimal places"), std::string::npos);
}

}  // namespace
}  // namespace scrutineer::count
