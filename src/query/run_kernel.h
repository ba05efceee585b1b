// Runs an analysis kernel over an EventTable: persons are split into contiguous ranges, one per
// thread, each thread Adds its persons into its own copy of the empty state, and the partial
// states are merged in range order.
//
// Thread-safety: reads the table concurrently (it is immutable); `empty` is copied per thread.
#pragma once

#include <limits>
#include <vector>

#include "analysis/kernel.h"
#include "model/event_table.h"
#include "platform/parallel.h"

namespace winpath {

struct ScanOptions {
  int threads = 0;  // 0 = all hardware threads
  // Only events with from <= time < to are shown to the kernel.
  TimeMs from = std::numeric_limits<TimeMs>::min();
  TimeMs to = std::numeric_limits<TimeMs>::max();
  // Dimension whose codes PersonView::dimension carries (EventTable::FindDimension), -1 none.
  int dimension = -1;
};

template <AnalysisState State>
State RunKernel(const EventTable& table, const State& empty, const ScanOptions& options = {}) {
  int threads = options.threads > 0 ? options.threads : HardwareThreads();
  std::vector<State> partial(static_cast<size_t>(threads), empty);
  const bool ranged = options.from != std::numeric_limits<TimeMs>::min() ||
                      options.to != std::numeric_limits<TimeMs>::max();
  ParallelRanges(table.num_persons(), threads, [&](int worker, size_t begin, size_t end) {
    State& state = partial[static_cast<size_t>(worker)];
    for (size_t p = begin; p < end; ++p) {
      PersonView view = table.person(p, options.dimension);
      if (ranged) view = view.TimeRange(options.from, options.to);
      if (!view.empty()) state.Add(view);
    }
  });
  State result = std::move(partial[0]);
  for (size_t i = 1; i < partial.size(); ++i) result.Merge(partial[i]);
  return result;
}

}  // namespace winpath
