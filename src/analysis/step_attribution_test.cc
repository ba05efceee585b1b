#include "analysis/step_attribution.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "analysis/kernel_test_support.h"

namespace winpath {
namespace {

constexpr TimeMs kDay = kMsPerDay;
// Steps A (bit 0), B (bit 1), C (bit 2).
constexpr uint32_t kA = 1, kB = 2, kC = 4;

std::shared_ptr<const StepAttributionConfig> Config(TimeMs window = 7 * kDay) {
  auto c = std::make_shared<StepAttributionConfig>();
  c->channel_names = {"email", "search", "social"};
  c->steps = {JourneyStep{"A", 0}, JourneyStep{"B", 1}, JourneyStep{"C", 2}};
  c->window = window;
  return c;
}

StepAttributionResult RunSteps(const std::vector<std::vector<KernelTestEvent>>& persons,
                               TimeMs window = 7 * kDay) {
  EventTable table = BuildKernelTestTable(persons, {"email", "search", "social"});
  StepAttributionState state(Config(window));
  for (size_t p = 0; p < table.num_persons(); ++p) state.Add(table.person(p));
  return state.Finalize();
}

TEST(StepAttribution, TouchesBetweenTheStepsShareIt) {
  // A, then email, search, email, then B: first email, last email, linear email 2/3 search 1/3.
  StepAttributionResult r = RunSteps({{{0, 0, kA, {}},
                                       {kDay, 1, 0, {}},
                                       {2 * kDay, 2, 0, {}},
                                       {3 * kDay, 1, 0, {}},
                                       {4 * kDay, 0, kB, {}}}});
  ASSERT_EQ(r.transitions.size(), 2u);
  const StepTransition& ab = r.transitions[0];
  EXPECT_EQ(ab.reached_from, 1);
  EXPECT_EQ(ab.made, 1);
  EXPECT_EQ(ab.unattributed, 0);
  ASSERT_EQ(ab.channels.size(), 2u);
  EXPECT_EQ(ab.channels[0].channel, "email");
  EXPECT_EQ(ab.channels[0].persons, 1);
  EXPECT_DOUBLE_EQ(ab.channels[0].first_touch, 1);
  EXPECT_DOUBLE_EQ(ab.channels[0].last_touch, 1);
  EXPECT_NEAR(ab.channels[0].linear, 2.0 / 3, 1e-15);
  EXPECT_NEAR(ab.channels[1].linear, 1.0 / 3, 1e-15);
  EXPECT_DOUBLE_EQ(ab.channels[1].first_touch, 0);
  EXPECT_EQ(r.transitions[1].reached_from, 1);  // B reached, C never
  EXPECT_EQ(r.transitions[1].made, 0);
}

TEST(StepAttribution, AsOwnEventIsNotCreditedBsIs) {
  // A arrives from social, B arrives from search: only search moved the person on.
  StepAttributionResult r = RunSteps({{{0, 3, kA, {}}, {kDay, 2, kB, {}}}});
  ASSERT_EQ(r.transitions[0].channels.size(), 1u);
  EXPECT_EQ(r.transitions[0].channels[0].channel, "search");
  EXPECT_DOUBLE_EQ(r.transitions[0].channels[0].linear, 1);
}

TEST(StepAttribution, WindowEdgeIsInclusive) {
  StepAttributionResult in = RunSteps({{{0, 0, kA, {}}, {7 * kDay, 1, kB, {}}}});
  EXPECT_EQ(in.transitions[0].made, 1);
  StepAttributionResult out = RunSteps({{{0, 0, kA, {}}, {7 * kDay + 1, 1, kB, {}}}});
  EXPECT_EQ(out.transitions[0].made, 0);
  EXPECT_EQ(out.transitions[0].reached_from, 1);
  EXPECT_TRUE(out.transitions[0].channels.empty());
}

TEST(StepAttribution, BBeforeAIsNotAStep) {
  StepAttributionResult r = RunSteps({{{0, 1, kB, {}}, {kDay, 0, kA, {}}}});
  EXPECT_EQ(r.transitions[0].reached_from, 1);
  EXPECT_EQ(r.transitions[0].made, 0);
}

TEST(StepAttribution, StepWithoutTouchIsUnattributed) {
  StepAttributionResult r = RunSteps({{{0, 0, kA, {}}, {kDay, 0, kB, {}}}});
  EXPECT_EQ(r.transitions[0].made, 1);
  EXPECT_EQ(r.transitions[0].unattributed, 1);
  EXPECT_TRUE(r.transitions[0].channels.empty());
}

TEST(StepAttribution, EmptyInputGivesZeroCountsForEveryTransition) {
  StepAttributionResult r = RunSteps({});
  ASSERT_EQ(r.transitions.size(), 2u);
  EXPECT_EQ(r.transitions[1].from, "B");
  EXPECT_EQ(r.transitions[1].to, "C");
  EXPECT_EQ(r.transitions[0].made, 0);
}

// A brute-force reading of docs/analyses/step-attribution.md, in doubles.
struct Expected {
  std::map<std::pair<size_t, int>, double> first, last, linear;
  std::vector<int64_t> reached, made, none;
};

Expected BruteForce(const std::vector<std::vector<KernelTestEvent>>& persons, TimeMs window) {
  Expected e;
  e.reached.assign(2, 0);
  e.made.assign(2, 0);
  e.none.assign(2, 0);
  for (std::vector<KernelTestEvent> p : persons) {
    std::stable_sort(p.begin(), p.end(), [](auto& a, auto& b) { return a.time < b.time; });
    int reach[3] = {-1, -1, -1};
    for (int s = 0; s < 3; ++s) {
      for (size_t i = 0; i < p.size() && reach[s] < 0; ++i) {
        if (p[i].mask & (1u << s)) reach[s] = static_cast<int>(i);
      }
    }
    for (size_t t = 0; t < 2; ++t) {
      int a = reach[t], b = reach[t + 1];
      if (a < 0) continue;
      ++e.reached[t];
      if (b <= a || p[b].time - p[a].time > window) continue;
      ++e.made[t];
      std::vector<int> touches;
      for (int i = a + 1; i <= b; ++i) {
        if (p[i].channel) touches.push_back(p[i].channel);
      }
      if (touches.empty()) {
        ++e.none[t];
        continue;
      }
      e.first[{t, touches.front()}] += 1;
      e.last[{t, touches.back()}] += 1;
      for (int c : touches) e.linear[{t, c}] += 1.0 / touches.size();
    }
  }
  return e;
}

std::vector<std::vector<KernelTestEvent>> RandomPersons(std::mt19937_64& rng, int n) {
  std::vector<std::vector<KernelTestEvent>> persons(n);
  for (auto& p : persons) {
    int events = static_cast<int>(rng() % 12);
    for (int i = 0; i < events; ++i) {
      uint32_t mask = rng() % 4 == 0 ? static_cast<uint32_t>(1u << (rng() % 3)) : 0;
      p.push_back(
          {static_cast<TimeMs>(rng() % 20) * kDay / 2, static_cast<uint8_t>(rng() % 4), mask, {}});
    }
  }
  return persons;
}

TEST(StepAttribution, MatchesBruteForceOnRandomPersons) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 30; ++round) {
    auto persons = RandomPersons(rng, 40);
    StepAttributionResult r = RunSteps(persons, 3 * kDay);
    Expected e = BruteForce(persons, 3 * kDay);
    for (size_t t = 0; t < 2; ++t) {
      EXPECT_EQ(r.transitions[t].reached_from, e.reached[t]);
      EXPECT_EQ(r.transitions[t].made, e.made[t]);
      EXPECT_EQ(r.transitions[t].unattributed, e.none[t]);
      for (const StepChannelCredit& c : r.transitions[t].channels) {
        int id = c.channel == "email" ? 1 : c.channel == "search" ? 2 : 3;
        const std::pair<size_t, int> key(t, id);
        EXPECT_NEAR(c.first_touch, e.first[key], 1e-12);
        EXPECT_NEAR(c.last_touch, e.last[key], 1e-12);
        EXPECT_NEAR(c.linear, e.linear[key], 1e-12);
      }
    }
  }
}

TEST(StepAttribution, LinearSharesOfEachStepAddUpToExactlyOne) {
  // Seven touches: 1/7 is not a finite binary fraction; the shares still sum to one exactly.
  std::vector<KernelTestEvent> p = {{0, 0, kA, {}}};
  for (int i = 1; i <= 7; ++i) p.push_back({i * 1000, static_cast<uint8_t>(1 + i % 3), 0, {}});
  p.push_back({8000, 0, kB, {}});
  StepAttributionResult r = RunSteps({p, p, p});
  double sum = 0;
  for (const StepChannelCredit& c : r.transitions[0].channels) sum += c.linear;
  EXPECT_EQ(sum, 3.0);
}

TEST(StepAttribution, AnySplitMergesToTheOnePassResult) {
  std::mt19937_64 rng(11);
  for (int round = 0; round < 20; ++round) {
    EventTable table = BuildKernelTestTable(RandomPersons(rng, 60), {"email", "search", "social"});
    ExpectRandomSplitMergesToOnePass(table, StepAttributionState(Config(3 * kDay)), rng);
  }
}

}  // namespace
}  // namespace winpath
