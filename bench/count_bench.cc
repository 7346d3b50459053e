// Micro-benchmarks of the two halves of a count, apart from the disk: reading our CSV from
// memory, and instant-runoff over a ballot set. The data follow ../shared/tools/gen_ballots.py
// (Zipf-like popularity, rankings of 1 + Exp(0.5) preferences, three sections), drawn with a
// fixed seed. bench/count.sh measures the whole command on real files.

#include <benchmark/benchmark.h>

#include <random>
#include <string>

#include "count/irv.h"
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
  for (int64_t i = 0; i < n; ++i) {
    std::vector<double> weights;
    std::vector<int> pool;
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
        text += "Candidate ";
        text += static_cast<char>('A' + pool[at]);
        pool.erase(pool.begin() + static_cast<long>(at));
        weights.erase(weights.begin() + static_cast<long>(at));
      }
    }
    text += "\n";
  }
  return text;
}

void BM_ReadCsv(benchmark::State& state) {
  const std::string text = Ballots(state.range(0), 10);
  for (auto _ : state) {
    auto source = formats::MemorySource(text, "bench.csv");
    formats::ReadOptions options;
    options.threads = static_cast<int>(state.range(1));
    auto ballots = formats::ReadCsvCvr(*source, options);
    benchmark::DoNotOptimize(ballots.ok());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ReadCsv)->Args({200000, 1})->Args({200000, 2})->Unit(benchmark::kMillisecond);

void BM_CountIrv(benchmark::State& state) {
  const std::string text = Ballots(state.range(0), static_cast<int>(state.range(1)));
  auto source = formats::MemorySource(text, "bench.csv");
  const core::BallotSet ballots = std::move(formats::ReadCsvCvr(*source, {}).value());
  for (auto _ : state) {
    auto result = count::CountIrv(ballots, count::IrvRules{}, nullptr);
    benchmark::DoNotOptimize(result.ok());
  }
  state.counters["distinct_ballots"] = static_cast<double>(ballots.size());
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_CountIrv)
    ->Args({200000, 5})
    ->Args({200000, 10})
    ->Args({200000, 20})
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
