#include "analysis/time_to_milestone.h"

#include <gtest/gtest.h>

#include <random>

#include "analysis/kernel_test_support.h"

namespace winpath {
namespace {

constexpr uint32_t kFrom = 1, kTo = 2, kOther = 4;

// `from` on bit 0 (occurrence 1), `to` on bit 1 (any match, like a win), window 100 ms, data
// end 1000.
std::shared_ptr<TimeToMilestoneConfig> MakeConfig(TimeMs window = 100, int32_t to_min = 1,
                                                  int32_t to_max = INT32_MAX) {
  auto c = std::make_shared<TimeToMilestoneConfig>();
  c->from = {"A", 0, 1, 1};
  c->to = {"B", 1, to_min, to_max};
  c->window = window;
  c->data_end = 1000;
  c->has_data_end = true;
  return c;
}

KernelTestEvent E(TimeMs time, uint32_t mask) { return {time, 0, mask, std::nullopt}; }

TimeToMilestoneResult RunAll(const std::shared_ptr<TimeToMilestoneConfig>& c,
                             const std::vector<std::vector<KernelTestEvent>>& persons) {
  const EventTable t = BuildKernelTestTable(persons, {});
  TimeToMilestoneState s(c);
  for (size_t p = 0; p < t.num_persons(); ++p) s.Add(t.person(p));
  return s.Finalize();
}

TEST(TimeToMilestone, EventsAndCensorings) {
  const TimeToMilestoneResult r = RunAll(MakeConfig(), {
                                                           {E(10, kFrom), E(40, kTo)},  // 30
                                                           {E(0, kFrom), E(100, kTo)},  // edge
                                                           {E(0, kFrom), E(101, kTo)},  // out
                                                           {E(950, kFrom)},  // in progress
                                                           {E(5, kTo)},      // never starts
                                                       });
  EXPECT_EQ(r.started, 4);
  EXPECT_EQ(r.reached, 2);
  EXPECT_EQ(r.censored_in_progress, 1);
  EXPECT_EQ(r.censored_at_window_end, 1);
  EXPECT_EQ(r.event_times, 2u);
  ASSERT_EQ(r.curve.size(), 3u);
  // The person still in progress is censored at 999 - 950 = 49, the out-of-window one at 100,
  // after the event at 100.
  EXPECT_EQ(r.curve[0].time, 0);
  EXPECT_EQ(r.curve[0].at_risk, 4);
  EXPECT_EQ(r.curve[1].time, 30);
  EXPECT_EQ(r.curve[1].censored, 1);
  EXPECT_DOUBLE_EQ(r.curve[1].survival, 0.75);
  EXPECT_EQ(r.curve[2].time, 100);
  EXPECT_EQ(r.curve[2].at_risk, 2);
  EXPECT_EQ(r.curve[2].censored, 1);
  EXPECT_DOUBLE_EQ(r.curve[2].survival, 0.375);
  EXPECT_EQ(r.percentiles[1].name, "median");
  EXPECT_EQ(r.percentiles[1].value.time, 100);
}

TEST(TimeToMilestone, CensoredInProgressAtTheLastCoveredInstant) {
  // Data end 1000: a is observed through 999, i.e. 49 ms, so it is no longer at risk at b's
  // event 50 ms after b's start.
  TimeToMilestoneResult r = RunAll(MakeConfig(), {{E(950, kFrom)}, {E(900, kFrom), E(950, kTo)}});
  ASSERT_EQ(r.curve.size(), 2u);
  EXPECT_EQ(r.curve[0].censored, 1);
  EXPECT_EQ(r.curve[1].time, 50);
  EXPECT_EQ(r.curve[1].at_risk, 1);
  // A window ending exactly at the data end is still open (in progress, censored at 99); one
  // ending 1 ms earlier has closed (censored at the window end, 100).
  r = RunAll(MakeConfig(), {{E(900, kFrom)}, {E(899, kFrom)}});
  EXPECT_EQ(r.censored_in_progress, 1);
  EXPECT_EQ(r.censored_at_window_end, 1);
}

TEST(TimeToMilestone, FirstStartOnlyAndStartEventIsNeverTheEvent) {
  // The event reaching both starts the clock; the next `to` 20 ms later is the event. A second
  // `from` does not restart the clock.
  const TimeToMilestoneResult r =
      RunAll(MakeConfig(), {{E(0, kFrom | kTo), E(10, kFrom), E(20, kTo)}});
  ASSERT_EQ(r.curve.size(), 2u);
  EXPECT_EQ(r.curve[1].time, 20);
}

TEST(TimeToMilestone, OccurrencesCountEventsBeforeTheStart) {
  // `to` is the 2nd matching event: the one before the start counts towards it.
  const TimeToMilestoneResult r =
      RunAll(MakeConfig(100, 2, 2), {{E(0, kTo), E(5, kFrom), E(9, kTo), E(12, kTo)}});
  ASSERT_EQ(r.curve.size(), 2u);
  EXPECT_EQ(r.curve[1].time, 4);
}

TEST(TimeToMilestone, EmptyStateHasEmptyCurve) {
  const TimeToMilestoneResult r = TimeToMilestoneState(MakeConfig()).Finalize();
  EXPECT_EQ(r.started, 0);
  EXPECT_TRUE(r.curve.empty());
  ASSERT_EQ(r.percentiles.size(), 4u);
  for (const auto& p : r.percentiles) EXPECT_FALSE(p.value.time);
}

TEST(TimeToMilestone, CoarsensLongCurves) {
  auto c = MakeConfig(1000);
  c->max_curve_steps = 5;
  std::vector<std::vector<KernelTestEvent>> persons;
  for (TimeMs d = 1; d <= 12; ++d) persons.push_back({E(0, kFrom), E(d, kTo)});
  const TimeToMilestoneResult r = RunAll(c, persons);
  EXPECT_EQ(r.event_times, 12u);
  EXPECT_TRUE(r.coarsened);
  ASSERT_EQ(r.curve.size(), 5u);
  EXPECT_EQ(r.curve[4].time, 12);
  EXPECT_EQ(r.curve[4].survival, 0.0);
  // Percentiles come from the full curve: S(6) = 1/2.
  EXPECT_EQ(r.percentiles[1].value.time, 6);
}

// Reference: one person's observation by a direct reading of the definition.
std::optional<SurvivalObservation> Reference(const std::vector<KernelTestEvent>& events,
                                             const TimeToMilestoneConfig& c) {
  std::vector<KernelTestEvent> e = events;
  std::stable_sort(e.begin(), e.end(), [](auto& a, auto& b) { return a.time < b.time; });
  size_t start = e.size();
  for (size_t i = 0; i < e.size() && start == e.size(); ++i) {
    if (e[i].mask & kFrom) start = i;
  }
  if (start == e.size()) return std::nullopt;
  const TimeMs t0 = e[start].time;
  for (size_t i = start + 1; i < e.size(); ++i) {
    if ((e[i].mask & kTo) && e[i].time - t0 <= c.window)
      return SurvivalObservation{e[i].time - t0, true};
  }
  return SurvivalObservation{std::min(t0 + c.window, c.data_end - 1) - t0, false};
}

TEST(TimeToMilestone, MatchesReferenceAndMergesAnySplit) {
  std::mt19937 rng(42);
  for (int round = 0; round < 40; ++round) {
    auto c = MakeConfig(1 + static_cast<TimeMs>(rng() % 60));
    c->max_curve_steps = 2 + rng() % 6;
    std::vector<std::vector<KernelTestEvent>> persons(rng() % 30);
    TimeMs last = 0;
    for (auto& p : persons) {
      const size_t n = rng() % 6;
      for (size_t k = 0; k < n; ++k) {
        const uint32_t masks[] = {kFrom, kTo, kOther, kFrom | kTo};
        p.push_back({static_cast<TimeMs>(rng() % 120), 0, masks[rng() % 4], std::nullopt});
        last = std::max(last, p.back().time);
      }
    }
    c->data_end = last + 1;
    const EventTable t = BuildKernelTestTable(persons, {});
    std::vector<SurvivalObservation> expected;
    for (const auto& p : persons) {
      if (auto o = Reference(p, *c)) expected.push_back(*o);
    }
    const KaplanMeierCurve curve =
        EstimateKaplanMeier(expected, {.confidence = 0.95, .step_at_zero = true});
    TimeToMilestoneState empty(c);
    TimeToMilestoneState one = empty;
    for (size_t p = 0; p < t.num_persons(); ++p) one.Add(t.person(p));
    const TimeToMilestoneResult r = one.Finalize();
    SCOPED_TRACE(round);
    EXPECT_EQ(r.started, curve.observations);
    EXPECT_EQ(r.reached, curve.events);
    EXPECT_EQ(r.curve, CoarsenKaplanMeierSteps(curve.steps, c->max_curve_steps));
    EXPECT_EQ(r.percentiles[1].value, KaplanMeierPercentileOf(curve, 0.5));
    ExpectRandomSplitMergesToOnePass(t, empty, rng);
    ASSERT_EQ(TimeToMilestoneState(empty).Finalize(), TimeToMilestoneState(c).Finalize());
  }
}

}  // namespace
}  // namespace winpath
