#include "analysis/drivers.h"

#include <gtest/gtest.h>

#include <random>

#include "analysis/kernel_test_support.h"

namespace winpath {
namespace {

constexpr uint32_t kA = 1u << 0, kB = 1u << 1;
constexpr uint8_t kEmail = 1, kSearch = 2, kSocial = 3;

// A -> B within 10; channels Email, Search, Social; data end 1000; min support 1.
std::shared_ptr<DriversConfig> Config(int64_t min_support = 1) {
  auto c = std::make_shared<DriversConfig>();
  c->pair = {{"A", 0}, {"B", 1}, 10, 1000};
  c->has_data_end = true;
  c->node_names = {"", "Email", "Search", "Social"};
  c->min_support = min_support;
  return c;
}

DriversResult RunAll(const std::shared_ptr<DriversConfig>& c,
                     const std::vector<std::vector<KernelTestEvent>>& persons) {
  const EventTable t = BuildKernelTestTable(persons, {"Email", "Search", "Social"});
  DriversState s(c);
  for (size_t p = 0; p < t.num_persons(); ++p) s.Add(t.person(p));
  return s.Finalize();
}

const DriverRow* Find(const std::vector<DriverRow>& rows, const std::string& name) {
  for (const DriverRow& r : rows) {
    if (r.touchpoint == name) return &r;
  }
  return nullptr;
}

TEST(Drivers, PeriodIsBetweenAAndBOrThroughTheWindow) {
  const DriversResult r =
      RunAll(Config(), {
                           // Converter: Email between; Social on the A event and Search on the B
                           // event and after it are outside the period.
                           {{0, kSocial, kA}, {3, kEmail, 0}, {5, kSearch, kB}, {6, kSearch, 0}},
                           // Non-converter: Search at the window end (10) counts, Social at 11 not.
                           {{0, 0, kA}, {10, kSearch, 0}, {11, kSocial, 0}},
                           // Window open at the data end: left out.
                           {{995, 0, kA}, {996, kEmail, 0}},
                           // Email twice counts once.
                           {{0, 0, kA}, {1, kEmail, 0}, {2, kEmail, 0}},
                       });
  EXPECT_EQ(r.reached, 4);
  EXPECT_EQ(r.in_progress, 1);
  EXPECT_EQ(r.persons, 3);
  EXPECT_EQ(r.converted, 1);
  EXPECT_EQ(r.not_converted, 2);
  const DriverRow* email = Find(r.touchpoints, "Email");
  ASSERT_NE(email, nullptr);
  EXPECT_EQ(email->converted_with, 1);
  EXPECT_EQ(email->not_converted_with, 1);
  EXPECT_DOUBLE_EQ(*email->share_converted, 1.0);
  EXPECT_DOUBLE_EQ(*email->share_not_converted, 0.5);
  const DriverRow* search = Find(r.touchpoints, "Search");
  ASSERT_NE(search, nullptr);
  EXPECT_EQ(search->converted_with, 0);
  EXPECT_EQ(search->not_converted_with, 1);
  EXPECT_EQ(Find(r.touchpoints, "Social"), nullptr);  // never inside a period
}

TEST(Drivers, MinSupportMovesRowsToTooRare) {
  const DriversResult r = RunAll(Config(2), {{{0, 0, kA}, {1, kEmail, 0}, {2, 0, kB}},
                                             {{0, 0, kA}, {1, kEmail, 0}},
                                             {{0, 0, kA}, {1, kSearch, 0}}});
  ASSERT_EQ(r.touchpoints.size(), 1u);
  EXPECT_EQ(r.touchpoints[0].touchpoint, "Email");
  ASSERT_EQ(r.too_rare.size(), 1u);
  EXPECT_EQ(r.too_rare[0].touchpoint, "Search");
  EXPECT_EQ(r.too_rare[0].verdict, DriverVerdict::kTooRare);
  EXPECT_FALSE(r.too_rare[0].p_value || r.too_rare[0].odds_ratio || r.too_rare[0].q_value);
}

TEST(Drivers, ZeroCellAndVerdicts) {
  // 20 converters all with Email, 20 non-converters none with it: a zero cell.
  std::vector<std::vector<KernelTestEvent>> persons;
  for (int i = 0; i < 20; ++i) persons.push_back({{0, 0, kA}, {1, kEmail, 0}, {2, 0, kB}});
  for (int i = 0; i < 20; ++i) persons.push_back({{0, 0, kA}, {1, kSearch, 0}});
  const DriversResult r = RunAll(Config(), persons);
  ASSERT_EQ(r.touchpoints.size(), 2u);
  EXPECT_EQ(r.touchpoints[0].touchpoint, "Email");  // over-represented first
  EXPECT_TRUE(r.touchpoints[0].odds_ratio->corrected);
  EXPECT_DOUBLE_EQ(r.touchpoints[0].odds_ratio->odds_ratio, (20.5 * 20.5) / (0.5 * 0.5));
  EXPECT_EQ(r.touchpoints[0].verdict, DriverVerdict::kOver);
  EXPECT_EQ(r.touchpoints[1].verdict, DriverVerdict::kUnder);
  // 2 / C(40, 20)
  EXPECT_NEAR(*r.touchpoints[0].p_value, 2.0 / 137846528820.0, 1e-24);
}

TEST(Drivers, NobodyReachedIsEmpty) {
  const DriversResult r = RunAll(Config(), {{{0, kEmail, kB}}});
  EXPECT_EQ(r.reached, 0);
  EXPECT_TRUE(r.touchpoints.empty());
  EXPECT_TRUE(r.too_rare.empty());
}

TEST(Drivers, RandomSplitsMergeToOnePass) {
  std::mt19937 rng(5);
  for (int round = 0; round < 30; ++round) {
    std::vector<std::vector<KernelTestEvent>> persons(40);
    for (auto& events : persons) {
      const int n = static_cast<int>(rng() % 7);
      for (int k = 0; k < n; ++k) {
        events.push_back({static_cast<TimeMs>(rng() % 1000), static_cast<uint8_t>(rng() % 4),
                          static_cast<uint32_t>(rng() % 4)});
      }
    }
    const EventTable t = BuildKernelTestTable(persons, {"Email", "Search", "Social"});
    auto c = Config(3);
    c->pair.window = 300;
    ExpectRandomSplitMergesToOnePass(t, DriversState(c), rng);
  }
}

}  // namespace
}  // namespace winpath
