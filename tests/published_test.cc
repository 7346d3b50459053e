// Every published count in ../shared/conformance/published/: each round's totals, the
// elected, the published percentages, first preferences by section, spoilt ballots and
// turnout, through the scrutineer binary as a user runs it; and the RCTab summary layout
// against the case's expected_summary.json. A new folder there is a new test.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/decimal.h"
#include "tests/run_command.h"

namespace scrutineer::testing {
namespace {

using Json = nlohmann::json;

std::vector<std::string> Cases() {
  std::vector<std::string> cases;
  for (const auto& entry :
       std::filesystem::directory_iterator(SharedPath("conformance/published"))) {
    if (std::filesystem::exists(entry.path() / "expected.json")) {
      cases.push_back(entry.path().filename().string());
    }
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

class PublishedTest : public ::testing::TestWithParam<std::string> {
 protected:
  std::string Dir() const { return SharedPath("conformance/published/" + GetParam()); }
  Json Expected() const { return Json::parse(ReadFile(Dir() + "/expected.json")); }

  // Counts the case's ballots (csv or blt) and returns the output in `format`.
  std::string Count(const std::string& ballots, const std::string& format) const {
    std::vector<std::string> args{ScrutineerBinary(), "count", Dir() + "/" + ballots, "--format",
                                  format};
    if (ballots.ends_with(".csv")) {
      args.insert(args.end(), {"--contest", Dir() + "/contest.json"});
    }
    const Json expected = Expected();
    if (expected.contains("electorate")) {
      args.insert(args.end(),
                  {"--electorate", std::to_string(expected["electorate"].get<int64_t>())});
    }
    const CommandResult result = RunCommand(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
  }
};

void ExpectRoundsMatch(const Json& expected, const Json& ours, bool with_percent) {
  ASSERT_EQ(ours["rounds"].size(), expected["rounds"].size());
  for (size_t r = 0; r < expected["rounds"].size(); ++r) {
    const Json& want = expected["rounds"][r];
    const Json& got = ours["rounds"][r];
    SCOPED_TRACE("round " + std::to_string(r + 1));
    ASSERT_EQ(got["tally"].size(), want["tally"].size());
    for (const auto& [name, votes] : want["tally"].items()) {
      EXPECT_TRUE(SameDecimal(got["tally"][name], votes)) << name;
      if (with_percent) {
        EXPECT_TRUE(SameDecimal(got["percent"][name], want["published_percent"][name])) << name;
      }
    }
    EXPECT_TRUE(SameDecimal(got["continuing"], want["continuing_votes"]));
    EXPECT_TRUE(SameDecimal(got["exhausted"]["total"], want["exhausted_total"]));
    EXPECT_EQ(got["excluded"], want["eliminated"]);
    EXPECT_EQ(got["elected"], want["elected"]);
  }
}

TEST_P(PublishedTest, RoundsPercentagesAndWinnerMatchThePublishedCount) {
  const Json expected = Expected();
  const Json ours = Json::parse(Count("ballots.csv", "json"));
  ExpectRoundsMatch(expected, ours, true);
  EXPECT_TRUE(SameDecimal(ours["ballot_papers"]["valid"], expected["valid_ballots"]));
}

TEST_P(PublishedTest, FirstPreferencesBySectionSpoiltAndTurnoutMatch) {
  const Json expected = Expected();
  const Json ours = Json::parse(Count("ballots.csv", "json"));
  if (expected.contains("first_round_by_section")) {
    for (const auto& [section, tally] : expected["first_round_by_section"].items()) {
      for (const auto& [name, votes] : tally.items()) {
        EXPECT_TRUE(SameDecimal(ours["rounds"][0]["by_section"][section]["tally"][name], votes))
            << section << " " << name;
      }
    }
  }
  if (expected.contains("spoilt_ballots")) {
    EXPECT_EQ(ours["ballot_papers"]["spoilt"], expected["spoilt_ballots"]);
  }
  if (expected.contains("electorate")) {
    EXPECT_TRUE(SameDecimal(ours["turnout"]["percent"], expected["published_turnout_percent"]));
  }
}

TEST_P(PublishedTest, TheBltFileGivesTheSameRounds) {
  ExpectRoundsMatch(Expected(), Json::parse(Count("ballots.blt", "json")), true);
}

// RCTab's summary layout, compared field by field (config describes the run, not the count).
TEST_P(PublishedTest, RctabSummaryMatchesExpectedSummary) {
  const Json expected = Json::parse(ReadFile(Dir() + "/expected_summary.json"));
  const Json ours = Json::parse(Count("ballots.csv", "rctab-json"));
  EXPECT_EQ(ours["jsonFormatVersion"], expected["jsonFormatVersion"]);
  ExpectSameDecimals(ours["summary"], expected["summary"]);
  ASSERT_EQ(ours["results"].size(), expected["results"].size());
  for (size_t r = 0; r < expected["results"].size(); ++r) {
    SCOPED_TRACE("round " + std::to_string(r + 1));
    ExpectSameDecimals(ours["results"][r], expected["results"][r]);
  }
}

INSTANTIATE_TEST_SUITE_P(Published, PublishedTest, ::testing::ValuesIn(Cases()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace scrutineer::testing
