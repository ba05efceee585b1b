// Runs an analysis kernel over an EventTable: persons are cut into contiguous chunks of about
// equal event counts, more chunks than threads; threads take chunks off a shared counter
// (platform/parallel.h), each chunk Adds its persons into its own copy of the empty state, and
// the chunk states are merged in chunk order. The chunks depend only on the table and the
// thread count, never on timing, so a run is reproducible; and since any split of the persons
// merges to the same answer (analysis/kernel.h), the answer is the same for any thread count.
//
// Thread-safety: reads the table concurrently (it is immutable); `empty` is copied per chunk.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
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

namespace run_kernel_internal {

// Chunks per thread: enough that a thread slowed by another process or by costlier persons
// leaves little work behind (at most one chunk), few enough that copying and merging the
// chunk states stays negligible.
inline constexpr size_t kChunksPerThread = 8;

// How far ahead of the current person the time column is prefetched: about a dozen persons of
// ~10 events.
inline constexpr size_t kPrefetchBytes = 1024;

// Adds persons [begin, end) of the table into *state, as EventTable::person would show them.
template <AnalysisState State>
void AddPersons(const EventTable& table, const ScanOptions& options, size_t begin, size_t end,
                State* state) {
  const EventColumns& c = table.columns();
  const bool ranged = options.from != std::numeric_limits<TimeMs>::min() ||
                      options.to != std::numeric_limits<TimeMs>::max();
  const uint16_t* dimension =
      options.dimension >= 0 ? c.dimension[static_cast<size_t>(options.dimension)].data() : nullptr;
  // One view re-pointed per person, with the same fields EventTable::person sets: building a
  // fresh PersonView per person zero-fills the whole struct first (a `rep stos`), which cost
  // 10-17% of the scan of the fast kernels.
  PersonView view;
  const uint32_t* person_mask = table.person_mask().data();
  const uintptr_t time_column = reinterpret_cast<uintptr_t>(c.time.data());
  for (size_t p = begin; p < end; ++p) {
    const size_t b = c.person_begin[p], n = c.person_begin[p + 1] - b;
    // Kernels rule most persons out on their masks and read the times only of the rest, a
    // sparse pattern the hardware prefetcher misses: those loads were a quarter of the
    // attribution scan. Hinting the time column a dozen persons ahead turns it back into a
    // sequential stream. A prefetch never faults, even past the column end; integer
    // arithmetic, because pointer arithmetic past the column would be UB.
    // Two lines a person, whatever their length, so the hint costs no loop (whose exit after a
    // data-dependent count the predictor would miss): the ~10 events of a typical person span
    // two lines at most, and the hardware prefetcher follows a longer person's own run.
    const uintptr_t ahead = time_column + b * sizeof(TimeMs) + kPrefetchBytes;
    __builtin_prefetch(reinterpret_cast<const void*>(ahead));
    __builtin_prefetch(reinterpret_cast<const void*>(ahead + 64));
    const size_t vb = c.value_begin[p], vn = c.value_begin[p + 1] - vb;
    view.person = static_cast<uint32_t>(p);
    view.time = {c.time.data() + b, n};
    view.name = {c.name.data() + b, n};
    view.channel = {c.channel.data() + b, n};
    view.flags = {c.flags.data() + b, n};
    view.mask = {c.mask.data() + b, n};
    view.mask_union = person_mask[p];
    view.value_pos = {c.value_pos.data() + vb, vn};
    view.value_amount = {c.value_amount.data() + vb, vn};
    if (dimension != nullptr) view.dimension = {dimension + b, n};
    if (ranged) {
      const PersonView in_range = view.TimeRange(options.from, options.to);
      if (!in_range.empty()) state->Add(in_range);
    } else if (n != 0) {
      state->Add(view);
    }
  }
}

// First person of each of `chunks` chunks of about equal event counts, plus num_persons at the
// end; ascending (chunks may be empty).
inline std::vector<size_t> ChunkBounds(const EventTable& table, size_t chunks) {
  const std::vector<uint64_t>& begin = table.columns().person_begin;
  const size_t persons = table.num_persons();
  const uint64_t events = begin[persons];
  std::vector<size_t> bounds(chunks + 1, persons);
  bounds[0] = 0;
  for (size_t k = 1; k < chunks; ++k) {
    const uint64_t target = events / chunks * k + events % chunks * k / chunks;
    bounds[k] = static_cast<size_t>(
        std::lower_bound(begin.begin(), begin.begin() + static_cast<std::ptrdiff_t>(persons),
                         target) -
        begin.begin());
  }
  return bounds;
}

}  // namespace run_kernel_internal

template <AnalysisState State>
State RunKernel(const EventTable& table, const State& empty, const ScanOptions& options = {}) {
  namespace internal = run_kernel_internal;
  const int threads = options.threads > 0 ? options.threads : HardwareThreads();
  const size_t persons = table.num_persons();
  if (threads == 1 || persons < 2) {
    State state = empty;
    internal::AddPersons(table, options, 0, persons, &state);
    return state;
  }
  const size_t chunks =
      std::min(persons, static_cast<size_t>(threads) * internal::kChunksPerThread);
  const std::vector<size_t> bounds = internal::ChunkBounds(table, chunks);
  // One cache line at least per chunk state, so threads filling neighbouring states never
  // write to the same line.
  struct alignas(64) Slot {
    std::optional<State> state;
  };
  std::vector<Slot> slots(chunks);
  ParallelChunks(chunks, threads, [&](int, size_t k) {
    slots[k].state.emplace(empty);
    internal::AddPersons(table, options, bounds[k], bounds[k + 1], &*slots[k].state);
    // On the chunk's thread, so the merge below (serial) has less to do.
    if constexpr (SealableState<State>) slots[k].state->Seal();
  });
  State result = std::move(*slots[0].state);
  for (size_t k = 1; k < chunks; ++k) {
    result.Merge(*slots[k].state);
    slots[k].state.reset();  // frees the chunk's memory as soon as it is merged
  }
  return result;
}

}  // namespace winpath
