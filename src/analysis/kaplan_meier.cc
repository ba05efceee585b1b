#include "analysis/kaplan_meier.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>

#include "base/check.h"

namespace winpath {
namespace {

// S(t) <= 1 - q is decided with this slack: products of fractions such as 3/4 · 2/3 land a
// rounding error away from the exact 1/2 they equal.
constexpr double kTolerance = 1e-12;

double NormalQuantile(double confidence) {
  const boost::math::normal standard;
  return boost::math::quantile(standard, 1 - (1 - confidence) / 2);
}

// Fills the error and the log-log interval of a step from S and the Greenwood sum
// sum d / (n (n - d)) over the steps so far.
void SetInterval(double greenwood_sum, double z, KaplanMeierStep* step) {
  const double s = step->survival;
  if (s <= 0) return;  // n = d at some step: the variance is infinite, nothing to report
  step->std_err = s * std::sqrt(greenwood_sum);
  if (s >= 1) {
    step->lower = step->upper = 1.0;
    return;
  }
  // theta = log(-log S) has standard error sqrt(sum) / |log S|; back-transformed, the interval
  // is S^exp(+z se) .. S^exp(-z se), always inside (0, 1).
  const double se_theta = std::sqrt(greenwood_sum) / std::fabs(std::log(s));
  step->lower = std::pow(s, std::exp(z * se_theta));
  step->upper = std::pow(s, std::exp(-z * se_theta));
}

}  // namespace

KaplanMeierCurve EstimateKaplanMeier(std::vector<SurvivalObservation>& observations,
                                     const KaplanMeierOptions& options) {
  WINPATH_DCHECK(options.confidence > 0 && options.confidence < 1);
  std::sort(
      observations.begin(), observations.end(),
      [](const SurvivalObservation& a, const SurvivalObservation& b) { return a.time < b.time; });
  KaplanMeierCurve curve;
  curve.observations = static_cast<int64_t>(observations.size());
  curve.z = NormalQuantile(options.confidence);
  if (observations.empty()) return curve;
  WINPATH_DCHECK(!options.step_at_zero || observations.front().time >= 0);

  int64_t at_risk = curve.observations;
  double survival = 1, greenwood_sum = 0;
  const size_t n = observations.size();
  for (size_t i = 0; i < n;) {
    const int64_t t = observations[i].time;
    int64_t events = 0, censored = 0;
    for (; i < n && observations[i].time == t; ++i) {
      (observations[i].event ? events : censored) += 1;
    }
    if (options.step_at_zero && curve.steps.empty() && (t > 0 || events == 0)) {
      KaplanMeierStep& zero = curve.steps.emplace_back();
      zero.at_risk = at_risk;
      SetInterval(0, curve.z, &zero);
    }
    // Events and censorings at t are counted together and at_risk drops only after the step:
    // events come before censorings, a person censored at t was at risk at t.
    if (events > 0) {
      KaplanMeierStep& step = curve.steps.emplace_back();
      step.time = t;
      step.at_risk = at_risk;
      step.events = events;
      // The product is formed step by step in time order, so it is the same bits for any
      // input order of the observations.
      survival *= static_cast<double>(at_risk - events) / static_cast<double>(at_risk);
      step.survival = survival;
      if (at_risk > events) {
        greenwood_sum += static_cast<double>(events) /
                         (static_cast<double>(at_risk) * static_cast<double>(at_risk - events));
      }
      SetInterval(greenwood_sum, curve.z, &step);
      curve.events += events;
    }
    if (curve.steps.empty()) {
      curve.censored_before_first_step += censored;
    } else {
      curve.steps.back().censored += censored;
    }
    at_risk -= events + censored;
  }
  return curve;
}

double SurvivalAt(const KaplanMeierCurve& curve, int64_t t) {
  auto it = std::upper_bound(curve.steps.begin(), curve.steps.end(), t,
                             [](int64_t v, const KaplanMeierStep& s) { return v < s.time; });
  return it == curve.steps.begin() ? 1.0 : std::prev(it)->survival;
}

KaplanMeierPercentile KaplanMeierPercentileOf(const KaplanMeierCurve& curve, double q) {
  WINPATH_DCHECK(q > 0 && q < 1);
  KaplanMeierPercentile out;
  out.q = q;
  const double p = 1 - q;
  const std::vector<KaplanMeierStep>& steps = curve.steps;
  std::optional<size_t> first, last;
  for (size_t i = 0; i < steps.size(); ++i) {
    const KaplanMeierStep& s = steps[i];
    if (!out.time && s.survival <= p + kTolerance) out.time = s.time;
    if (s.lower && s.upper && *s.lower <= p + kTolerance && *s.upper >= p - kTolerance) {
      if (!first) first = i;
      last = i;
    }
  }
  if (first) {
    out.lower = steps[*first].time;
    if (*last + 1 < steps.size()) out.upper = steps[*last + 1].time;
  }
  return out;
}

std::vector<KaplanMeierStep> CoarsenKaplanMeierSteps(const std::vector<KaplanMeierStep>& steps,
                                                     size_t max_steps) {
  WINPATH_DCHECK(max_steps >= 2);
  if (steps.size() <= max_steps) return steps;
  const size_t rest = steps.size() - 1, runs = max_steps - 1;
  const size_t run = (rest + runs - 1) / runs;
  std::vector<KaplanMeierStep> out;
  out.reserve(max_steps);
  out.push_back(steps.front());
  for (size_t b = 1; b < steps.size(); b += run) {
    const size_t e = std::min(steps.size(), b + run);
    KaplanMeierStep merged = steps[e - 1];
    merged.at_risk = steps[b].at_risk;
    merged.events = merged.censored = 0;
    for (size_t i = b; i < e; ++i) {
      merged.events += steps[i].events;
      merged.censored += steps[i].censored;
    }
    out.push_back(merged);
  }
  return out;
}

}  // namespace winpath
