#include "formats/election_toml.h"

#include <gtest/gtest.h>

#include <string>

namespace scrutineer::formats {
namespace {

using core::Date;

// The layout of docs/formats/election.md. Line numbers matter to the tests below.
constexpr std::string_view kExample = R"(id = "labour-2016-leader"
title = "Labour Party (UK) 2016 Leader"
tie_break = "backward,lot"
seed = "2016-09-24 conference"
[timetable]
time_zone = "Europe/London"
nominations_open = 2016-07-18T09:00:00+01:00
nominations_close = 2016-07-20T17:00:00+01:00
ballot_open = 2016-08-22T09:00:00+01:00
ballot_close = 2016-09-21T12:00:00+01:00
[declaration]
percent_places = 1
turnout = "returned"
[[sections]]
id = "members"
label = "Members"
joined_by = 2016-01-12
arrears_by = 2016-08-08
[[sections]]
id = "registered_supporters"
paid_from = 2016-07-18
paid_to = 2016-07-20
[[contests]]
id = "leader"
title = "Leader"
method = "irv"
candidates = ["Jeremy Corbyn", "Owen Smith"]
[contests.nominations]
body = "MPs and MEPs"
body_size = 251
percent = "20"
automatic = ["Jeremy Corbyn"]
)";

std::string Replaced(std::string_view text, std::string_view from, std::string_view to) {
  std::string result(text);
  const size_t at = result.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return result.replace(at, from.size(), to);
}

std::string ProblemsOf(std::string_view text) {
  auto definition = ParseElectionToml(text, "election.toml");
  return definition.ok() ? "(no problem)" : definition.error().ToString();
}

TEST(ElectionTomlTest, ReadsTheExample) {
  auto definition = ParseElectionToml(kExample, "election.toml");
  ASSERT_TRUE(definition.ok()) << definition.error().ToString();
  EXPECT_EQ(definition->id, "labour-2016-leader");
  EXPECT_EQ(definition->title, "Labour Party (UK) 2016 Leader");
  EXPECT_EQ(definition->tie_break, "backward,lot");
  EXPECT_EQ(definition->seed, "2016-09-24 conference");
  EXPECT_EQ(definition->declaration.percent_places, 1);
  EXPECT_EQ(definition->declaration.turnout_rule, "returned");
  ASSERT_EQ(definition->sections.size(), 2u);
  const core::Section& members = definition->sections[0];
  EXPECT_EQ(members.id, "members");
  EXPECT_EQ(members.label, "Members");
  EXPECT_EQ(members.eligibility.joined_by, (Date{2016, 1, 12}));
  EXPECT_EQ(members.eligibility.arrears_by, (Date{2016, 8, 8}));
  EXPECT_EQ(members.eligibility.paid_from, std::nullopt);
  const core::Section& supporters = definition->sections[1];
  EXPECT_EQ(supporters.label, "");
  EXPECT_EQ(supporters.eligibility.joined_by, std::nullopt);
  EXPECT_EQ(supporters.eligibility.paid_from, (Date{2016, 7, 18}));
  EXPECT_EQ(supporters.eligibility.paid_to, (Date{2016, 7, 20}));
  ASSERT_EQ(definition->contests.size(), 1u);
  const core::Contest& leader = definition->contests[0];
  EXPECT_EQ(leader.method, "irv");
  EXPECT_EQ(leader.seats, 1);
  EXPECT_EQ(leader.candidates, (std::vector<std::string>{"Jeremy Corbyn", "Owen Smith"}));
  EXPECT_EQ(leader.stv_rules, "");
  ASSERT_TRUE(leader.nominations.has_value());
  EXPECT_EQ(leader.nominations->body, "MPs and MEPs");
  EXPECT_EQ(leader.nominations->body_size, 251);
  EXPECT_EQ(leader.nominations->percent_thousandths, 20000);
  EXPECT_EQ(leader.nominations->automatic, (std::vector<std::string>{"Jeremy Corbyn"}));
  EXPECT_EQ(core::NominationsNeeded(*leader.nominations), 51);  // 50.2 rounded up
}

// 2016-01-01 is day 16,801 after 1970-01-01 (46 years of 365 days and 11 leap days). Days to
// the 1st of each month of 2016: Jul 182, Aug 213, Sep 244. A time at +01:00 is an hour earlier
// in UTC.
TEST(ElectionTomlTest, TimesAreConvertedToUtcSeconds) {
  auto definition = ParseElectionToml(kExample, "election.toml");
  ASSERT_TRUE(definition.ok()) << definition.error().ToString();
  const core::Timetable& timetable = definition->timetable;
  EXPECT_EQ(timetable.time_zone, "Europe/London");
  // Day 16801 + 182 + 17 = 17,000; 08:00 UTC: 1,468,800,000 + 28,800.
  EXPECT_EQ(timetable.nominations_open, 17000 * 86400 + 8 * 3600);
  EXPECT_EQ(timetable.nominations_open, 1468828800);
  // Day 17,002; 16:00 UTC: 1,468,972,800 + 57,600.
  EXPECT_EQ(timetable.nominations_close, 1469030400);
  // Day 16801 + 213 + 21 = 17,035; 08:00 UTC: 1,471,824,000 + 28,800.
  EXPECT_EQ(timetable.ballot_open, 1471852800);
  // Day 16801 + 244 + 20 = 17,065; 11:00 UTC: 1,474,416,000 + 39,600.
  EXPECT_EQ(timetable.ballot_close, 1474455600);
}

TEST(ElectionTomlTest, AnyOffsetGivesTheSameInstant) {
  std::string text = Replaced(kExample, "2016-09-21T12:00:00+01:00", "2016-09-21T07:00:00-04:00");
  text = Replaced(text, "2016-08-22T09:00:00+01:00", "2016-08-22T08:00:00Z");
  auto definition = ParseElectionToml(text, "election.toml");
  ASSERT_TRUE(definition.ok()) << definition.error().ToString();
  EXPECT_EQ(definition->timetable.ballot_open, 1471852800);
  EXPECT_EQ(definition->timetable.ballot_close, 1474455600);
}

TEST(ElectionTomlTest, DefaultsApplyWhenOptionalKeysAreLeftOut) {
  std::string text = Replaced(kExample, "tie_break = \"backward,lot\"\n", "");
  text = Replaced(text, "[declaration]\npercent_places = 1\nturnout = \"returned\"\n", "");
  text = Replaced(text, "percent = \"20\"", "percent = 20");
  auto definition = ParseElectionToml(text, "election.toml");
  ASSERT_TRUE(definition.ok()) << definition.error().ToString();
  EXPECT_EQ(definition->tie_break, "backward,lot");
  EXPECT_EQ(definition->declaration.percent_places, 1);
  EXPECT_EQ(definition->declaration.turnout_rule, "returned");
  EXPECT_EQ(definition->contests[0].nominations->percent_thousandths, 20000);
}

TEST(ElectionTomlTest, ReadsFractionalPercentagesExactly) {
  auto definition =
      ParseElectionToml(Replaced(Replaced(kExample, "percent = \"20\"", "percent = \"12.5\""),
                                 "body_size = 251", "body_size = 353"),
                        "election.toml");
  ASSERT_TRUE(definition.ok()) << definition.error().ToString();
  EXPECT_EQ(definition->contests[0].nominations->percent_thousandths, 12500);
  EXPECT_EQ(core::NominationsNeeded(*definition->contests[0].nominations), 45);  // 44.125 up
}

TEST(ElectionTomlTest, UnknownKeysAreRefusedWithTheirLines) {
  std::string text = Replaced(kExample, "seed = ", "sead = ");
  text = Replaced(text, "ballot_close = ", "ballot_closes = ");
  text = Replaced(text, "joined_by = ", "joined_before = ");
  text = Replaced(text, "method = \"irv\"", "method = \"irv\"\nrules = \"ers97\"");
  text = Replaced(text, "automatic = ", "automatically = ");
  EXPECT_EQ(ProblemsOf(text),
            "election.toml:4: unknown key 'sead' at the top level (known keys: id, title, "
            "tie_break, seed, timetable, declaration, sections, contests)\n"
            "election.toml:5: [timetable] needs ballot_close, e.g. 2016-08-22T09:00:00+01:00\n"
            "election.toml:10: unknown key 'ballot_closes' in [timetable] (known keys: "
            "time_zone, nominations_open, nominations_close, ballot_open, ballot_close)\n"
            "election.toml:17: unknown key 'joined_before' in [[sections]] (known keys: id, "
            "label, joined_by, paid_from, paid_to, arrears_by)\n"
            "election.toml:27: unknown key 'rules' in [[contests]] (known keys: id, title, "
            "method, seats, candidates, stv_rules, nominations, eliminating_ballots)\n"
            "election.toml:33: unknown key 'automatically' in [contests.nominations] (known "
            "keys: body, body_size, percent, automatic)");
}

TEST(ElectionTomlTest, ALocalTimeIsRefused) {
  std::string text = Replaced(kExample, "2016-08-22T09:00:00+01:00", "2016-08-22T09:00:00");
  text = Replaced(text, "2016-09-21T12:00:00+01:00", "2016-09-21");
  text = Replaced(text, "2016-07-18T09:00:00+01:00", "2016-07-18T09:00:00.5+01:00");
  EXPECT_EQ(ProblemsOf(text),
            "election.toml:7: nominations_open must be a whole second\n"
            "election.toml:9: ballot_open needs a zone offset (e.g. +01:00 or Z): a time "
            "without one is a different instant in every zone\n"
            "election.toml:10: ballot_close must be a date and time with a zone offset, e.g. "
            "2016-08-22T09:00:00+01:00");
}

TEST(ElectionTomlTest, ValuesOfTheWrongTypeAreRefused) {
  std::string text = Replaced(kExample, "title = \"Labour Party (UK) 2016 Leader\"", "title = 3");
  text = Replaced(text, "percent_places = 1", "percent_places = \"1\"");
  text = Replaced(text, "joined_by = 2016-01-12", "joined_by = 2016-01-12T00:00:00Z");
  text = Replaced(text, "candidates = [\"Jeremy Corbyn\", \"Owen Smith\"]",
                  "candidates = [\"Jeremy Corbyn\", 2]\nseats = 1.0");
  text = Replaced(text, "percent = \"20\"", "percent = 12.5");
  EXPECT_EQ(ProblemsOf(text),
            "election.toml:2: title must be a string\n"
            "election.toml:12: percent_places must be a whole number\n"
            "election.toml:17: joined_by must be a date with no time, e.g. 2016-01-12\n"
            "election.toml:27: candidates holds something that is not a name\n"
            "election.toml:28: seats must be a whole number\n"
            "election.toml:32: percent must be a whole number or a string such as \"12.5\", so "
            "that it is read exactly");
}

TEST(ElectionTomlTest, TablesOfTheWrongShapeAreRefused) {
  EXPECT_EQ(ProblemsOf(R"(id = "x"
title = "X"
timetable = 5
sections = 1
contests = [{id = "leader", title = "Leader", method = "irv", candidates = ["A"], nominations = []}]
[declaration]
turnout = 1
)"),
            "election.toml:3: timetable must be a table ([timetable])\n"
            "election.toml:4: sections must be a list of tables, each headed [[sections]]\n"
            "election.toml:5: nominations must be a table ([contests.nominations])\n"
            "election.toml:7: turnout must be a string");
}

// Validation problems are placed on the line of the key they concern (or of its table when the
// key is absent), in line order.
TEST(ElectionTomlTest, EveryValidationProblemIsReportedWithItsLine) {
  std::string text = Replaced(kExample, "id = \"labour-2016-leader\"", "id = \"labour 2016\"");
  text = Replaced(text, "2016-09-21T12:00:00+01:00", "2016-08-22T09:00:00+01:00");
  text = Replaced(text, "turnout = \"returned\"", "turnout = \"cast\"");
  text = Replaced(text, "paid_to = 2016-07-20", "paid_to = 2016-07-17");
  text = Replaced(text, "id = \"registered_supporters\"", "id = \"members\"");
  text = Replaced(text, "method = \"irv\"", "method = \"av\"\nseats = 0");
  text = Replaced(text, "percent = \"20\"", "percent = \"0\"");
  text = Replaced(text, "body = \"MPs and MEPs\"\n", "");
  text += "[[contests]]\nid = \"deputy\"\ntitle = \"Deputy\"\nmethod = \"irv\"\n";
  EXPECT_EQ(ProblemsOf(text),
            "election.toml:1: the election id 'labour 2016' must be letters, digits, '-' and '_' "
            "(at least one)\n"
            "election.toml:10: ballot_close must be after ballot_open\n"
            "election.toml:13: unknown turnout rule 'cast' (use \"returned\" or \"valid\")\n"
            "election.toml:20: section id 'members' is used by an earlier section\n"
            "election.toml:22: paid_to 2016-07-17 is before paid_from 2016-07-18\n"
            "election.toml:26: unknown method 'av' (use irv, stv, plurality, approval, motion, "
            "schulze, ranked-pairs)\n"
            "election.toml:27: seats must be a whole number from 1 to 10000\n"
            "election.toml:29: body must say who nominates, e.g. \"MPs and MEPs\"\n"
            "election.toml:31: percent must be more than 0 and at most 100\n"
            "election.toml:33: contest 'deputy' needs candidates or nominations "
            "([contests.nominations])");
}

TEST(ElectionTomlTest, ReadsEliminatingBallots) {
  auto definition = ParseElectionToml(
      std::string(kExample) + "[contests.eliminating_ballots]\nfinalists = 2\nthresholds = [30, 0, 33]\n",
      "election.toml");
  ASSERT_TRUE(definition.ok()) << definition.error().ToString();
  ASSERT_TRUE(definition->contests[0].eliminating_ballots.has_value());
  EXPECT_EQ(definition->contests[0].eliminating_ballots->finalists, 2);
  EXPECT_EQ(definition->contests[0].eliminating_ballots->thresholds,
            (std::vector<int64_t>{30, 0, 33}));
}

TEST(ElectionTomlTest, EliminatingBallotsProblemsAreReportedWithTheirLines) {
  // Lines 33-35: finalists out of range, a threshold above the body of 251, one not a number;
  // then (lines 36-42) a contest with eliminating ballots but no nominating body to hold them.
  const std::string text =
      std::string(kExample) +
      "[contests.eliminating_ballots]\nfinalists = 1\nthresholds = [30, 252, \"x\"]\n"
      "[[contests]]\nid = \"deputy\"\ntitle = \"Deputy\"\nmethod = \"irv\"\ncandidates = [\"A\"]\n"
      "[contests.eliminating_ballots]\nfinds = 2\n";
  EXPECT_EQ(ProblemsOf(text),
            "election.toml:34: finalists must be a whole number from 2 to 100\n"
            "election.toml:35: thresholds holds something that is not a whole number\n"
            "election.toml:35: a threshold must be from 0 to the body's size, 251 (not 252)\n"
            "election.toml:41: eliminating ballots are held by the nominating body: the contest "
            "needs [contests.nominations]\n"
            "election.toml:42: unknown key 'finds' in [contests.eliminating_ballots] (known keys: "
            "finalists, thresholds)");
}

TEST(ElectionTomlTest, MissingPartsAreNamed) {
  EXPECT_EQ(ProblemsOf("id = \"x\"\ntitle = \"X\"\n"),
            "election.toml: the election needs a [timetable]\n"
            "election.toml: the election needs at least one section ([[sections]])\n"
            "election.toml: the election needs at least one contest ([[contests]])");
  EXPECT_EQ(ProblemsOf(""),
            "election.toml: the election needs a [timetable]\n"
            "election.toml: the election id '' must be letters, digits, '-' and '_' (at least "
            "one)\n"
            "election.toml: the election needs a title\n"
            "election.toml: the election needs at least one section ([[sections]])\n"
            "election.toml: the election needs at least one contest ([[contests]])");
}

TEST(ElectionTomlTest, MalformedTomlIsReportedWithItsLine) {
  const std::string text = Replaced(kExample, "body_size = 251", "body_size = 251 MPs");
  auto definition = ParseElectionToml(text, "election.toml");
  ASSERT_FALSE(definition.ok());
  EXPECT_EQ(definition.error().code(), util::ErrorCode::kInvalidInput);
  ASSERT_EQ(definition.error().problems().size(), 1u);
  EXPECT_EQ(definition.error().problems()[0].where, "election.toml:30");
  EXPECT_EQ(definition.error().problems()[0].what.rfind("not valid TOML: ", 0), 0u);
  EXPECT_EQ(ParseElectionToml("id = \"a\"\nid = \"b\"\n", "e.toml").error().problems()[0].where,
            "e.toml:2");
  EXPECT_EQ(ParseElectionToml("[timetable]\nballot_open = 2016-02-30T09:00:00Z\n", "e.toml")
                .error()
                .problems()[0]
                .where,
            "e.toml:2");
}

TEST(ElectionTomlTest, AMissingFileIsNotFound) {
  auto definition = ReadElectionToml("/nonexistent/election.toml");
  ASSERT_FALSE(definition.ok());
  EXPECT_EQ(definition.error().code(), util::ErrorCode::kNotFound);
  EXPECT_EQ(definition.error().ToString(),
            "/nonexistent/election.toml: cannot open the election definition");
}

TEST(ElectionTomlTest, TheLabour2016ExampleIsAValidDefinition) {
  const std::string path =
      std::string(SCRUTINEER_SOURCE_DIR) + "/examples/labour_2016_leader/election.toml";
  auto definition = ReadElectionToml(path);
  ASSERT_TRUE(definition.ok()) << definition.error().ToString();
  EXPECT_EQ(definition->timetable.time_zone, "Europe/London");
  // Wed 21 Sep 2016 noon, British Summer Time: 11:00 UTC on day 17,065.
  EXPECT_EQ(definition->timetable.ballot_close, 1474455600);
  ASSERT_EQ(definition->sections.size(), 3u);
  EXPECT_EQ(definition->sections[0].id, "members");
  EXPECT_EQ(definition->sections[0].eligibility.joined_by, (Date{2016, 1, 12}));
  EXPECT_EQ(definition->sections[0].eligibility.arrears_by, (Date{2016, 8, 8}));
  EXPECT_EQ(definition->sections[1].id, "registered_supporters");
  EXPECT_EQ(definition->sections[1].eligibility.paid_from, (Date{2016, 7, 18}));
  EXPECT_EQ(definition->sections[1].eligibility.paid_to, (Date{2016, 7, 20}));
  EXPECT_EQ(definition->sections[2].id, "affiliated_supporters");
  EXPECT_EQ(definition->sections[2].eligibility.joined_by, (Date{2016, 1, 12}));
  ASSERT_EQ(definition->contests.size(), 1u);
  EXPECT_EQ(definition->contests[0].candidates,
            (std::vector<std::string>{"Jeremy Corbyn", "Owen Smith"}));
  ASSERT_TRUE(definition->contests[0].nominations.has_value());
  // Angela Eagle's challenge had 51 nominations, the 20% threshold of 251 MPs and MEPs.
  EXPECT_EQ(core::NominationsNeeded(*definition->contests[0].nominations), 51);
}

}  // namespace
}  // namespace scrutineer::formats
