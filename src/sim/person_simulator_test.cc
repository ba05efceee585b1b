#include "sim/person_simulator.h"

#include <gtest/gtest.h>

#include "model/journey_map_loader.h"

namespace winpath::sim {
namespace {

class CounterfactualTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto map = LoadJourneyMapFile(std::string(WINPATH_SOURCE_DIR) + "/examples/saas.yaml");
    ASSERT_TRUE(map.ok()) << map.status().ToString();
    map_ = std::move(*map);
    SimulationOptions options;
    options.persons = 2000;
    options.days = 120;
    auto plan = BuildPlan(map_, options);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    plan_ = std::move(*plan);
  }
  PersonOutcome RunPerson(uint64_t ordinal, Counterfactual cf) {
    PersonSimulator sim(plan_, nullptr);
    PersonOutcome out;
    PersonSpec spec;
    spec.ordinal = ordinal;
    sim.Run(spec, cf, &out);
    return out;
  }
  JourneyMap map_;
  JourneyPlan plan_;
};

TEST_F(CounterfactualTest, WithoutTheAcquiringChannelThePersonNeverArrives) {
  for (uint64_t ordinal = 0; ordinal < 50; ++ordinal) {
    PersonOutcome actual = RunPerson(ordinal, {});
    ASSERT_GE(actual.acquisition, 0);
    PersonOutcome without = RunPerson(ordinal, {.removed = actual.acquisition});
    EXPECT_EQ(without.events, 0u) << ordinal;
    EXPECT_EQ(without.win_reached, 0u) << ordinal;
    EXPECT_EQ(without.touched, 0u) << ordinal;
  }
}

TEST_F(CounterfactualTest, RemovingAnUntouchedChannelReplaysTheSameJourney) {
  int checked = 0;
  for (uint64_t ordinal = 0; ordinal < 200; ++ordinal) {
    PersonOutcome actual = RunPerson(ordinal, {});
    for (size_t c = 0; c < plan_.channels.size(); ++c) {
      if ((actual.touched >> c) & 1u) continue;
      PersonOutcome without = RunPerson(ordinal, {.removed = static_cast<int>(c)});
      EXPECT_EQ(without.events, actual.events);
      EXPECT_EQ(without.win_reached, actual.win_reached);
      EXPECT_EQ(without.touched, actual.touched);
      ++checked;
    }
  }
  EXPECT_GT(checked, 200);
}

TEST_F(CounterfactualTest, ARemovedChannelNeverBringsASession) {
  int changed = 0;
  for (uint64_t ordinal = 0; ordinal < 300; ++ordinal) {
    PersonOutcome actual = RunPerson(ordinal, {});
    for (size_t c = 0; c < plan_.channels.size(); ++c) {
      if (!((actual.touched >> c) & 1u) || plan_.channels[c].event_touch) continue;
      PersonOutcome without = RunPerson(ordinal, {.removed = static_cast<int>(c)});
      EXPECT_EQ((without.touched >> c) & 1u, 0u) << "ordinal " << ordinal << " channel " << c;
      changed += without.events != actual.events;
    }
  }
  EXPECT_GT(changed, 100);  // removal changes journeys, it is not a no-op
}

TEST_F(CounterfactualTest, ReturningWithoutTheChannelKeepsTheJourneyUpToTheMissingSession) {
  int longer = 0;
  for (uint64_t ordinal = 0; ordinal < 300; ++ordinal) {
    PersonOutcome actual = RunPerson(ordinal, {});
    for (size_t c = 0; c < plan_.channels.size(); ++c) {
      if (!((actual.touched >> c) & 1u) || plan_.channels[c].event_touch) continue;
      const int removed = static_cast<int>(c);
      PersonOutcome ends = RunPerson(ordinal, {.removed = removed});
      PersonOutcome returns = RunPerson(ordinal, {.removed = removed, .return_without = true});
      // Both share the stream up to the first missing session; only the returning one goes on.
      EXPECT_GE(returns.events, ends.events) << "ordinal " << ordinal << " channel " << c;
      EXPECT_EQ((returns.touched >> c) & 1u, 0u);
      longer += returns.events > ends.events;
    }
  }
  EXPECT_GT(longer, 50);
}

}  // namespace
}  // namespace winpath::sim
