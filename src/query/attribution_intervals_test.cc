#include "query/attribution_intervals.h"

#include <gtest/gtest.h>

#include <random>

#include "analysis/grouped_state.h"
#include "analysis/kernel_test_support.h"

namespace winpath {
namespace {

constexpr TimeMs kDay = kMsPerDay;

// Win Buy (bit 0) with values; channels email, search, social.
JourneyMap Map() {
  JourneyMap map;
  map.wins.resize(1);
  map.wins[0].name = "Buy";
  map.milestones.resize(1);
  map.milestones[0].name = "Purchase";
  map.milestones[0].phase = MilestonePhase::kCore;
  return map;
}

EventTable RandomTable(std::mt19937_64& rng, int persons) {
  std::vector<std::vector<KernelTestEvent>> p(persons);
  for (auto& events : p) {
    const int n = 1 + static_cast<int>(rng() % 6);
    for (int i = 0; i < n; ++i) {
      const bool buy = rng() % 4 == 0;
      events.push_back(
          {static_cast<TimeMs>(rng() % 20) * kDay, static_cast<uint8_t>(buy ? 0 : 1 + rng() % 3),
           buy ? 1u : 0u,
           buy ? std::optional<double>(10.0 + static_cast<double>(rng() % 90)) : std::nullopt});
    }
  }
  return BuildKernelTestTable(p, {"email", "search", "social"});
}

AttributionSpec Spec() {
  AttributionSpec spec;
  spec.models = {"first_touch", "linear"};
  spec.lookback = 30 * kDay;
  return spec;
}

TEST(AttributionIntervalsTest, IntervalsHoldThePointEstimateAndDoNotDependOnThreads) {
  std::mt19937_64 rng(3);
  EventTable table = RandomTable(rng, 2000);
  JourneyMap map = Map();
  ScanOptions one, three;
  one.threads = 1;
  three.threads = 3;
  auto a = RunAttributionWithIntervals(table, map, Spec(), IntervalSpec{}, one);
  auto b = RunAttributionWithIntervals(table, map, Spec(), IntervalSpec{}, three);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*a, *b);
  // Without intervals, the credits themselves are the plain result's.
  auto plain = RunAttribution(table, map, Spec(), one);
  ASSERT_TRUE(plain.ok());
  int checked = 0;
  for (size_t m = 0; m < a->wins[0].models.size(); ++m) {
    for (size_t c = 0; c < a->wins[0].models[m].channels.size(); ++c) {
      const AttributionCredit& x = a->wins[0].models[m].channels[c];
      EXPECT_EQ(x.conversions, plain->wins[0].models[m].channels[c].conversions);
      ASSERT_TRUE(x.conversions_lower && x.conversions_upper && x.value_lower && x.value_upper);
      EXPECT_LT(*x.conversions_lower, x.conversions);
      EXPECT_GT(*x.conversions_upper, x.conversions);
      EXPECT_LT(*x.value_lower, x.value);
      EXPECT_GT(*x.value_upper, x.value);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 6);
}

TEST(AttributionIntervalsTest, IdenticalGroupsGiveAnIntervalOfWidthZero) {
  AttributionResult group;
  group.wins.resize(1);
  group.wins[0].models.resize(1);
  group.wins[0].models[0].channels = {{"email", 2.0, 20.0}};
  std::vector<AttributionResult> groups(10, group);
  AttributionResult total = group;
  total.wins[0].models[0].channels[0] = {"email", 20.0, 200.0};
  AddBootstrapIntervals(groups, IntervalSpec{}, &total);
  const AttributionCredit& c = total.wins[0].models[0].channels[0];
  EXPECT_DOUBLE_EQ(*c.conversions_lower, 20.0);
  EXPECT_DOUBLE_EQ(*c.conversions_upper, 20.0);
  EXPECT_DOUBLE_EQ(*c.value_lower, 200.0);
  EXPECT_DOUBLE_EQ(*c.value_upper, 200.0);
}

TEST(AttributionIntervalsTest, WiderConfidenceGivesWiderIntervals) {
  std::mt19937_64 rng(5);
  EventTable table = RandomTable(rng, 1000);
  JourneyMap map = Map();
  IntervalSpec narrow, wide;
  narrow.confidence = 0.5;
  wide.confidence = 0.99;
  auto a = RunAttributionWithIntervals(table, map, Spec(), narrow, ScanOptions{});
  auto b = RunAttributionWithIntervals(table, map, Spec(), wide, ScanOptions{});
  ASSERT_TRUE(a.ok() && b.ok());
  const AttributionCredit& x = a->wins[0].models[0].channels[0];
  const AttributionCredit& y = b->wins[0].models[0].channels[0];
  EXPECT_GT(*y.conversions_upper - *y.conversions_lower,
            *x.conversions_upper - *x.conversions_lower);
}

TEST(AttributionIntervalsTest, BadSpecsAreInvalidArgument) {
  EventTable table = BuildKernelTestTable({}, {"email"});
  JourneyMap map = Map();
  for (IntervalSpec s : {IntervalSpec{0, 100, 1000}, IntervalSpec{1, 100, 1000},
                         IntervalSpec{0.9, 1, 1000}, IntervalSpec{0.9, 100, 5}}) {
    auto r = RunAttributionWithIntervals(table, map, Spec(), s, ScanOptions{});
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(GroupedStateTest, IsAKernelWhoseGroupsDoNotDependOnTheSplit) {
  std::mt19937_64 rng(9);
  EventTable table = RandomTable(rng, 300);
  JourneyMap map = Map();
  auto config = MakeAttributionConfig(table, map, Spec());
  ASSERT_TRUE(config.ok());
  const AttributionState empty(std::make_shared<const AttributionConfig>(*config));
  for (int round = 0; round < 5; ++round) {
    ExpectRandomSplitMergesToOnePass(table, GroupedState<AttributionState>(empty, 7), rng);
  }
  // Every person lands in exactly one group: the groups add up to the whole.
  size_t counts[7] = {};
  for (uint32_t p = 0; p < 7000; ++p) ++counts[PersonGroup(p, 7)];
  for (size_t c : counts) EXPECT_GT(c, 800u);
}

}  // namespace
}  // namespace winpath
