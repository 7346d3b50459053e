#include "count/condorcet.h"

#include <gtest/gtest.h>

namespace scrutineer::count {
namespace {

using core::Votes;

CandidateId C(char letter) { return CandidateId(static_cast<uint16_t>(letter - 'A')); }

core::BallotSet Ballots(int candidates,
                        const std::vector<std::pair<std::string, int64_t>>& groups) {
  core::BallotSet ballots;
  for (int c = 0; c < candidates; ++c) {
    ballots.candidates.emplace_back(1, static_cast<char>('A' + c));
  }
  core::BallotSetBuilder builder;
  for (const auto& [ranking_text, papers] : groups) {
    std::vector<CandidateId> ranking;
    for (char c : ranking_text) {
      ranking.push_back(C(c));
    }
    builder.Add(core::SectionId(0), ranking, core::Exhaustion::kNoMorePreferences,
                Votes::FromUnits(papers), papers);
  }
  builder.MoveInto(ballots);
  return ballots;
}

std::string Letters(const std::vector<CandidateId>& order) {
  std::string text;
  for (CandidateId c : order) {
    text += static_cast<char>('A' + c.value);
  }
  return text;
}

// The 45-voter example of the Schulze method's description (Wikipedia, "Schulze method").
const std::vector<std::pair<std::string, int64_t>> kFortyFive{
    {"ACBED", 5}, {"ADECB", 5}, {"BEDAC", 8}, {"CABED", 3},
    {"CAEBD", 7}, {"CBADE", 2}, {"DCEBA", 7}, {"EBADC", 8}};

TEST(CondorcetTest, PairwiseTableCountsBallotsRankingOneAboveTheOther) {
  const auto wins = PairwiseWins(Ballots(5, kFortyFive));
  // By hand: A over B on ACBED 5, ADECB 5, CABED 3, CAEBD 7 = 20; B over A the other 25.
  EXPECT_EQ(wins[C('A').index()][C('B').index()], Votes::FromUnits(20));
  EXPECT_EQ(wins[C('B').index()][C('A').index()], Votes::FromUnits(25));
  EXPECT_EQ(wins[C('B').index()][C('D').index()], Votes::FromUnits(33));
  EXPECT_EQ(wins[C('E').index()][C('D').index()], Votes::FromUnits(31));
  EXPECT_EQ(wins[C('D').index()][C('C').index()], Votes::FromUnits(28));
}

TEST(CondorcetTest, SchulzeOrdersTheFortyFiveVoterExampleEACBD) {
  auto result = CountSchulze(Ballots(5, kFortyFive), CondorcetRules{}, nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(Letters(result->pairwise->order), "EACBD");
  EXPECT_EQ(result->elected, std::vector<CandidateId>{C('E')});
  // Strongest paths as published: E to A 25, A to E 24; C to B 29, B to D 33.
  const auto& p = result->pairwise->strongest;
  EXPECT_EQ(p[C('E').index()][C('A').index()], Votes::FromUnits(25));
  EXPECT_EQ(p[C('A').index()][C('E').index()], Votes::FromUnits(24));
  EXPECT_EQ(p[C('C').index()][C('B').index()], Votes::FromUnits(29));
  EXPECT_EQ(p[C('B').index()][C('D').index()], Votes::FromUnits(33));
}

TEST(CondorcetTest, RankedPairsLocksTheStrongestMajoritiesFirst) {
  // By hand: majorities B>D 33, E>D 31, A>D 30, C>B 29, D>C 28, E>B 27, A>C 26, B>A 25, C>E 24,
  // E>A 23. Locked: B>D, E>D, A>D, C>B; D>C skipped (C>B>D); E>B; A>C; B>A skipped (A>C>B);
  // C>E; E>A skipped (A>C>E). Order A, C, E, B, D: ranked pairs elects A, where Schulze E.
  auto result = CountRankedPairs(Ballots(5, kFortyFive), CondorcetRules{}, nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(Letters(result->pairwise->order), "ACEBD");
  ASSERT_EQ(result->pairwise->pairs.size(), 10u);
  EXPECT_EQ(Letters({result->pairwise->pairs[4].winner, result->pairwise->pairs[4].loser}), "DC");
  EXPECT_FALSE(result->pairwise->pairs[4].locked);
  EXPECT_TRUE(result->pairwise->pairs[5].locked);
}

TEST(CondorcetTest, ACondorcetWinnerWinsUnderBoth) {
  // Wikipedia's Tennessee capital example: Memphis 42, Nashville 26, Chattanooga 15,
  // Knoxville 17 (M=A, N=B, C=C, K=D). Nashville beats each other city: B is elected.
  const std::vector<std::pair<std::string, int64_t>> tennessee{
      {"ABCD", 42}, {"BCDA", 26}, {"CDBA", 15}, {"DCBA", 17}};
  EXPECT_EQ(CountSchulze(Ballots(4, tennessee), {}, nullptr)->elected,
            std::vector<CandidateId>{C('B')});
  EXPECT_EQ(CountRankedPairs(Ballots(4, tennessee), {}, nullptr)->elected,
            std::vector<CandidateId>{C('B')});
}

TEST(CondorcetTest, LevelCandidatesGoToTheTieRules) {
  // A and B each ranked first by 5: level pairwise, nothing to separate them.
  const auto ballots = Ballots(2, {{"AB", 5}, {"BA", 5}});
  CondorcetRules rules;
  EXPECT_FALSE(CountSchulze(ballots, rules, nullptr).ok());  // a lot with no seed
  rules.tie_break.steps = {TieStep::kOrder};
  rules.tie_break.order = {C('A')};  // A loses ties
  auto result = CountSchulze(ballots, rules, nullptr);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->elected, std::vector<CandidateId>{C('B')});
  ASSERT_TRUE(result->stages[0].tie.has_value());
}

TEST(CondorcetTest, AnEvenCycleIsSettledByTheTieBreakingRanking) {
  // A beats B, B beats C, C beats A, each 2 to 1: every majority is equally strong and together
  // they close a cycle. The tie rules give the ranking: with C losing ties first and then B,
  // the ranking is A, B, C, so A>B and B>C lock and C>A is skipped: A wins. With A losing
  // first and then B, the ranking is C, B, A: C>A and B>C lock, A>B is skipped: B wins.
  const auto ballots = Ballots(3, {{"ABC", 1}, {"BCA", 1}, {"CAB", 1}});
  CondorcetRules rules;
  rules.tie_break.steps = {TieStep::kOrder};
  rules.tie_break.order = {C('C'), C('B'), C('A')};
  auto result = CountRankedPairs(ballots, rules, nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(Letters(result->pairwise->order), "ABC");
  rules.tie_break.order = {C('A'), C('B'), C('C')};
  result = CountRankedPairs(ballots, rules, nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->elected, std::vector<CandidateId>{C('B')});
  // Schulze finds every strongest path 2 both ways: the tie rules order all three.
  rules.tie_break.order = {C('C'), C('B'), C('A')};
  EXPECT_EQ(Letters(CountSchulze(ballots, rules, nullptr)->pairwise->order), "ABC");
}

}  // namespace
}  // namespace scrutineer::count
