#include "count/tie_break.h"

#include <gtest/gtest.h>

namespace scrutineer::count {
namespace {

CandidateId C(uint16_t id) { return CandidateId(id); }
Votes V(int64_t votes) { return Votes::FromUnits(votes); }

const std::vector<std::string> kNames{"Ann", "Bob", "Cat", "Dan"};

// A lot that orders the tied by a fixed list, so tests can say who draws the losing ticket.
class ListLot final : public Lot {
 public:
  explicit ListLot(std::vector<CandidateId> losers_first) : order_(std::move(losers_first)) {}
  std::vector<Ticket> Draw(int draw, std::span<const CandidateId> tied,
                           std::span<const std::string>) const override {
    std::vector<Ticket> tickets;
    for (CandidateId c : order_) {
      if (std::find(tied.begin(), tied.end(), c) != tied.end()) {
        tickets.push_back({c, "draw " + std::to_string(draw) + " ticket " + kNames[c.index()]});
      }
    }
    return tickets;
  }
  std::string Describe() const override { return "a list"; }

 private:
  std::vector<CandidateId> order_;
};

TEST(TieBreakTest, BackwardLooksAtTheMostRecentRoundThatSeparates) {
  // Ann, Bob and Cat tie now. Round 2 (the latest): Ann 5, Bob 5, Cat 9 narrows it to Ann and
  // Bob; round 1: Ann 3, Bob 4 singles out Ann.
  const std::vector<std::vector<Votes>> history{{V(3), V(4), V(2), V(0)}, {V(5), V(5), V(9), V(0)}};
  TieBreakRules rules;
  rules.steps = {TieStep::kBackward, TieStep::kLot};
  int draws = 0;
  const std::vector<CandidateId> tied{C(0), C(1), C(2)};
  auto record = BreakTie(tied, history, rules, nullptr, kNames, draws);
  ASSERT_TRUE(record.ok()) << record.error().ToString();
  EXPECT_EQ(record->loser, C(0));
  EXPECT_EQ(record->decided_by, TieStep::kBackward);
  EXPECT_EQ(record->round_looked_at, 1);
  EXPECT_EQ(draws, 0);
}

TEST(TieBreakTest, ForwardLooksAtTheFirstRoundThatSeparates) {
  // Forward from round 1 (Cat has fewest there) gives Cat; backward would give Ann.
  const std::vector<std::vector<Votes>> history{{V(3), V(4), V(2), V(0)}, {V(5), V(7), V(9), V(0)}};
  TieBreakRules rules;
  rules.steps = {TieStep::kForward};
  int draws = 0;
  const std::vector<CandidateId> tied{C(0), C(1), C(2)};
  EXPECT_EQ(BreakTie(tied, history, rules, nullptr, kNames, draws)->loser, C(2));
  rules.steps = {TieStep::kBackward};
  EXPECT_EQ(BreakTie(tied, history, rules, nullptr, kNames, draws)->loser, C(0));
}

TEST(TieBreakTest, LevelInEveryRoundGoesToTheLotAndRecordsTheDraw) {
  const std::vector<std::vector<Votes>> history{{V(4), V(4), V(1), V(0)}};
  TieBreakRules rules;  // backward, then lot
  const ListLot lot({C(1), C(0)});
  int draws = 2;
  const std::vector<CandidateId> tied{C(0), C(1)};
  auto record = BreakTie(tied, history, rules, &lot, kNames, draws);
  ASSERT_TRUE(record.ok());
  EXPECT_EQ(record->loser, C(1));
  EXPECT_EQ(record->decided_by, TieStep::kLot);
  EXPECT_EQ(record->draw, 3);
  EXPECT_EQ(draws, 3);
  ASSERT_EQ(record->tickets.size(), 2u);
  EXPECT_EQ(record->tickets[0].ticket, "draw 3 ticket Bob");
}

TEST(TieBreakTest, AGivenOrderDecidesByWhoIsListedFirst) {
  TieBreakRules rules;
  rules.steps = {TieStep::kOrder};
  rules.order = {C(3), C(2), C(1), C(0)};
  int draws = 0;
  const std::vector<CandidateId> tied{C(0), C(2)};
  EXPECT_EQ(BreakTie(tied, {}, rules, nullptr, kNames, draws)->loser, C(2));
}

TEST(TieBreakTest, StepsThatCannotDecideFailWithTheCandidatesNamed) {
  TieBreakRules rules;
  rules.steps = {TieStep::kBackward, TieStep::kLot};
  int draws = 0;
  const std::vector<CandidateId> tied{C(0), C(1)};
  auto record = BreakTie(tied, {}, rules, nullptr, kNames, draws);
  ASSERT_FALSE(record.ok());
  EXPECT_EQ(record.error().ToString(),
            "a tie between 'Ann', 'Bob' needs a lot, and no seed was given (--seed)");
  rules.steps = {TieStep::kOrder};
  rules.order = {C(2)};
  record = BreakTie(tied, {}, rules, nullptr, kNames, draws);
  ASSERT_FALSE(record.ok());
  EXPECT_EQ(record.error().code(), util::ErrorCode::kCountFailed);
}

}  // namespace
}  // namespace scrutineer::count
