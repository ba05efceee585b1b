// Kaplan–Meier (product-limit) estimator of a survival curve S(t) = P(T > t) from
// right-censored observations, with Greenwood's variance, pointwise log-log confidence
// intervals and percentiles with Brookmeyer–Crowley confidence intervals.
// Formulas and conventions: docs/analyses/time-to-milestone.md#kaplanmeier-estimator.
//
// Times are integers (milliseconds in winpath; any unit in tests). At a time where events and
// censorings tie, the events come first: a person censored at t is still at risk at t.
//
// Cost: O(N log N) to sort N observations, O(distinct times) after that.
// Thread-safety: pure functions over values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace winpath {

// One observation: the event happened at `time`, or (event = false) the observation was
// censored at `time`: no event up to and including `time`, nothing known after.
struct SurvivalObservation {
  int64_t time = 0;
  bool event = false;
};

struct KaplanMeierOptions {
  double confidence = 0.95;  // REQUIRES: in (0, 1)
  // Also give a step at time 0 when no event happens at 0 (survival 1, interval [1, 1]), so
  // the curve starts at its origin. REQUIRES (when true): every time >= 0.
  bool step_at_zero = false;
};

// One step of the curve, at an event time t (or at 0, see step_at_zero).
struct KaplanMeierStep {
  int64_t time = 0;
  int64_t at_risk = 0;   // n: observations with time >= t
  int64_t events = 0;    // d: events at t
  int64_t censored = 0;  // censorings in [t, next step's time); after the last step: all later
  double survival = 1;   // S(t), including the events at t
  // Greenwood standard error of S(t); null when S(t) = 0 (the variance is infinite there).
  std::optional<double> std_err;
  // Pointwise confidence interval of S(t) on the log-log scale; [1, 1] when S(t) = 1 (no
  // events yet), null when S(t) = 0.
  std::optional<double> lower, upper;
  bool operator==(const KaplanMeierStep&) const = default;
};

struct KaplanMeierCurve {
  int64_t observations = 0;
  int64_t events = 0;
  int64_t censored_before_first_step = 0;  // censorings before the first step's time
  double z = 0;                            // normal quantile used for the intervals
  std::vector<KaplanMeierStep> steps;      // ascending times; empty without events (and zero)
  bool operator==(const KaplanMeierCurve&) const = default;
};

// The product-limit estimate. `observations` is reordered (sorted). Never fails; an empty
// input gives an empty curve. REQUIRES: options as documented.
KaplanMeierCurve EstimateKaplanMeier(std::vector<SurvivalObservation>& observations,
                                     const KaplanMeierOptions& options = {});

// S(t) at any time t: 1 before the first step, else the last step at or before t.
double SurvivalAt(const KaplanMeierCurve& curve, int64_t t);

// A percentile of the time to event: the smallest step time t with S(t) <= 1 - q (compared
// with a 1e-12 tolerance, so that 3/4 · 2/3 counts as exactly 1/2), null when the curve never
// gets there. The interval (Brookmeyer–Crowley) is the span of times whose pointwise interval
// contains 1 - q: `lower` = the first step time where it does, `upper` = the first step time
// after the last step where it does (the set ends just before it) — null when that last step
// is the curve's last step (the set is not closed within the data) or when no step contains
// 1 - q. `lower` may exist when the estimate does not.
struct KaplanMeierPercentile {
  double q = 0.5;  // 0.5 = median: the time by which half the observations had the event
  std::optional<int64_t> time, lower, upper;
  bool operator==(const KaplanMeierPercentile&) const = default;
};

// REQUIRES: 0 < q < 1.
KaplanMeierPercentile KaplanMeierPercentileOf(const KaplanMeierCurve& curve, double q);

// At most `max_steps` steps (REQUIRES: >= 2): when the curve has more, the first step is kept
// and the others are cut into max_steps - 1 runs of ceil((size - 1) / (max_steps - 1))
// consecutive steps (the last run may be shorter). A run becomes one step at its LAST time
// with that step's survival, error and interval (exact there), the at-risk count of its FIRST
// step, and the sums of its events and censorings. So at_risk still equals the previous
// step's at_risk - events - censored. Unchanged when the curve is small enough.
std::vector<KaplanMeierStep> CoarsenKaplanMeierSteps(const std::vector<KaplanMeierStep>& steps,
                                                     size_t max_steps);

}  // namespace winpath
