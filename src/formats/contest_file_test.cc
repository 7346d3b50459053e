#include "formats/contest_file.h"

#include <gtest/gtest.h>

namespace scrutineer::formats {
namespace {

TEST(ContestFileTest, ReadsThePublishedContestFile) {
  auto contest = ReadContestFile(std::string(SCRUTINEER_SHARED_DIR) +
                                 "/conformance/published/labour_2016_leader/contest.json");
  ASSERT_TRUE(contest.ok()) << contest.error().ToString();
  EXPECT_EQ(contest->title, "Labour Party (UK) 2016 Leader (challenge to incumbent)");
  EXPECT_EQ(contest->method, "instant-runoff");
  EXPECT_EQ(contest->seats, 1);
  EXPECT_EQ(contest->candidates, (std::vector<std::string>{"Jeremy Corbyn", "Owen Smith"}));
  EXPECT_EQ(contest->sections.size(), 3u);
}

TEST(ContestFileTest, EveryProblemIsReported) {
  auto contest = ParseContestFile(
      R"({"title": 3, "seats": 0, "candidates": ["A", "A", 7], "sections": "members"})",
      "contest.json");
  ASSERT_FALSE(contest.ok());
  EXPECT_EQ(contest.error().ToString(),
            "contest.json: title must be a string\n"
            "contest.json: seats must be a whole number from 1 to 10000\n"
            "contest.json: candidates lists 'A' twice\n"
            "contest.json: candidates holds something that is not a name\n"
            "contest.json: sections must be a list of names");
}

TEST(ContestFileTest, ReadsACollegeAndPoints) {
  auto college = ParseContestFile(
      R"({"college": {"members": 1, "affiliates": 2}, "weighted_places": 1})", "c.json");
  ASSERT_TRUE(college.ok()) << college.error().ToString();
  EXPECT_EQ(college->college,
            (std::vector<std::pair<std::string, int64_t>>{{"affiliates", 2}, {"members", 1}}));
  EXPECT_EQ(college->weighted_places, 1);
  auto points = ParseContestFile(R"({"points": 100, "points_at_most_votes": true})", "p.json");
  ASSERT_TRUE(points.ok()) << points.error().ToString();
  EXPECT_EQ(points->points, 100);
  EXPECT_TRUE(points->points_at_most_votes);
}

TEST(ContestFileTest, EveryWeightingProblemIsReported) {
  auto contest = ParseContestFile(
      R"({"college": {"members": 0, "mps": "1", "unions": 1}, "points": -5,
          "points_at_most_votes": "yes", "weighted_places": 13})",
      "c.json");
  ASSERT_FALSE(contest.ok());
  EXPECT_EQ(contest.error().ToString(),
            "c.json: college: the weight of 'members' must be a whole number from 1 to 1000000000\n"
            "c.json: college: the weight of 'mps' must be a whole number from 1 to 1000000000\n"
            "c.json: points must be a whole number from 1 to 1000000000\n"
            "c.json: points_at_most_votes must be true or false\n"
            "c.json: weighted_places must be a whole number from 0 to 12");
  auto both = ParseContestFile(R"({"college": {"members": 1}, "points": 100})", "b.json");
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.error().ToString(), "b.json: a contest has a college or points, not both");
  EXPECT_FALSE(ParseContestFile(R"({"college": []})", "e.json").ok());
}

TEST(ContestFileTest, NotJsonIsRefused) {
  auto contest = ParseContestFile("{title", "contest.json");
  ASSERT_FALSE(contest.ok());
  EXPECT_EQ(contest.error().problems()[0].where, "contest.json");
}

}  // namespace
}  // namespace scrutineer::formats
