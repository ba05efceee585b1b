#include "analysis/flywheel.h"

#include <gtest/gtest.h>

#include <random>

#include "analysis/kernel_test_support.h"

namespace winpath {
namespace {

constexpr TimeMs kDay = kMsPerDay;
// Monday 2026-01-05T00:00:00Z.
constexpr TimeMs kMonday = 1767571200000LL;

// bit 0 prospect; bit 1 customer (first purchase); bit 2 repeat customer from its 2nd match
// (every purchase carries bits 1 and 2, like a map's Purchase and Repeat purchase); bit 3
// promoter.
std::shared_ptr<FlywheelConfig> Config(PeriodKind kind, TimeMs start, TimeMs end, TimeMs dormant) {
  auto c = std::make_shared<FlywheelConfig>();
  c->grid = PeriodGrid(kind, start, end);
  c->dormant_after = dormant;
  c->rules = {{0, 1, 1}, {1, 1, 2}, {2, 2, 3}, {3, 1, 4}};
  c->channel_names = {"Email", "Search"};
  return c;
}

FlywheelResult RunFlywheelKernel(const std::shared_ptr<FlywheelConfig>& c,
                                 const std::vector<std::vector<KernelTestEvent>>& persons) {
  EventTable table = BuildKernelTestTable(persons, c->channel_names);
  FlywheelState state(c);
  for (size_t p = 0; p < table.num_persons(); ++p) state.Add(table.person(p));
  return state.Finalize();
}

TEST(FlywheelTest, StagesRiseSkipAndGoDormant) {
  auto c = Config(PeriodKind::kWeek, kMonday, kMonday + 28 * kDay, 7 * kDay);
  // Purchase first (skips prospect), a 2nd purchase, then silence: dormant 7 days later.
  FlywheelResult r =
      RunFlywheelKernel(c, {{{kMonday, 1, 0b0110, {}}, {kMonday + kDay, 0, 0b0110, {}}}});
  ASSERT_EQ(r.periods.size(), 4u);
  EXPECT_EQ(r.periods[0].new_persons, 1);
  EXPECT_EQ(r.periods[0].persons[3], 1);  // repeat customer at the end of week 1
  ASSERT_EQ(r.periods[0].flows.size(), 2u);
  EXPECT_EQ(r.periods[0].flows[0], (FlywheelFlow{"customer", "repeat_customer", 1}));
  EXPECT_EQ(r.periods[0].flows[1], (FlywheelFlow{"new", "customer", 1}));
  // Dormant at day 8 exactly: week 2.
  EXPECT_EQ(r.periods[1].persons[kFlywheelStages + 3], 1);
  EXPECT_EQ(r.periods[1].flows[0], (FlywheelFlow{"repeat_customer", "dormant_repeat_customer", 1}));
  EXPECT_EQ(r.time_in_state[2].stays, 1);
  EXPECT_EQ(r.time_in_state[2].median_ms, kDay);
  EXPECT_EQ(r.time_in_state[3].median_ms, 7 * kDay);
}

TEST(FlywheelTest, ReactivationCountsTheEventsChannel) {
  auto c = Config(PeriodKind::kWeek, kMonday, kMonday + 28 * kDay, 7 * kDay);
  FlywheelResult r =
      RunFlywheelKernel(c, {{{kMonday, 0, 0b0010, {}}, {kMonday + 7 * kDay, 2, 0, {}}},
                            {{kMonday, 0, 0b0010, {}}, {kMonday + 7 * kDay - 1, 2, 0, {}}}});
  ASSERT_EQ(r.reactivations.size(), 1u);  // a gap of exactly dormant_after is dormancy
  EXPECT_EQ(r.reactivations[0], (FlywheelReactivation{"customer", "Search", 1}));
}

// The state of one person at instant x, straight from the definition: the highest stage its
// events before x reach, dormant when dormant_after has passed since the last of them.
int ReferenceState(const std::vector<KernelTestEvent>& events, TimeMs x, TimeMs dormant) {
  int stage = 0, purchases = 0;
  TimeMs last = 0;
  bool seen = false;
  for (const KernelTestEvent& e : events) {
    if (e.time >= x) break;
    seen = true;
    last = e.time;
    if (e.mask & 1) stage = std::max(stage, 1);
    if (e.mask & 2) stage = std::max(stage, 2);
    if ((e.mask & 4) && ++purchases >= 2) stage = std::max(stage, 3);
    if (e.mask & 8) stage = 4;
  }
  if (!seen) return -1;
  return last + dormant < x ? kFlywheelStages + stage : stage;
}

std::vector<std::vector<KernelTestEvent>> RandomPersons(std::mt19937_64& rng, TimeMs base) {
  std::vector<std::vector<KernelTestEvent>> persons(1 + rng() % 40);
  for (auto& events : persons) {
    const size_t n = 1 + rng() % 12;
    for (size_t i = 0; i < n; ++i) {
      const uint32_t kinds[] = {0, 0, 0, 1, 0b0110, 8};
      events.push_back({base + static_cast<TimeMs>(rng() % (70 * kDay)),
                        static_cast<uint8_t>(rng() % 3),
                        kinds[rng() % 6],
                        {}});
    }
    std::sort(events.begin(), events.end(),
              [](const KernelTestEvent& a, const KernelTestEvent& b) { return a.time < b.time; });
  }
  return persons;
}

TEST(FlywheelTest, PersonsAtPeriodEndMatchTheDefinition) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 200; ++round) {
    const TimeMs start = kMonday + 20 * kDay, end = kMonday + 60 * kDay + 1234;
    const TimeMs dormant = (1 + static_cast<TimeMs>(rng() % 10)) * kDay;
    const PeriodKind kind = round % 2 ? PeriodKind::kWeek : PeriodKind::kDay;
    auto c = Config(kind, start, end, dormant);
    auto persons = RandomPersons(rng, kMonday);
    for (auto& events : persons) {
      std::erase_if(events, [&](const KernelTestEvent& e) { return e.time >= end; });
    }
    std::erase_if(persons, [](const auto& events) { return events.empty(); });
    FlywheelResult r = RunFlywheelKernel(c, persons);
    ASSERT_EQ(static_cast<int64_t>(r.periods.size()), c->grid.size());
    for (int64_t p = -1; p < c->grid.size(); ++p) {
      const TimeMs x = std::min(c->grid.Start(p + 1), end);
      std::array<int64_t, kFlywheelStates> expected{};
      for (const auto& events : persons) {
        const int s = ReferenceState(events, x, dormant);
        if (s >= 0) ++expected[static_cast<size_t>(s)];
      }
      const auto& actual = p < 0 ? r.persons_at_start : r.periods[static_cast<size_t>(p)].persons;
      ASSERT_EQ(expected, actual) << "round " << round << " period " << p;
    }
  }
}

TEST(FlywheelTest, RandomSplitsMergeToOnePass) {
  std::mt19937_64 rng(11);
  for (int round = 0; round < 50; ++round) {
    auto c = Config(PeriodKind::kWeek, kMonday + 10 * kDay, kMonday + 70 * kDay, 5 * kDay);
    EventTable table = BuildKernelTestTable(RandomPersons(rng, kMonday), c->channel_names);
    FlywheelState empty(c);
    ExpectRandomSplitMergesToOnePass(table, empty, rng);
  }
}

// Past 4096 stays Finalize selects through a histogram; it must equal plain nearest rank.
TEST(FlywheelTest, ManyStaysGiveExactPercentiles) {
  std::mt19937_64 rng(13);
  auto c = Config(PeriodKind::kMonth, kMonday, kMonday + 300 * kDay, 400 * kDay);
  std::vector<std::vector<KernelTestEvent>> persons;
  std::vector<TimeMs> stays;
  for (int p = 0; p < 6000; ++p) {
    const TimeMs stay = static_cast<TimeMs>(rng() % (p % 3 ? 1000 : 200 * kDay));
    stays.push_back(stay);
    persons.push_back({{kMonday, 0, 1, {}}, {kMonday + stay, 0, 0b0110, {}}});
  }
  FlywheelResult r = RunFlywheelKernel(c, persons);
  std::sort(stays.begin(), stays.end());
  const FlywheelStay& prospect = r.time_in_state[1];
  EXPECT_EQ(prospect.stays, 6000);
  EXPECT_EQ(prospect.median_ms, stays[(50 * 6000 + 99) / 100 - 1]);
  EXPECT_EQ(prospect.p90_ms, stays[(90 * 6000 + 99) / 100 - 1]);
}

TEST(FlywheelTest, StateNames) {
  EXPECT_EQ(FlywheelStateName(0), "stranger");
  EXPECT_EQ(FlywheelStateName(3), "repeat_customer");
  EXPECT_EQ(FlywheelStateName(kFlywheelStages + 2), "dormant_customer");
  EXPECT_EQ(FlywheelStateName(kFlywheelNew), "new");
}

}  // namespace
}  // namespace winpath
