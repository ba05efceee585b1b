// Time to milestone: how long persons take from reaching one milestone (or win) to the next
// one, as a Kaplan–Meier curve (kaplan_meier.h) that counts the persons who have not got there
// YET — still inside their window at the data end, or out of window — as censored instead of
// dropping them. Exact semantics: docs/analyses/time-to-milestone.md.
//
// Per person: the person's first event reaching `from` (occurrence applied, as the funnel
// reaches a step) starts the clock at t0. The event is the first later event (in event order)
// reaching `to` within the window [t0, t0 + W]; its duration is its time - t0. A person
// without one is censored at min(t0 + W, E - 1) - t0, where E is the data end (the first
// instant the data does not cover, as in the funnel): "in progress" when t0 + W >= E, else "at
// window end".
//
// TimeToMilestoneState is an analysis kernel (kernel.h). Cost: one pass over the person's
// events until the outcome is known; persons who never reach `from` cost one test per event.
// Memory: 8 bytes per started person (the durations are kept so that partial states merge
// exactly; the curve is computed at Finalize).
//
// Thread-safety: a state is used by one thread at a time; the config is shared read-only.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/funnel_step.h"
#include "analysis/kaplan_meier.h"
#include "model/person_view.h"
#include "model/timestamp.h"

namespace winpath {

struct TimeToMilestoneConfig {
  JourneyStep from, to;            // REQUIRES: different bits
  TimeMs window = 30 * kMsPerDay;  // REQUIRES: > 0
  // First instant NOT covered by the data (FunnelMatcherConfig::data_end).
  TimeMs data_end = 0;
  bool has_data_end = false;     // false when the table is empty
  double confidence = 0.95;      // REQUIRES: in (0, 1)
  size_t max_curve_steps = 500;  // REQUIRES: >= 2; see CoarsenKaplanMeierSteps
};

struct TimeToMilestonePercentile {
  std::string name;  // "p25", "median", "p75", "p90"
  KaplanMeierPercentile value;
  bool operator==(const TimeToMilestonePercentile&) const = default;
};

struct TimeToMilestoneResult {
  std::string from, to;
  TimeMs window = 0;
  double confidence = 0.95;
  std::optional<TimeMs> data_end;      // first instant not covered by the data
  int64_t started = 0;                 // persons who reached `from`
  int64_t reached = 0;                 // of them, persons who reached `to` within the window
  int64_t censored_in_progress = 0;    // window still open at the data end
  int64_t censored_at_window_end = 0;  // window closed without `to`
  // The curve: a step at 0, then one per distinct event time (durations in ms), coarsened to
  // max_curve_steps when there are more (see CoarsenKaplanMeierSteps). Empty when nobody
  // started.
  std::vector<KaplanMeierStep> curve;
  size_t event_times = 0;  // distinct event times before coarsening
  bool coarsened = false;
  // p25, median, p75, p90, computed on the full curve.
  std::vector<TimeToMilestonePercentile> percentiles;
  bool operator==(const TimeToMilestoneResult&) const = default;
};

class TimeToMilestoneState {
 public:
  // REQUIRES: config satisfies TimeToMilestoneConfig's REQUIRES (the query layer checks them).
  explicit TimeToMilestoneState(std::shared_ptr<const TimeToMilestoneConfig> config);

  void Add(const PersonView& person);
  // REQUIRES: `other` was built from the same config.
  void Merge(const TimeToMilestoneState& other);
  TimeToMilestoneResult Finalize() const;

 private:
  std::shared_ptr<const TimeToMilestoneConfig> config_;
  // Per started person: duration * 2 + (1 if censored). Unsorted until Finalize.
  std::vector<int64_t> outcomes_;
  int64_t in_progress_ = 0;
};

}  // namespace winpath
