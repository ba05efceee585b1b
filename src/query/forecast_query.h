// Forecast and what-if as a query: runs the flywheel and the stage revenue kernel over the fit
// range, estimates the stage-transition model (analysis/forecast.h), projects it `horizon`
// periods ahead with and without the levers; and the backtest, which fits on the events before
// a split time and compares the forecast with what the data shows after it.
// Semantics: docs/analyses/forecast.md.
//
// Thread-safety: both functions read the table and the map concurrently from
// ScanOptions::threads threads; both must stay unchanged during the call.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/forecast.h"
#include "analysis/period_grid.h"
#include "base/result.h"
#include "model/event_table.h"
#include "model/journey_map.h"
#include "query/run_kernel.h"

namespace winpath {

// More periods ahead than this is guessing, not forecasting.
inline constexpr int64_t kMaxForecastHorizon = 120;

struct ForecastLeverSpec {
  double retention = 0;    // +5 % = 0.05: churn of active customers to dormant × (1 - retention)
  double referral = 0;     // referral arrivals × (1 + referral)
  std::string step;        // a transition "FROM>TO" of state names ("prospect>customer"); "" none
  double step_change = 0;  // its probability × (1 + step_change)
  bool operator==(const ForecastLeverSpec&) const = default;
};

struct ForecastSpec {
  PeriodKind period = PeriodKind::kMonth;
  // The fit range (the flywheel's scan range; events before fit_from still decide stages);
  // default: the scan options' from / to, else all data. Only complete periods are fitted.
  std::optional<TimeMs> fit_from, fit_to;
  int64_t horizon = 12;  // periods ahead, 1..kMaxForecastHorizon
  ForecastLeverSpec levers;
  std::optional<TimeMs> dormant_after;  // default: map.stages.dormant_after
  // Channels whose first-touch persons are referral arrivals; empty = every channel of the
  // table whose name contains "referral" (any case).
  std::vector<std::string> referral_channels;
};

struct ForecastPeriod {
  std::string label;  // as the flywheel's
  TimeMs start = 0, end = 0;
  ForecastPoint baseline, scenario;
  bool operator==(const ForecastPeriod&) const = default;
};

struct ForecastResult {
  PeriodKind period = PeriodKind::kMonth;
  TimeMs dormant_after = 0;
  // [fit_start, fit_end): the complete periods the model is fitted on; none without any.
  std::optional<TimeMs> fit_start, fit_end;
  ForecastModel model;  // the baseline estimate
  ForecastLeverSpec levers;
  std::vector<std::string> referral_channels;
  std::vector<ForecastPeriod> periods;  // the projection; empty for an empty table
  // Scenario minus baseline at the last projected period.
  ForecastDifference cumulative_revenue, customers, promoters;
  bool operator==(const ForecastResult&) const = default;
};

// Parses "FROM>TO" (state names, docs/analyses/flywheel.md#dormancy) into state indices.
// InvalidArgument naming --step and listing the states for anything else.
Result<std::pair<int, int>> ParseForecastStep(const std::string& text);

// Runs the forecast. InvalidArgument for: a horizon outside 1..kMaxForecastHorizon (naming
// --horizon), an unknown step, a lever out of range (retention outside [-1, 1], referral or
// step_change below -1, not finite), an unknown referral channel, and whatever RunFlywheel
// refuses (unknown stage name, too many periods, fit_from >= fit_to). FailedPrecondition when
// the levers make a chain that cannot be projected (ProjectForecast).
Result<ForecastResult> RunForecast(const EventTable& table, const JourneyMap& map,
                                   const ForecastSpec& spec, const ScanOptions& options);

struct ForecastBacktestPeriod {
  std::string label;
  TimeMs start = 0, end = 0;
  bool complete = true;  // false: the data end falls inside it (not in the errors)
  double actual_customers = 0, forecast_customers = 0;
  double actual_promoters = 0, forecast_promoters = 0;
  double actual_revenue = 0, forecast_revenue = 0;
  bool operator==(const ForecastBacktestPeriod&) const = default;
};

struct ForecastBacktestResult {
  PeriodKind period = PeriodKind::kMonth;
  TimeMs split = 0;
  ForecastModel model;  // fitted on the complete periods before the split
  std::vector<ForecastBacktestPeriod> periods;
  // Mean absolute percentage error (a fraction: 0.05 = 5 %) over the complete compared periods
  // whose actual value is not 0; none when there is no such period.
  std::optional<double> mape_customers, mape_promoters, mape_revenue;
  bool operator==(const ForecastBacktestResult&) const = default;
};

// Fits on the events before `split` (spec.fit_to is ignored; fit_from kept), forecasts the
// periods from the first one not complete before the split to the data end (the scan's `to`,
// else the last event + 1 ms), at most spec.horizon of them, and compares. Levers are ignored.
// InvalidArgument as RunForecast, and when `split` is not after the fit start or not before
// the data end (naming --split).
Result<ForecastBacktestResult> RunForecastBacktest(const EventTable& table, const JourneyMap& map,
                                                   const ForecastSpec& spec, TimeMs split,
                                                   const ScanOptions& options);

}  // namespace winpath
