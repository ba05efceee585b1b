#include "analysis/funnel.h"

#include <algorithm>
#include <bit>
#include <tuple>
#include <utility>

namespace winpath {
namespace {

// Nearest-rank percentiles p50 and p90: the values at 1-based ranks ceil(p/100 * N) of the
// sorted values. `values` is scratch (reordered). The p90 rank is never below the p50 rank, so
// the second selection only partitions the part above the median. REQUIRES: non-empty.
std::pair<TimeMs, TimeMs> MedianAndP90(std::vector<TimeMs>& values) {
  const size_t n = values.size();
  auto at_rank = [&](int p) {
    return values.begin() +
           static_cast<std::ptrdiff_t>((static_cast<size_t>(p) * n + 99) / 100 - 1);
  };
  const auto median = at_rank(50), p90 = at_rank(90);
  std::nth_element(values.begin(), median, values.end());
  const TimeMs median_value = *median;
  if (p90 == median) return {median_value, median_value};
  std::nth_element(median + 1, p90, values.end());
  return {median_value, *p90};
}

// MedianAndP90 for values in [0, bound] (times within one attempt never exceed the window):
// a histogram of their top bits finds the buckets holding the two ranks, and the selections
// run only over those buckets' values instead of the whole. Same results, exactly.
std::pair<TimeMs, TimeMs> BoundedMedianAndP90(std::vector<TimeMs>& values, TimeMs bound,
                                              std::vector<uint32_t>* histogram) {
  constexpr size_t kMinForHistogram = 4096;
  constexpr int kBucketBits = 12;
  const size_t n = values.size();
  if (n < kMinForHistogram || bound < 0) return MedianAndP90(values);
  const int shift =
      std::max(0, static_cast<int>(std::bit_width(static_cast<uint64_t>(bound))) - kBucketBits);
  std::vector<uint32_t>& count = *histogram;
  count.assign((static_cast<size_t>(bound) >> shift) + 1, 0);
  for (TimeMs v : values) ++count[static_cast<size_t>(v) >> shift];
  // The bucket holding 0-based rank r, and how many values lie in lower buckets.
  auto locate = [&](size_t r) {
    size_t below = 0, b = 0;
    while (below + count[b] <= r) below += count[b++];
    return std::pair<size_t, size_t>{b, below};
  };
  const size_t r50 = (50 * n + 99) / 100 - 1, r90 = (90 * n + 99) / 100 - 1;
  const auto [b50, below50] = locate(r50);
  const auto [b90, below90] = locate(r90);
  // Gathers the values of bucket b to the front of values[from, n); returns their end.
  auto gather = [&](size_t from, size_t b) {
    for (size_t i = from; i < n; ++i) {
      if ((static_cast<size_t>(values[i]) >> shift) == b) std::swap(values[i], values[from++]);
    }
    return from;
  };
  const auto begin = values.begin();
  const size_t end50 = gather(0, b50);
  std::nth_element(begin, begin + static_cast<std::ptrdiff_t>(r50 - below50),
                   begin + static_cast<std::ptrdiff_t>(end50));
  const TimeMs median = values[r50 - below50];
  if (b90 == b50) {
    std::nth_element(begin, begin + static_cast<std::ptrdiff_t>(r90 - below50),
                     begin + static_cast<std::ptrdiff_t>(end50));
    return {median, values[r90 - below50]};
  }
  const size_t end90 = gather(end50, b90);
  std::nth_element(begin + static_cast<std::ptrdiff_t>(end50),
                   begin + static_cast<std::ptrdiff_t>(end50 + r90 - below90),
                   begin + static_cast<std::ptrdiff_t>(end90));
  return {median, values[end50 + r90 - below90]};
}

std::optional<double> Ratio(int64_t num, int64_t den) {
  if (den <= 0) return std::nullopt;
  return static_cast<double>(num) / static_cast<double>(den);
}

}  // namespace

std::string_view FunnelModeName(FunnelMode mode) {
  switch (mode) {
    case FunnelMode::kOrdered: return "ordered";
    case FunnelMode::kStrict: return "strict";
    case FunnelMode::kAnyOrder: return "any_order";
  }
  return "ordered";
}

FunnelState::FunnelState(std::shared_ptr<const FunnelConfig> config)
    : config_(std::move(config)), matcher_(&config_->matcher) {}

FunnelState::Group& FunnelState::GroupFor(uint32_t code) {
  if (code >= slot_of_code_.size()) slot_of_code_.resize(code + 1, -1);
  int32_t& slot = slot_of_code_[code];
  if (slot < 0) {
    const size_t n = config_->matcher.steps.size();
    slot = static_cast<int32_t>(groups_.size());
    Group& g = groups_.emplace_back();
    g.code = code;
    g.stopped.assign(n + 1, 0);
    g.in_progress.assign(n + 1, 0);
    g.from_previous.resize(n);
    g.from_start.resize(n);
  }
  return groups_[static_cast<size_t>(slot)];
}

uint32_t FunnelState::BreakdownCode(const PersonView& person, const FunnelOutcome& outcome) const {
  switch (config_->breakdown) {
    case FunnelBreakdown::kNone: return 0;
    case FunnelBreakdown::kChannel:
      for (uint8_t c : person.channel) {
        if (c != kNoChannel) return c;
      }
      return 0;
    case FunnelBreakdown::kDimension:
      return person.dimension.empty() ? 0 : person.dimension[outcome.start];
  }
  return 0;
}

void FunnelState::Add(const PersonView& person) {
  matcher_.Match(person, &outcome_);
  if (outcome_.level == 0) {
    if (outcome_.excluded) ++excluded_;
    return;
  }
  Group& g = GroupFor(BreakdownCode(person, outcome_));
  const size_t level = static_cast<size_t>(outcome_.level);
  ++g.stopped[level];
  if (outcome_.in_progress) ++g.in_progress[level];
  const auto& t = outcome_.times;
  for (size_t k = 1; k < level; ++k) {
    g.from_previous[k].push_back(t[k] - t[k - 1]);
    g.from_start[k].push_back(t[k] - t[0]);
  }
}

void FunnelState::Merge(const FunnelState& other) {
  excluded_ += other.excluded_;
  for (const Group& o : other.groups_) {
    Group& g = GroupFor(o.code);
    for (size_t l = 0; l < o.stopped.size(); ++l) {
      g.stopped[l] += o.stopped[l];
      g.in_progress[l] += o.in_progress[l];
    }
    for (size_t k = 0; k < o.from_previous.size(); ++k) {
      g.from_previous[k].insert(g.from_previous[k].end(), o.from_previous[k].begin(),
                                o.from_previous[k].end());
      g.from_start[k].insert(g.from_start[k].end(), o.from_start[k].begin(), o.from_start[k].end());
    }
  }
}

FunnelGroupResult FunnelState::FinalizeGroup(const std::vector<const Group*>& parts) const {
  const std::vector<JourneyStep>& steps = config_->matcher.steps;
  const size_t n = steps.size();
  const bool any_order = config_->matcher.mode == FunnelMode::kAnyOrder;
  std::vector<int64_t> stopped(n + 2, 0), in_progress(n + 2, 0), entered(n + 2, 0);
  for (const Group* g : parts) {
    for (size_t l = 0; l <= n; ++l) {
      stopped[l] += g->stopped[l];
      in_progress[l] += g->in_progress[l];
    }
  }
  for (size_t k = n; k >= 1; --k) entered[k] = entered[k + 1] + stopped[k];

  FunnelGroupResult out;
  out.persons = entered[1];
  for (size_t k = 1; k <= n; ++k) {
    FunnelStepResult& row = out.steps.emplace_back();
    row.step = static_cast<int>(k);
    row.name = any_order ? std::to_string(k) + " of " + std::to_string(n) : steps[k - 1].name;
    row.entered = entered[k];
    row.in_progress = k < n ? in_progress[k] : 0;
    row.dropped = k < n ? stopped[k] - in_progress[k] : 0;
    row.converted = k < n ? entered[k + 1] : entered[k];
    row.rate_from_start = Ratio(entered[k], entered[1]);
    row.rate_from_previous =
        k == 1 ? Ratio(entered[1], entered[1]) : Ratio(entered[k], entered[k - 1]);
    if (k >= 2) AddPercentiles(parts, k - 1, config_->matcher.window, &row);
  }
  out.biggest_drop = BiggestDrop(out.steps);
  return out;
}

void FunnelState::AddPercentiles(const std::vector<const Group*>& parts, size_t step, TimeMs window,
                                 FunnelStepResult* row) {
  std::vector<TimeMs> values;
  std::vector<uint32_t> histogram;
  auto fill = [&](std::vector<std::vector<TimeMs>> Group::*member) {
    values.clear();
    for (const Group* g : parts) {
      const std::vector<TimeMs>& v = (g->*member)[step];
      values.insert(values.end(), v.begin(), v.end());
    }
    return !values.empty();
  };
  if (fill(&Group::from_previous)) {
    std::tie(row->median_ms_from_previous, row->p90_ms_from_previous) =
        BoundedMedianAndP90(values, window, &histogram);
  }
  if (fill(&Group::from_start)) {
    std::tie(row->median_ms_from_start, row->p90_ms_from_start) =
        BoundedMedianAndP90(values, window, &histogram);
  }
}

std::optional<FunnelDrop> FunnelState::BiggestDrop(const std::vector<FunnelStepResult>& steps) {
  std::optional<FunnelDrop> best;
  for (size_t k = 1; k < steps.size(); ++k) {
    const FunnelStepResult& row = steps[k - 1];
    if (row.dropped == 0) continue;
    const double rate = static_cast<double>(row.dropped) / static_cast<double>(row.entered);
    // Strictly better only: on a full tie the earlier step stays.
    if (!best || row.dropped > best->persons ||
        (row.dropped == best->persons && rate > best->rate)) {
      best = FunnelDrop{static_cast<int>(k), row.name, steps[k].name, row.dropped, rate};
    }
  }
  return best;
}

FunnelResult FunnelState::Finalize() const {
  const FunnelConfig& c = *config_;
  FunnelResult r;
  r.mode = c.matcher.mode;
  r.window = c.matcher.window;
  for (const JourneyStep& s : c.matcher.steps) r.steps.push_back(s.name);
  r.exclude = c.exclude;
  r.breakdown = c.breakdown_name;
  if (c.has_data_end) r.data_end = c.matcher.data_end;

  std::vector<const Group*> all;
  for (const Group& g : groups_) all.push_back(&g);
  r.total = FinalizeGroup(all);
  r.total.excluded = excluded_;
  if (c.breakdown == FunnelBreakdown::kNone) return r;
  for (const Group& g : groups_) {
    FunnelGroupResult& out = r.groups.emplace_back(FinalizeGroup({&g}));
    out.value = g.code < c.breakdown_values.size() ? c.breakdown_values[g.code]
                                                   : "(code " + std::to_string(g.code) + ")";
  }
  std::sort(r.groups.begin(), r.groups.end(),
            [](const FunnelGroupResult& a, const FunnelGroupResult& b) {
              if (a.persons != b.persons) return a.persons > b.persons;
              return a.value < b.value;
            });
  return r;
}

}  // namespace winpath
