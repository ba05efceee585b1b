#include "analysis/win_paths_median.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>

namespace winpath {
namespace {

constexpr int kDigitBits = 11;
constexpr size_t kBuckets = size_t{1} << kDigitBits;
// The histogram is kept in kStripes copies, event i counting into copy i % kStripes: times that
// share a digit (a cell of times to win of a minute or so, under a 30-day window) would
// otherwise chain every increment through the same counter in memory.
constexpr size_t kStripes = 4;
constexpr size_t kStripe = kBuckets + 1;  // + a bucket for values that are not candidates
// Below this many candidates, copying them and partitioning (nth_element) is cheaper than
// another histogram pass.
constexpr size_t kMinForRadix = 1024;

// The median of a whole whose middle rank is `mid` within `times` (reordered): `times` holds
// the whole's values from some rank on, at least rank mid - 1 for an even whole, and `even` is
// the whole's parity.
template <typename T>
double MedianOfRanks(T* times, size_t size, size_t mid, bool even) {
  std::nth_element(times, times + mid, times + size);
  const double hi = static_cast<double>(times[mid]);
  if (!even) return hi;
  const double lo = static_cast<double>(*std::max_element(times, times + mid));
  return lo + (hi - lo) / 2;
}

// The candidates: values whose bits from `top` up equal `prefix`. Counts the digit
// v >> shift (its bits below `top`) of each candidate into the striped `histogram`, and, with
// kCompact, copies the candidates to `out` (which may be `in`). Returns how many there are.
template <bool kCompact>
size_t CountDigits(const uint32_t* in, size_t n, uint64_t prefix, int top, int shift,
                   uint32_t* histogram, uint32_t* out) {
  const uint64_t digit_mask = (uint64_t{1} << (top - shift)) - 1;
  size_t kept = 0;
  size_t i = 0;
  auto one = [&](size_t stripe, uint32_t v) {
    const bool candidate = (uint64_t{v} >> top) == prefix;
    const size_t digit = candidate ? static_cast<size_t>((v >> shift) & digit_mask) : kBuckets;
    ++histogram[stripe * kStripe + digit];
    if constexpr (kCompact) {
      out[kept] = v;
      kept += candidate ? 1 : 0;
    }
  };
  for (; i + kStripes <= n; i += kStripes) {
    for (size_t s = 0; s < kStripes; ++s) one(s, in[i + s]);
  }
  for (; i < n; ++i) one(0, in[i]);
  return kept;
}

// The bucket of rank `rank` among the counts of the summed histogram, and how many values the
// buckets before it hold.
std::pair<size_t, size_t> BucketOfRank(const uint32_t* count, size_t rank) {
  size_t below = 0, b = 0;
  while (below + count[b] <= rank) below += count[b++];
  return {b, below};
}

// lo + (hi - lo) / 2 of the largest candidate whose value >> shift is `lo_key` and the smallest
// whose value >> shift is `hi_key`: the two middle values when they fall in different buckets.
double MeanOfBucketEdges(const uint32_t* in, size_t n, int shift, uint64_t lo_key,
                         uint64_t hi_key) {
  uint32_t lo = 0, hi = UINT32_MAX;
  for (size_t i = 0; i < n; ++i) {
    const uint32_t v = in[i];
    const uint64_t key = uint64_t{v} >> shift;
    lo = key == lo_key && v > lo ? v : lo;
    hi = key == hi_key && v < hi ? v : hi;
  }
  return static_cast<double>(lo) + (static_cast<double>(hi) - static_cast<double>(lo)) / 2;
}

}  // namespace

std::optional<double> BoundedExactMedian(std::span<const uint32_t> values, uint32_t bound,
                                         MedianScratch* scratch) {
  const size_t n = values.size();
  if (n == 0) return std::nullopt;
  const bool even = n % 2 == 0;
  std::vector<uint32_t>& kept = scratch->values;
  // Grown, never shrunk: a resize up would zero-fill what the passes overwrite anyway.
  if (kept.size() < n) kept.resize(n);
  if (n < kMinForRadix) {
    std::copy(values.begin(), values.end(), kept.begin());
    return MedianOfRanks(kept.data(), n, n / 2, even);
  }
  // Candidates: the values whose bits from `top` up are `prefix`, `candidates` of them at `in`;
  // they hold ranks [lo_rank, hi_rank] of the whole (as ranks among themselves).
  size_t lo_rank = even ? n / 2 - 1 : n / 2, hi_rank = n / 2;
  uint64_t prefix = 0;
  int top = std::bit_width(bound);
  const uint32_t* in = values.data();
  size_t candidates = n;
  std::vector<uint32_t>& histogram = scratch->histogram;
  for (bool first_pass = true;; first_pass = false) {
    const int shift = std::max(0, top - kDigitBits);
    histogram.assign(kStripes * kStripe, 0);
    // The first pass reads the cell itself (every value is a candidate); later ones keep the
    // candidates in `kept`, so each pass reads only what the last one kept.
    if (first_pass) {
      CountDigits<false>(in, n, prefix, top, shift, histogram.data(), nullptr);
    } else {
      candidates =
          CountDigits<true>(in, candidates, prefix, top, shift, histogram.data(), kept.data());
      in = kept.data();
    }
    for (size_t s = 1; s < kStripes; ++s) {
      for (size_t b = 0; b < kBuckets; ++b) histogram[b] += histogram[s * kStripe + b];
    }
    const auto [lo_bucket, below] = BucketOfRank(histogram.data(), lo_rank);
    const size_t hi_bucket = BucketOfRank(histogram.data(), hi_rank).first;
    const uint64_t lo_key = (prefix << (top - shift)) | lo_bucket;
    if (lo_bucket != hi_bucket) {
      const uint64_t hi_key = (prefix << (top - shift)) | hi_bucket;
      return MeanOfBucketEdges(in, candidates, shift, lo_key, hi_key);
    }
    if (shift == 0) return static_cast<double>(lo_key);  // every bit is known
    lo_rank -= below;
    hi_rank -= below;
    prefix = lo_key;
    top = shift;
    if (histogram[lo_bucket] < kMinForRadix) {
      // One last pass gathers the few candidates left, then a partition finds the ranks.
      size_t k = 0;
      for (size_t i = 0; i < candidates; ++i) {
        const uint32_t v = in[i];
        kept[k] = v;
        k += (uint64_t{v} >> top) == prefix ? 1 : 0;
      }
      return MedianOfRanks(kept.data(), k, hi_rank, even);
    }
  }
}

std::optional<double> RunsMedian(std::span<const std::shared_ptr<const TimesRun>> runs,
                                 MedianScratch* scratch) {
  std::array<uint64_t, kTimeBuckets> count{};
  for (const auto& run : runs) {
    for (size_t b = 0; b < kTimeBuckets; ++b) count[b] += run->start[b + 1] - run->start[b];
  }
  uint64_t n = 0;
  for (uint64_t c : count) n += c;
  if (n == 0) return std::nullopt;
  const bool even = n % 2 == 0;
  const uint64_t lo_rank = even ? n / 2 - 1 : n / 2, hi_rank = n / 2;
  // The bucket holding `rank`, and how many times the buckets before it hold.
  auto bucket_of = [&](uint64_t rank) {
    uint64_t below = 0;
    size_t b = 0;
    while (below + count[b] <= rank) below += count[b++];
    return std::pair{b, below};
  };
  const auto [lo_bucket, below] = bucket_of(lo_rank);
  const size_t hi_bucket = bucket_of(hi_rank).first;
  if (lo_bucket != hi_bucket) {
    // The two middle values: the largest of the one bucket and the smallest of the next.
    uint32_t lo = 0, hi = UINT32_MAX;
    for (const auto& run : runs) {
      for (uint32_t i = run->start[lo_bucket]; i < run->start[lo_bucket + 1]; ++i) {
        lo = std::max(lo, run->values[i]);
      }
      for (uint32_t i = run->start[hi_bucket]; i < run->start[hi_bucket + 1]; ++i) {
        hi = std::min(hi, run->values[i]);
      }
    }
    return static_cast<double>(lo) + (static_cast<double>(hi) - static_cast<double>(lo)) / 2;
  }
  std::vector<uint32_t>& kept = scratch->values;
  kept.clear();
  for (const auto& run : runs) {
    kept.insert(kept.end(), run->values.get() + run->start[lo_bucket],
                run->values.get() + run->start[lo_bucket + 1]);
  }
  return MedianOfRanks(kept.data(), kept.size(), static_cast<size_t>(hi_rank - below), even);
}

std::optional<double> SealedMedian(const SealedTimes& times, uint32_t bound,
                                   MedianScratch* scratch) {
  if (!times.sealed()) return BoundedExactMedian(times.tail(), bound, scratch);
  const std::vector<std::shared_ptr<const TimesRun>> runs = times.Runs();
  return RunsMedian(runs, scratch);
}

std::optional<double> ExactMedian(std::span<const TimeMs> values, MedianScratch* scratch) {
  if (values.empty()) return std::nullopt;
  std::vector<TimeMs>& times = scratch->wide_values;
  times.assign(values.begin(), values.end());
  return MedianOfRanks(times.data(), times.size(), times.size() / 2, times.size() % 2 == 0);
}

}  // namespace winpath
