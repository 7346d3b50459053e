// Every ballot file in ../shared/data/ is either counted or refused with a clear reason
// (file, line, what); none crashes. The Scottish council files are multi-seat STV elections:
// here they are counted by instant-runoff for one seat, which exercises the readers and the
// count on 5.6 million real ballots.

#include <gtest/gtest.h>

#include <filesystem>

#include "count/irv.h"
#include "crypto/sha256_lot.h"
#include "formats/ballot_file.h"

namespace scrutineer::testing {
namespace {

struct Tally {
  int counted = 0;
  std::vector<std::string> refused;
};

// Counts every ballot file under `dir`; a refusal must name the file (and a line or the file).
Tally CountAll(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    const std::string path = entry.path().string();
    if (entry.is_regular_file() && formats::BallotFormatOfPath(path).ok()) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  Tally tally;
  const crypto::Sha256Lot lot("shared-data");
  for (const auto& file : files) {
    const std::string path = file.string();
    auto ballots = formats::ReadBallotFile(path, *formats::BallotFormatOfPath(path), {});
    if (!ballots.ok()) {
      for (const util::Problem& problem : ballots.error().problems()) {
        EXPECT_TRUE(problem.where.starts_with(path)) << problem.where;
        EXPECT_FALSE(problem.what.empty());
      }
      tally.refused.push_back(ballots.error().ToString());
      continue;
    }
    auto result = count::CountIrv(*ballots, count::IrvRules{}, &lot);
    EXPECT_TRUE(result.ok()) << path << ": " << result.error().ToString();
    EXPECT_EQ(result->elected.size(), 1u) << path;
    ++tally.counted;
  }
  return tally;
}

TEST(DataTest, EveryScottishCouncilFileIsCountedOrClearlyRefused) {
  const Tally tally = CountAll(SCRUTINEER_SHARED_DIR "/data/scottish-council-blt");
  // 1,100 files; one was saved as CSV with trailing commas and is refused at its header.
  EXPECT_EQ(tally.counted + static_cast<int>(tally.refused.size()), 1100);
  ASSERT_EQ(tally.refused.size(), 1u);
  EXPECT_NE(tally.refused[0].find("perth_kinross_2016_by_election_ward9.blt:1: expected the "
                                  "header 'CANDIDATES SEATS'"),
            std::string::npos)
      << tally.refused[0];
}

TEST(DataTest, EveryPreflibFileIsCounted) {
  const Tally tally = CountAll(SCRUTINEER_SHARED_DIR "/data/preflib");
  EXPECT_EQ(tally.counted, 370);
  EXPECT_TRUE(tally.refused.empty()) << tally.refused.front();
}

}  // namespace
}  // namespace scrutineer::testing
