#include "analysis/forecast.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <string_view>

#include "base/check.h"

namespace winpath {
namespace {

constexpr int kCustomerStates[] = {2, 3, 4};  // customer, repeat customer, promoter
constexpr int kPromoter = 4;

// Index of a state name ("new" = kFlywheelNew), -1 for none.
int StateIndex(std::string_view name) {
  for (int s = 0; s <= kFlywheelNew; ++s) {
    if (FlywheelStateName(s) == name) return s;
  }
  return -1;
}

// Whether a transition raises the stage (from new, or from a lower stage, active or dormant):
// the transitions whose event earns raise revenue.
bool Raises(int from, int to) {
  return from == kFlywheelNew || from % kFlywheelStages < to % kFlywheelStages;
}

double Share(double part, double whole) { return whole > 0 ? part / whole : 0.0; }

// Sums over the fit periods, by state: exposures, persons at the end, transitions [from][to]
// (from may be new), revenue.
struct FitTotals {
  StateVector exposed{}, end{}, revenue{}, raise_revenue{}, raises{};
  std::array<StateVector, kFlywheelStates + 1> flows{};
};

FitTotals SumFit(const FlywheelResult& flywheel, const StageRevenueResult& revenue, int64_t first,
                 int64_t n) {
  FitTotals t;
  for (int64_t p = first; p < n; ++p) {
    const FlywheelPeriod& period = flywheel.periods[static_cast<size_t>(p)];
    const auto& start =
        p == 0 ? flywheel.persons_at_start : flywheel.periods[static_cast<size_t>(p - 1)].persons;
    for (size_t s = 0; s < kFlywheelStates; ++s) {
      t.exposed[s] += static_cast<double>(start[s]);
      t.end[s] += static_cast<double>(period.persons[s]);
      const StageRevenuePeriod& r = revenue.periods[static_cast<size_t>(p)];
      t.revenue[s] += r.revenue[s] - r.raise_revenue[s];
      t.raise_revenue[s] += r.raise_revenue[s];
    }
    for (const FlywheelFlow& f : period.flows) {
      const int from = StateIndex(f.from), to = StateIndex(f.to);
      WINPATH_DCHECK(from >= 0 && to >= 0 && to < kFlywheelStates);
      const double k = static_cast<double>(f.transitions);
      t.flows[static_cast<size_t>(from)][static_cast<size_t>(to)] += k;
      t.exposed[static_cast<size_t>(to)] += k;
      if (Raises(from, to)) t.raises[static_cast<size_t>(to)] += k;
    }
  }
  return t;
}

// Solves E · (I - move) = b for E (the transposed system, full-pivoting LU: small, exact
// enough, and it says when the matrix is singular); false when it is.
bool SolveExposures(const std::array<StateVector, kFlywheelStates>& move, const StateVector& b,
                    StateVector* e) {
  using Matrix = Eigen::Matrix<double, kFlywheelStates, kFlywheelStates>;
  using Vector = Eigen::Matrix<double, kFlywheelStates, 1>;
  Matrix a;
  Vector rhs;
  for (int r = 0; r < kFlywheelStates; ++r) {
    for (int c = 0; c < kFlywheelStates; ++c) {
      a(r, c) = (r == c ? 1.0 : 0.0) - move[static_cast<size_t>(c)][static_cast<size_t>(r)];
    }
    rhs(r) = b[static_cast<size_t>(r)];
  }
  // Data-estimated chains are far from singular; only a closed set of states that all have
  // stay 0 (a lever's doing) makes I - move singular.
  const Eigen::FullPivLU<Matrix> lu(a);
  if (!lu.isInvertible()) return false;
  const Vector x = lu.solve(rhs);
  // Rounding may leave -1e-16 where the exact answer is 0; persons are never negative.
  for (int r = 0; r < kFlywheelStates; ++r) {
    (*e)[static_cast<size_t>(r)] = std::max(0.0, std::isfinite(x(r)) ? x(r) : 0.0);
  }
  return true;
}

// move[from][to] set to `value` (clamped to [0, move + stay]), the difference taken from stay.
void SetMove(ForecastModel* m, size_t from, size_t to, double value) {
  const double old = m->move[from][to];
  const double capped = std::clamp(value, 0.0, old + m->stay[from]);
  m->move[from][to] = capped;
  m->stay[from] = std::max(0.0, m->stay[from] - (capped - old));
}

}  // namespace

ForecastModel EstimateForecastModel(const FlywheelResult& flywheel,
                                    const StageRevenueResult& revenue, int64_t fit_periods,
                                    int64_t first_rate_period) {
  WINPATH_DCHECK(first_rate_period >= 0 && first_rate_period <= fit_periods &&
                 fit_periods <= static_cast<int64_t>(flywheel.periods.size()) &&
                 fit_periods <= static_cast<int64_t>(revenue.periods.size()));
  ForecastModel m;
  m.fit_periods = fit_periods;
  m.rate_periods = fit_periods - first_rate_period;
  const FitTotals t = SumFit(flywheel, revenue, first_rate_period, fit_periods);
  for (size_t i = 0; i < kFlywheelStates; ++i) {
    // A state nobody was exposed to has no outflow: whoever enters it stays.
    m.stay[i] = t.exposed[i] > 0 ? t.end[i] / t.exposed[i] : 1.0;
    for (size_t j = 0; j < kFlywheelStates; ++j) {
      if (i != j) m.move[i][j] = Share(t.flows[i][j], t.exposed[i]);
    }
    m.revenue_per_person[i] = Share(t.revenue[i], t.end[i]);
    m.revenue_per_raise[i] = Share(t.raise_revenue[i], t.raises[i]);
  }
  const StateVector& from_new = t.flows[kFlywheelNew];
  double new_total = 0;
  for (double k : from_new) new_total += k;
  for (size_t s = 0; s < kFlywheelStates; ++s) m.entry[s] = Share(from_new[s], new_total);

  const int64_t first = std::max<int64_t>(0, fit_periods - kForecastArrivalPeriods);
  double arrivals = 0, referred = 0;
  for (int64_t p = first; p < fit_periods; ++p) {
    arrivals += static_cast<double>(flywheel.periods[static_cast<size_t>(p)].new_persons);
    referred += static_cast<double>(revenue.periods[static_cast<size_t>(p)].referred_new);
  }
  m.arrivals = fit_periods > first ? arrivals / static_cast<double>(fit_periods - first) : 0.0;
  m.referral_share = Share(referred, arrivals);

  const auto& start = fit_periods == 0
                          ? flywheel.persons_at_start
                          : flywheel.periods[static_cast<size_t>(fit_periods - 1)].persons;
  for (size_t s = 0; s < kFlywheelStates; ++s) m.start[s] = static_cast<double>(start[s]);
  return m;
}

ForecastModel ApplyLevers(const ForecastModel& model, const ForecastLevers& levers) {
  ForecastModel m = model;
  const double retention = std::clamp(levers.retention, -1.0, 1.0);
  if (retention != 0) {
    for (int s : kCustomerStates) {
      const size_t from = static_cast<size_t>(s), to = static_cast<size_t>(kFlywheelStages + s);
      SetMove(&m, from, to, m.move[from][to] * (1 - retention));
    }
  }
  const double referral = std::max(-1.0, levers.referral);
  if (referral != 0) {
    const double factor = 1 + m.referral_share * referral;
    m.arrivals = model.arrivals * factor;
    m.referral_share = factor > 0 ? model.referral_share * (1 + referral) / factor : 0.0;
  }
  if (levers.step_from >= 0 && levers.step_from < kFlywheelStates && levers.step_to >= 0 &&
      levers.step_to < kFlywheelStates && levers.step_from != levers.step_to) {
    const size_t from = static_cast<size_t>(levers.step_from);
    const size_t to = static_cast<size_t>(levers.step_to);
    SetMove(&m, from, to, m.move[from][to] * (1 + std::max(-1.0, levers.step)));
  }
  return m;
}

Result<std::vector<ForecastPoint>> ProjectForecast(const ForecastModel& model, int64_t horizon) {
  std::vector<ForecastPoint> points;
  points.reserve(static_cast<size_t>(std::max<int64_t>(0, horizon)));
  StateVector x = model.start;
  double cumulative = 0;
  for (int64_t h = 0; h < horizon; ++h) {
    StateVector b{}, e{};
    for (size_t s = 0; s < kFlywheelStates; ++s) b[s] = x[s] + model.arrivals * model.entry[s];
    if (!SolveExposures(model.move, b, &e)) {
      return Status::FailedPrecondition(
          "forecast: with these levers some persons would move between states forever within "
          "one period (every state of a cycle keeps nobody); use a smaller lever");
    }
    ForecastPoint p;
    p.arrivals = model.arrivals;
    for (size_t s = 0; s < kFlywheelStates; ++s) {
      p.persons[s] = e[s] * model.stay[s];
      double raises = model.arrivals * model.entry[s];
      for (size_t i = 0; i < kFlywheelStates; ++i) {
        if (Raises(static_cast<int>(i), static_cast<int>(s))) raises += e[i] * model.move[i][s];
      }
      p.revenue += p.persons[s] * model.revenue_per_person[s] + raises * model.revenue_per_raise[s];
    }
    for (int s : kCustomerStates) p.customers += p.persons[static_cast<size_t>(s)];
    p.promoters = p.persons[kPromoter];
    cumulative += p.revenue;
    p.cumulative_revenue = cumulative;
    x = p.persons;
    points.push_back(p);
  }
  return points;
}

ForecastDifference Difference(double baseline, double scenario) {
  ForecastDifference d;
  d.absolute = scenario - baseline;
  if (baseline != 0) d.relative = d.absolute / baseline;
  return d;
}

Result<ForecastComparison> CompareForecast(const ForecastModel& model, const ForecastLevers& levers,
                                           int64_t horizon) {
  ForecastComparison c;
  WINPATH_ASSIGN_OR_RETURN(c.baseline, ProjectForecast(model, horizon));
  WINPATH_ASSIGN_OR_RETURN(c.scenario, ProjectForecast(ApplyLevers(model, levers), horizon));
  if (!c.baseline.empty()) {
    const ForecastPoint &b = c.baseline.back(), &s = c.scenario.back();
    c.cumulative_revenue = Difference(b.cumulative_revenue, s.cumulative_revenue);
    c.customers = Difference(b.customers, s.customers);
    c.promoters = Difference(b.promoters, s.promoters);
  }
  return c;
}

}  // namespace winpath
