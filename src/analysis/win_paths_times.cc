#include "analysis/win_paths_times.h"

#include "base/check.h"

namespace winpath {

// A counting sort by bucket: one pass counts, one pass scatters.
std::shared_ptr<const TimesRun> TimesRun::Make(std::span<const uint32_t> times) {
  WINPATH_CHECK(times.size() <= UINT32_MAX);
  auto run = std::make_shared<TimesRun>();
  // Each bucket computed once, kept for the scatter. Both buffers are written in full before
  // they are read, so neither is zero-filled first.
  const std::unique_ptr<uint16_t[]> bucket =
      std::make_unique_for_overwrite<uint16_t[]>(times.size());
  std::array<uint32_t, kTimeBuckets + 1> next{};
  for (size_t i = 0; i < times.size(); ++i) {
    bucket[i] = static_cast<uint16_t>(TimeBucket(times[i]));
    ++next[bucket[i] + 1];
  }
  for (size_t b = 1; b <= kTimeBuckets; ++b) next[b] += next[b - 1];
  run->start = next;
  run->values = std::make_unique_for_overwrite<uint32_t[]>(times.size());
  for (size_t i = 0; i < times.size(); ++i) run->values[next[bucket[i]]++] = times[i];
  return run;
}

void SealedTimes::Seal() {
  if (tail_.size() == 0) return;
  runs_.push_back(TimesRun::Make(tail_.values()));
  sealed_ += tail_.size();
  tail_.Clear();
}

void SealedTimes::Merge(const SealedTimes& other) {
  runs_.insert(runs_.end(), other.runs_.begin(), other.runs_.end());
  sealed_ += other.sealed_;
  tail_.Append(other.tail_.values());
}

std::vector<std::shared_ptr<const TimesRun>> SealedTimes::Runs() const {
  std::vector<std::shared_ptr<const TimesRun>> runs = runs_;
  if (tail_.size() != 0) runs.push_back(TimesRun::Make(tail_.values()));
  return runs;
}

}  // namespace winpath
