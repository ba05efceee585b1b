// Lifecycle (PostHog's lifecycle insight): per period, the persons active in it — doing the
// event of interest — split into new, returning and resurrecting, and the persons who were
// active in the previous period but not in this one (dormant, reported as a negative count).
// Exact semantics: docs/analyses/lifecycle.md.
//
// LifecycleState is an analysis kernel (kernel.h). It must see each person's whole history up
// to the data end (the query drops the scan's `from`): activity in the period before the first
// reported one and the person's first event decide returning / resurrecting / new there.
//
// Cost: one pass per person; with "any event" as the event of interest, one binary search per
// active period instead of a look at every event. Memory: 4 counters per period.
//
// Thread-safety: a state is used by one thread at a time; the config is shared read-only.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/funnel_step.h"
#include "analysis/period_grid.h"
#include "model/person_view.h"

namespace winpath {

// What makes an active person "new" in a period.
enum class LifecycleNew : uint8_t {
  kFirstSeen = 0,   // the period holds the person's first event of any kind (PostHog's default)
  kFirstEvent = 1,  // the period holds the person's first event of interest
};

// "first_seen", "first_event".
std::string_view LifecycleNewName(LifecycleNew mode);

enum class LifecycleMatch : uint8_t {
  kAnyEvent = 0,   // every event is an event of interest
  kEventName = 1,  // events named `event_name`
  kStep = 2,       // events reaching `step` (a win, or a milestone with its occurrence)
};

struct LifecycleConfig {
  PeriodGrid grid;  // the reported periods; REQUIRES: !grid.empty()
  LifecycleMatch match = LifecycleMatch::kAnyEvent;
  uint16_t event_name = 0;  // for kEventName: an id of the table's event names
  JourneyStep step;         // for kStep
  std::string event;        // display name of the event of interest; "" = any event
  LifecycleNew new_means = LifecycleNew::kFirstSeen;
};

struct LifecyclePeriod {
  std::string label;  // "2026-01-05" (day, week) or "2026-01" (month)
  TimeMs start = 0, end = 0;
  bool complete = true;  // false when the data end falls inside the period
  int64_t new_persons = 0, returning = 0, resurrecting = 0;
  int64_t dormant = 0;  // <= 0: minus the persons active in the previous period, not in this
  int64_t active = 0;   // new + returning + resurrecting
  bool operator==(const LifecyclePeriod&) const = default;
};

struct LifecycleResult {
  PeriodKind period = PeriodKind::kWeek;
  std::string event;  // "" = any event
  LifecycleNew new_means = LifecycleNew::kFirstSeen;
  std::optional<TimeMs> data_end;  // none when there are no periods
  std::vector<LifecyclePeriod> periods;
  bool operator==(const LifecycleResult&) const = default;
};

// A result without periods (an empty table): what the query returns without running a scan.
LifecycleResult EmptyLifecycleResult(const LifecycleConfig& config);

class LifecycleState {
 public:
  // REQUIRES: config satisfies the REQUIRES above (the query layer checks them).
  explicit LifecycleState(std::shared_ptr<const LifecycleConfig> config);

  // REQUIRES: the person's events all lie before the data end (grid.end()).
  void Add(const PersonView& person);
  // REQUIRES: `other` was built from the same config.
  void Merge(const LifecycleState& other);
  LifecycleResult Finalize() const;

 private:
  enum Column : size_t { kNew = 0, kReturning = 1, kResurrecting = 2, kDormant = 3, kColumns };

  // Classifies the person's activity in period `a`, after activity in `previous`, for a person
  // whose "new" period is `first` (either may be "none").
  void Active(int64_t a, int64_t previous, int64_t first);
  void Count(int64_t period, Column column);
  template <typename Matches>
  void Scan(const PersonView& person, Matches matches);
  void ScanAnyEvent(const PersonView& person);

  std::shared_ptr<const LifecycleConfig> config_;
  int64_t size_ = 0;             // periods
  std::vector<int64_t> counts_;  // [period * kColumns + column]
};

}  // namespace winpath
