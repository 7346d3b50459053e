// Published electoral-college counts: Labour's 2007 deputy leadership (five rounds, a college
// of thirds) and Welsh Labour's 2018 deputy leadership, counted by the scrutineer binary from
// the ballots in examples/ (built by tests/tools/college_ballots.py to give the published
// shares). Every published figure is compared with ours; the published cells are rounded, so
// a cell may differ by 0.01, and a published total, which is not always the sum of its
// published cells, by 0.02.

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "tests/run_command.h"

namespace scrutineer::testing {
namespace {

using Json = nlohmann::json;

Json Published(const std::string& contest) {
  return Json::parse(ReadFile(SharedPath("research/leadership-elections/" + contest + ".json")));
}

Json Count(const std::string& example) {
  const std::string dir = std::string(SCRUTINEER_SOURCE_DIR) + "/examples/" + example;
  const CommandResult result = RunCommand({ScrutineerBinary(), "count", dir + "/ballots.csv",
                                           "--contest", dir + "/contest.json", "--format", "json"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return Json::parse(result.out);
}

double Number(const Json& value) {
  return value.is_string() ? std::stod(value.get<std::string>()) : value.get<double>();
}

void ExpectNear(const Json& ours, const Json& published, double within, const std::string& what) {
  ASSERT_FALSE(ours.is_null()) << what << " is missing";
  EXPECT_LE(std::fabs(Number(ours) - Number(published)), within + 1e-9)
      << what << ": ours " << ours << ", published " << published;
}

TEST(CollegeTest, Labour2007DeputyEveryRoundOfTheCollege) {
  const Json published = Published("labour_2007_deputy");
  const Json ours = Count("labour_2007_deputy");
  ASSERT_EQ(ours["rounds"].size(), published["rounds"].size());
  for (size_t r = 0; r < published["rounds"].size(); ++r) {
    const Json& want = published["rounds"][r];
    const Json& got = ours["rounds"][r]["weighted"];
    const std::string round = "round " + std::to_string(r + 1);
    ASSERT_EQ(got["tally"].size(), want["college_total_percent"].size()) << round;
    for (const auto& [name, total] : want["college_total_percent"].items()) {
      ExpectNear(got["tally"][name], total, 0.02, round + " " + name);
      for (const auto& [section, cell] : want["weighted_percent_by_section"][name].items()) {
        ExpectNear(got["by_section"][section][name], cell, 0.01,
                   round + " " + name + " in " + section);
      }
    }
    if (want.contains("eliminated")) {
      EXPECT_EQ(ours["rounds"][r]["excluded"], want["eliminated"]) << round;
      EXPECT_EQ(ours["rounds"][r]["decision"], "exclude_lowest") << round;
    }
  }
  EXPECT_EQ(ours["elected"], Json::array({"Harriet Harman"}));
  // Harman won the college while behind Johnson in two of three sections in the last round.
  const Json& last = ours["rounds"].back()["weighted"]["by_section"];
  EXPECT_LT(Number(last["affiliates"]["Harriet Harman"]),
            Number(last["affiliates"]["Alan Johnson"]));
  EXPECT_LT(Number(last["mps_meps"]["Harriet Harman"]), Number(last["mps_meps"]["Alan Johnson"]));
}

TEST(CollegeTest, WelshLabour2018DeputyTheCollegeOverturnsTheMembers) {
  const Json published = Published("welsh_labour_2018_deputy");
  const Json ours = Count("welsh_labour_2018_deputy");
  ASSERT_EQ(ours["rounds"].size(), 1u);
  const Json& round = ours["rounds"][0];
  for (const auto& [name, total] : published["rounds"][0]["college_total_percent"].items()) {
    // Published to one place, as the contest file asks for: "51.5", exactly.
    std::array<char, 32> text{};
    std::snprintf(text.data(), text.size(), "%.1f", total.get<double>());
    EXPECT_EQ(round["weighted"]["tally"][name], Json(text.data())) << name;
  }
  for (const auto& [section, percents] : published["rounds"][0]["section_percent"].items()) {
    for (const auto& [name, percent] : percents.items()) {
      ExpectNear(round["by_section"][section]["percent"][name], percent, 0.05,
                 section + " " + name);
    }
  }
  EXPECT_EQ(ours["elected"], Json::array({"Carolyn Harris"}));
  // Morgan has more votes; Harris more of the college.
  EXPECT_GT(Number(round["tally"]["Julie Morgan"]), Number(round["tally"]["Carolyn Harris"]));
}

}  // namespace
}  // namespace scrutineer::testing
