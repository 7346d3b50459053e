#include "core/ballot_set.h"

#include <gtest/gtest.h>

namespace scrutineer::core {
namespace {

CandidateId C(uint16_t id) { return CandidateId(id); }

TEST(BallotSetTest, IdenticalBallotsMergeIntoOneEntry) {
  BallotSetBuilder builder;
  const std::vector<CandidateId> ab{C(0), C(1)};
  const std::vector<CandidateId> ba{C(1), C(0)};
  const uint32_t first =
      builder.Add(SectionId(0), ab, Exhaustion::kNoMorePreferences, Votes::FromUnits(3), 3);
  EXPECT_EQ(builder.Add(SectionId(0), ba, Exhaustion::kNoMorePreferences, Votes::FromUnits(1), 1),
            1u);
  EXPECT_EQ(builder.Add(SectionId(0), ab, Exhaustion::kNoMorePreferences, Votes::FromUnits(2), 2),
            first);
  // Same ranking in another section, or ending for another reason, stays apart.
  EXPECT_EQ(builder.Add(SectionId(1), ab, Exhaustion::kNoMorePreferences, Votes::FromUnits(1), 1),
            2u);
  EXPECT_EQ(builder.Add(SectionId(0), ab, Exhaustion::kOvervote, Votes::FromUnits(1), 1), 3u);

  BallotSet ballots;
  ballots.sections = {"members", "supporters"};
  builder.MoveInto(ballots);
  ASSERT_EQ(ballots.size(), 4u);
  EXPECT_EQ(ballots.weight[0], Votes::FromUnits(5));
  EXPECT_EQ(ballots.papers[0], 5);
  EXPECT_EQ(std::vector<CandidateId>(ballots.Ranking(1).begin(), ballots.Ranking(1).end()), ba);
  EXPECT_EQ(ballots.section[2], SectionId(1));
}

TEST(BallotSetTest, ManyDistinctBallotsSurviveTableGrowth) {
  BallotSetBuilder builder;
  for (uint16_t a = 0; a < 60; ++a) {
    for (uint16_t b = 0; b < 60; ++b) {
      const std::vector<CandidateId> ranking{C(a), C(b)};
      builder.Add(SectionId(0), ranking, Exhaustion::kNoMorePreferences, Votes::FromUnits(1), 1);
      builder.Add(SectionId(0), ranking, Exhaustion::kNoMorePreferences, Votes::FromUnits(1), 1);
    }
  }
  BallotSet ballots;
  builder.MoveInto(ballots);
  ASSERT_EQ(ballots.size(), 3600u);
  for (size_t i = 0; i < ballots.size(); ++i) {
    EXPECT_EQ(ballots.papers[i], 2);
  }
}

TEST(BallotSetTest, PapersAreCountedBySectionWithBlankAndRejected) {
  BallotSetBuilder builder;
  const std::vector<CandidateId> a{C(0)};
  builder.Add(SectionId(0), a, Exhaustion::kNoMorePreferences, Votes::FromUnits(10), 10);
  builder.Add(SectionId(1), a, Exhaustion::kNoMorePreferences, Votes::FromUnits(4), 4);
  builder.AddBlank(SectionId(1), 2);
  builder.AddRejected(SectionId(0), "repeated candidate", 3, 17);
  builder.AddRejected(SectionId(0), "repeated candidate", 1, 9);
  BallotSet ballots;
  ballots.sections = {"members", "supporters"};
  builder.MoveInto(ballots);
  const PaperCounts counts = CountPapers(ballots);
  EXPECT_EQ(counts.counted, (std::vector<int64_t>{10, 4}));
  EXPECT_EQ(counts.blank, (std::vector<int64_t>{0, 2}));
  EXPECT_EQ(counts.rejected, (std::vector<int64_t>{4, 0}));
  EXPECT_EQ(counts.total(), 20);
  ASSERT_EQ(ballots.rejected.size(), 1u);
  EXPECT_EQ(ballots.rejected[0].first_line, 9u);
}

TEST(BallotSetTest, MergeRenumbersCandidatesSectionsAndLines) {
  BallotSetBuilder first;
  BallotSetBuilder second;
  const std::vector<CandidateId> local{C(0), C(1)};
  second.Add(SectionId(0), local, Exhaustion::kNoMorePreferences, Votes::FromUnits(2), 2);
  second.AddRejected(SectionId(0), "overvote", 1, 5);
  const std::vector<CandidateId> candidate_map{C(7), C(3)};
  const std::vector<SectionId> section_map{SectionId(1)};
  first.Merge(second, candidate_map, section_map, 100);
  BallotSet ballots;
  ballots.sections = {"a", "b"};
  first.MoveInto(ballots);
  ASSERT_EQ(ballots.size(), 1u);
  EXPECT_EQ(ballots.Ranking(0)[0], C(7));
  EXPECT_EQ(ballots.Ranking(0)[1], C(3));
  EXPECT_EQ(ballots.section[0], SectionId(1));
  EXPECT_EQ(ballots.rejected[0].first_line, 105u);
}

// Merging in steps over two ranges (as the CSV reader does on two threads): candidate 0 of
// the second builder is candidate 1 of the first, and the reverse. Its {1, 0} is the first's
// {0, 1} and joins that entry; its {0}, the first's {1}, is new; after the merge, Add still
// finds every entry.
TEST(BallotSetTest, AMergeInStepsJoinsIdenticalBallotsAndAppendsTheRest) {
  BallotSetBuilder first;
  BallotSetBuilder second;
  const std::vector<CandidateId> ab{C(0), C(1)};
  const std::vector<CandidateId> ba{C(1), C(0)};
  const std::vector<CandidateId> a{C(0)};
  const std::vector<CandidateId> b{C(1)};
  first.Add(SectionId(0), ab, Exhaustion::kNoMorePreferences, Votes::FromUnits(4), 4);
  second.Add(SectionId(0), ba, Exhaustion::kNoMorePreferences, Votes::FromUnits(2), 2);
  second.Add(SectionId(0), a, Exhaustion::kNoMorePreferences, Votes::FromUnits(3), 3);
  const std::vector<CandidateId> candidate_map{C(1), C(0)};
  const std::vector<SectionId> section_map{SectionId(0)};
  ASSERT_TRUE(BallotSetBuilder::NeedsRenumbering(candidate_map, section_map));
  std::vector<uint32_t> found(second.size());
  second.Renumber(candidate_map, section_map, 0, 1);
  second.Renumber(candidate_map, section_map, 1, 2);
  first.Locate(second, 0, 1, found);
  first.Locate(second, 1, 2, found);
  EXPECT_EQ(found[0], 0u);
  EXPECT_EQ(found[1], BallotSetBuilder::kNotFound);
  first.Absorb(second, found, section_map, 0);
  EXPECT_EQ(first.Add(SectionId(0), b, Exhaustion::kNoMorePreferences, Votes::FromUnits(1), 1), 1u);
  BallotSet ballots;
  first.MoveInto(ballots);
  ASSERT_EQ(ballots.size(), 2u);
  EXPECT_EQ(ballots.papers[0], 6);
  EXPECT_EQ(ballots.papers[1], 4);
  EXPECT_EQ(std::vector<CandidateId>(ballots.Ranking(1).begin(), ballots.Ranking(1).end()), b);
}

// Deferred merging: {a, b} twice and {b} between them give three entries until
// MergeDuplicates, then two in order of first appearance, the second {a, b} joining the first.
TEST(BallotSetTest, DeferredDuplicatesMergeIntoTheFirstInOrder) {
  BallotSetBuilder builder;
  builder.DeferMerging();
  const std::vector<CandidateId> ab{C(0), C(1)};
  const std::vector<CandidateId> b{C(1)};
  const std::vector<CandidateId> c{C(2)};
  EXPECT_EQ(builder.Add(SectionId(0), ab, Exhaustion::kNoMorePreferences, Votes::FromUnits(1), 1),
            0u);
  EXPECT_EQ(builder.Add(SectionId(0), b, Exhaustion::kNoMorePreferences, Votes::FromUnits(2), 2),
            1u);
  EXPECT_EQ(builder.Add(SectionId(0), ab, Exhaustion::kNoMorePreferences, Votes::FromUnits(4), 4),
            2u);
  EXPECT_EQ(builder.Add(SectionId(0), c, Exhaustion::kNoMorePreferences, Votes::FromUnits(8), 8),
            3u);
  EXPECT_EQ(builder.MergeDuplicates(), (std::vector<uint32_t>{0, 1, 0, 2}));
  EXPECT_FALSE(builder.deferring());
  EXPECT_EQ(builder.Add(SectionId(0), b, Exhaustion::kNoMorePreferences, Votes::FromUnits(1), 1),
            1u);
  BallotSet ballots;
  builder.MoveInto(ballots);
  ASSERT_EQ(ballots.size(), 3u);
  EXPECT_EQ(ballots.papers, (std::vector<int64_t>{5, 3, 8}));
  EXPECT_EQ(std::vector<CandidateId>(ballots.Ranking(2).begin(), ballots.Ranking(2).end()), c);
  EXPECT_EQ(ballots.start, (std::vector<uint32_t>{0, 2, 3, 4}));
}

TEST(BallotSetTest, TotalsBeyondSixtyFourBitsAreFlaggedNotWrapped) {
  BallotSetBuilder builder;
  const std::vector<CandidateId> a{C(0)};
  builder.Add(SectionId(0), a, Exhaustion::kNoMorePreferences, Votes::FromUnits(INT64_MAX - 1), 1);
  EXPECT_FALSE(builder.overflowed());
  builder.AddToEntry(0, Votes::FromUnits(2), 1);
  EXPECT_TRUE(builder.overflowed());
}

}  // namespace
}  // namespace scrutineer::core
