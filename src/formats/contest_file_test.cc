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

TEST(ContestFileTest, NotJsonIsRefused) {
  auto contest = ParseContestFile("{title", "contest.json");
  ASSERT_FALSE(contest.ok());
  EXPECT_EQ(contest.error().problems()[0].where, "contest.json");
}

}  // namespace
}  // namespace scrutineer::formats
