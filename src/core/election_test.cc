#include "core/election.h"

#include <gtest/gtest.h>

#include <string>

namespace scrutineer::core {
namespace {

constexpr ElectionState kStates[] = {ElectionState::kDraft,      ElectionState::kNominations,
                                     ElectionState::kBallotOpen, ElectionState::kClosed,
                                     ElectionState::kCounted,    ElectionState::kDeclared};

TEST(ElectionStateTest, NamesGoBothWays) {
  const char* names[] = {"draft", "nominations", "ballot_open", "closed", "counted", "declared"};
  for (size_t i = 0; i < std::size(kStates); ++i) {
    EXPECT_EQ(ElectionStateName(kStates[i]), names[i]);
    EXPECT_EQ(ElectionStateNamed(names[i]), kStates[i]);
  }
  EXPECT_EQ(ElectionStateNamed("open"), std::nullopt);
  EXPECT_EQ(ElectionStateNamed("Draft"), std::nullopt);
  EXPECT_EQ(ElectionStateNamed(""), std::nullopt);
}

// Of the 36 pairs of states exactly five moves are allowed: each state to the next.
TEST(ElectionStateTest, OnlyTheNextStateIsAllowed) {
  int allowed = 0;
  for (size_t from = 0; from < std::size(kStates); ++from) {
    for (size_t to = 0; to < std::size(kStates); ++to) {
      const util::Status status = CheckTransition(kStates[from], kStates[to]);
      EXPECT_EQ(status.ok(), to == from + 1) << from << " -> " << to;
      if (status.ok()) {
        ++allowed;
      } else {
        EXPECT_EQ(status.error().code(), util::ErrorCode::kConflict);
      }
    }
  }
  EXPECT_EQ(allowed, 5);
}

TEST(ElectionStateTest, ARefusalNamesTheStatesAndTheAllowedMove) {
  EXPECT_EQ(CheckTransition(ElectionState::kDraft, ElectionState::kClosed).error().ToString(),
            "the election is in state 'draft'; it can move only to 'nominations', not to 'closed'");
  EXPECT_EQ(CheckTransition(ElectionState::kCounted, ElectionState::kBallotOpen).error().ToString(),
            "the election is in state 'counted'; it can move only to 'declared', not to "
            "'ballot_open'");
  EXPECT_EQ(CheckTransition(ElectionState::kClosed, ElectionState::kClosed).error().ToString(),
            "the election is in state 'closed'; it can move only to 'counted', not to 'closed'");
  EXPECT_EQ(CheckTransition(ElectionState::kDeclared, ElectionState::kDraft).error().ToString(),
            "the election is in state 'declared', which is final; it cannot move to 'draft'");
}

TEST(DateTest, OrdersByYearThenMonthThenDay) {
  EXPECT_LT((Date{2016, 1, 12}), (Date{2016, 7, 18}));
  EXPECT_LT((Date{2015, 12, 31}), (Date{2016, 1, 1}));
  EXPECT_LT((Date{2016, 7, 18}), (Date{2016, 7, 20}));
  EXPECT_EQ((Date{2016, 7, 20}), (Date{2016, 7, 20}));
}

TEST(DateTest, CountsDaysFromTheEpoch) {
  EXPECT_EQ(DaysSinceEpoch(Date{1970, 1, 1}), 0);
  EXPECT_EQ(DaysSinceEpoch(Date{1969, 12, 31}), -1);
  // 46 years of 365 days and 11 leap days (1972 ... 2012): 16,801 days.
  EXPECT_EQ(DaysSinceEpoch(Date{2016, 1, 1}), 16801);
  // Then 31 + 29 (a leap year) + 31 + 30 + 31 + 30 + 31 = 213 days to 1 Aug, and 21 more.
  EXPECT_EQ(DaysSinceEpoch(Date{2016, 8, 22}), 17035);
  EXPECT_EQ(DaysSinceEpoch(Date{2000, 3, 1}) - DaysSinceEpoch(Date{2000, 2, 28}), 2);
  EXPECT_EQ(DaysSinceEpoch(Date{1900, 3, 1}) - DaysSinceEpoch(Date{1900, 2, 28}), 1);
}

TEST(DateTest, WritesIsoDates) {
  EXPECT_EQ(DateText(Date{2016, 1, 12}), "2016-01-12");
  EXPECT_EQ(DateText(Date{987, 12, 3}), "0987-12-03");
}

TEST(NominationsTest, ReadsPercentagesExactly) {
  EXPECT_EQ(PercentThousandthsFrom("20"), 20000);
  EXPECT_EQ(PercentThousandthsFrom("12.5"), 12500);
  EXPECT_EQ(PercentThousandthsFrom("0.125"), 125);
  EXPECT_EQ(PercentThousandthsFrom("100"), 100000);
  EXPECT_EQ(PercentThousandthsFrom("100.000"), 100000);
  EXPECT_EQ(PercentThousandthsFrom("0"), 0);
  for (const char* bad :
       {"", "100.001", "1000", "12.", ".5", "12.5%", "-5", "+5", "1e1", "12.3456", " 12", "12,5"}) {
    EXPECT_EQ(PercentThousandthsFrom(bad), std::nullopt) << bad;
  }
}

int64_t Needed(int64_t body_size, const char* percent) {
  return NominationsNeeded(
      Nominations{"the body", body_size, PercentThousandthsFrom(percent).value(), {}});
}

TEST(NominationsTest, ThePercentageOfTheBodyIsRoundedUp) {
  EXPECT_EQ(Needed(229, "20"), 46);    // 45.8: a challenger to Labour's leader, 20% of 229 MPs
  EXPECT_EQ(Needed(251, "20"), 51);    // 50.2: Eagle's 51 MPs and MEPs in 2016
  EXPECT_EQ(Needed(353, "12.5"), 45);  // 44.125: Labour's 2007 vacancy rule
  EXPECT_EQ(Needed(32, "15"), 5);      // 4.8
  EXPECT_EQ(Needed(30, "10"), 3);      // exactly 3, not rounded up to 4
  EXPECT_EQ(Needed(1, "0.001"), 1);    // any fraction of a nominator needs a whole one
  EXPECT_EQ(Needed(1'000'000'000, "100"), 1'000'000'000);
}

ElectionDefinition ValidDefinition() {
  ElectionDefinition definition;
  definition.id = "labour-2016-leader";
  definition.title = "Labour Party (UK) 2016 Leader";
  definition.timetable = {"Europe/London", 100, 200, 200, 300};
  definition.sections = {
      {"members", "Members", {Date{2016, 1, 12}, {}, {}, {}}},
      {"registered_supporters", "", {{}, Date{2016, 7, 18}, Date{2016, 7, 20}, {}}}};
  Contest contest;
  contest.id = "leader";
  contest.title = "Leader";
  contest.method = "irv";
  contest.candidates = {"Jeremy Corbyn", "Owen Smith"};
  contest.nominations = Nominations{"MPs and MEPs", 251, 20000, {"Jeremy Corbyn"}};
  definition.contests = {contest};
  return definition;
}

TEST(ValidateTest, AcceptsAWholeDefinition) {
  const util::Status status = Validate(ValidDefinition());
  EXPECT_TRUE(status.ok()) << status.error().ToString();
}

TEST(ValidateTest, NominationsMayCloseAsTheBallotOpens) {
  ElectionDefinition definition = ValidDefinition();
  definition.timetable = {"UTC", 1, 2, 2, 3};
  EXPECT_TRUE(Validate(definition).ok());
}

TEST(ValidateTest, ReportsEveryProblemOfTheElectionAtOnce) {
  ElectionDefinition definition;
  definition.id = "labour 2016";
  definition.timetable = {"", 200, 200, 100, 100};
  definition.declaration = {5, "cast"};
  definition.tie_break = "backward,coin";
  const util::Status status = Validate(definition);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), util::ErrorCode::kInvalidInput);
  EXPECT_EQ(
      status.error().ToString(),
      "id: the election id 'labour 2016' must be letters, digits, '-' and '_' (at least one)\n"
      "title: the election needs a title\n"
      "timetable.time_zone: time_zone must name a time zone\n"
      "timetable.nominations_close: nominations_close must be after nominations_open\n"
      "timetable.ballot_open: ballot_open must not be before nominations_close\n"
      "timetable.ballot_close: ballot_close must be after ballot_open\n"
      "sections: the election needs at least one section ([[sections]])\n"
      "contests: the election needs at least one contest ([[contests]])\n"
      "declaration.percent_places: percent_places must be a whole number from 0 to 4\n"
      "declaration.turnout: unknown turnout rule 'cast' (use \"returned\" or \"valid\")\n"
      "tie_break: unknown tie-break step 'coin' (use backward, forward, order, lot, separated "
      "by commas)");
}

TEST(ValidateTest, ReportsEveryProblemOfSectionsAndContestsAtOnce) {
  ElectionDefinition definition = ValidDefinition();
  definition.sections.push_back({"members", "", {{}, Date{2016, 7, 20}, Date{2016, 7, 18}, {}}});
  definition.sections.push_back({"", "", {Date{2016, 2, 30}, {}, {}, {}}});
  Contest& leader = definition.contests[0];
  leader.seats = 0;
  leader.candidates = {"Owen Smith", "Owen Smith", " "};
  leader.nominations = Nominations{"", 0, 100001, {"Jeremy Corbyn"}};
  Contest deputy;
  deputy.id = "leader";
  deputy.method = "borda";
  deputy.stv_rules = "meek";
  definition.contests.push_back(deputy);
  definition.contests.push_back(Contest{
      "committee", "Committee", "stv", 3, {"A", "B", "C", "D"}, "sainte-lague", std::nullopt, std::nullopt});
  const util::Status status = Validate(definition);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(
      status.error().ToString(),
      "sections[2].id: section id 'members' is used by an earlier section\n"
      "sections[2].paid_to: paid_to 2016-07-18 is before paid_from 2016-07-20\n"
      "sections[3].id: section id '' must be letters, digits, '-' and '_' (at least one)\n"
      "sections[3].joined_by: joined_by 2016-02-30 is not a day of the calendar\n"
      "contests[0].seats: seats must be a whole number from 1 to 10000\n"
      "contests[0].candidates: 'Owen Smith' is listed twice\n"
      "contests[0].candidates: an empty name is listed\n"
      "contests[0].nominations.body: body must say who nominates, e.g. \"MPs and MEPs\"\n"
      "contests[0].nominations.body_size: body_size must be a whole number from 1 to 1000000000\n"
      "contests[0].nominations.percent: percent must be more than 0 and at most 100\n"
      "contests[0].nominations.automatic: 'Jeremy Corbyn' is on the ballot automatically but is "
      "not among the candidates\n"
      "contests[1].id: contest id 'leader' is used by an earlier contest\n"
      "contests[1].title: the contest needs a title\n"
      "contests[1].method: unknown method 'borda' (use irv, stv, plurality, approval, motion, "
      "schulze, ranked-pairs)\n"
      "contests[1].stv_rules: stv_rules applies only to method \"stv\"\n"
      "contests[1]: contest 'leader' needs candidates or nominations ([contests.nominations])\n"
      "contests[2].stv_rules: unknown STV rules 'sainte-lague' (use scottish-stv, ers97, meek, "
      "gregory, sb1288)");
}

TEST(ValidateTest, AContestWithoutAMethodIsToldTheMethods) {
  ElectionDefinition definition = ValidDefinition();
  definition.contests[0].method.clear();
  EXPECT_EQ(Validate(definition).error().ToString(),
            "contests[0].method: the contest needs a method (use irv, stv, plurality, approval, "
            "motion, schulze, ranked-pairs)");
}

TEST(ValidateTest, NominationsAloneAreEnoughBeforeCandidatesAreKnown) {
  ElectionDefinition definition = ValidDefinition();
  definition.contests[0].candidates.clear();
  const util::Status status = Validate(definition);
  EXPECT_TRUE(status.ok()) << status.error().ToString();
}

TEST(ValidateTest, AnEmptyTieBreakIsRefused) {
  ElectionDefinition definition = ValidDefinition();
  definition.tie_break = "";
  EXPECT_EQ(Validate(definition).error().ToString(),
            "tie_break: unknown tie-break step '' (use backward, forward, order, lot, separated "
            "by commas)");
  definition.tie_break = " forward , order,lot ";
  EXPECT_TRUE(Validate(definition).ok());
}

}  // namespace
}  // namespace scrutineer::core
