// Forecast and what-if: a stage-transition model estimated from the flywheel's counts and
// flows (analysis/flywheel.h) and the revenue per stage (analysis/stage_revenue.h), projected
// N periods ahead, with levers (retention, referral, any transition) compared to the baseline.
// A pure model, not a kernel: it reads finished results. Exact semantics, estimation and limits:
// docs/analyses/forecast.md.
//
// The model, per period: every person in state i at the period start, and every person who
// enters i during the period ("exposed" to i), leaves i for j with probability move[i][j] or
// is still in i at the period's end with probability stay[i] (each row sums to 1); `arrivals`
// new persons enter state s with share entry[s]. Several transitions in one period are allowed,
// as in the data: the exposures solve
// E = x + a·entry + E·move (x: persons at the period start), and the persons at the period's
// end are E_i · stay[i].
//
// Revenue has two parts: revenue_per_raise[s] for every transition that raises a person into s
// (from new or from a lower stage: the first purchase that makes a customer), and
// revenue_per_person[s] for every person in s at the period's end (recurring revenue: renewals,
// upgrades). Split, revenue stays right while the mix of new and old customers changes. Not per
// exposure: a person who goes dormant and is reactivated in one period is exposed twice, and
// better retention would then seem to lose revenue.
//
// Exactness: deterministic (a fixed order of double operations); no NaN: a state nobody was
// exposed to in the fit has stay 1 and earns 0, a share with a zero denominator is 0, and a
// percentage of a zero baseline is absent.
//
// Thread-safety: pure functions over values.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "analysis/flywheel.h"
#include "analysis/stage_revenue.h"
#include "base/result.h"

namespace winpath {

using StateVector = std::array<double, kFlywheelStates>;

// New persons per period are the mean over the last this many complete fit periods (fewer when
// the fit has fewer): recent enough to follow a trend in acquisition, long enough to smooth a
// single odd month.
inline constexpr int64_t kForecastArrivalPeriods = 3;

struct ForecastModel {
  std::array<StateVector, kFlywheelStates> move{};  // [from][to]; the diagonal is 0
  StateVector stay{};
  StateVector entry{};               // shares of arrivals entering each state (sum 1, or all 0)
  double arrivals = 0;               // new persons per period
  double referral_share = 0;         // share of arrivals whose first event is on a referral channel
  StateVector revenue_per_person{};  // win value per person at the period end (not raises)
  StateVector revenue_per_raise{};   // win value per transition raising a person into the state
  StateVector start{};               // persons in each state when the projection starts
  int64_t fit_periods = 0;
  int64_t rate_periods = 0;  // the last this many fit periods gave the rates
  bool operator==(const ForecastModel&) const = default;
};

// Estimates the model from periods [0, fit_periods) of `flywheel` and `revenue` (the same grid).
// Rates are pooled over periods [first_rate_period, fit_periods) (the query skips a warm-up at
// the data start, when nobody can be dormant yet): move[i][j] = Σ transitions i→j / Σ exposures of
// i (persons in i at the period start plus transitions into i), stay[i] = Σ persons in i at the
// period end / Σ exposures; revenue_per_raise[i] = Σ raise revenue of i / Σ raising transitions
// into i; revenue_per_person[i] = Σ other revenue of i / Σ persons in i at the period end; entry
// from the flows out of "new"; arrivals and the referral share from the last
// kForecastArrivalPeriods fit periods. The projection starts from the persons at the end of period
// fit_periods - 1 (persons_at_start when fit_periods is 0). REQUIRES: 0 <= first_rate_period <=
// fit_periods <= both results' period counts.
ForecastModel EstimateForecastModel(const FlywheelResult& flywheel,
                                    const StageRevenueResult& revenue, int64_t fit_periods,
                                    int64_t first_rate_period = 0);

// What-if levers, as fractions (0.05 = +5 %); all 0 = the baseline.
struct ForecastLevers {
  // move[s][dormant s] of the active customer, repeat customer and promoter states is
  // multiplied by (1 - retention); the difference stays. REQUIRES: -1 <= retention <= 1.
  double retention = 0;
  // Arrivals by referral are multiplied by (1 + referral). REQUIRES: referral >= -1.
  double referral = 0;
  // move[step_from][step_to] is multiplied by (1 + step), capped at move + stay so the row
  // still sums to 1 (the change is taken from, or given to, the persons who stay).
  // step_from = -1: no step lever. REQUIRES: step >= -1; step_from != step_to both states.
  int step_from = -1, step_to = -1;
  double step = 0;
  bool operator==(const ForecastLevers&) const = default;
};

// The model with the levers applied.
ForecastModel ApplyLevers(const ForecastModel& model, const ForecastLevers& levers);

struct ForecastPoint {
  StateVector persons{};  // at the period's end
  double arrivals = 0;
  double customers = 0;  // active customer + repeat customer + promoter
  double promoters = 0;  // active promoter
  double revenue = 0;
  double cumulative_revenue = 0;
  bool operator==(const ForecastPoint&) const = default;
};

// Projects `horizon` periods from model.start. FailedPrecondition when the persons of some set
// of states would move among them forever within one period (every one of them has stay 0 and
// no way out): only a lever can make such a chain. REQUIRES: horizon >= 0.
Result<std::vector<ForecastPoint>> ProjectForecast(const ForecastModel& model, int64_t horizon);

struct ForecastDifference {
  double absolute = 0;
  std::optional<double> relative;  // absolute / baseline; none when the baseline is 0
  bool operator==(const ForecastDifference&) const = default;
};

ForecastDifference Difference(double baseline, double scenario);

// Baseline and scenario side by side, and the levers' effect at the horizon's end.
struct ForecastComparison {
  std::vector<ForecastPoint> baseline, scenario;
  ForecastDifference cumulative_revenue, customers, promoters;  // at the last period
  bool operator==(const ForecastComparison&) const = default;
};

// ProjectForecast of the model and of ApplyLevers(model, levers). Fails as ProjectForecast.
Result<ForecastComparison> CompareForecast(const ForecastModel& model, const ForecastLevers& levers,
                                           int64_t horizon);

}  // namespace winpath
