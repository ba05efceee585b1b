#include "query/forecast_query.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <memory>
#include <utility>

#include "analysis/stage_revenue.h"
#include "model/name_suggestion.h"
#include "model/timestamp.h"
#include "query/flywheel_query.h"
#include "query/period_range.h"
#include "query/spec_checks.h"

namespace winpath {
namespace {

std::vector<std::string> StateNames() {
  std::vector<std::string> names;
  for (int s = 0; s < kFlywheelStates; ++s) names.emplace_back(FlywheelStateName(s));
  return names;
}

// The flywheel and the stage revenue over one scan range, on the same grid.
struct FitScan {
  PeriodGrid grid;
  FlywheelResult flywheel;
  StageRevenueResult revenue;
  int64_t complete = 0;  // leading complete periods
  int64_t warm_up = 0;   // leading complete periods inside the first dormant_after of the data
};

Status ResolveReferralChannels(const EventTable& table, const ForecastSpec& spec,
                               StageRevenueConfig* c, std::vector<std::string>* names) {
  *names = spec.referral_channels;
  WINPATH_ASSIGN_OR_RETURN(c->referral_channel, winpath::ResolveReferralChannels(table, names));
  return Status::OK();
}

Result<FitScan> ScanRange(const EventTable& table, const JourneyMap& map, const ForecastSpec& spec,
                          const ScanOptions& scan, std::vector<std::string>* referral_names) {
  FitScan f;
  FlywheelSpec fs{spec.period, spec.dormant_after};
  WINPATH_ASSIGN_OR_RETURN(f.flywheel, RunFlywheel(table, map, fs, scan));
  WINPATH_ASSIGN_OR_RETURN(f.grid, ResolvePeriodGrid(table, spec.period, scan));
  auto config = std::make_shared<StageRevenueConfig>();
  config->grid = f.grid;
  WINPATH_ASSIGN_OR_RETURN(config->rules, FlywheelRules(map));
  for (size_t i = 0; i < map.wins.size(); ++i) config->win_bits |= 1u << map.win_bit(i);
  WINPATH_RETURN_IF_ERROR(ResolveReferralChannels(table, spec, config.get(), referral_names));
  StageRevenueState empty(config);
  f.revenue =
      f.grid.empty() ? empty.Finalize() : RunKernel(table, empty, HistoryScan(scan)).Finalize();
  while (f.complete < static_cast<int64_t>(f.flywheel.periods.size()) &&
         f.flywheel.periods[static_cast<size_t>(f.complete)].complete) {
    ++f.complete;
  }
  // Nobody can be dormant before dormant_after has passed since the first event: rates from
  // those periods would understate dormancy. Without a later complete period all are used.
  const std::optional<TimeMs> first = table.min_time();
  while (first && f.warm_up < f.complete &&
         f.grid.Start(f.warm_up + 1) <= *first + f.flywheel.dormant_after) {
    ++f.warm_up;
  }
  if (f.warm_up == f.complete) f.warm_up = 0;
  return f;
}

Status CheckSpec(const ForecastSpec& spec) {
  if (spec.horizon < 1 || spec.horizon > kMaxForecastHorizon) {
    return Status::InvalidArgument("--horizon: " + std::to_string(spec.horizon) +
                                   " periods; must be 1 to " + std::to_string(kMaxForecastHorizon));
  }
  const ForecastLeverSpec& l = spec.levers;
  if (!std::isfinite(l.retention) || l.retention < -1 || l.retention > 1) {
    return Status::InvalidArgument(
        "--lever-retention: must be a fraction from -1 to 1 (0.05 = +5%)");
  }
  if (!std::isfinite(l.referral) || l.referral < -1) {
    return Status::InvalidArgument("--lever-referral: must be at least -1 (0.10 = +10%)");
  }
  if (!std::isfinite(l.step_change) || l.step_change < -1) {
    return Status::InvalidArgument("--lever-step-change: must be at least -1 (0.05 = +5%)");
  }
  return Status::OK();
}

Result<ForecastLevers> ResolveLevers(const ForecastLeverSpec& l) {
  ForecastLevers levers{.retention = l.retention, .referral = l.referral};
  if (!l.step.empty()) {
    WINPATH_ASSIGN_OR_RETURN(auto step, ParseForecastStep(l.step));
    levers.step_from = step.first;
    levers.step_to = step.second;
    levers.step = l.step_change;
  }
  return levers;
}

ScanOptions FitOptions(const ForecastSpec& spec, const ScanOptions& options) {
  ScanOptions scan = options;
  if (spec.fit_from) scan.from = *spec.fit_from;
  if (spec.fit_to) scan.to = *spec.fit_to;
  return scan;
}

double Customers(const std::array<int64_t, kFlywheelStates>& p) {
  return static_cast<double>(p[2] + p[3] + p[4]);
}

double Revenue(const StageRevenuePeriod& p) {
  double sum = 0;
  for (double r : p.revenue) sum += r;
  return sum;
}

// Mean of |forecast - actual| / actual over the entries with actual != 0; none without any.
std::optional<double> Mape(const std::vector<std::pair<double, double>>& actual_forecast) {
  double sum = 0;
  int n = 0;
  for (const auto& [a, f] : actual_forecast) {
    if (a == 0) continue;
    sum += std::fabs(f - a) / std::fabs(a);
    ++n;
  }
  if (n == 0) return std::nullopt;
  return sum / n;
}

// The split must leave events to fit on and periods to compare.
Status CheckSplit(const EventTable& table, const ScanOptions& all, TimeMs split) {
  const std::optional<TimeMs> first = table.min_time(), last = table.max_time();
  const bool has_from = all.from != std::numeric_limits<TimeMs>::min();
  const bool has_to = all.to != std::numeric_limits<TimeMs>::max();
  const bool fits = has_from ? split > all.from : first && split > *first;
  const bool compares = has_to ? split < all.to : last && split <= *last;
  if (fits && compares) return Status::OK();
  return Status::InvalidArgument("--backtest-split: " + FormatTimestamp(split) +
                                 " must be after the fit start and before the data end");
}

}  // namespace

Result<std::pair<int, int>> ParseForecastStep(const std::string& text) {
  const size_t gt = text.find('>');
  const std::vector<std::string> names = StateNames();
  auto index = [&](std::string_view name) {
    for (int s = 0; s < kFlywheelStates; ++s) {
      if (names[static_cast<size_t>(s)] == name) return s;
    }
    return -1;
  };
  const int from = gt == std::string::npos ? -1 : index(std::string_view(text).substr(0, gt));
  const int to = gt == std::string::npos ? -1 : index(std::string_view(text).substr(gt + 1));
  if (from < 0 || to < 0 || from == to) {
    return Status::InvalidArgument(
        "--lever-step: unknown transition '" + text +
        "'; write FROM>TO with two different states of: " + QuoteList(names));
  }
  return std::pair<int, int>(from, to);
}

Result<ForecastResult> RunForecast(const EventTable& table, const JourneyMap& map,
                                   const ForecastSpec& spec, const ScanOptions& options) {
  WINPATH_RETURN_IF_ERROR(CheckSpec(spec));
  WINPATH_ASSIGN_OR_RETURN(ForecastLevers levers, ResolveLevers(spec.levers));
  ForecastResult r;
  r.period = spec.period;
  r.levers = spec.levers;
  WINPATH_ASSIGN_OR_RETURN(
      FitScan fit, ScanRange(table, map, spec, FitOptions(spec, options), &r.referral_channels));
  r.dormant_after = fit.flywheel.dormant_after;
  r.model = EstimateForecastModel(fit.flywheel, fit.revenue, fit.complete, fit.warm_up);
  if (fit.grid.empty()) return r;
  if (fit.complete > 0) {
    r.fit_start = fit.grid.Start(0);
    r.fit_end = fit.grid.Start(fit.complete);
  }
  WINPATH_ASSIGN_OR_RETURN(ForecastComparison c, CompareForecast(r.model, levers, spec.horizon));
  for (int64_t h = 0; h < spec.horizon; ++h) {
    const int64_t index = fit.complete + h;
    r.periods.push_back({fit.grid.Label(index), fit.grid.Start(index), fit.grid.Start(index + 1),
                         c.baseline[static_cast<size_t>(h)], c.scenario[static_cast<size_t>(h)]});
  }
  r.cumulative_revenue = c.cumulative_revenue;
  r.customers = c.customers;
  r.promoters = c.promoters;
  return r;
}

Result<ForecastBacktestResult> RunForecastBacktest(const EventTable& table, const JourneyMap& map,
                                                   const ForecastSpec& spec, TimeMs split,
                                                   const ScanOptions& options) {
  WINPATH_RETURN_IF_ERROR(CheckSpec(spec));
  ScanOptions all = FitOptions(spec, options);
  all.to = options.to;
  WINPATH_RETURN_IF_ERROR(CheckSplit(table, all, split));
  ScanOptions before = all;
  before.to = split;
  std::vector<std::string> referral_names;
  WINPATH_ASSIGN_OR_RETURN(FitScan fit, ScanRange(table, map, spec, before, &referral_names));
  WINPATH_ASSIGN_OR_RETURN(FitScan actual, ScanRange(table, map, spec, all, &referral_names));
  ForecastBacktestResult r;
  r.period = spec.period;
  r.split = split;
  r.model = EstimateForecastModel(fit.flywheel, fit.revenue, fit.complete, fit.warm_up);
  const int64_t n = std::min<int64_t>(
      spec.horizon, static_cast<int64_t>(actual.flywheel.periods.size()) - fit.complete);
  WINPATH_ASSIGN_OR_RETURN(std::vector<ForecastPoint> forecast,
                           ProjectForecast(r.model, std::max<int64_t>(0, n)));
  std::vector<std::pair<double, double>> customers, promoters, revenue;
  for (int64_t h = 0; h < n; ++h) {
    const size_t i = static_cast<size_t>(fit.complete + h);
    const FlywheelPeriod& a = actual.flywheel.periods[i];
    const ForecastPoint& f = forecast[static_cast<size_t>(h)];
    ForecastBacktestPeriod p{a.label,
                             a.start,
                             a.end,
                             a.complete,
                             Customers(a.persons),
                             f.customers,
                             static_cast<double>(a.persons[4]),
                             f.promoters,
                             Revenue(actual.revenue.periods[i]),
                             f.revenue};
    if (p.complete) {
      customers.emplace_back(p.actual_customers, p.forecast_customers);
      promoters.emplace_back(p.actual_promoters, p.forecast_promoters);
      revenue.emplace_back(p.actual_revenue, p.forecast_revenue);
    }
    r.periods.push_back(std::move(p));
  }
  r.mape_customers = Mape(customers);
  r.mape_promoters = Mape(promoters);
  r.mape_revenue = Mape(revenue);
  return r;
}

}  // namespace winpath
