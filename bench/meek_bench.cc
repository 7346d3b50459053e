// Meek's method alone (count/meek.h), apart from reading: how its cost grows with the ballots,
// the candidates and the seats. The ballots follow ../shared/tools/gen_ballots.py (Zipf-like
// popularity, rankings of 1 + Exp(0.5) preferences, three sections), drawn with a fixed seed
// and read once from memory. bench/meek_time.cc times the whole of a real file.

#include <benchmark/benchmark.h>

#include <random>
#include <string>

#include "count/meek.h"
#include "formats/csv_cvr.h"

namespace {

using namespace scrutineer;

std::string Ballots(int64_t n, int candidates) {
  std::mt19937_64 random(42);
  std::exponential_distribution<double> length(0.5);
  const char* sections[] = {"members", "registered_supporters", "affiliated_supporters"};
  std::string text = "section,count";
  for (int k = 1; k <= candidates; ++k) {
    text += ",rank" + std::to_string(k);
  }
  text += "\n";
  std::vector<double> weights;
  std::vector<int> pool;
  for (int64_t i = 0; i < n; ++i) {
    weights.clear();
    pool.clear();
    for (int c = 0; c < candidates; ++c) {
      weights.push_back(1.0 / (c + 1));
      pool.push_back(c);
    }
    const int k = std::min(candidates, 1 + static_cast<int>(length(random)));
    text += sections[random() % 3];
    text += ",1";
    for (int r = 0; r < candidates; ++r) {
      text += ",";
      if (r < k) {
        std::discrete_distribution<size_t> pick(weights.begin(), weights.end());
        const size_t at = pick(random);
        text += "Candidate " + std::to_string(pool[at]);
        pool.erase(pool.begin() + static_cast<long>(at));
        weights.erase(weights.begin() + static_cast<long>(at));
      }
    }
    text += "\n";
  }
  return text;
}

// Arguments: ballots, candidates, seats.
void BM_CountMeek(benchmark::State& state) {
  const std::string text = Ballots(state.range(0), static_cast<int>(state.range(1)));
  auto source = formats::MemorySource(text, "bench.csv");
  const core::BallotSet ballots = std::move(formats::ReadCsvCvr(*source, {}).value());
  count::StvRules rules;
  rules.preset = count::StvPreset::kMeek;
  rules.seats = static_cast<int>(state.range(2));
  int iterations = 0;
  size_t stages = 0;
  for (auto _ : state) {
    auto result = count::CountMeek(ballots, rules, nullptr);
    benchmark::DoNotOptimize(result.ok());
    iterations = 0;
    for (const count::Stage& stage : result->stages) {
      iterations += stage.iterations;
    }
    stages = result->stages.size();
  }
  state.counters["distinct_ballots"] = static_cast<double>(ballots.size());
  state.counters["stages"] = static_cast<double>(stages);
  state.counters["iterations"] = iterations;
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_CountMeek)
    ->Args({100000, 20, 5})
    ->Args({1000000, 20, 5})
    ->Args({2000000, 20, 5})
    ->Args({1000000, 10, 5})
    ->Args({1000000, 40, 5})
    ->Args({1000000, 20, 2})
    ->Args({1000000, 20, 10})
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
