// Exact medians of the times to win of a win-paths cell (analysis/win_paths.h): the middle
// value, or the mean lo + (hi - lo) / 2 of the two middle values for an even count.
//
// The 32-bit form is a radix selection: times to win lie in [0, window], so each pass
// histograms one 11-bit digit of the candidates and keeps only the bucket holding the middle
// ranks — about two sequential reads of the cell and no sorting, whatever the distribution
// (a cell whose times all share their top bits costs no more). Small cells use nth_element.
//
// Thread-safety: plain functions; a MedianScratch is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "analysis/win_paths_times.h"
#include "model/timestamp.h"

namespace winpath {

// Buffers reused across cells, so a Finalize allocates once rather than once per cell.
struct MedianScratch {
  std::vector<uint32_t> values;
  std::vector<uint32_t> histogram;
  std::vector<TimeMs> wide_values;
};

// The exact median of `values`, nullopt when empty. REQUIRES: every value <= bound.
std::optional<double> BoundedExactMedian(std::span<const uint32_t> values, uint32_t bound,
                                         MedianScratch* scratch);

// The exact median of the times in `runs`, nullopt when they hold none: sums the runs' bucket
// counts, then reads only the bucket(s) holding the middle ranks. O(runs x kTimeBuckets + the
// times in those buckets).
std::optional<double> RunsMedian(std::span<const std::shared_ptr<const TimesRun>> runs,
                                 MedianScratch* scratch);

// The exact median of a cell's times: BoundedExactMedian of the tail when nothing is sealed,
// else RunsMedian. REQUIRES: every time <= bound.
std::optional<double> SealedMedian(const SealedTimes& times, uint32_t bound,
                                   MedianScratch* scratch);

// The exact median of `values`, nullopt when empty.
std::optional<double> ExactMedian(std::span<const TimeMs> values, MedianScratch* scratch);

}  // namespace winpath
