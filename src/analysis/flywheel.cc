#include "analysis/flywheel.h"

#include <algorithm>
#include <bit>
#include <limits>
#include <tuple>
#include <utility>

#include "base/check.h"

namespace winpath {
namespace {

constexpr std::array<std::string_view, kFlywheelNew + 1> kStateNames = {"stranger",
                                                                        "prospect",
                                                                        "customer",
                                                                        "repeat_customer",
                                                                        "promoter",
                                                                        "dormant_stranger",
                                                                        "dormant_prospect",
                                                                        "dormant_customer",
                                                                        "dormant_repeat_customer",
                                                                        "dormant_promoter",
                                                                        "new"};

// Nearest-rank p50 and p90 (1-based rank ceil(p/100 * N) of the sorted values). `values` is
// reordered. REQUIRES: non-empty.
std::pair<TimeMs, TimeMs> MedianAndP90(std::vector<TimeMs>& values) {
  const size_t n = values.size();
  auto at = [&](size_t p) {
    return values.begin() + static_cast<std::ptrdiff_t>((p * n + 99) / 100 - 1);
  };
  const auto median = at(50), p90 = at(90);
  std::nth_element(values.begin(), median, values.end());
  if (p90 == median) return {*median, *median};
  std::nth_element(median + 1, p90, values.end());
  return {*median, *p90};
}

// MedianAndP90 of `stays` (all >= 0) without copying them all: a histogram of their top 12
// bits finds the buckets holding the two ranks, and only those buckets' values are selected
// from. Same results, exactly; Finalize's cost over millions of stays drops to a few passes.
std::pair<TimeMs, TimeMs> StayPercentiles(const std::vector<TimeMs>& stays,
                                          std::vector<TimeMs>* scratch,
                                          std::vector<uint32_t>* histogram) {
  constexpr size_t kMinForHistogram = 4096;
  const size_t n = stays.size();
  if (n < kMinForHistogram) {
    scratch->assign(stays.begin(), stays.end());
    return MedianAndP90(*scratch);
  }
  const TimeMs max = *std::max_element(stays.begin(), stays.end());
  const int shift = std::max(0, static_cast<int>(std::bit_width(static_cast<uint64_t>(max))) - 12);
  std::vector<uint32_t>& count = *histogram;
  count.assign((static_cast<uint64_t>(max) >> shift) + 1, 0);
  for (TimeMs v : stays) ++count[static_cast<uint64_t>(v) >> shift];
  // The value at 0-based rank r: gather its bucket, select inside it.
  auto value_at = [&](size_t r) {
    size_t below = 0, b = 0;
    while (below + count[b] <= r) below += count[b++];
    scratch->clear();
    for (TimeMs v : stays) {
      if ((static_cast<uint64_t>(v) >> shift) == b) scratch->push_back(v);
    }
    const auto it = scratch->begin() + static_cast<std::ptrdiff_t>(r - below);
    std::nth_element(scratch->begin(), it, scratch->end());
    return *it;
  };
  return {value_at((50 * n + 99) / 100 - 1), value_at((90 * n + 99) / 100 - 1)};
}

}  // namespace

std::string_view FlywheelStateName(int state) {
  WINPATH_DCHECK(state >= 0 && state <= kFlywheelNew);
  return kStateNames[static_cast<size_t>(state)];
}

FlywheelState::FlywheelState(std::shared_ptr<const FlywheelConfig> config)
    : config_(std::move(config)) {
  const FlywheelConfig& c = *config_;
  for (const FlywheelRule& r : c.rules) {
    const uint32_t bit = 1u << r.bit;
    if (r.min_count <= 1) {
      stage_bits_[static_cast<size_t>(r.stage)] |= bit;
    } else {
      counted_bits_ |= bit;
    }
    for (int s = 0; s < r.stage; ++s) raise_bits_[static_cast<size_t>(s)] |= bit;
  }
  first_start_ = c.grid.empty() ? std::numeric_limits<TimeMs>::max() : c.grid.Start(0);
  flows_.assign(static_cast<size_t>(c.grid.size() + 1) * kFlowSlots, 0);
  reactivations_.assign(kFlywheelStages * kChannels, 0);
}

int FlywheelState::EventStage(uint32_t m) {
  for (uint32_t c = m & counted_bits_; c != 0; c &= c - 1) ++counts_[std::countr_zero(c)];
  int best = 0;
  for (int k = kFlywheelStages - 1; k >= 1; --k) {
    if (m & stage_bits_[static_cast<size_t>(k)]) {
      best = k;
      break;
    }
  }
  if ((m & counted_bits_) == 0) return best;
  for (const FlywheelRule& r : config_->rules) {
    if (r.stage > best && r.min_count > 1 && ((m >> r.bit) & 1u) &&
        counts_[static_cast<size_t>(r.bit)] >= r.min_count) {
      best = r.stage;
    }
  }
  return best;
}

size_t FlywheelState::Bucket(TimeMs x) {
  if (x < first_start_) return 0;
  if (x < cached_start_ || x >= cached_end_) {
    const PeriodGrid& g = config_->grid;
    cached_index_ = g.Index(x);
    cached_start_ = g.Start(cached_index_);
    cached_end_ = g.Start(cached_index_ + 1);
  }
  WINPATH_DCHECK(cached_index_ >= 0 && cached_index_ < config_->grid.size());
  return static_cast<size_t>(cached_index_) + 1;
}

void FlywheelState::Transition(int from, int to, TimeMs x, TimeMs stay_start) {
  const size_t b = Bucket(x);
  ++flows_[b * kFlowSlots + static_cast<size_t>(from * kFlywheelStates + to)];
  // A stay is completed by the transition that ends it; only those ending in a reported period
  // are kept, so a stay is counted once however the periods are cut.
  if (b > 0 && from != kFlywheelNew) stays_[static_cast<size_t>(from)].push_back(x - stay_start);
}

void FlywheelState::Add(const PersonView& person) {
  const size_t n = person.size();
  if (n == 0) return;
  const TimeMs* t = person.time.data();
  const uint32_t* m = person.mask.data();
  const TimeMs dormant_after = config_->dormant_after;
  if (counted_bits_ != 0) counts_.fill(0);

  int stage = EventStage(m[0]);
  Transition(kFlywheelNew, stage, t[0], t[0]);
  TimeMs stay_start = t[0];
  uint32_t watch = raise_bits_[static_cast<size_t>(stage)];
  for (size_t i = 1; i < n; ++i) {
    const bool gap = t[i] - t[i - 1] >= dormant_after;
    if (!gap && (m[i] & watch) == 0) continue;
    const int reached = (m[i] & watch) != 0 ? std::max(stage, EventStage(m[i])) : stage;
    if (gap) {
      // Dormant from the instant dormant_after has passed; this event reactivates.
      const TimeMs dormant_at = t[i - 1] + dormant_after;
      Transition(stage, kFlywheelStages + stage, dormant_at, stay_start);
      Transition(kFlywheelStages + stage, reached, t[i], dormant_at);
      if (Bucket(t[i]) > 0) {
        ++reactivations_[static_cast<size_t>(stage) * kChannels + person.channel[i]];
      }
    } else if (reached > stage) {
      Transition(stage, reached, t[i], stay_start);
    } else {
      continue;
    }
    stage = reached;
    stay_start = t[i];
    watch = raise_bits_[static_cast<size_t>(stage)];
  }
  const TimeMs dormant_at = t[n - 1] + dormant_after;
  if (dormant_at < config_->grid.end()) {
    Transition(stage, kFlywheelStages + stage, dormant_at, stay_start);
  }
}

void FlywheelState::Merge(const FlywheelState& other) {
  for (size_t i = 0; i < flows_.size(); ++i) flows_[i] += other.flows_[i];
  for (size_t s = 0; s < stays_.size(); ++s) {
    stays_[s].insert(stays_[s].end(), other.stays_[s].begin(), other.stays_[s].end());
  }
  for (size_t i = 0; i < reactivations_.size(); ++i) reactivations_[i] += other.reactivations_[i];
}

FlywheelResult FlywheelState::Finalize() const {
  const FlywheelConfig& c = *config_;
  const PeriodGrid& g = c.grid;
  FlywheelResult r;
  r.period = g.kind();
  r.dormant_after = c.dormant_after;
  if (!g.empty()) r.data_end = g.end();

  std::array<int64_t, kFlywheelStates> persons{};
  for (int64_t b = 0; b <= g.size(); ++b) {
    const int64_t* f = flows_.data() + static_cast<size_t>(b) * kFlowSlots;
    FlywheelPeriod period;
    for (int from = 0; from <= kFlywheelNew; ++from) {
      for (int to = 0; to < kFlywheelStates; ++to) {
        const int64_t k = f[from * kFlywheelStates + to];
        if (k == 0) continue;
        if (from != kFlywheelNew) persons[static_cast<size_t>(from)] -= k;
        if (from == kFlywheelNew) period.new_persons += k;
        persons[static_cast<size_t>(to)] += k;
        period.flows.push_back(
            {std::string(FlywheelStateName(from)), std::string(FlywheelStateName(to)), k});
      }
    }
    if (b == 0) {
      r.persons_at_start = persons;
      continue;
    }
    period.label = g.Label(b - 1);
    period.start = g.Start(b - 1);
    period.end = g.Start(b);
    period.complete = period.end <= g.end();
    period.persons = persons;
    r.periods.push_back(std::move(period));
  }

  std::vector<TimeMs> scratch;
  std::vector<uint32_t> histogram;
  for (int s = 0; s < kFlywheelStates; ++s) {
    FlywheelStay& stay = r.time_in_state.emplace_back();
    stay.state = FlywheelStateName(s);
    const std::vector<TimeMs>& values = stays_[static_cast<size_t>(s)];
    stay.stays = static_cast<int64_t>(values.size());
    if (!values.empty()) {
      std::tie(stay.median_ms, stay.p90_ms) = StayPercentiles(values, &scratch, &histogram);
    }
  }

  for (size_t i = 0; i < reactivations_.size(); ++i) {
    if (reactivations_[i] == 0) continue;
    const size_t stage = i / kChannels, channel = i % kChannels;
    std::string name = channel == kNoChannel ? "(no touch)"
                       : channel <= c.channel_names.size()
                           ? c.channel_names[channel - 1]
                           : "(channel " + std::to_string(channel) + ")";
    r.reactivations.push_back({std::string(FlywheelStateName(static_cast<int>(stage))),
                               std::move(name), reactivations_[i]});
  }
  std::stable_sort(r.reactivations.begin(), r.reactivations.end(),
                   [](const FlywheelReactivation& a, const FlywheelReactivation& b) {
                     return a.reactivations > b.reactivations;
                   });
  return r;
}

}  // namespace winpath
