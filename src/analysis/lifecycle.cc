#include "analysis/lifecycle.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <utility>

namespace winpath {

std::string_view LifecycleNewName(LifecycleNew mode) {
  return mode == LifecycleNew::kFirstEvent ? "first_event" : "first_seen";
}

LifecycleResult EmptyLifecycleResult(const LifecycleConfig& config) {
  LifecycleResult r;
  r.period = config.grid.kind();
  r.event = config.event;
  r.new_means = config.new_means;
  return r;
}

LifecycleState::LifecycleState(std::shared_ptr<const LifecycleConfig> config)
    : config_(std::move(config)) {
  size_ = config_->grid.size();
  counts_.assign(static_cast<size_t>(size_) * kColumns, 0);
}

namespace {

// "No period": far below any real index, and +1 stays far below too.
constexpr int64_t kNone = std::numeric_limits<int64_t>::min() / 2;

}  // namespace

inline void LifecycleState::Count(int64_t period, Column column) {
  if (period < 0 || period >= size_) return;
  ++counts_[static_cast<size_t>(period) * kColumns + column];
}

inline void LifecycleState::Active(int64_t a, int64_t previous, int64_t first) {
  if (previous != kNone && previous + 1 < a) Count(previous + 1, kDormant);
  Count(a, first == a ? kNew : previous + 1 == a ? kReturning : kResurrecting);
}

// One call per active period: events of the period after the first are skipped by comparing
// with the period's end, and a period needs Index/Start only when an event crosses into it.
template <typename Matches>
void LifecycleState::Scan(const PersonView& person, Matches matches) {
  const PeriodGrid& g = config_->grid;
  const TimeMs* t = person.time.data();
  const size_t n = person.size();
  int64_t first = kNone, previous = kNone;
  if (config_->new_means == LifecycleNew::kFirstSeen) first = g.Index(t[0]);
  TimeMs period_end = std::numeric_limits<TimeMs>::min();
  for (size_t i = 0; i < n; ++i) {
    if (t[i] < period_end || !matches(i)) continue;
    const int64_t a = g.Index(t[i]);
    period_end = g.Start(a + 1);
    if (first == kNone) first = a;
    Active(a, previous, first);
    previous = a;
  }
  if (previous != kNone) Count(previous + 1, kDormant);
}

// Every event is activity: the next active period starts at the first event at or after the
// current period's end, found by binary search, so events inside a period are never read.
void LifecycleState::ScanAnyEvent(const PersonView& person) {
  const PeriodGrid& g = config_->grid;
  const TimeMs* t = person.time.data();
  const TimeMs* end = t + person.size();
  const int64_t first = g.Index(*t);  // both meanings of "new" agree here
  int64_t previous = kNone;
  while (true) {
    const int64_t a = g.Index(*t);
    Active(a, previous, first);
    previous = a;
    const TimeMs period_end = g.Start(a + 1);
    if (end[-1] < period_end) break;
    t = std::lower_bound(t + 1, end, period_end);
  }
  Count(previous + 1, kDormant);
}

void LifecycleState::Add(const PersonView& person) {
  if (person.empty()) return;
  switch (config_->match) {
    case LifecycleMatch::kAnyEvent: return ScanAnyEvent(person);
    case LifecycleMatch::kEventName: {
      const uint16_t* name = person.name.data();
      const uint16_t id = config_->event_name;
      return Scan(person, [&](size_t i) { return name[i] == id; });
    }
    case LifecycleMatch::kStep: {
      // Occurrences count every matching event, also those skipped inside an active period.
      StepCounter counter(config_->step);
      const uint32_t* mask = person.mask.data();
      size_t fed = 0;
      return Scan(person, [&](size_t i) {
        bool reached = false;
        for (; fed <= i; ++fed) reached = counter.Feed(mask[fed]);
        return reached;
      });
    }
  }
}

void LifecycleState::Merge(const LifecycleState& other) {
  for (size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
}

LifecycleResult LifecycleState::Finalize() const {
  const PeriodGrid& g = config_->grid;
  LifecycleResult r = EmptyLifecycleResult(*config_);
  r.data_end = g.end();
  for (int64_t p = 0; p < g.size(); ++p) {
    const int64_t* c = counts_.data() + static_cast<size_t>(p) * kColumns;
    LifecyclePeriod& row = r.periods.emplace_back();
    row.label = g.Label(p);
    row.start = g.Start(p);
    row.end = g.Start(p + 1);
    row.complete = row.end <= g.end();
    row.new_persons = c[kNew];
    row.returning = c[kReturning];
    row.resurrecting = c[kResurrecting];
    row.dormant = -c[kDormant];
    row.active = c[kNew] + c[kReturning] + c[kResurrecting];
  }
  return r;
}

}  // namespace winpath
