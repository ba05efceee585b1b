// Milestone funnel: how many persons reach each step (milestones or wins, in journey order or
// any list), in order, strictly in order or in any order, within a conversion window; with
// exclusion events, a breakdown by first-touch channel or a dimension, per-step conversion
// rates, exact median and p90 times between steps, persons still in progress at the data end,
// and the biggest drop named. Exact semantics: docs/analyses/funnel.md.
//
// FunnelState is an analysis kernel (kernel.h): Add one person at a time, Merge partial
// states, Finalize into a FunnelResult that carries names (no ids), so report/ needs no table.
//
// Cost: Add is FunnelMatcher's pass over the person (funnel_matcher.h) plus O(level) to record
// the outcome. Persons that never reach step 1 cost one OR over their masks. Memory: 16 bytes
// per (person, step reached after the first) for the exact time percentiles.
//
// Thread-safety: a state is used by one thread at a time; the config is shared read-only.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/funnel_matcher.h"
#include "model/person_view.h"
#include "model/timestamp.h"

namespace winpath {

// "ordered", "strict", "any_order".
std::string_view FunnelModeName(FunnelMode mode);

enum class FunnelBreakdown : uint8_t {
  kNone = 0,
  kChannel = 1,    // channel of the person's first touch in the scan
  kDimension = 2,  // dimension value on the first event of the counted attempt
};

struct FunnelConfig {
  FunnelMatcherConfig matcher;
  FunnelBreakdown breakdown = FunnelBreakdown::kNone;
  std::string breakdown_name;  // "channel" or the dimension name; "" for none
  // Display name of breakdown code c: channel id c or dimension code c. Code 0 is "(none)".
  std::vector<std::string> breakdown_values;
  std::vector<std::string> exclude;  // exclusion event names, for the result
  bool has_data_end = false;         // false when the table is empty
};

// One step row. For every step: entered = converted + in_progress + dropped.
struct FunnelStepResult {
  int step = 0;  // 1-based
  std::string name;
  int64_t entered = 0;      // persons whose furthest step is this one or a later one
  int64_t converted = 0;    // of them, persons who reached the next step (last step: all)
  int64_t in_progress = 0;  // stopped here, but the window of an attempt here is still open
  int64_t dropped = 0;      // stopped here with every such window closed
  std::optional<double> rate_from_previous;  // entered / entered of the previous step
  std::optional<double> rate_from_start;     // entered / entered of step 1
  // Exact nearest-rank percentiles over the persons who entered this step, of the time from the
  // counted attempt's previous step (from_previous) and first step (from_start). None for step
  // 1 and when nobody entered.
  std::optional<TimeMs> median_ms_from_previous, p90_ms_from_previous;
  std::optional<TimeMs> median_ms_from_start, p90_ms_from_start;
  bool operator==(const FunnelStepResult&) const = default;
};

// The step transition that lost the most persons (dropped, not counting in-progress ones).
struct FunnelDrop {
  int from_step = 0;  // 1-based; the drop is from_step -> from_step + 1
  std::string from, to;
  int64_t persons = 0;  // dropped at from_step
  double rate = 0;      // persons / entered at from_step
  bool operator==(const FunnelDrop&) const = default;
};

struct FunnelGroupResult {
  std::string value;     // breakdown value; "" for the total
  int64_t persons = 0;   // persons who entered step 1
  int64_t excluded = 0;  // persons with attempts, all invalidated by exclusion events
  std::vector<FunnelStepResult> steps;
  std::optional<FunnelDrop> biggest_drop;  // none when nobody dropped
  bool operator==(const FunnelGroupResult&) const = default;
};

struct FunnelResult {
  FunnelMode mode = FunnelMode::kOrdered;
  double confidence = 0.95;  // of the step rates' Wilson intervals (set by the query)
  TimeMs window = 0;
  std::vector<std::string> steps;
  std::vector<std::string> exclude;
  std::string breakdown;           // "", "channel" or a dimension name
  std::optional<TimeMs> data_end;  // first instant not covered by the data
  FunnelGroupResult total;
  // One per breakdown value seen, by persons (descending), then value; empty without breakdown.
  // Excluded persons have no breakdown value and appear only in total.excluded.
  std::vector<FunnelGroupResult> groups;
  std::vector<std::string> notes;  // e.g. an exclusion event name absent from the data
  bool operator==(const FunnelResult&) const = default;
};

class FunnelState {
 public:
  // REQUIRES: config satisfies the REQUIRES of FunnelMatcherConfig (the query layer checks
  // them); for kDimension the scan selects the dimension (PersonView::dimension).
  explicit FunnelState(std::shared_ptr<const FunnelConfig> config);

  void Add(const PersonView& person);
  // REQUIRES: `other` was built from the same config.
  void Merge(const FunnelState& other);
  FunnelResult Finalize() const;

 private:
  struct Group {
    uint32_t code = 0;
    std::vector<int64_t> stopped;      // [level]: persons whose furthest step is `level`
    std::vector<int64_t> in_progress;  // [level]
    std::vector<std::vector<TimeMs>> from_previous;  // [step index], unsorted
    std::vector<std::vector<TimeMs>> from_start;     // [step index], unsorted
  };

  Group& GroupFor(uint32_t code);
  uint32_t BreakdownCode(const PersonView& person, const FunnelOutcome& outcome) const;
  FunnelGroupResult FinalizeGroup(const std::vector<const Group*>& parts) const;
  // REQUIRES: the parts' times lie in [0, window].
  static void AddPercentiles(const std::vector<const Group*>& parts, size_t step, TimeMs window,
                             FunnelStepResult* row);
  static std::optional<FunnelDrop> BiggestDrop(const std::vector<FunnelStepResult>& steps);

  std::shared_ptr<const FunnelConfig> config_;
  FunnelMatcher matcher_;  // points into *config_, which copies of the state share
  FunnelOutcome outcome_;
  std::vector<int32_t> slot_of_code_;  // breakdown code -> index in groups_, -1 = none yet
  std::vector<Group> groups_;
  int64_t excluded_ = 0;
};

}  // namespace winpath
