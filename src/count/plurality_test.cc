#include "count/plurality.h"

#include <gtest/gtest.h>

namespace scrutineer::count {
namespace {

using core::Exhaustion;
using core::Votes;

CandidateId C(char letter) { return CandidateId(static_cast<uint16_t>(letter - 'A')); }

// Ballots from {"AB", n}: n papers marking A and B (letters from A).
core::BallotSet Ballots(int candidates,
                        const std::vector<std::pair<std::string, int64_t>>& groups) {
  core::BallotSet ballots;
  for (int c = 0; c < candidates; ++c) {
    ballots.candidates.emplace_back(1, static_cast<char>('A' + c));
  }
  core::BallotSetBuilder builder;
  for (const auto& [marks, papers] : groups) {
    std::vector<CandidateId> ranking;
    for (char c : marks) {
      ranking.push_back(C(c));
    }
    builder.Add(core::SectionId(0), ranking, Exhaustion::kNoMorePreferences,
                Votes::FromUnits(papers), papers);
  }
  builder.MoveInto(ballots);
  return ballots;
}

TEST(PluralityTest, TheMostVotesWinsAndSecondMarksAreVoid) {
  // A union general secretary, first past the post: A 40, B 35, C 20; 5 ballots mark two.
  const auto ballots = Ballots(3, {{"A", 40}, {"B", 35}, {"C", 20}, {"AB", 5}});
  auto result = CountPlurality(ballots, PluralityRules{}, nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->elected, std::vector<CandidateId>{C('A')});
  EXPECT_EQ(result->stages[0].votes[C('A').index()], Votes::FromUnits(40));
  ASSERT_EQ(result->voids.size(), 1u);
  EXPECT_EQ(result->voids[0].papers, 5);
  EXPECT_EQ(result->voids[0].reason, "too many marks");
}

TEST(PluralityTest, TheBlockVoteFillsEverySeat) {
  // Three seats; each ballot marks up to three. Votes: A 50, B 45, C 30, D 30 - 10 = 20... by
  // hand: "ABC" x10 gives A B C 10 each; "AB" x40: A B 40; "D" x35; "CD" x20.
  // A 50, B 50, D 55, C 30: D, A and B are elected.
  const auto ballots = Ballots(4, {{"ABC", 10}, {"AB", 40}, {"D", 35}, {"CD", 20}});
  PluralityRules rules;
  rules.seats = 3;
  auto result = CountPlurality(ballots, rules, nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->stages[0].votes[C('D').index()], Votes::FromUnits(55));
  EXPECT_EQ(result->stages[0].votes[C('C').index()], Votes::FromUnits(30));
  std::vector<CandidateId> elected = result->elected;
  std::sort(elected.begin(), elected.end());
  EXPECT_EQ(elected, (std::vector<CandidateId>{C('A'), C('B'), C('D')}));
}

TEST(PluralityTest, ATieForTheLastSeatGoesToTheTieRules) {
  const auto ballots = Ballots(3, {{"A", 10}, {"B", 7}, {"C", 7}});
  PluralityRules rules;
  rules.seats = 2;
  rules.tie_break.steps = {TieStep::kOrder};
  rules.tie_break.order = {C('C'), C('B')};  // C loses ties
  auto result = CountPlurality(ballots, rules, nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->elected, (std::vector<CandidateId>{C('A'), C('B')}));
  ASSERT_TRUE(result->stages[0].tie.has_value());
  EXPECT_EQ(result->stages[0].tie->loser, C('C'));
  // Without an order or a seed the count cannot finish.
  rules.tie_break.steps = {TieStep::kLot};
  EXPECT_FALSE(CountPlurality(ballots, rules, nullptr).ok());
}

TEST(ApprovalTest, EveryMarkCountsAndAnyNumberMayBeMarked) {
  // A 3 + 4 = 7, B 3 + 2 = 5, C 4 + 2 + 1 = 7... by hand: "AB" x3, "AC" x4, "BC" x2, "C" x1:
  // A 7, B 5, C 7. One seat: A and C tie; with C losing ties, A is elected.
  const auto ballots = Ballots(3, {{"AB", 3}, {"AC", 4}, {"BC", 2}, {"C", 1}});
  PluralityRules rules;
  rules.tie_break.steps = {TieStep::kOrder};
  rules.tie_break.order = {C('C')};
  auto result = CountApproval(ballots, rules, nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->stages[0].votes[C('A').index()], Votes::FromUnits(7));
  EXPECT_EQ(result->stages[0].votes[C('B').index()], Votes::FromUnits(5));
  EXPECT_EQ(result->stages[0].votes[C('C').index()], Votes::FromUnits(7));
  EXPECT_EQ(result->elected, std::vector<CandidateId>{C('A')});
  EXPECT_TRUE(result->voids.empty());
}

}  // namespace
}  // namespace scrutineer::count
