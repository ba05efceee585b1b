#include "analysis/gaps.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "analysis/kernel_test_support.h"

namespace winpath {
namespace {

constexpr uint32_t kA = 1u << 0, kB = 1u << 1, kC = 1u << 2;

// Targets A -> B (window 10, rate 0.5) and B -> C (window 10, rate 0.2); data end 1000.
std::shared_ptr<GapsConfig> Config() {
  auto c = std::make_shared<GapsConfig>();
  c->targets.push_back({{"A", 0}, {"B", 1}, 10, 0.5});
  c->targets.push_back({{"B", 1}, {"C", 2}, 10, 0.2});
  c->data_end = 1000;
  c->has_data_end = true;
  return c;
}

GapsResult RunAll(const std::shared_ptr<GapsConfig>& c,
                  const std::vector<std::vector<KernelTestEvent>>& persons) {
  const EventTable t = BuildKernelTestTable(persons, {"Email"});
  GapsState s(c);
  for (size_t p = 0; p < t.num_persons(); ++p) s.Add(t.person(p));
  return s.Finalize();
}

TEST(Gaps, CountsCohortAndInProgress) {
  const GapsResult r = RunAll(Config(), {
                                            {{0, 0, kA}, {10, 0, kB}},  // converted at the edge
                                            {{0, 0, kA}, {11, 0, kB}},  // 1 ms outside
                                            {{995, 0, kA}},             // window open: in progress
                                            {{990, 0, kA}, {995, 0, kB}},  // open, converted
                                            {{5, 0, kC}},                  // neither target
                                        });
  const GapsTargetResult& ab = r.targets[0];
  EXPECT_EQ(ab.reached, 4);
  EXPECT_EQ(ab.in_progress, 2);
  EXPECT_EQ(ab.in_progress_converted, 1);
  EXPECT_EQ(ab.persons, 2);
  EXPECT_EQ(ab.converted, 1);
  EXPECT_DOUBLE_EQ(*ab.actual_rate, 0.5);
  EXPECT_DOUBLE_EQ(*ab.gap, 0.0);
  EXPECT_DOUBLE_EQ(*ab.p_value, 1.0);
  EXPECT_EQ(ab.verdict, GapVerdict::kTooFew);  // 2 · 0.5 < 10
  const GapsTargetResult& bc = r.targets[1];
  // B at 10 and 11: no C. B at 995: window open. Two closed persons, none converted.
  EXPECT_EQ(bc.reached, 3);
  EXPECT_EQ(bc.in_progress, 1);
  EXPECT_EQ(bc.persons, 2);
  EXPECT_EQ(bc.converted, 0);
  EXPECT_EQ(bc.interval->lower, 0.0);
}

TEST(Gaps, NobodyReachedIsNoDataNeverNaN) {
  const GapsResult r = RunAll(Config(), {{{0, 0, kC}}});
  for (const GapsTargetResult& t : r.targets) {
    EXPECT_EQ(t.persons, 0);
    EXPECT_FALSE(t.actual_rate || t.interval || t.gap || t.p_value || t.q_value);
    EXPECT_EQ(t.verdict, GapVerdict::kNoData);
  }
}

TEST(Gaps, VerdictsUseQValues) {
  auto c = Config();
  c->targets[0].expected_rate = 0.9;  // A -> B: 0 of 20 converted: far below
  std::vector<std::vector<KernelTestEvent>> persons(20, {{0, 0, kA}});
  // B -> C at 0.2: 50 of 50 converted: far above.
  for (int i = 0; i < 50; ++i) persons.push_back({{0, 0, kB}, {1, 0, kC}});
  const GapsResult r = RunAll(c, persons);
  EXPECT_EQ(r.targets[0].verdict, GapVerdict::kBelowTarget);
  EXPECT_EQ(r.targets[1].verdict, GapVerdict::kAboveTarget);
  // BH with m = 2: the larger p-value is kept, the smaller doubled (capped by the larger).
  const double small = std::min(*r.targets[0].p_value, *r.targets[1].p_value);
  const double large = std::max(*r.targets[0].p_value, *r.targets[1].p_value);
  EXPECT_DOUBLE_EQ(std::min(*r.targets[0].q_value, *r.targets[1].q_value),
                   std::min(2 * small, large));
  EXPECT_DOUBLE_EQ(std::max(*r.targets[0].q_value, *r.targets[1].q_value), large);
  EXPECT_NEAR(*r.targets[0].p_value, 1e-20, 1e-33);  // P(X = 0) = 0.1^20 at p0 = 0.9
}

TEST(Gaps, EnoughPersonsNotSignificantIsOnTarget) {
  auto c = Config();
  std::vector<std::vector<KernelTestEvent>> persons;
  for (int i = 0; i < 40; ++i) {
    if (i % 2 == 0) {
      persons.push_back({{0, 0, kA}, {5, 0, kB}});
    } else {
      persons.push_back({{0, 0, kA}});
    }
  }
  const GapsResult r = RunAll(c, persons);
  EXPECT_EQ(r.targets[0].persons, 40);
  EXPECT_EQ(r.targets[0].converted, 20);
  EXPECT_EQ(r.targets[0].verdict, GapVerdict::kOnTarget);
}

TEST(Gaps, RandomSplitsMergeToOnePass) {
  std::mt19937 rng(11);
  for (int round = 0; round < 30; ++round) {
    std::vector<std::vector<KernelTestEvent>> persons(40);
    for (auto& events : persons) {
      const int n = static_cast<int>(rng() % 6);
      for (int k = 0; k < n; ++k) {
        events.push_back({static_cast<TimeMs>(rng() % 1000), 0, static_cast<uint32_t>(rng() % 8)});
      }
    }
    const EventTable t = BuildKernelTestTable(persons, {"Email"});
    ExpectRandomSplitMergesToOnePass(t, GapsState(Config()), rng);
  }
}

}  // namespace
}  // namespace winpath
