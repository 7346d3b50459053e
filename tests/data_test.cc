// Every ballot file in ../shared/data/ is either counted or refused with a clear reason
// (file, line, what); none crashes. The Scottish council files are multi-seat STV elections:
// they are counted under the Scottish STV rules for the seats their headers give, and also by
// instant-runoff for one seat, which exercises the readers and the counts on 5.6 million real
// ballots. (bench/stv_wards times the STV counts.)

#include <gtest/gtest.h>

#include <filesystem>

#include "count/irv.h"
#include "count/stv.h"
#include "crypto/sha256_lot.h"
#include "formats/ballot_file.h"

namespace scrutineer::testing {
namespace {

struct Tally {
  int counted = 0;
  std::vector<std::string> refused;
};

// Counts a file by instant-runoff for one seat.
void CountByIrv(const std::string& path, const core::BallotSet& ballots, const count::Lot& lot) {
  auto result = count::CountIrv(ballots, count::IrvRules{}, &lot);
  ASSERT_TRUE(result.ok()) << path << ": " << result.error().ToString();
  EXPECT_EQ(result->elected.size(), 1u) << path;
}

// Counts a file under the Scottish STV rules, and checks what every such count must satisfy:
// the votes held, non-transferable and lost to rounding make up the valid votes at every
// stage (exactly: five-place fixed point), and the seats are filled (or every candidate is
// elected, when too few stood).
void CountByScottishStv(const std::string& path, const core::BallotSet& ballots,
                        const count::Lot& lot) {
  count::StvRules rules;
  rules.preset = count::StvPreset::kScottish;
  rules.seats = std::max(ballots.seats, 1);
  auto result = count::CountStv(ballots, rules, &lot);
  ASSERT_TRUE(result.ok()) << path << ": " << result.error().ToString();
  core::Votes valid;
  for (core::Votes w : ballots.weight) {
    valid += w;
  }
  const int64_t scale = core::UnitsPerVote(result->places - ballots.places);
  for (const count::Stage& stage : result->stages) {
    core::Votes sum = stage.exhausted_total() + stage.loss;
    for (core::Votes v : stage.votes) {
      sum += v;
    }
    ASSERT_EQ(sum.units(), valid.units() * scale) << path << " stage " << stage.number;
  }
  const size_t standing = ballots.candidates.size() - ballots.withdrawn.size();
  EXPECT_EQ(result->elected.size(), std::min(standing, static_cast<size_t>(rules.seats))) << path;
}

using CountFile = void (*)(const std::string&, const core::BallotSet&, const count::Lot&);

// Counts every ballot file under `dir`; a refusal must name the file (and a line or the file).
Tally CountAll(const std::filesystem::path& dir, CountFile count_file = CountByIrv) {
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
    count_file(path, *ballots, lot);
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

TEST(DataTest, EveryScottishCouncilFileIsCountedUnderTheScottishRules) {
  const Tally tally =
      CountAll(SCRUTINEER_SHARED_DIR "/data/scottish-council-blt", CountByScottishStv);
  EXPECT_EQ(tally.counted, 1099);
  EXPECT_EQ(tally.refused.size(), 1u);
}

TEST(DataTest, EveryPreflibFileIsCounted) {
  const Tally tally = CountAll(SCRUTINEER_SHARED_DIR "/data/preflib");
  EXPECT_EQ(tally.counted, 370);
  EXPECT_TRUE(tally.refused.empty()) << tally.refused.front();
}

}  // namespace
}  // namespace scrutineer::testing
