#include "count/meek.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace scrutineer::count {
namespace {

using core::Exhaustion;
using core::SectionId;

// Votes at Meek's 9 places, from units of 10^-9.
Votes N(int64_t units) { return Votes::FromUnits(units); }
constexpr int64_t kOne = 1'000'000'000;

// {"AB", 4}: 4 papers ranking A then B (candidates are letters from A), or with a weight.
struct Group {
  std::string ranking;
  int64_t weight;  // in units of the ballot set's places
  int64_t papers = 0;
  Exhaustion end = Exhaustion::kNoMorePreferences;
  uint16_t section = 0;
};

core::BallotSet Ballots(int candidates, const std::vector<Group>& groups, int places = 0) {
  core::BallotSet ballots;
  for (int c = 0; c < candidates; ++c) {
    ballots.candidates.emplace_back(1, static_cast<char>('A' + c));
  }
  ballots.sections = {"members", "supporters"};
  ballots.places = places;
  core::BallotSetBuilder builder;
  for (const Group& group : groups) {
    std::vector<CandidateId> ranking;
    for (char c : group.ranking) {
      ranking.emplace_back(static_cast<uint16_t>(c - 'A'));
    }
    builder.Add(SectionId(group.section), ranking, group.end, Votes::FromUnits(group.weight),
                group.papers > 0 ? group.papers : group.weight);
  }
  builder.MoveInto(ballots);
  return ballots;
}

CandidateId C(char letter) { return CandidateId(static_cast<uint16_t>(letter - 'A')); }

StvRules Seats(int seats) {
  StvRules rules;
  rules.preset = StvPreset::kMeek;
  rules.seats = seats;
  return rules;
}

TEST(MeekTest, ASurplusIsKeptInProportionAndTheRestPassesOn) {
  // 3 candidates, 2 seats: 4 papers A then B, 2 papers C. Total 6.
  // Stage 1 (first preferences): A 4, B 0, C 2; quota 6 / 3 = 2, plus 0.000000001.
  // Stage 2 (round 1): the same votes; A has at least 2.000000001 and is elected.
  // Stage 3 (round 2), iteration 1: surplus 4 - 2.000000001 = 1.999999999, so A's keep value
  //   becomes (1 x 2.000000001, exact) / 4 = 0.50000000025, rounded up: 0.500000001.
  // Iteration 2: each A-B paper gives A 1 x 0.500000001 (exact) and B the rest, 0.499999999:
  //   A 2.000000004, B 1.999999996, C 2; quota 6 / 3 + 0.000000001 = 2.000000001; surplus
  //   0.000000003, below 0.000001: the iteration ends. B (1.999999996) is lowest, and C is not
  //   within the surplus of B (1.999999999 < 2): B is excluded. One hopeful for one seat: C is
  //   elected.
  const core::BallotSet ballots = Ballots(3, {{"AB", 4}, {"C", 2}});
  auto result = CountMeek(ballots, Seats(2), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  ASSERT_EQ(result->stages.size(), 3u);
  EXPECT_EQ(result->method, Method::kStv);
  EXPECT_EQ(result->preset, "meek");
  EXPECT_EQ(result->places, 9);
  EXPECT_EQ(result->quota, N(2'000'000'001));

  const Stage& first = result->stages[0];
  EXPECT_EQ(first.decision, Decision::kFirstPreferences);
  EXPECT_EQ(first.votes, (std::vector<Votes>{N(4 * kOne), N(0), N(2 * kOne)}));
  EXPECT_EQ(first.keep, (std::vector<Votes>{N(kOne), N(kOne), N(kOne)}));
  EXPECT_TRUE(first.elected.empty());

  const Stage& second = result->stages[1];
  EXPECT_EQ(second.decision, Decision::kMeekRound);
  EXPECT_EQ(second.iterations, 1);
  EXPECT_EQ(second.elected, std::vector<CandidateId>{C('A')});

  const Stage& third = result->stages[2];
  EXPECT_EQ(third.decision, Decision::kExclude);
  EXPECT_EQ(third.iterations, 2);
  EXPECT_EQ(third.votes, (std::vector<Votes>{N(2'000'000'004), N(1'999'999'996), N(2 * kOne)}));
  EXPECT_EQ(third.keep, (std::vector<Votes>{N(500'000'001), N(kOne), N(kOne)}));
  EXPECT_EQ(third.threshold, N(2'000'000'001));
  EXPECT_EQ(third.continuing, N(3'999'999'996));  // B and C, hopeful when the round settled
  EXPECT_EQ(third.excluded, std::vector<CandidateId>{C('B')});
  EXPECT_FALSE(third.tie.has_value());
  EXPECT_EQ(third.elected, std::vector<CandidateId>{C('C')});
  EXPECT_EQ(third.elected_remaining, std::vector<CandidateId>{C('C')});
  EXPECT_EQ(result->elected, (std::vector<CandidateId>{C('A'), C('C')}));
}

TEST(MeekTest, NonTransferableVotesLowerTheQuotaAndKeepTheirReason) {
  // 1 seat: 3 papers A, 2 papers B, 1 paper C that stopped at an overvote after C.
  // Stage 2 (round 1): A 3, B 2, C 1 of 6; quota 6 / 2 + 0.000000001 = 3.000000001: nobody;
  //   no surplus; C, the lowest, is excluded.
  // Stage 3 (round 2): C's paper has no one left: 1 non-transferable (overvote). A 3, B 2;
  //   quota 5 / 2 + 0.000000001 = 2.500000001: A is elected, the seat is filled and B is
  //   excluded.
  const core::BallotSet ballots =
      Ballots(3, {{"A", 3}, {"B", 2}, {"C", 1, 0, Exhaustion::kOvervote}});
  auto result = CountMeek(ballots, Seats(1), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  ASSERT_EQ(result->stages.size(), 3u);
  EXPECT_EQ(result->stages[1].excluded, std::vector<CandidateId>{C('C')});
  EXPECT_EQ(result->stages[1].threshold, N(3'000'000'001));
  const Stage& last = result->stages[2];
  EXPECT_EQ(last.threshold, N(2'500'000'001));
  EXPECT_EQ(last.exhausted[static_cast<size_t>(Exhaustion::kOvervote)], N(kOne));
  EXPECT_EQ(last.exhausted_total(), N(kOne));
  EXPECT_EQ(last.loss, N(0));
  EXPECT_EQ(last.votes[C('C').index()], N(0));
  EXPECT_EQ(last.keep[C('C').index()], N(0));
  EXPECT_EQ(last.elected, std::vector<CandidateId>{C('A')});
  EXPECT_EQ(last.excluded, std::vector<CandidateId>{C('B')});
  EXPECT_TRUE(last.elected_remaining.empty());
  EXPECT_EQ(result->elected, std::vector<CandidateId>{C('A')});
}

TEST(MeekTest, DecimalWeightsAreMultipliedExactly) {
  // Weights to 1 place; 2 seats: A then B weighing 1.3, C 0.7, B 0.3. Total 2.3.
  // Quota 2.3 / 3 = 0.7666666666.., truncated 0.766666666, plus 0.000000001: 0.766666667.
  // Round 1: A 1.3 is elected. Round 2, iteration 1: A's keep value becomes
  //   (1 x 0.766666667) / 1.3 = 0.58974358999.., rounded up 0.589743590.
  // Iteration 2: A keeps 0.589743590 x 1.3 = 0.766666667; B gets the rest of that ballot,
  //   0.410256410 x 1.3 = 0.533333333, and has 0.833333333, at least the quota: elected.
  const core::BallotSet ballots = Ballots(3, {{"AB", 13, 1}, {"C", 7, 1}, {"B", 3, 1}}, 1);
  auto result = CountMeek(ballots, Seats(2), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  ASSERT_EQ(result->stages.size(), 3u);
  EXPECT_EQ(result->quota, N(766'666'667));
  const Stage& last = result->stages[2];
  EXPECT_EQ(last.iterations, 2);
  EXPECT_EQ(last.keep[C('A').index()], N(589'743'590));
  EXPECT_EQ(last.votes, (std::vector<Votes>{N(766'666'667), N(833'333'333), N(700'000'000)}));
  EXPECT_EQ(last.elected, std::vector<CandidateId>{C('B')});
  EXPECT_EQ(last.excluded, std::vector<CandidateId>{C('C')});  // the seats are filled
  EXPECT_EQ(result->elected, (std::vector<CandidateId>{C('A'), C('B')}));
}

TEST(MeekTest, AWithdrawnCandidateKeepsNothingFromTheStart) {
  // B withdrawn: the B-C papers count for C at once. 1 seat: A 3, C 4 of 7; quota 3.500000001.
  core::BallotSet ballots = Ballots(3, {{"A", 3}, {"BC", 4}});
  ballots.withdrawn = {C('B')};
  auto result = CountMeek(ballots, Seats(1), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  const Stage& first = result->stages[0];
  EXPECT_EQ(first.state[C('B').index()], CandidateState::kWithdrawn);
  EXPECT_EQ(first.votes, (std::vector<Votes>{N(3 * kOne), N(0), N(4 * kOne)}));
  EXPECT_EQ(first.keep[C('B').index()], N(0));
  EXPECT_EQ(result->elected, std::vector<CandidateId>{C('C')});
}

TEST(MeekTest, NoMoreCandidatesThanSeatsElectsThemAllAtFirstPreferences) {
  const core::BallotSet ballots = Ballots(2, {{"A", 3}, {"B", 1}});
  auto result = CountMeek(ballots, Seats(3), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  ASSERT_EQ(result->stages.size(), 1u);
  EXPECT_EQ(result->stages[0].elected_remaining, (std::vector<CandidateId>{C('A'), C('B')}));
  EXPECT_EQ(result->elected, (std::vector<CandidateId>{C('A'), C('B')}));
}

// A lot that orders the tied by a fixed list (the first listed loses).
class ListLot final : public Lot {
 public:
  explicit ListLot(std::vector<CandidateId> losers_first) : order_(std::move(losers_first)) {}
  std::vector<Ticket> Draw(int draw, std::span<const CandidateId> tied,
                           std::span<const std::string>) const override {
    std::vector<Ticket> tickets;
    for (CandidateId c : order_) {
      if (std::find(tied.begin(), tied.end(), c) != tied.end()) {
        tickets.push_back({c, "draw " + std::to_string(draw)});
      }
    }
    return tickets;
  }
  std::string Describe() const override { return "a list"; }

 private:
  std::vector<CandidateId> order_;
};

// 1 seat: A 3, B 2 (then C), C 2 (then B). Quota 7 / 2 + 0.000000001 = 3.500000001: nobody
// reaches it and there is no surplus, so B and C, level on 2 since the first preferences,
// tie for exclusion.
core::BallotSet LevelPair() { return Ballots(3, {{"A", 3}, {"BC", 2}, {"CB", 2}}); }

TEST(MeekTest, ATieThatEarlierStagesCannotBreakNeedsALot) {
  auto refused = CountMeek(LevelPair(), Seats(1), nullptr);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), util::ErrorCode::kCountFailed);
  EXPECT_NE(refused.error().ToString().find("needs a lot"), std::string::npos)
      << refused.error().ToString();

  const ListLot lot({C('C'), C('B')});
  auto result = CountMeek(LevelPair(), Seats(1), &lot);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->lot, "a list");
  const Stage& round = result->stages[1];
  ASSERT_TRUE(round.tie.has_value());
  EXPECT_EQ(round.tie->tied, (std::vector<CandidateId>{C('B'), C('C')}));
  EXPECT_EQ(round.tie->decided_by, TieStep::kLot);
  EXPECT_EQ(round.excluded, std::vector<CandidateId>{C('C')});
  // C's papers pass to B: B 4, A 3 of 7; B reaches 3.500000001.
  EXPECT_EQ(result->elected, std::vector<CandidateId>{C('B')});
}

TEST(MeekTest, CustomTieRulesAreFollowed) {
  StvRules rules = Seats(1);
  rules.custom_tie_break = true;
  rules.tie_break.steps = {TieStep::kOrder};
  rules.tie_break.order = {C('B'), C('C')};
  auto result = CountMeek(LevelPair(), rules, nullptr);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->tie_break.steps, std::vector<TieStep>{TieStep::kOrder});
  EXPECT_EQ(result->stages[1].excluded, std::vector<CandidateId>{C('B')});
  EXPECT_EQ(result->elected, std::vector<CandidateId>{C('C')});
}

TEST(MeekTest, RefusesWhatItCannotCount) {
  const core::BallotSet ballots = Ballots(2, {{"A", 1}});
  auto no_seat = CountMeek(ballots, Seats(0), nullptr);
  ASSERT_FALSE(no_seat.ok());
  EXPECT_EQ(no_seat.error().code(), util::ErrorCode::kInvalidArgument);
  EXPECT_EQ(no_seat.error().ToString(), "seats: there must be at least one seat");

  StvRules hare = Seats(1);
  hare.quota = QuotaKind::kHare;
  auto other_quota = CountMeek(ballots, hare, nullptr);
  ASSERT_FALSE(other_quota.ok());
  EXPECT_EQ(other_quota.error().code(), util::ErrorCode::kInvalidArgument);

  core::BallotSet nobody = Ballots(1, {{"A", 1}});
  nobody.withdrawn = {C('A')};
  auto empty = CountMeek(nobody, Seats(1), nullptr);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code(), util::ErrorCode::kCountFailed);
  EXPECT_EQ(empty.error().ToString(), "there is no candidate to count");
}

// --- Properties over random elections -------------------------------------------------------

// The PRF rule's step B.2.a, ballot by ballot and paper by paper, as the rule text says it,
// for the keep values and states of a stage: what each candidate receives.
std::vector<int64_t> DistributePaperByPaper(const core::BallotSet& ballots,
                                            const std::vector<Votes>& keep) {
  std::vector<int64_t> votes(ballots.candidates.size());
  for (size_t entry = 0; entry < ballots.size(); ++entry) {
    for (int64_t paper = 0; paper < ballots.papers[entry]; ++paper) {
      int64_t w = kOne;
      for (CandidateId c : ballots.Ranking(entry)) {
        const int64_t kf = keep[c.index()].units();
        const int64_t share = (w * kf + kOne - 1) / kOne;  // rounded up
        votes[c.index()] += share;
        w -= share;
        if (w == 0) {
          break;
        }
      }
    }
  }
  return votes;
}

core::BallotSet RandomElection(std::mt19937& random, int candidates, int papers) {
  std::vector<Group> groups;
  std::uniform_int_distribution<int> length(1, candidates);
  std::uniform_int_distribution<int> count(1, 4);
  std::uniform_int_distribution<uint16_t> section(0, 1);
  std::vector<char> names;
  for (int c = 0; c < candidates; ++c) {
    names.push_back(static_cast<char>('A' + c));
  }
  for (int p = 0; p < papers;) {
    std::shuffle(names.begin(), names.end(), random);
    const int n = count(random);
    groups.push_back({std::string(names.begin(), names.begin() + length(random)), n, n,
                      Exhaustion::kNoMorePreferences, section(random)});
    p += n;
  }
  return Ballots(candidates, groups);
}

std::vector<CandidateState> StateAfter(const Stage& stage) {
  std::vector<CandidateState> state = stage.state;
  for (CandidateId c : stage.elected) {
    state[c.index()] = CandidateState::kElected;
  }
  for (CandidateId c : stage.excluded) {
    state[c.index()] = CandidateState::kExcluded;
  }
  return state;
}

void ExpectStageProperties(const core::BallotSet& ballots, const Stage& stage, int64_t total) {
  Votes sum = stage.exhausted_total() + stage.loss;
  for (Votes v : stage.votes) {
    sum += v;
  }
  EXPECT_EQ(sum.units(), total) << "votes, non-transferable and loss are all the ballots";
  EXPECT_EQ(stage.loss, N(0)) << "whole-number weights lose nothing";
  EXPECT_EQ(DistributePaperByPaper(ballots, stage.keep), [&] {
    std::vector<int64_t> units;
    for (Votes v : stage.votes) {
      units.push_back(v.units());
    }
    return units;
  }()) << "grouping the ballots gives the paper-by-paper rule's digits";
  for (size_t c = 0; c < stage.votes.size(); ++c) {
    Votes by_sections;
    for (const std::vector<Votes>& section : stage.votes_by_section) {
      by_sections += section[c];
    }
    EXPECT_EQ(by_sections, stage.votes[c]);
    EXPECT_GE(stage.keep[c], N(0));
    EXPECT_LE(stage.keep[c], N(kOne));
  }
}

TEST(MeekPropertyTest, RandomElectionsKeepTheRulesInvariants) {
  std::mt19937 random(20261125);
  for (int trial = 0; trial < 60; ++trial) {
    const int candidates = 3 + trial % 6;
    const int seats = 1 + trial % std::min(candidates, 4);
    const core::BallotSet ballots = RandomElection(random, candidates, 20 + 7 * trial);
    SCOPED_TRACE("trial " + std::to_string(trial));
    const std::vector<CandidateId> order_rules{C('A'), C('B'), C('C'), C('D'),
                                               C('E'), C('F'), C('G'), C('H')};
    StvRules rules = Seats(seats);
    rules.custom_tie_break = true;
    rules.tie_break.steps = {TieStep::kBackward, TieStep::kOrder};
    rules.tie_break.order = order_rules;
    auto result = CountMeek(ballots, rules, nullptr);
    ASSERT_TRUE(result.ok()) << result.error().ToString();
    int64_t total = 0;
    for (Votes w : ballots.weight) {
      total += w.units() * kOne;
    }
    EXPECT_EQ(result->elected.size(), static_cast<size_t>(seats));
    std::vector<bool> out(static_cast<size_t>(candidates), false);
    for (const Stage& stage : result->stages) {
      ExpectStageProperties(ballots, stage, total);
      for (size_t c = 0; c < out.size(); ++c) {
        if (out[c]) {  // an excluded candidate never returns
          EXPECT_EQ(stage.state[c], CandidateState::kExcluded);
          EXPECT_EQ(stage.votes[c], N(0));
          EXPECT_EQ(stage.keep[c], N(0));
        }
      }
      for (CandidateId c : stage.excluded) {
        out[c.index()] = true;
      }
    }
    const std::vector<CandidateState> last = StateAfter(result->stages.back());
    EXPECT_EQ(std::count(last.begin(), last.end(), CandidateState::kContinuing), 0);
  }
}

}  // namespace
}  // namespace scrutineer::count
