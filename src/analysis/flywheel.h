// The flywheel: every person's stage over time — stranger, prospect, customer, repeat
// customer, promoter (the map's `stages`), each active or dormant — counted per period: persons
// in each state at the period's end, transitions between states during it (Sankey-ready), new
// persons; exact median and p90 of completed stays per state; and the channel of each
// reactivating event. Exact semantics: docs/analyses/flywheel.md.
//
// FlywheelState is an analysis kernel (kernel.h). It must see each person's whole history up
// to the data end (the query drops the scan's `from`): stages and dormancy before the first
// reported period decide the state persons start it in.
//
// Cost: one pass per person; an event costs one subtraction, two compares and a mask test
// unless it changes the person's state. Memory: 110 counters per period, 8 bytes per completed
// stay (kept for exact percentiles).
//
// Thread-safety: a state is used by one thread at a time; the config is shared read-only.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/period_grid.h"
#include "model/person_view.h"
#include "model/timestamp.h"

namespace winpath {

// Stages in flywheel order; a person's stage only rises.
inline constexpr int kFlywheelStages = 5;  // stranger, prospect, customer, repeat, promoter
// States: stage s active = s, stage s dormant = kFlywheelStages + s.
inline constexpr int kFlywheelStates = 2 * kFlywheelStages;
// The source of a new person's first transition ("new" in flows).
inline constexpr int kFlywheelNew = kFlywheelStates;

// "stranger", "prospect", "customer", "repeat_customer", "promoter", "dormant_stranger", ...,
// "dormant_promoter"; kFlywheelNew is "new". REQUIRES: 0 <= state <= kFlywheelNew.
std::string_view FlywheelStateName(int state);

// A win or milestone that raises a person to `stage` (1 = prospect ... 4 = promoter) once the
// person has `min_count` events with predicate bit `bit` (wins: 1; milestones: occurrence).
struct FlywheelRule {
  int bit = 0;  // REQUIRES: in [0, 32)
  int32_t min_count = 1;
  int stage = 1;  // REQUIRES: in [1, kFlywheelStages)
  bool operator==(const FlywheelRule&) const = default;
};

struct FlywheelConfig {
  PeriodGrid grid;                        // the reported periods; grid.end() is the data end
  TimeMs dormant_after = 90 * kMsPerDay;  // REQUIRES: > 0
  std::vector<FlywheelRule> rules;
  // Display names of channel ids: channel_names[c - 1] for id c >= 1.
  std::vector<std::string> channel_names;
};

struct FlywheelFlow {
  std::string from, to;  // state names; from may be "new"
  int64_t transitions = 0;
  bool operator==(const FlywheelFlow&) const = default;
};

struct FlywheelPeriod {
  std::string label;          // "2026-01-05" (day, week) or "2026-01" (month)
  TimeMs start = 0, end = 0;  // [start, end)
  bool complete = true;       // false when the data end falls inside the period
  int64_t new_persons = 0;    // persons whose first event is in the period
  // Persons in each state at the period's end (or the data end), by state index.
  std::array<int64_t, kFlywheelStates> persons{};
  // Non-zero transitions, by from then to state index ("new" last).
  std::vector<FlywheelFlow> flows;
  bool operator==(const FlywheelPeriod&) const = default;
};

// Completed stays in one state that ended inside the reported periods.
struct FlywheelStay {
  std::string state;
  int64_t stays = 0;
  std::optional<TimeMs> median_ms, p90_ms;  // exact, nearest rank; none without stays
  bool operator==(const FlywheelStay&) const = default;
};

struct FlywheelReactivation {
  std::string stage;    // the stage the person was dormant in: "customer", ...
  std::string channel;  // channel of the reactivating event, "(no touch)" when it has none
  int64_t reactivations = 0;
  bool operator==(const FlywheelReactivation&) const = default;
};

struct FlywheelResult {
  PeriodKind period = PeriodKind::kWeek;
  TimeMs dormant_after = 0;
  std::optional<TimeMs> data_end;  // none for an empty table
  // Persons in each state when the first period starts (from history before it).
  std::array<int64_t, kFlywheelStates> persons_at_start{};
  std::vector<FlywheelPeriod> periods;
  std::vector<FlywheelStay> time_in_state;  // one per state, in state order
  // Non-zero counts, by reactivations (descending), then stage in flywheel order, then channel
  // in the table's channel order ("(no touch)" first).
  std::vector<FlywheelReactivation> reactivations;
  bool operator==(const FlywheelResult&) const = default;
};

class FlywheelState {
 public:
  // REQUIRES: config satisfies the REQUIRES above (the query layer checks them).
  explicit FlywheelState(std::shared_ptr<const FlywheelConfig> config);

  // REQUIRES: the person's events all lie before the data end (grid.end()).
  void Add(const PersonView& person);
  // REQUIRES: `other` was built from the same config.
  void Merge(const FlywheelState& other);
  FlywheelResult Finalize() const;

 private:
  static constexpr size_t kFlowSlots = (kFlywheelStates + 1) * kFlywheelStates;
  static constexpr size_t kChannels = 256;

  // The highest stage the event at mask `m` reaches, counting occurrences; 0 for none.
  int EventStage(uint32_t m);
  // Records the transition from -> to at instant x; `stay_start` is when `from` began.
  void Transition(int from, int to, TimeMs x, TimeMs stay_start);
  // Bucket of instant x: 0 before the first period, else 1 + its period index.
  size_t Bucket(TimeMs x);

  std::shared_ptr<const FlywheelConfig> config_;
  // Per stage: predicate bits whose every match reaches it, and bits that may raise a person
  // above it (the only bits worth a look once the person is there).
  std::array<uint32_t, kFlywheelStages> stage_bits_{}, raise_bits_{};
  uint32_t counted_bits_ = 0;  // bits of rules with min_count > 1
  TimeMs first_start_ = 0;     // start of the first period

  // [bucket * kFlowSlots + from * kFlywheelStates + to]; buckets 0..size.
  std::vector<int64_t> flows_;
  std::array<std::vector<TimeMs>, kFlywheelStates> stays_;
  std::vector<int64_t> reactivations_;  // [stage * kChannels + channel]

  // Per-person scratch.
  std::array<int32_t, 32> counts_{};
  int64_t cached_index_ = 0;  // period index of [cached_start_, cached_end_)
  TimeMs cached_start_ = 0, cached_end_ = 0;
};

}  // namespace winpath
