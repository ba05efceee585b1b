#include "analysis/funnel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "analysis/kernel_test_support.h"
#include "model/event_table.h"

namespace winpath {
namespace {

// Steps s0 -> s1 -> s2 on predicate bits 0, 1, 2; two channels; one dimension "plan".
std::shared_ptr<FunnelConfig> MakeConfig(FunnelMode mode, TimeMs window,
                                         FunnelBreakdown breakdown = FunnelBreakdown::kNone) {
  auto c = std::make_shared<FunnelConfig>();
  for (int b = 0; b < 3; ++b) c->matcher.steps.push_back({"s" + std::to_string(b), b});
  c->matcher.mode = mode;
  c->matcher.window = window;
  c->matcher.data_end = 1000;
  c->has_data_end = true;
  c->breakdown = breakdown;
  if (breakdown == FunnelBreakdown::kChannel) {
    c->breakdown_name = "channel";
    c->breakdown_values = {"(none)", "Email", "Direct"};
  } else if (breakdown == FunnelBreakdown::kDimension) {
    c->breakdown_name = "plan";
    c->breakdown_values = {"(none)", "pro", "free"};
  }
  return c;
}

struct Row {
  std::string person;
  TimeMs time;
  uint32_t mask;
  uint8_t channel = 0;
  uint16_t plan = 0;  // dimension code
};

EventTable Table(const std::vector<Row>& rows) {
  EventTableBuilder b({"Email", "Direct"}, {"plan"});
  b.InternDimensionValue(0, "pro");
  b.InternDimensionValue(0, "free");
  const uint16_t name = b.InternEventName("e");
  for (const Row& r : rows) {
    const uint16_t dims[1] = {r.plan};
    b.Add(b.InternPerson(r.person), r.time, name, r.channel, 0, r.mask, std::nullopt, dims);
  }
  auto t = std::move(b).Build();
  EXPECT_TRUE(t.ok());
  return std::move(t).value();
}

FunnelResult RunAll(const std::shared_ptr<FunnelConfig>& c, const EventTable& t) {
  FunnelState s(c);
  const int dim = c->breakdown == FunnelBreakdown::kDimension ? 0 : -1;
  for (size_t p = 0; p < t.num_persons(); ++p) s.Add(t.person(p, dim));
  return s.Finalize();
}

TEST(Funnel, CountsEnteredConvertedDroppedAndRates) {
  // a: all three steps; b: two; c: one; d: never starts.
  EventTable t = Table({{"a", 0, 1},
                        {"a", 10, 2},
                        {"a", 30, 4},
                        {"b", 0, 1},
                        {"b", 20, 2},
                        {"c", 0, 1},
                        {"d", 0, 2}});
  FunnelResult r = RunAll(MakeConfig(FunnelMode::kOrdered, 100), t);
  ASSERT_EQ(r.total.steps.size(), 3u);
  const auto& s = r.total.steps;
  EXPECT_EQ(r.total.persons, 3);
  EXPECT_EQ(s[0].entered, 3);
  EXPECT_EQ(s[0].converted, 2);
  EXPECT_EQ(s[0].dropped, 1);
  EXPECT_EQ(s[1].entered, 2);
  EXPECT_EQ(s[1].converted, 1);
  EXPECT_EQ(s[2].entered, 1);
  EXPECT_EQ(s[2].converted, 1);
  EXPECT_EQ(s[2].dropped, 0);
  EXPECT_DOUBLE_EQ(*s[1].rate_from_previous, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(*s[2].rate_from_previous, 0.5);
  EXPECT_DOUBLE_EQ(*s[2].rate_from_start, 1.0 / 3.0);
  // Nearest rank over {10, 20}: median = rank 1 = 10, p90 = rank 2 = 20.
  EXPECT_EQ(*s[1].median_ms_from_previous, 10);
  EXPECT_EQ(*s[1].p90_ms_from_previous, 20);
  EXPECT_EQ(*s[2].median_ms_from_previous, 20);
  EXPECT_EQ(*s[2].median_ms_from_start, 30);
  EXPECT_FALSE(s[0].median_ms_from_previous.has_value());
  // One person lost at each transition: the tie goes to the higher rate (1/2 > 1/3).
  ASSERT_TRUE(r.total.biggest_drop.has_value());
  EXPECT_EQ(r.total.biggest_drop->from_step, 2);
  EXPECT_EQ(r.total.biggest_drop->from, "s1");
  EXPECT_EQ(r.total.biggest_drop->to, "s2");
}

TEST(Funnel, InProgressIsNotDropped) {
  // data_end 1000, window 100: b's attempt at 950 is still open.
  EventTable t = Table({{"a", 0, 1}, {"b", 950, 1}});
  FunnelResult r = RunAll(MakeConfig(FunnelMode::kOrdered, 100), t);
  EXPECT_EQ(r.total.steps[0].entered, 2);
  EXPECT_EQ(r.total.steps[0].in_progress, 1);
  EXPECT_EQ(r.total.steps[0].dropped, 1);
}

TEST(Funnel, EmptyInputGivesZeroRowsWithoutRates) {
  EventTable t = Table({});
  FunnelResult r = RunAll(MakeConfig(FunnelMode::kOrdered, 100), t);
  EXPECT_EQ(r.total.persons, 0);
  ASSERT_EQ(r.total.steps.size(), 3u);
  EXPECT_FALSE(r.total.steps[0].rate_from_start.has_value());
  EXPECT_FALSE(r.total.biggest_drop.has_value());
}

TEST(Funnel, BreakdownByFirstTouchChannel) {
  EventTable t = Table(
      {{"a", 0, 0, 1}, {"a", 1, 1, 2}, {"a", 2, 2}, {"b", 0, 1}, {"b", 1, 0, 2}, {"c", 0, 1}});
  FunnelResult r = RunAll(MakeConfig(FunnelMode::kOrdered, 100, FunnelBreakdown::kChannel), t);
  ASSERT_EQ(r.groups.size(), 3u);
  EXPECT_EQ(r.groups[0].value, "(none)");  // ties on persons sort by value
  EXPECT_EQ(r.groups[1].value, "Direct");
  EXPECT_EQ(r.groups[2].value, "Email");
  EXPECT_EQ(r.groups[2].steps[1].entered, 1);
  EXPECT_EQ(r.total.persons, 3);
}

TEST(Funnel, BreakdownByDimensionOfTheCountedAttemptsFirstEvent) {
  EventTable t = Table({{"a", 0, 1, 0, 2}, {"a", 5, 1, 0, 1}, {"a", 6, 2, 0, 2}});
  FunnelResult r = RunAll(MakeConfig(FunnelMode::kOrdered, 100, FunnelBreakdown::kDimension), t);
  ASSERT_EQ(r.groups.size(), 1u);
  EXPECT_EQ(r.groups[0].value, "free");  // the earliest attempt reaching step 2 starts at 0
}

// Random persons, random splits, merged in random order == one pass.
TEST(Funnel, MergeOfRandomSplitsEqualsOnePass) {
  std::mt19937_64 rng(7);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  for (int round = 0; round < 60; ++round) {
    std::vector<Row> rows;
    const int persons = pick(0, 40);
    for (int p = 0; p < persons; ++p) {
      const int events = pick(1, 12);
      for (int e = 0; e < events; ++e) {
        rows.push_back({"p" + std::to_string(p), pick(0, 1000), static_cast<uint32_t>(pick(0, 7)),
                        static_cast<uint8_t>(pick(0, 2)), static_cast<uint16_t>(pick(0, 2))});
      }
    }
    EventTable t = Table(rows);
    const auto mode = static_cast<FunnelMode>(pick(0, 2));
    const auto breakdown = static_cast<FunnelBreakdown>(pick(0, 2));
    auto c = MakeConfig(mode, pick(1, 300), breakdown);

    FunnelState empty(c);
    const int dim = breakdown == FunnelBreakdown::kDimension ? 0 : -1;
    {
      SCOPED_TRACE(round);
      ExpectRandomSplitMergesToOnePass(t, empty, rng, dim);
    }
    ASSERT_EQ(FunnelState(empty).Finalize(), FunnelState(c).Finalize());
  }
}

}  // namespace
}  // namespace winpath
