// Markov-chain attribution benchmark (docs/analyses/markov.md#cost): 1M simulated journeys over
// 20 channels, aggregated to their distinct paths, attributed at order 1..4. The table is
// generated in-process from a fixed seed, so runs are comparable:
//   build-bench/bench/markov_bench --benchmark_counters_tabular=true
//
// Journeys: length 1 + Geometric(0.45) capped at 30 touches (mean ~2.2, a long tail as in web
// data); channels drawn from a Zipf(1.1)-like popularity with a 30% chance of repeating the
// previous channel; a journey converts with probability 3% plus 2% per distinct channel and
// carries a value in [10, 200) when it does.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <unordered_map>

#include "analysis/markov_attribution.h"

namespace winpath {
namespace {

constexpr int kChannels = 20;
constexpr int kJourneys = 1000000;

std::vector<uint16_t> RandomPath(std::mt19937_64& rng, std::discrete_distribution<int>& channel) {
  std::geometric_distribution<int> extra(0.45);
  std::bernoulli_distribution repeat(0.3);
  const int length = 1 + std::min(extra(rng), 29);
  std::vector<uint16_t> path;
  for (int i = 0; i < length; ++i) {
    path.push_back(!path.empty() && repeat(rng) ? path.back()
                                                : static_cast<uint16_t>(channel(rng)));
  }
  return path;
}

const PathTable& Table() {
  static const PathTable* table = [] {
    std::mt19937_64 rng(20260101);
    std::vector<double> weights;
    for (int c = 1; c <= kChannels; ++c) weights.push_back(1.0 / std::pow(c, 1.1));
    std::discrete_distribution<int> channel(weights.begin(), weights.end());
    std::uniform_real_distribution<double> value(10, 200);
    std::unordered_map<std::string, size_t> index;
    auto* t = new PathTable;
    for (int c = 0; c < kChannels; ++c) t->channel_names.push_back("channel_" + std::to_string(c));
    for (int j = 0; j < kJourneys; ++j) {
      std::vector<uint16_t> path = RandomPath(rng, channel);
      std::vector<uint16_t> distinct = path;
      std::sort(distinct.begin(), distinct.end());
      distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
      const bool converts = std::bernoulli_distribution(0.03 + 0.02 * distinct.size())(rng);
      std::string key(reinterpret_cast<const char*>(path.data()), path.size() * 2);
      auto [it, inserted] = index.emplace(key, t->paths.size());
      if (inserted) t->paths.push_back({path, 0, 0, 0});
      JourneyPath& p = t->paths[it->second];
      if (converts) {
        ++p.conversions;
        p.value += std::round(value(rng) * 100) / 100;
      } else {
        ++p.nulls;
      }
    }
    std::sort(t->paths.begin(), t->paths.end(),
              [](const JourneyPath& a, const JourneyPath& b) { return a.channels < b.channels; });
    return t;
  }();
  return *table;
}

void BM_MarkovAttribution(benchmark::State& state) {
  const PathTable& table = Table();
  MarkovConfig config;
  config.order = static_cast<int>(state.range(0));
  int64_t states = 0;
  for (auto _ : state) {
    Result<MarkovResult> r = RunMarkovAttribution(table, config);
    if (!r.ok()) {
      state.SkipWithError(r.status().ToString().c_str());
      return;
    }
    states = r->states;
    benchmark::DoNotOptimize(r->channels.data());
  }
  size_t touches = 0;
  for (const JourneyPath& p : table.paths) touches += p.channels.size();
  state.counters["journeys"] = kJourneys;
  state.counters["distinct_paths"] = static_cast<double>(table.paths.size());
  state.counters["touches"] = static_cast<double>(touches);
  state.counters["states"] = static_cast<double>(states);
}
BENCHMARK(BM_MarkovAttribution)->DenseRange(1, 4)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace winpath

BENCHMARK_MAIN();
