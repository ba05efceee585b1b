#include "analysis/lifecycle.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "analysis/kernel_test_support.h"

namespace winpath {
namespace {

constexpr TimeMs kDay = kMsPerDay;
constexpr TimeMs kMonday = 1767571200000LL;  // 2026-01-05T00:00:00Z

std::shared_ptr<LifecycleConfig> Config(PeriodGrid grid, LifecycleMatch match, LifecycleNew mode) {
  auto c = std::make_shared<LifecycleConfig>();
  c->grid = grid;
  c->match = match;
  c->step = JourneyStep{"Buy", 1};  // bit 1, any match
  c->new_means = mode;
  return c;
}

LifecycleResult RunLifecycleKernel(const std::shared_ptr<LifecycleConfig>& c,
                                   const std::vector<std::vector<KernelTestEvent>>& persons) {
  EventTable table = BuildKernelTestTable(persons, {});
  LifecycleState state(c);
  for (size_t p = 0; p < table.num_persons(); ++p) state.Add(table.person(p));
  return state.Finalize();
}

TEST(LifecycleTest, NewReturningDormantResurrecting) {
  auto c = Config(PeriodGrid(PeriodKind::kDay, kMonday, kMonday + 5 * kDay),
                  LifecycleMatch::kAnyEvent, LifecycleNew::kFirstSeen);
  // Active on days 0, 1, 3.
  LifecycleResult r = RunLifecycleKernel(
      c, {{{kMonday, 0, 0, {}}, {kMonday + kDay + 5, 0, 0, {}}, {kMonday + 3 * kDay, 0, 0, {}}}});
  ASSERT_EQ(r.periods.size(), 5u);
  EXPECT_EQ(r.periods[0].new_persons, 1);
  EXPECT_EQ(r.periods[1].returning, 1);
  EXPECT_EQ(r.periods[2].dormant, -1);
  EXPECT_EQ(r.periods[3].resurrecting, 1);
  EXPECT_EQ(r.periods[4].dormant, -1);
  EXPECT_EQ(r.periods[3].active, 1);
}

TEST(LifecycleTest, FirstSeenBeforeTheEventOfInterestMakesItResurrecting) {
  const std::vector<std::vector<KernelTestEvent>> persons = {
      {{kMonday, 0, 0, {}}, {kMonday + 2 * kDay, 0, 2, {}}}};
  PeriodGrid grid(PeriodKind::kDay, kMonday, kMonday + 3 * kDay);
  LifecycleResult seen =
      RunLifecycleKernel(Config(grid, LifecycleMatch::kStep, LifecycleNew::kFirstSeen), persons);
  EXPECT_EQ(seen.periods[2].resurrecting, 1);
  EXPECT_EQ(seen.periods[2].new_persons, 0);
  LifecycleResult first =
      RunLifecycleKernel(Config(grid, LifecycleMatch::kStep, LifecycleNew::kFirstEvent), persons);
  EXPECT_EQ(first.periods[2].new_persons, 1);
}

// Straight from the definition, over the set of active periods.
std::vector<std::array<int64_t, 4>> Reference(const LifecycleConfig& c,
                                              const std::vector<std::vector<KernelTestEvent>>& ps) {
  std::vector<std::array<int64_t, 4>> out(static_cast<size_t>(c.grid.size()));
  for (const auto& events : ps) {
    std::set<int64_t> active;
    std::optional<int64_t> first;
    if (c.new_means == LifecycleNew::kFirstSeen) first = c.grid.Index(events[0].time);
    for (const KernelTestEvent& e : events) {
      if (c.match == LifecycleMatch::kStep && (e.mask & 2) == 0) continue;
      active.insert(c.grid.Index(e.time));
      if (!first) first = c.grid.Index(e.time);
    }
    for (int64_t p = 0; p < c.grid.size(); ++p) {
      auto& row = out[static_cast<size_t>(p)];
      if (active.count(p)) {
        ++row[first == p ? 0 : active.count(p - 1) ? 1 : 2];
      } else if (active.count(p - 1)) {
        --row[3];
      }
    }
  }
  return out;
}

std::vector<std::vector<KernelTestEvent>> RandomPersons(std::mt19937_64& rng) {
  std::vector<std::vector<KernelTestEvent>> persons(1 + rng() % 30);
  for (auto& events : persons) {
    const size_t n = 1 + rng() % 10;
    for (size_t i = 0; i < n; ++i) {
      events.push_back({kMonday + static_cast<TimeMs>(rng() % (40 * kDay)),
                        0,
                        static_cast<uint32_t>(rng() % 2 ? 2 : 0),
                        {}});
    }
    std::sort(events.begin(), events.end(),
              [](const KernelTestEvent& a, const KernelTestEvent& b) { return a.time < b.time; });
  }
  return persons;
}

TEST(LifecycleTest, MatchesTheDefinitionOnRandomPersons) {
  std::mt19937_64 rng(3);
  for (int round = 0; round < 300; ++round) {
    const PeriodKind kind = static_cast<PeriodKind>(round % 3);
    PeriodGrid grid(kind, kMonday + 10 * kDay, kMonday + 40 * kDay);
    auto c = Config(grid, round % 2 ? LifecycleMatch::kStep : LifecycleMatch::kAnyEvent,
                    round % 4 < 2 ? LifecycleNew::kFirstSeen : LifecycleNew::kFirstEvent);
    auto persons = RandomPersons(rng);
    LifecycleResult r = RunLifecycleKernel(c, persons);
    auto expected = Reference(*c, persons);
    ASSERT_EQ(r.periods.size(), expected.size());
    for (size_t p = 0; p < expected.size(); ++p) {
      const LifecyclePeriod& row = r.periods[p];
      ASSERT_EQ(expected[p], (std::array<int64_t, 4>{row.new_persons, row.returning,
                                                     row.resurrecting, row.dormant}))
          << "round " << round << " period " << p;
    }
  }
}

TEST(LifecycleTest, RandomSplitsMergeToOnePass) {
  std::mt19937_64 rng(5);
  for (int round = 0; round < 50; ++round) {
    auto c = Config(PeriodGrid(PeriodKind::kWeek, kMonday + 5 * kDay, kMonday + 40 * kDay),
                    round % 2 ? LifecycleMatch::kStep : LifecycleMatch::kAnyEvent,
                    LifecycleNew::kFirstSeen);
    EventTable table = BuildKernelTestTable(RandomPersons(rng), {});
    LifecycleState empty(c);
    ExpectRandomSplitMergesToOnePass(table, empty, rng);
  }
}

}  // namespace
}  // namespace winpath
