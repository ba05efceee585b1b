#include "analysis/time_to_milestone.h"

#include <algorithm>
#include <utility>

namespace winpath {
namespace {

struct NamedQuantile {
  double q;
  const char* name;
};
constexpr NamedQuantile kQuantiles[] = {
    {0.25, "p25"}, {0.5, "median"}, {0.75, "p75"}, {0.9, "p90"}};

}  // namespace

TimeToMilestoneState::TimeToMilestoneState(std::shared_ptr<const TimeToMilestoneConfig> config)
    : config_(std::move(config)) {}

void TimeToMilestoneState::Add(const PersonView& person) {
  const TimeToMilestoneConfig& c = *config_;
  const uint32_t from_bit = 1u << c.from.bit, to_bit = 1u << c.to.bit;
  const uint32_t relevant = from_bit | to_bit;
  StepCounter from(c.from), to(c.to);
  const size_t n = person.size();
  size_t i = 0;
  // Before the start only occurrences are counted: `to` events there never count, but a
  // milestone with occurrence n counts them towards its n-th.
  for (; i < n; ++i) {
    const uint32_t mask = person.mask[i];
    if ((mask & relevant) == 0) continue;
    to.Feed(mask);
    if (from.Feed(mask)) break;
  }
  if (i == n) return;
  const TimeMs t0 = person.time[i];
  const TimeMs window_end = t0 + c.window;
  // One event reaches at most one of the two: the start event is never the event.
  for (++i; i < n && person.time[i] <= window_end; ++i) {
    const uint32_t mask = person.mask[i];
    if ((mask & to_bit) != 0 && to.Feed(mask)) {
      outcomes_.push_back((person.time[i] - t0) * 2);
      return;
    }
  }
  // The data covers [.., data_end - 1]: censored at the last instant seen without the event.
  const bool in_progress = window_end >= c.data_end;
  const TimeMs censored_at = in_progress ? c.data_end - 1 : window_end;
  outcomes_.push_back((censored_at - t0) * 2 + 1);
  if (in_progress) ++in_progress_;
}

void TimeToMilestoneState::Merge(const TimeToMilestoneState& other) {
  outcomes_.insert(outcomes_.end(), other.outcomes_.begin(), other.outcomes_.end());
  in_progress_ += other.in_progress_;
}

TimeToMilestoneResult TimeToMilestoneState::Finalize() const {
  const TimeToMilestoneConfig& c = *config_;
  TimeToMilestoneResult r;
  r.from = c.from.name;
  r.to = c.to.name;
  r.window = c.window;
  r.confidence = c.confidence;
  if (c.has_data_end) r.data_end = c.data_end;

  std::vector<SurvivalObservation> observations;
  observations.reserve(outcomes_.size());
  for (int64_t o : outcomes_) observations.push_back({o >> 1, (o & 1) == 0});
  KaplanMeierOptions options;
  options.confidence = c.confidence;
  options.step_at_zero = true;
  const KaplanMeierCurve curve = EstimateKaplanMeier(observations, options);

  r.started = curve.observations;
  r.reached = curve.events;
  r.censored_in_progress = in_progress_;
  r.censored_at_window_end = r.started - r.reached - in_progress_;
  for (const NamedQuantile& q : kQuantiles) {
    r.percentiles.push_back({q.name, KaplanMeierPercentileOf(curve, q.q)});
  }
  r.event_times =
      static_cast<size_t>(std::count_if(curve.steps.begin(), curve.steps.end(),
                                        [](const KaplanMeierStep& s) { return s.events > 0; }));
  r.curve = CoarsenKaplanMeierSteps(curve.steps, c.max_curve_steps);
  r.coarsened = r.curve.size() < curve.steps.size();
  return r;
}

}  // namespace winpath
