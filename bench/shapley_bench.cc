// Shapley attribution and journey extraction benchmarks.
//
//   BM_ShapleyClosedForm / BM_ShapleyEnumeration: 1M journeys (path-table rows) over 15
//     channels, 1-8 touches each, built in memory (no input needed). Target: <= 2 s each.
//   BM_JourneyPaths: journey extraction over an event table, when WINPATH_BENCH_MAP and
//     WINPATH_BENCH_TABLE are set (as for engine_bench), on 1 and 2 threads.
//
//   build-rel/bench/shapley_bench --benchmark_filter=Shapley
//   WINPATH_BENCH_MAP=examples/saas.yaml WINPATH_BENCH_TABLE=bench/data/saas-1000000-365.wpt
//     build-rel/bench/shapley_bench --benchmark_filter=JourneyPaths   (one command)
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <random>

#include "analysis/shapley_attribution.h"
#include "ingest/table_file.h"
#include "model/journey_map_loader.h"
#include "query/journey_paths_query.h"

namespace winpath {
namespace {

constexpr int kChannels = 15;
constexpr int kJourneys = 1000000;

const PathTable& Journeys() {
  static const PathTable* table = [] {
    auto* t = new PathTable;
    for (int c = 0; c < kChannels; ++c) t->channel_names.push_back("channel " + std::to_string(c));
    std::mt19937 rng(2018);
    t->paths.reserve(kJourneys);
    for (int i = 0; i < kJourneys; ++i) {
      JourneyPath p;
      const int len = 1 + static_cast<int>(rng() % 8);
      for (int k = 0; k < len; ++k) p.channels.push_back(static_cast<uint16_t>(rng() % kChannels));
      p.conversions = static_cast<int64_t>(rng() % 4);
      p.value = p.conversions == 0 ? 0 : static_cast<double>(rng() % 20000) / 100.0;
      p.nulls = static_cast<int64_t>(rng() % 3);
      t->paths.push_back(std::move(p));
    }
    return t;
  }();
  return *table;
}

void RunShapley(benchmark::State& state, ShapleyMethod method) {
  const PathTable& table = Journeys();
  for (auto _ : state) {
    auto r = ComputeShapley(table, method);
    if (!r.ok()) state.SkipWithError(r.status().ToString().c_str());
    benchmark::DoNotOptimize(r);
  }
  state.counters["journeys_per_s"] = benchmark::Counter(
      static_cast<double>(table.paths.size()), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_ShapleyClosedForm(benchmark::State& state) {
  RunShapley(state, ShapleyMethod::kClosedForm);
}
void BM_ShapleyEnumeration(benchmark::State& state) {
  RunShapley(state, ShapleyMethod::kEnumeration);
}

struct EventData {
  JourneyMap map;
  EventTable table;
};

const EventData* GetEventData() {
  static const EventData* data = []() -> const EventData* {
    const char* map_path = std::getenv("WINPATH_BENCH_MAP");
    const char* table_path = std::getenv("WINPATH_BENCH_TABLE");
    if (map_path == nullptr || table_path == nullptr) return nullptr;
    auto map = LoadJourneyMapFile(map_path);
    auto table = ReadEventTable(table_path);
    if (!map.ok() || !table.ok()) return nullptr;
    return new EventData{std::move(*map), std::move(*table)};
  }();
  return data;
}

void BM_JourneyPaths(benchmark::State& state) {
  const EventData* d = GetEventData();
  if (d == nullptr) {
    state.SkipWithError("set WINPATH_BENCH_MAP and WINPATH_BENCH_TABLE to readable files");
    return;
  }
  ScanOptions scan;
  scan.threads = static_cast<int>(state.range(0));
  size_t paths = 0;
  for (auto _ : state) {
    auto r = RunJourneyPaths(d->table, d->map, JourneyPathsSpec{}, scan);
    if (!r.ok()) {
      state.SkipWithError(r.status().ToString().c_str());
      break;
    }
    paths = 0;
    for (const JourneyPathsWin& w : r->wins) paths += w.paths.paths.size();
    benchmark::DoNotOptimize(r);
  }
  state.counters["events_per_s"] = benchmark::Counter(
      static_cast<double>(d->table.num_events()), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["distinct_paths"] = static_cast<double>(paths);
}

BENCHMARK(BM_ShapleyClosedForm)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ShapleyEnumeration)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_JourneyPaths)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace winpath

BENCHMARK_MAIN();
