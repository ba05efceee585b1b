// Planted effects and the truth file: the multipliers are visible in the simulated
// conversions, the counterfactuals are exact, the counts agree with each other.
#include <gtest/gtest.h>

#include <algorithm>

#include "sim/sim_test_util.h"
#include "sim/simulator.h"

namespace winpath::sim {
namespace {

using testing::BasicMap;
using testing::MustRun;
using testing::Options;
using testing::RunOutput;

TEST(PlantedEffects, PlantedEffectIsVisibleInFirstTouchConversion) {
  JourneyMap map = BasicMap();
  SimulationOptions o = Options(30000, 180, 14);
  o.counterfactual = false;
  for (const char* ch : {"Paid Search", "Display"}) {
    o.effects.push_back({ch, "Register", 1.0});
    o.effects.push_back({ch, "Support", 1.0});
  }
  o.effects.push_back({"Paid Search", "Buy", 3.0});
  o.effects.push_back({"Display", "Buy", 0.3});
  RunOutput r = MustRun(map, o);
  nlohmann::json t = nlohmann::json::parse(r.truth);
  EXPECT_EQ(t["channels"]["Paid Search"]["Buy"].get<double>(), 3.0);
  EXPECT_EQ(t["channels"]["Display"]["Buy"].get<double>(), 0.3);
  auto rate = [&](const char* ch) {
    const auto& f = t["first_touch"][ch];
    return f["Buy"].get<double>() / f["persons"].get<double>();
  };
  EXPECT_GT(rate("Paid Search"), 2 * rate("Display"));
  // The expected ranking puts the strong channel before the weak one.
  std::vector<std::string> ranking = t["expected_ranking"]["Buy"];
  auto pos = [&](const std::string& ch) {
    return std::find(ranking.begin(), ranking.end(), ch) - ranking.begin();
  };
  EXPECT_LT(pos("Paid Search"), pos("Display"));
  EXPECT_EQ(ranking.size(), t["acquisition_share"].size() - 0);
}

TEST(PlantedEffects, DrawnEffectsGiveEachWinAClearBestChannel) {
  JourneyMap map = BasicMap();
  RunOutput r = MustRun(map, Options(100, 30, 15));
  nlohmann::json t = nlohmann::json::parse(r.truth);
  for (const char* win : {"Buy", "Support", "Register"}) {
    std::vector<std::string> order = t["multiplier_ranking"][win];
    ASSERT_GE(order.size(), 2u);
    double first = t["channels"][order[0]][win], second = t["channels"][order[1]][win];
    EXPECT_GE(first, 1.25 * second - 0.01) << win;
    EXPECT_GE(first, 2.0) << win;
  }
  EXPECT_EQ(t["channels"]["Direct"]["Buy"].get<double>(), 1.0);
}

TEST(PlantedEffects, CounterfactualOfANeutralChannelIsExactlyZero) {
  JourneyMap map = BasicMap();
  SimulationOptions o = Options(2000, 120, 16);
  for (const char* target : {"Buy", "Support", "Register"}) {
    o.effects.push_back({"Organic Search", target, 1.0});
  }
  RunOutput r = MustRun(map, o);
  nlohmann::json t = nlohmann::json::parse(r.truth);
  for (const char* win : {"Buy", "Support", "Register"}) {
    const auto& c = t["counterfactual"]["Organic Search"][win];
    EXPECT_GT(c["actual"].get<int64_t>(), 0) << win;
    EXPECT_EQ(c["incremental"].get<int64_t>(), 0) << win;
    EXPECT_EQ(c["actual"], c["neutral"]);
    const auto& p = t["counterfactual"]["Paid Search"][win];
    EXPECT_EQ(p["incremental"].get<int64_t>(),
              p["actual"].get<int64_t>() - p["neutral"].get<int64_t>());
  }
}

TEST(PlantedEffects, CounterfactualSignFollowsTheMultiplier) {
  JourneyMap map = BasicMap();
  SimulationOptions o = Options(4000, 120, 23);
  o.effects = {{"Paid Search", "Register", 3.0}, {"Display", "Register", 0.2}};
  nlohmann::json t = nlohmann::json::parse(MustRun(map, o).truth);
  EXPECT_GT(t["counterfactual"]["Paid Search"]["Register"]["incremental"].get<int64_t>(), 20);
  EXPECT_LT(t["counterfactual"]["Display"]["Register"]["incremental"].get<int64_t>(), -5);
}

TEST(TruthFile, TouchCountsAreConsistent) {
  JourneyMap map = BasicMap();
  RunOutput r = MustRun(map, Options(1500, 120, 17));
  nlohmann::json t = nlohmann::json::parse(r.truth);
  uint64_t first_total = 0;
  for (const auto& [ch, f] : t["first_touch"].items()) {
    first_total += f["persons"].get<uint64_t>();
    for (const char* win : {"Buy", "Support", "Register"}) {
      // A converter first-touched by a channel was touched by it before converting.
      EXPECT_LE(f[win].get<uint64_t>(), t["touched"][ch][win].get<uint64_t>()) << ch << win;
      EXPECT_LE(t["touched"][ch][win].get<uint64_t>(), t["converters"][win].get<uint64_t>());
    }
  }
  EXPECT_EQ(first_total, t["persons_total"].get<uint64_t>());
  EXPECT_EQ(t["persons"].get<uint64_t>(), 1500u);
  EXPECT_EQ(t["seed"].get<uint64_t>(), 17u);
}

}  // namespace
}  // namespace winpath::sim
