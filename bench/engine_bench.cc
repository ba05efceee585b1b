// Engine benchmark: each analysis over an in-memory event table, against a peer measured in
// the same run — one plain single-pass loop over the same sorted columns (the ceiling any
// per-person analysis can reach on this machine). bench/run.sh prepares the table and writes
// bench/RESULTS.md; run by hand as
//   WINPATH_BENCH_MAP=examples/saas.yaml WINPATH_BENCH_TABLE=bench/data/x.wpt
//     build-bench/bench/engine_bench --benchmark_format=json
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "ingest/table_file.h"
#include "model/journey_map_loader.h"
#include "query/attribution_query.h"
#include "query/flywheel_query.h"
#include "query/funnel_query.h"
#include "query/lifecycle_query.h"
#include "query/paths_query.h"
#include "query/retention_query.h"
#include "query/run_kernel.h"
#include "query/win_paths_query.h"

namespace winpath {
namespace {

struct Data {
  JourneyMap map;
  EventTable table;
};

const Data& GetData() {
  static Data* data = [] {
    const char* map_path = std::getenv("WINPATH_BENCH_MAP");
    const char* table_path = std::getenv("WINPATH_BENCH_TABLE");
    if (map_path == nullptr || table_path == nullptr) {
      std::fprintf(stderr, "set WINPATH_BENCH_MAP and WINPATH_BENCH_TABLE (see bench/run.sh)\n");
      std::exit(2);
    }
    auto map = LoadJourneyMapFile(map_path);
    if (!map.ok()) {
      std::fprintf(stderr, "%s\n", map.status().ToString().c_str());
      std::exit(3);
    }
    auto table = ReadEventTable(table_path);
    if (!table.ok()) {
      std::fprintf(stderr, "%s\n", table.status().ToString().c_str());
      std::exit(3);
    }
    return new Data{std::move(*map), std::move(*table)};
  }();
  return *data;
}

// The peer: per person, one pass over time and mask computing what every funnel needs at
// minimum (does the person have the step-1 bit, and the first time of the last bit after it).
struct PlainLoopState {
  uint32_t first_bit = 0, last_bit = 0;
  uint64_t persons = 0, reached = 0;
  int64_t checksum = 0;
  void Add(const PersonView& p) {
    const size_t n = p.size();
    const TimeMs* t = p.time.data();
    const uint32_t* m = p.mask.data();
    TimeMs start = -1;
    for (size_t i = 0; i < n; ++i) {
      if (start < 0 && (m[i] & first_bit)) start = t[i];
      if (start >= 0 && (m[i] & last_bit)) {
        ++reached;
        checksum += t[i] - start;
        break;
      }
    }
    ++persons;
  }
  void Merge(const PlainLoopState& o) {
    persons += o.persons;
    reached += o.reached;
    checksum += o.checksum;
  }
  uint64_t Finalize() const { return reached; }
};

void SetCounters(benchmark::State& state) {
  const Data& d = GetData();
  state.counters["events"] = static_cast<double>(d.table.num_events());
  state.counters["events_per_s"] = benchmark::Counter(
      static_cast<double>(d.table.num_events()), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["core_bytes_per_event"] =
      static_cast<double>(d.table.CoreColumnBytes()) / std::max<size_t>(1, d.table.num_events());
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  state.counters["peak_rss_mb"] = static_cast<double>(ru.ru_maxrss) / 1024.0;
}

ScanOptions Scan(benchmark::State& state) {
  ScanOptions scan;
  scan.threads = static_cast<int>(state.range(0));
  return scan;
}

void BM_PlainLoopPeer(benchmark::State& state) {
  const Data& d = GetData();
  PlainLoopState empty;
  empty.first_bit = 1u << d.map.milestone_bit(0);
  empty.last_bit = 1u << d.map.milestone_bit(static_cast<size_t>(d.map.CoreMilestone()));
  for (auto _ : state) {
    benchmark::DoNotOptimize(RunKernel(d.table, empty, Scan(state)).Finalize());
  }
  SetCounters(state);
}

void BM_Funnel(benchmark::State& state) {
  const Data& d = GetData();
  for (auto _ : state) {
    auto r = RunFunnel(d.table, d.map, FunnelSpec{}, Scan(state));
    if (!r.ok()) state.SkipWithError(r.status().ToString().c_str());
    benchmark::DoNotOptimize(r);
  }
  SetCounters(state);
}

void BM_WinPaths(benchmark::State& state) {
  const Data& d = GetData();
  for (auto _ : state) {
    auto r = RunWinPaths(d.table, d.map, WinPathsSpec{}, Scan(state));
    if (!r.ok()) state.SkipWithError(r.status().ToString().c_str());
    benchmark::DoNotOptimize(r);
  }
  SetCounters(state);
}

void BM_Attribution(benchmark::State& state) {
  const Data& d = GetData();
  for (auto _ : state) {
    auto r = RunAttribution(d.table, d.map, AttributionSpec{}, Scan(state));
    if (!r.ok()) state.SkipWithError(r.status().ToString().c_str());
    benchmark::DoNotOptimize(r);
  }
  SetCounters(state);
}

void BM_Paths(benchmark::State& state) {
  const Data& d = GetData();
  for (auto _ : state) {
    PathsSpec spec;
    DefaultPathEnds(d.map, &spec);
    auto r = RunPaths(d.table, d.map, spec, Scan(state));
    if (!r.ok()) state.SkipWithError(r.status().ToString().c_str());
    benchmark::DoNotOptimize(r);
  }
  SetCounters(state);
}

// First-time retention from the first event, returning on any event (every event is a return
// event: the heaviest walk), in 13 calendar months so that every person of a one-year table is
// in a cohort row (the default 12 weeks would leave most persons before the rows).
void BM_Retention(benchmark::State& state) {
  const Data& d = GetData();
  RetentionSpec spec;
  spec.period = RetentionPeriod::kMonth;
  spec.periods = 13;
  for (auto _ : state) {
    auto r = RunRetention(d.table, d.map, spec, Scan(state));
    if (!r.ok()) state.SkipWithError(r.status().ToString().c_str());
    benchmark::DoNotOptimize(r);
  }
  SetCounters(state);
}

void BM_Flywheel(benchmark::State& state) {
  const Data& d = GetData();
  for (auto _ : state) {
    auto r = RunFlywheel(d.table, d.map, FlywheelSpec{}, Scan(state));
    if (!r.ok()) state.SkipWithError(r.status().ToString().c_str());
    benchmark::DoNotOptimize(r);
  }
  SetCounters(state);
}

void BM_Lifecycle(benchmark::State& state) {
  const Data& d = GetData();
  for (auto _ : state) {
    auto r = RunLifecycle(d.table, d.map, LifecycleSpec{}, Scan(state));
    if (!r.ok()) state.SkipWithError(r.status().ToString().c_str());
    benchmark::DoNotOptimize(r);
  }
  SetCounters(state);
}

#define WINPATH_BENCH(fn) \
  BENCHMARK(fn)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(1.0)
WINPATH_BENCH(BM_PlainLoopPeer);
WINPATH_BENCH(BM_Funnel);
WINPATH_BENCH(BM_WinPaths);
WINPATH_BENCH(BM_Attribution);
WINPATH_BENCH(BM_Paths);
WINPATH_BENCH(BM_Flywheel);
WINPATH_BENCH(BM_Lifecycle);
WINPATH_BENCH(BM_Retention);

}  // namespace
}  // namespace winpath

BENCHMARK_MAIN();
