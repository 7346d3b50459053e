// Times Meek's method on a real ballot file: reading it, then counting it (each repeated), and
// prints where the count's time went. For the figures in docs/methods/meek.md:
//
//   build/bench/meek_time FILE [SEATS] [RUNS]      (FILE: .csv, .blt or PrefLib; SEATS 5, RUNS 5)
//
// e.g. python3 ../shared/tools/gen_ballots.py 1000000 20 42 > /tmp/m1m.csv; then
//      build/bench/meek_time /tmp/m1m.csv 5

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "count/meek.h"
#include "formats/ballot_file.h"

namespace {

using namespace scrutineer;
using Clock = std::chrono::steady_clock;

double Milliseconds(Clock::time_point since) {
  return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

double Best(const std::vector<double>& times) {
  return *std::min_element(times.begin(), times.end());
}

double Median(std::vector<double> times) {
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

// Reads `path` `runs` times; the last reading is kept in `ballots`.
bool Read(const std::string& path, int runs, core::BallotSet& ballots, std::vector<double>& times) {
  auto format = formats::BallotFormatOfPath(path);
  if (!format.ok()) {
    std::fprintf(stderr, "%s\n", format.error().ToString().c_str());
    return false;
  }
  for (int run = 0; run < runs; ++run) {
    const auto start = Clock::now();
    auto read = formats::ReadBallotFile(path, *format, {});
    times.push_back(Milliseconds(start));
    if (!read.ok()) {
      std::fprintf(stderr, "%s\n", read.error().ToString().c_str());
      return false;
    }
    ballots = std::move(read.value());
  }
  return true;
}

// Counts `ballots` `runs` times; the last result is kept in `result`.
bool Count(const core::BallotSet& ballots, int seats, int runs, count::Result& result,
           std::vector<double>& times) {
  count::StvRules rules;
  rules.preset = count::StvPreset::kMeek;
  rules.seats = seats;
  for (int run = 0; run < runs; ++run) {
    const auto start = Clock::now();
    auto counted = count::CountMeek(ballots, rules, nullptr);
    times.push_back(Milliseconds(start));
    if (!counted.ok()) {
      std::fprintf(stderr, "%s\n", counted.error().ToString().c_str());
      return false;
    }
    result = std::move(counted.value());
  }
  return true;
}

void Print(const std::string& path, const core::BallotSet& ballots, int seats,
           const count::Result& result, const std::vector<double>& read_times,
           const std::vector<double>& count_times) {
  int iterations = 0;
  for (const count::Stage& stage : result.stages) {
    iterations += stage.iterations;
  }
  int64_t papers = 0;
  for (int64_t p : ballots.papers) {
    papers += p;
  }
  std::printf("%s: %lld papers, %zu distinct ballots, %zu candidates, %d seats\n", path.c_str(),
              static_cast<long long>(papers), ballots.size(), ballots.candidates.size(), seats);
  std::printf("  read    best %.1f ms, median %.1f ms (%zu runs)\n", Best(read_times),
              Median(read_times), read_times.size());
  std::printf("  count   best %.1f ms, median %.1f ms: %zu stages, %d iterations\n",
              Best(count_times), Median(count_times), result.stages.size(), iterations);
  std::printf("  elected");
  for (count::CandidateId c : result.elected) {
    std::printf(" %s;", ballots.candidates[c.index()].c_str());
  }
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE [SEATS] [RUNS]\n", argv[0]);
    return 2;
  }
  const std::string path = argv[1];
  const int seats = argc > 2 ? std::stoi(argv[2]) : 5;
  const int runs = argc > 3 ? std::stoi(argv[3]) : 5;
  core::BallotSet ballots;
  count::Result result;
  std::vector<double> read_times;
  std::vector<double> count_times;
  if (!Read(path, runs, ballots, read_times) || !Count(ballots, seats, runs, result, count_times)) {
    return 1;
  }
  Print(path, ballots, seats, result, read_times, count_times);
  return 0;
}
