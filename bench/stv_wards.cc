// Times STV over every ballot file in a folder (by default the 1,100 Scottish council wards
// in ../shared/data/scottish-council-blt): reading them, then counting each under a preset
// for the seats its header gives. Prints the files, ballots, stages and the total times.
//
//   build/bench/stv_wards [DIR] [PRESET] [RUNS]      (PRESET scottish-stv, RUNS 3)

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "count/stv.h"
#include "formats/ballot_file.h"

namespace {

using namespace scrutineer;
using Clock = std::chrono::steady_clock;

double Milliseconds(Clock::time_point since) {
  return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

std::vector<std::string> BallotFiles(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && formats::BallotFormatOfPath(entry.path().string()).ok()) {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

struct Totals {
  int read = 0;
  int refused = 0;
  int64_t papers = 0;
  size_t stages = 0;
  double read_ms = 0;
  double count_ms = 0;  // the best of the runs, summed over files
};

void CountFile(const std::string& path, count::StvPreset preset, int runs, Totals& totals) {
  const auto read_start = Clock::now();
  auto ballots = formats::ReadBallotFile(path, *formats::BallotFormatOfPath(path), {});
  totals.read_ms += Milliseconds(read_start);
  if (!ballots.ok()) {
    ++totals.refused;
    return;
  }
  ++totals.read;
  for (int64_t papers : ballots->papers) {
    totals.papers += papers;
  }
  count::StvRules rules;
  rules.preset = preset;
  rules.seats = std::max(ballots->seats, 1);
  double best = 1e300;
  for (int run = 0; run < runs; ++run) {
    const auto start = Clock::now();
    auto result = count::CountStv(*ballots, rules, nullptr);
    best = std::min(best, Milliseconds(start));
    if (!result.ok()) {
      std::fprintf(stderr, "%s: %s\n", path.c_str(), result.error().ToString().c_str());
      return;
    }
    totals.stages += run == 0 ? result->stages.size() : 0;
  }
  totals.count_ms += best;
}

int Run(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : "../shared/data/scottish-council-blt";
  const std::string name = argc > 2 ? argv[2] : "scottish-stv";
  const int runs = argc > 3 ? std::max(1, std::atoi(argv[3])) : 3;
  const auto preset = count::StvPresetNamed(name);
  if (!preset) {
    std::fprintf(stderr, "unknown preset %s\n", name.c_str());
    return 1;
  }
  Totals totals;
  for (const std::string& path : BallotFiles(dir)) {
    CountFile(path, *preset, runs, totals);
  }
  std::printf("%s over %s\n", name.c_str(), dir.c_str());
  std::printf("  files counted   %d (refused by the reader: %d)\n", totals.read, totals.refused);
  std::printf("  ballot papers   %lld\n", static_cast<long long>(totals.papers));
  std::printf("  stages          %zu\n", totals.stages);
  std::printf("  reading         %.1f ms\n", totals.read_ms);
  std::printf("  counting        %.1f ms (best of %d runs per file)\n", totals.count_ms, runs);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "stv_wards: %s\n", e.what());
    return 1;
  }
}
