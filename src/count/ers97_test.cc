#include "count/ers97.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace scrutineer::count {
namespace {

using core::BallotSet;
using core::Exhaustion;
using core::SectionId;

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
    builder.Add(SectionId(group.section), ranking, Exhaustion::kNoMorePreferences,
                Votes::FromUnits(group.papers), group.papers);
  }
  builder.MoveInto(ballots);
  return ballots;
}

StvRules Rules(int seats) {
  StvRules rules;
  rules.preset = StvPreset::kErs97;
  rules.seats = seats;
  return rules;
}

CandidateId C(char letter) { return CandidateId(static_cast<uint16_t>(letter - 'A')); }

// The ERS97 model election (11 candidates, 6 seats): Smith A, Carpenter B, Wright C, Glazier
// D, Duke E, Prince F, Baron G, Abbot H, Vicar I, Monk J, Freeman K.
BallotSet ModelElection() {
  // clang-format off
  return Ballots(11, {{"AB", 35},  {"ACI", 3},  {"ACF", 11}, {"ACG", 5},  {"ACH", 6},
                      {"AD", 20},  {"ADI", 7},  {"ADK", 4},  {"AE", 8},   {"AH", 4},
                      {"AJEG", 1}, {"AJI", 1},  {"AK", 18},  {"A", 11},   {"B", 81},
                      {"CAB", 23}, {"CABG", 2}, {"CABH", 1}, {"CA", 1},   {"DACG", 3},
                      {"DH", 1},   {"DEF", 11}, {"DB", 3},   {"DBK", 5},  {"DC", 1},
                      {"E", 105},  {"F", 91},   {"G", 64},   {"H", 5},    {"HI", 42},
                      {"HG", 12},  {"I", 55},   {"JE", 2},   {"JH", 5},   {"JI", 14},
                      {"JAK", 2},  {"K", 90}});
  // clang-format on
}

Votes V(std::string_view text) { return Votes::FromUnits(*core::ParseDecimalUnits(text, 2)); }

// Every candidate's votes as the result sheet shows them.
std::vector<std::string> Shown(const std::vector<Votes>& votes) {
  std::vector<std::string> shown;
  for (Votes v : votes) {
    shown.push_back(core::FormatVotes(v, 2));
  }
  return shown;
}

std::vector<CandidateId> Cs(std::string_view letters) {
  std::vector<CandidateId> ids;
  for (char c : letters) {
    ids.push_back(C(c));
  }
  return ids;
}

// A lot that orders the tied by a fixed list (the first listed draws the first ticket).
class ListLot final : public Lot {
 public:
  explicit ListLot(std::vector<CandidateId> order) : order_(std::move(order)) {}
  std::vector<Ticket> Draw(int draw, std::span<const CandidateId> tied,
                           std::span<const std::string> names) const override {
    std::vector<Ticket> tickets;
    for (CandidateId c : order_) {
      if (std::find(tied.begin(), tied.end(), c) != tied.end()) {
        tickets.push_back({c, "draw " + std::to_string(draw) + " " + names[c.index()]});
      }
    }
    return tickets;
  }
  std::string Describe() const override { return "a list"; }

 private:
  std::vector<CandidateId> order_;
};

// The ERS97 booklet, section 8 (the model election): 758 papers, 5 invalid, total valid vote
// 753; quota 753 / 7 = 107.5714... -> 107.58 (8.1). Smith alone reaches it with 134; the two
// lowest have 24 and 23 (8.2). Smith's surplus 134 - 107.58 = 26.42 exceeds their difference,
// so it is transferred: of Smith's 134 papers 123 are transferable, worth 123 > 26.42, so each
// goes at 26.42 / 123 = 0.2147... -> 0.21, crediting 123 x 0.21 = 25.83 and leaving the
// non-transferable difference 26.42 - 25.83 = 0.59; the total is still 753 (8.2).
TEST(Ers97Test, ModelElectionMatchesTheBookletsFirstTwoStages) {
  auto result = CountErs97(ModelElection(), Rules(6), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->quota, V("107.58"));
  const Stage& first = result->stages[0];
  EXPECT_EQ(first.decision, Decision::kFirstPreferences);
  EXPECT_EQ(Shown(first.votes),
            (std::vector<std::string>{"134.00", "81.00", "27.00", "24.00", "105.00", "91.00",
                                      "64.00", "59.00", "55.00", "23.00", "90.00"}));
  EXPECT_EQ(first.elected, Cs("A"));
  EXPECT_EQ(first.continuing + V("134.00"), V("753.00"));
  const Stage& second = result->stages[1];
  EXPECT_EQ(second.decision, Decision::kSurplus);
  EXPECT_EQ(second.surplus_of, C('A'));
  EXPECT_TRUE(second.deferred.empty());
  ASSERT_EQ(second.transfers.size(), 1u);
  const Transfer& smith = second.transfers[0];
  EXPECT_EQ(smith.votes, V("26.42"));
  Votes credited;
  for (Votes v : smith.to) {
    credited += v;
  }
  EXPECT_EQ(credited, V("25.83"));
  EXPECT_EQ(smith.loss, V("0.59"));
  EXPECT_EQ(second.loss, V("0.59"));
  EXPECT_EQ(second.exhausted_total(), V("0"));
  // Carpenter's 35 second preferences at 0.21: 81 + 7.35.
  EXPECT_EQ(smith.to[C('B').index()], V("7.35"));
  EXPECT_EQ(second.votes[C('A').index()], V("107.58"));
  Votes total = second.loss + second.exhausted_total();
  for (Votes v : second.votes) {
    total += v;
  }
  EXPECT_EQ(total, V("753.00"));
}

// The rest of the model election, worked by hand from the ballots (the booklet's later stage
// figures are not published with them; see docs/methods/ers97.md).
//   Stage 2 (above): Smith 107.58, Carpenter 88.35, Wright 32.25, Glazier 30.51, Duke 106.68,
//     Prince 91, Baron 64, Abbot 59.84, Vicar 55, Monk 23.42, Freeman 93.78; n-t 0.59.
//   Stage 3: no surplus; Monk (23.42) is excluded alone (23.42 + 30.51 > 32.25). Batch 1.00:
//     2 to Duke (108.68: elected), 14 to Vicar, 5 to Abbot, 2 (Monk, Smith, Freeman) to
//     Freeman. Batch 0.21: Monk-Duke-Baron passes over Duke to Baron (64.21), Monk-Vicar to
//     Vicar (69.21).
//   Stage 4: Duke's surplus 1.10 is deferred: 30.51 + 1.10 <= 32.25, and even Glazier and
//     Wright together, 30.51 + 32.25 + 1.10 = 63.86, do not exceed Baron's 64.21, so both are
//     excluded (with Baron too, 128.07 > Abbot's 64.84). Batch 1.00: 23 + 2 + 1 + 3 + 5 = 34 to
//     Carpenter (122.35: elected), 11 to Prince via Duke, 3 to Baron, 1 to Abbot, 2
//     non-transferable. Batch 0.21: 3 + 7 to Vicar, 11 to Prince, 5 to Baron, 6 to Abbot, 4
//     to Freeman, 20 non-transferable (4.20). Non-transferable papers 6.20.
//   Stage 5: surpluses 1.10 + 14.77 = 15.87 exceed 68.26 - 67.10, and no group can go, so
//     Carpenter's is transferred: its last batch, the 34 papers of stage 4, of which 8 are
//     transferable (2 Baron, 1 Abbot, 5 Freeman) worth 8 <= 14.77: they go at 1.00, and
//     14.77 - 8 = 6.77 is non-transferable. Prince, 104.31 < quota, is deemed elected by
//     5.3.13(b): active vote 104.31 + 70.26 + 68.10 + 71.31 + 101.62 + 1.10 = 416.70, over
//     3 + 1 places = 104.175.
//   Stage 6: Duke's 1.10 is deferred again (68.10 + 1.10 <= 70.26); Abbot is excluded. Batch
//     1.00: 42 to Vicar (113.31: elected), 12 to Baron, 12 non-transferable (Abbot 5, Monk-Abbot
//     5, Glazier-Abbot 1, Wright-Smith-Carpenter-Abbot 1); then Freeman,
//     101.62, is deemed elected by 5.4.9(b): (82.26 + 101.62 + 2.10 + 1.10 + 5.73) / 2 =
//     96.405. Every place is filled: Abbot's 0.21 batch (2.10) is not transferred (5.5.2).
TEST(Ers97Test, ModelElectionWholeCount) {
  auto result = CountErs97(ModelElection(), Rules(6), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  ASSERT_EQ(result->stages.size(), 6u);
  const std::vector<std::vector<std::string>> expected{
      {"107.58", "88.35", "32.25", "30.51", "106.68", "91.00", "64.00", "59.84", "55.00", "23.42",
       "93.78"},
      {"107.58", "88.35", "32.25", "30.51", "108.68", "91.00", "64.21", "64.84", "69.21", "0.00",
       "95.78"},
      {"107.58", "122.35", "0.00", "0.00", "108.68", "104.31", "68.26", "67.10", "71.31", "0.00",
       "96.62"},
      {"107.58", "107.58", "0.00", "0.00", "108.68", "104.31", "70.26", "68.10", "71.31", "0.00",
       "101.62"},
      {"107.58", "107.58", "0.00", "0.00", "108.68", "104.31", "82.26", "2.10", "113.31", "0.00",
       "101.62"}};
  for (size_t s = 0; s < expected.size(); ++s) {
    EXPECT_EQ(Shown(result->stages[s + 1].votes), expected[s]) << "stage " << s + 2;
  }
  const std::vector<std::string> exhausted{"0.00", "0.00", "6.20", "12.97", "24.97"};
  for (size_t s = 0; s < exhausted.size(); ++s) {
    EXPECT_EQ(core::FormatVotes(result->stages[s + 1].exhausted_total(), 2), exhausted[s]);
    EXPECT_EQ(result->stages[s + 1].loss, V("0.59"));
  }
  EXPECT_EQ(result->stages[2].excluded, Cs("J"));
  EXPECT_EQ(result->stages[2].elected, Cs("E"));
  EXPECT_EQ(result->stages[3].deferred, Cs("E"));
  EXPECT_EQ(result->stages[3].excluded, Cs("CD"));
  EXPECT_EQ(result->stages[3].elected, Cs("B"));
  EXPECT_EQ(result->stages[4].surplus_of, C('B'));
  EXPECT_EQ(result->stages[4].elected, Cs("F"));
  EXPECT_EQ(result->stages[5].deferred, Cs("E"));
  EXPECT_EQ(result->stages[5].excluded, Cs("H"));
  EXPECT_EQ(result->stages[5].elected, Cs("IK"));
  EXPECT_EQ(result->elected, Cs("AEBFIK"));
  for (const Stage& stage : result->stages) {
    EXPECT_EQ(stage.threshold, V("107.58"));
  }
}

// 100 papers, 2 seats: quota 100 / 3 = 33.333... -> 33.34. A's 60 papers exceed it by 26.66;
// at the first stage all of them are examined (5.3.1): 50 are transferable, worth 50 > 26.66,
// so each goes at 26.66 / 50 = 0.5332 -> 0.53: B +30 x 0.53 = 15.90 (40.90: elected), C +20 x
// 0.53 = 10.60; the difference 26.66 - 26.50 = 0.16 is non-transferable.
TEST(Ers97Test, AFirstStageSurplusMovesAllThePapersAtTheTransferValue) {
  const BallotSet ballots = Ballots(3, {{"AB", 30}, {"AC", 20}, {"A", 10}, {"B", 25}, {"C", 15}});
  auto result = CountErs97(ballots, Rules(2), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->quota, V("33.34"));
  ASSERT_EQ(result->stages.size(), 2u);
  const Stage& second = result->stages[1];
  EXPECT_EQ(second.surplus_of, C('A'));
  EXPECT_EQ(Shown(second.votes), (std::vector<std::string>{"33.34", "40.90", "25.60"}));
  EXPECT_EQ(second.loss, V("0.16"));
  EXPECT_EQ(second.exhausted_total(), V("0"));
  EXPECT_EQ(second.transfers[0].to[C('B').index()], V("15.90"));
  EXPECT_EQ(second.transfers[0].loss, V("0.16"));
  EXPECT_EQ(result->elected, Cs("AB"));
}

// 90 papers, 2 seats: quota 90 / 3 = 30.00 exactly (5.1.6: an exact quotient is the quota).
// Stage 2: D (10) is excluded; its 10 papers take B to 35 (elected). Stage 3: B's surplus of
// 5 arose from that batch, so only those 10 papers are examined (5.3.2), not B's 25 first
// preferences (which would give C a share): 5 / 10 = 0.50 each to A, 28 + 5 = 33 (elected).
TEST(Ers97Test, ALaterSurplusMovesOnlyTheLastBatchReceived) {
  const BallotSet ballots = Ballots(4, {{"BC", 25}, {"DBA", 10}, {"A", 28}, {"C", 27}});
  auto result = CountErs97(ballots, Rules(2), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->quota, V("30.00"));
  ASSERT_EQ(result->stages.size(), 3u);
  EXPECT_EQ(result->stages[1].excluded, Cs("D"));
  EXPECT_EQ(result->stages[1].elected, Cs("B"));
  const Stage& third = result->stages[2];
  EXPECT_EQ(third.surplus_of, C('B'));
  EXPECT_EQ(Shown(third.votes), (std::vector<std::string>{"33.00", "30.00", "27.00", "0.00"}));
  EXPECT_EQ(third.transfers[0].to[C('C').index()], V("0"));
  EXPECT_EQ(third.loss, V("0"));
  EXPECT_EQ(result->elected, Cs("BA"));
}

// 100 papers, 2 seats, quota 33.34. A's surplus 55 - 33.34 = 21.66; only 5 papers are
// transferable, worth 5 <= 21.66, so they move at their present value 1.00 (5.3.7) and the
// other 16.66 of the surplus is non-transferable (no difference: nothing was rounded). B has
// 26, below the quota, but the active vote is 26 + 24 = 50 and 26 >= 50 / (1 + 1): B is
// deemed elected under 5.3.13(b).
TEST(Ers97Test, PapersWorthLessThanTheSurplusMoveAtTheirValue) {
  const BallotSet ballots = Ballots(3, {{"A", 50}, {"AB", 5}, {"B", 21}, {"C", 24}});
  auto result = CountErs97(ballots, Rules(2), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  ASSERT_EQ(result->stages.size(), 2u);
  const Stage& second = result->stages[1];
  EXPECT_EQ(Shown(second.votes), (std::vector<std::string>{"33.34", "26.00", "24.00"}));
  EXPECT_EQ(second.exhausted_total(), V("16.66"));
  EXPECT_EQ(second.exhausted[static_cast<size_t>(Exhaustion::kNoMorePreferences)], V("16.66"));
  EXPECT_EQ(second.transfers[0].to[C('B').index()], V("5.00"));
  EXPECT_EQ(second.loss, V("0"));
  EXPECT_EQ(second.elected, Cs("B"));
  EXPECT_TRUE(second.elected_remaining.empty());
  EXPECT_EQ(result->elected, Cs("AB"));
}

// 100 papers, 2 seats, quota 33.34. A (50) is elected; the plumpers leave its surplus 16.66
// wholly non-transferable, and then B, with 30 of an active vote of 30 + 20 = 50, is deemed
// elected below the quota: 30 >= 50 / 2 (5.3.13(b)).
TEST(Ers97Test, TheActiveVoteElectsBelowTheQuota) {
  const BallotSet ballots = Ballots(3, {{"A", 50}, {"B", 30}, {"C", 20}});
  auto result = CountErs97(ballots, Rules(2), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  // At the first stage B falls short: (30 + 20 + 16.66 awaiting transfer) / 2 = 33.33 > 30.
  EXPECT_EQ(result->stages[0].elected, Cs("A"));
  ASSERT_EQ(result->stages.size(), 2u);
  EXPECT_EQ(result->stages[1].elected, Cs("B"));
  EXPECT_EQ(result->stages[1].votes[C('B').index()], V("30.00"));
  EXPECT_EQ(result->stages[1].threshold, V("33.34"));
  EXPECT_EQ(result->elected, Cs("AB"));
}

// 90 papers, 2 seats, quota 30.00. A (32) has a surplus of 2. The two lowest, D 5 and E 10,
// differ by 5 >= 2 (5.2.2(a)), and together with the surplus they have 5 + 10 + 2 = 17, not
// more than B's 20 (5.2.2(b), 5.2.5(b)): the surplus is deferred and D and E are excluded
// together (with C, 37 > 23, the group would be too big). D's papers take C to 28, E's take
// B to 30 (elected); every place is filled, so A's surplus is never transferred (5.5.2).
TEST(Ers97Test, ASmallSurplusIsDeferredAndTheLowestAreExcludedTogether) {
  const BallotSet ballots =
      Ballots(5, {{"AB", 2}, {"A", 30}, {"B", 20}, {"C", 23}, {"DC", 5}, {"EB", 10}});
  auto result = CountErs97(ballots, Rules(2), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  ASSERT_EQ(result->stages.size(), 2u);
  const Stage& second = result->stages[1];
  EXPECT_EQ(second.decision, Decision::kExclude);
  EXPECT_EQ(second.deferred, Cs("A"));
  EXPECT_EQ(second.excluded, Cs("DE"));
  ASSERT_EQ(second.transfers.size(), 2u);
  EXPECT_EQ(second.transfers[0].from, C('D'));
  EXPECT_EQ(second.transfers[0].to[C('C').index()], V("5.00"));
  EXPECT_EQ(second.transfers[1].to[C('B').index()], V("10.00"));
  EXPECT_EQ(Shown(second.votes),
            (std::vector<std::string>{"32.00", "30.00", "28.00", "0.00", "0.00"}));
  EXPECT_EQ(second.elected, Cs("B"));
  EXPECT_EQ(result->elected, Cs("AB"));
}

// 200 papers, 3 seats: quota 200 / 4 = 50.00.
//   Stage 1: A 60 (elected), B 45, C 30, D 28, E 37.
//   Stage 2: A's surplus 10 is not deferred (28 + 10 > 30; 28 + 30 + 10 > 37): its 60 papers
//     go at 10 / 60 = 0.1666 -> 0.16: D +4.80 (32.80), C +4.80 (34.80); difference 0.40.
//   Stage 3: D is excluded. Batch 1.00: its 28 papers take B to 73 (elected). Batch 0.16: the
//     30 papers A, D, B, C pass over B, now elected (5.4.10), to C: +4.80 (39.60).
//   Stage 4: B's surplus 23 is its last batch only, the 28 papers from D (not its own 45 first
//     preferences for E): 23 / 28 = 0.8214 -> 0.82 to C, +22.96 (62.56: elected);
//     difference 23 - 22.96 = 0.04.
TEST(Ers97Test, AnExclusionMovesBatchesByValueAndSkipsThoseElectedOnTheWay) {
  const BallotSet ballots =
      Ballots(5, {{"ADBC", 30}, {"ACE", 30}, {"BE", 45}, {"C", 30}, {"DBC", 28}, {"E", 37}});
  auto result = CountErs97(ballots, Rules(3), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  ASSERT_EQ(result->stages.size(), 4u);
  EXPECT_EQ(Shown(result->stages[1].votes),
            (std::vector<std::string>{"50.00", "45.00", "34.80", "32.80", "37.00"}));
  EXPECT_EQ(result->stages[1].loss, V("0.40"));
  const Stage& third = result->stages[2];
  EXPECT_EQ(third.excluded, Cs("D"));
  EXPECT_EQ(third.elected, Cs("B"));
  EXPECT_EQ(Shown(third.votes),
            (std::vector<std::string>{"50.00", "73.00", "39.60", "0.00", "37.00"}));
  ASSERT_EQ(third.transfers.size(), 1u);
  EXPECT_EQ(third.transfers[0].votes, V("32.80"));
  EXPECT_EQ(third.transfers[0].to[C('B').index()], V("28.00"));
  EXPECT_EQ(third.transfers[0].to[C('C').index()], V("4.80"));
  const Stage& fourth = result->stages[3];
  EXPECT_EQ(fourth.surplus_of, C('B'));
  EXPECT_EQ(Shown(fourth.votes),
            (std::vector<std::string>{"50.00", "50.00", "62.56", "0.00", "37.00"}));
  EXPECT_EQ(fourth.transfers[0].to[C('E').index()], V("0"));
  EXPECT_EQ(fourth.loss, V("0.44"));
  EXPECT_EQ(result->elected, Cs("ABC"));
}

// 100 papers, 2 seats, quota 33.34; nobody reaches it (nor 100 / 3 by 5.1.7(b)). D's 20
// plumpers become non-transferable at its exclusion before anyone is elected, so the quota is
// recalculated on the other 80 (5.4.8): 80 / 3 = 26.666... -> 26.67, which A (30) and B (28)
// then have.
TEST(Ers97Test, PapersLostBeforeAnyElectionReduceTheQuota) {
  const BallotSet ballots = Ballots(4, {{"A", 30}, {"B", 28}, {"C", 22}, {"D", 20}});
  auto result = CountErs97(ballots, Rules(2), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->quota, V("33.34"));
  ASSERT_EQ(result->stages.size(), 2u);
  EXPECT_EQ(result->stages[0].threshold, V("33.34"));
  EXPECT_EQ(result->stages[1].excluded, Cs("D"));
  EXPECT_EQ(result->stages[1].threshold, V("26.67"));
  EXPECT_EQ(result->stages[1].exhausted_total(), V("20.00"));
  EXPECT_EQ(result->stages[1].elected, Cs("AB"));
}

// 1 seat, 26 papers, quota 13.00. Stage 2: C is excluded and A and B each reach 13. Only one
// place is left and they have been equal at every point, so neither is deemed elected (5.6.2,
// no lot). Stage 3: both are lowest; still equal everywhere, so a lot decides who is excluded
// (5.2.5): A draws the losing ticket, and B, the only continuing candidate left for the one
// place, is deemed elected without any transfer (5.5.1).
TEST(Ers97Test, EqualCandidatesAreNotElectedOnEqualityAndALotExcludesOne) {
  const BallotSet ballots = Ballots(3, {{"A", 10}, {"B", 10}, {"CA", 3}, {"CB", 3}});
  const ListLot lot(Cs("AB"));
  auto result = CountErs97(ballots, Rules(1), &lot);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  ASSERT_EQ(result->stages.size(), 3u);
  EXPECT_EQ(Shown(result->stages[1].votes), (std::vector<std::string>{"13.00", "13.00", "0.00"}));
  EXPECT_TRUE(result->stages[1].elected.empty());
  const Stage& third = result->stages[2];
  EXPECT_EQ(third.decision, Decision::kExclude);
  EXPECT_EQ(third.excluded, Cs("A"));
  ASSERT_TRUE(third.tie.has_value());
  EXPECT_EQ(third.tie->decided_by, TieStep::kLot);
  EXPECT_EQ(third.tie->loser, C('A'));
  EXPECT_TRUE(third.transfers.empty());
  EXPECT_EQ(third.elected, Cs("B"));
  EXPECT_EQ(third.elected_remaining, Cs("B"));
  EXPECT_EQ(result->lot, "a list");
  EXPECT_EQ(result->elected, Cs("B"));
}

TEST(Ers97Test, ATieThatNeedsALotFailsWithoutOne) {
  const BallotSet ballots = Ballots(3, {{"A", 10}, {"B", 10}, {"CA", 3}, {"CB", 3}});
  auto result = CountErs97(ballots, Rules(1), nullptr);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().ToString().find("needs a lot"), std::string::npos)
      << result.error().ToString();
}

// 1 seat, 68 papers, quota 34.00. A and B start with 10 and 11; C's exclusion makes them 15
// and 14; D's makes them 16 and 16 (and D's 6 plumpers, lost before anyone is elected, bring
// the quota to (68 - 6) / 2 = 31.00 by 5.4.8). At stage 4 A and B are the lowest, level:
// looking forward from the first stage, A had fewer there, so A is excluded (looking back from
// the latest stage would have excluded B). A's 16 papers are non-transferable: the quota falls
// to (68 - 22) / 2 = 23.00, which E (30) has.
TEST(Ers97Test, ExclusionTiesLookForwardFromTheFirstStage) {
  const BallotSet ballots = Ballots(
      5, {{"A", 10}, {"B", 11}, {"CA", 5}, {"CB", 3}, {"DA", 1}, {"DB", 2}, {"D", 6}, {"E", 30}});
  auto result = CountErs97(ballots, Rules(1), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  ASSERT_EQ(result->stages.size(), 4u);
  EXPECT_EQ(result->stages[1].excluded, Cs("C"));
  EXPECT_EQ(result->stages[2].excluded, Cs("D"));
  EXPECT_EQ(result->stages[2].threshold, V("31.00"));
  EXPECT_EQ(Shown(result->stages[2].votes),
            (std::vector<std::string>{"16.00", "16.00", "0.00", "0.00", "30.00"}));
  const Stage& fourth = result->stages[3];
  EXPECT_EQ(fourth.excluded, Cs("A"));
  ASSERT_TRUE(fourth.tie.has_value());
  EXPECT_EQ(fourth.tie->decided_by, TieStep::kForward);
  EXPECT_EQ(fourth.tie->round_looked_at, 1);
  EXPECT_EQ(fourth.threshold, V("23.00"));
  EXPECT_EQ(result->elected, Cs("E"));
}

// 2 seats, 70 papers, quota 70 / 3 = 23.333... -> 23.34. A's surplus 32 - 23.34 = 8.66 moves
// at 8.66 / 17 = 0.5094 -> 0.50: 4 papers (A, Z, Y) to Z, +2.00 (4.00); 13 to W (22.50).
// Stage 3 excludes Z: batch 1.00 gives X 2 papers (12), batch 0.50 gives Y 4 x 0.50 (12).
// At stage 4 X and Y are level and lowest; they were equal at stages 1, 2 and 3, but not
// after stage 3's first batch, where X had 12 and Y 10 (5.2.5: "the earliest point in the
// count, after the transfer of a batch of papers"): Y is excluded with no lot. Y's batch 1.00
// takes W to 32.50 (elected); the last place is filled, so Y's 0.50 batch stays (5.5.2).
TEST(Ers97Test, TiesLookAtThePointAfterEachBatch) {
  // Candidates: A, W (B), X (C), Y (D), Z (E).
  const BallotSet ballots =
      Ballots(5, {{"AED", 4}, {"AB", 13}, {"A", 15}, {"C", 10}, {"DB", 10}, {"EC", 2}, {"B", 16}});
  auto result = CountErs97(ballots, Rules(2), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  ASSERT_EQ(result->stages.size(), 4u);
  EXPECT_EQ(result->stages[1].surplus_of, C('A'));
  EXPECT_EQ(Shown(result->stages[1].votes),
            (std::vector<std::string>{"23.34", "22.50", "10.00", "10.00", "4.00"}));
  EXPECT_EQ(result->stages[2].excluded, Cs("E"));
  EXPECT_EQ(Shown(result->stages[2].votes),
            (std::vector<std::string>{"23.34", "22.50", "12.00", "12.00", "0.00"}));
  const Stage& fourth = result->stages[3];
  EXPECT_EQ(fourth.excluded, Cs("D"));
  ASSERT_TRUE(fourth.tie.has_value());
  EXPECT_EQ(fourth.tie->decided_by, TieStep::kForward);
  EXPECT_EQ(fourth.tie->round_looked_at, 3);
  EXPECT_EQ(fourth.elected, Cs("B"));
  EXPECT_EQ(Shown(fourth.votes),
            (std::vector<std::string>{"23.34", "32.50", "12.00", "2.00", "0.00"}));
  EXPECT_EQ(result->elected, Cs("AB"));
}

// 3 seats, 100 papers, quota 25.00. A and B both have 30: equal surpluses of 5, equal at every
// point, so a lot chooses which goes first (5.2.3); the record's `loser` is the candidate the
// tie favours (here: whose surplus moves first). B's 30 papers go at 5 / 30 -> 0.16 to D.
TEST(Ers97Test, EqualSurplusesAreOrderedByLot) {
  const BallotSet ballots = Ballots(5, {{"AC", 30}, {"BD", 30}, {"C", 12}, {"D", 13}, {"E", 15}});
  const ListLot lot(Cs("BA"));
  auto result = CountErs97(ballots, Rules(3), &lot);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  const Stage& second = result->stages[1];
  EXPECT_EQ(second.surplus_of, C('B'));
  ASSERT_TRUE(second.tie.has_value());
  EXPECT_EQ(second.tie->decided_by, TieStep::kLot);
  EXPECT_EQ(second.tie->tied, Cs("AB"));
  EXPECT_EQ(second.votes[C('D').index()], V("17.80"));
  EXPECT_EQ(result->stages[2].surplus_of, C('A'));
  EXPECT_EQ(result->elected.size(), 3u);
}

TEST(Ers97Test, RefusesWeightsWithMoreThanTwoPlaces) {
  BallotSet ballots = Ballots(2, {{"A", 1}, {"B", 1}});
  ballots.places = 3;
  ballots.weight[0] = Votes::FromUnits(1500);  // 1.500: fine at two places
  ballots.weight[1] = Votes::FromUnits(1255);  // 1.255: not
  auto result = CountErs97(ballots, Rules(1), nullptr);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), util::ErrorCode::kUnsupported);
  EXPECT_EQ(result.error().ToString(),
            "ERS97 takes every value to two decimal places, and a ballot weight (1.255) has more");
}

TEST(Ers97Test, RefusesAChosenQuotaAndNoSeats) {
  const BallotSet ballots = Ballots(2, {{"A", 3}, {"B", 2}});
  StvRules rules = Rules(1);
  rules.quota = QuotaKind::kHare;
  auto chosen = CountErs97(ballots, rules, nullptr);
  ASSERT_FALSE(chosen.ok());
  EXPECT_NE(chosen.error().ToString().find("fixes its own quota"), std::string::npos);
  auto none = CountErs97(ballots, Rules(0), nullptr);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().ToString(), "ERS97 needs at least one seat to fill");
  BallotSet nobody = ballots;
  nobody.withdrawn = Cs("AB");
  auto empty = CountErs97(nobody, Rules(1), nullptr);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().ToString(), "there is no candidate to count");
}

TEST(Ers97Test, DescribesItsArithmeticAndTies) {
  auto result = CountErs97(Ballots(2, {{"A", 3}, {"B", 2}}), Rules(1), nullptr);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->method, Method::kStv);
  EXPECT_EQ(result->preset, "ers97");
  EXPECT_EQ(result->places, 2);
  EXPECT_EQ(result->tie_break.steps, (std::vector<TieStep>{TieStep::kForward, TieStep::kLot}));
  EXPECT_FALSE(result->arithmetic.empty());
  EXPECT_EQ(result->elected, Cs("A"));
}

// 3 seats, 11 papers, quota 11 / 4 = 2.75: A (10) is elected; B (1) falls short even of the
// active vote (1 + 0 + 7.25 awaiting transfer) / 3. B and C (no papers) are then no more than
// the places left, so both are deemed elected (4.3) at once.
TEST(Ers97Test, NoMoreCandidatesThanPlacesAreAllElected) {
  auto result = CountErs97(Ballots(3, {{"A", 10}, {"B", 1}}), Rules(3), nullptr);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->stages.size(), 1u);
  EXPECT_EQ(result->elected, Cs("ABC"));
  EXPECT_EQ(result->stages[0].elected_remaining, Cs("BC"));
}

// A lot for the property tests: the tied in candidate order, the first losing.
class FirstLot final : public Lot {
 public:
  std::vector<Ticket> Draw(int /*draw*/, std::span<const CandidateId> tied,
                           std::span<const std::string> /*names*/) const override {
    std::vector<Ticket> tickets;
    for (CandidateId c : tied) {
      tickets.push_back({c, "first"});
    }
    return tickets;
  }
  std::string Describe() const override { return "first"; }
};

BallotSet RandomBallots(std::mt19937& rng, int candidates, bool weighted) {
  BallotSet ballots;
  for (int c = 0; c < candidates; ++c) {
    ballots.candidates.emplace_back(1, static_cast<char>('A' + c));
  }
  ballots.sections = {"members", "supporters"};
  core::BallotSetBuilder builder;
  std::vector<CandidateId> order;
  for (int c = 0; c < candidates; ++c) {
    order.emplace_back(static_cast<uint16_t>(c));
  }
  const int groups = 1 + static_cast<int>(rng() % 40);
  for (int g = 0; g < groups; ++g) {
    std::shuffle(order.begin(), order.end(), rng);
    const size_t length = 1 + rng() % static_cast<size_t>(candidates);
    const std::vector<CandidateId> ranking(order.begin(),
                                           order.begin() + static_cast<ptrdiff_t>(length));
    const int64_t papers = 1 + static_cast<int64_t>(rng() % 30);
    const auto end = static_cast<Exhaustion>(rng() % core::kExhaustionKinds);
    // Weighted: a ballot of weight 0.25 to 2.50 (hundredths), as one paper.
    const Votes weight = weighted ? Votes::FromUnits(25 + static_cast<int64_t>(rng() % 226))
                                  : Votes::FromUnits(papers);
    builder.Add(SectionId(static_cast<uint16_t>(rng() % 2)), ranking, end, weight,
                weighted ? 1 : papers);
  }
  builder.MoveInto(ballots);
  ballots.places = weighted ? 2 : 0;
  return ballots;
}

// Votes + non-transferable papers + the difference = every paper's value, at every stage; by
// section too; each transfer accounts for what it moved; nobody excluded comes back or is
// elected; exactly the seats are filled.
void CheckInvariants(const BallotSet& ballots, const Result& result, int seats,
                     const std::string& what) {
  Votes total;
  for (Votes w : ballots.weight) {
    total += w;
  }
  if (ballots.places == 0) {
    total = Votes::FromUnits(total.units() * 100);
  }
  std::vector<bool> excluded(ballots.candidates.size(), false);
  for (const Stage& stage : result.stages) {
    Votes sum = stage.exhausted_total() + stage.loss;
    for (Votes v : stage.votes) {
      sum += v;
    }
    EXPECT_EQ(sum, total) << what << " stage " << stage.number;
    for (size_t c = 0; c < stage.votes.size(); ++c) {
      Votes by_section;
      for (const std::vector<Votes>& section : stage.votes_by_section) {
        EXPECT_GE(section[c].units(), 0) << what;
        by_section += section[c];
      }
      EXPECT_EQ(by_section, stage.votes[c]) << what << " stage " << stage.number;
      EXPECT_FALSE(excluded[c] && stage.state[c] != CandidateState::kExcluded) << what;
    }
    for (const Transfer& transfer : stage.transfers) {
      Votes moved = Total(transfer.exhausted) + transfer.loss;
      for (Votes v : transfer.to) {
        moved += v;
      }
      EXPECT_EQ(moved, transfer.votes) << what << " stage " << stage.number;
    }
    for (CandidateId c : stage.elected) {
      EXPECT_FALSE(excluded[c.index()]) << what;
    }
    for (CandidateId c : stage.excluded) {
      excluded[c.index()] = true;
    }
  }
  const size_t expected = std::min(static_cast<size_t>(seats), ballots.candidates.size());
  EXPECT_EQ(result.elected.size(), expected) << what;
  std::vector<CandidateId> sorted = result.elected;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end()) << what;
}

TEST(Ers97Test, RandomElectionsKeepEveryVoteAndFillEverySeat) {
  std::mt19937 rng(1997);
  const FirstLot lot;
  for (int trial = 0; trial < 600; ++trial) {
    const int candidates = 1 + static_cast<int>(rng() % 9);
    const int seats = 1 + static_cast<int>(rng() % 5);
    const bool weighted = trial % 3 == 0;
    const BallotSet ballots = RandomBallots(rng, candidates, weighted);
    auto result = CountErs97(ballots, Rules(seats), &lot);
    const std::string what = "trial " + std::to_string(trial);
    ASSERT_TRUE(result.ok()) << what << ": " << result.error().ToString();
    CheckInvariants(ballots, *result, seats, what);
  }
}

TEST(Ers97Test, TheModelElectionKeepsEveryVote) {
  const BallotSet ballots = ModelElection();
  auto result = CountErs97(ballots, Rules(6), nullptr);
  ASSERT_TRUE(result.ok());
  CheckInvariants(ballots, *result, 6, "model");
}
}  // namespace
}  // namespace scrutineer::count
