// RunGaps and RunDrivers: spec checking (field named), targets and defaults from the map, the
// scan's `to` as the data end. Semantics are pinned by tests/golden/gaps/ and
// tests/golden/drivers/.
#include "query/gaps_query.h"

#include <gtest/gtest.h>

#include "query/drivers_query.h"

namespace winpath {
namespace {

constexpr TimeMs kT0 = 1767225600000LL;

// Milestones Trial (bit 0) and Purchase (bit 1), no wins; one target Trial -> Purchase 25%.
JourneyMap Map() {
  JourneyMap map;
  map.milestones.resize(2);
  map.milestones[0].name = "Trial";
  map.milestones[1].name = "Purchase";
  map.milestones[1].phase = MilestonePhase::kCore;
  map.windows.conversion = 2 * kMsPerDay;
  map.targets.push_back({"Trial", "Purchase", 0.25, std::nullopt, {}});
  return map;
}

// p0: trial at 0, Email at 1h, purchase at 1d. p1: trial at 0, Direct at 1h; p2: trial at 5d.
EventTable Table() {
  EventTableBuilder b({"Email", "Direct"});
  const uint16_t e = b.InternEventName("e");
  const uint32_t p0 = b.InternPerson("p0"), p1 = b.InternPerson("p1"), p2 = b.InternPerson("p2");
  b.Add(p0, kT0, e, 0, 0, 1);
  b.Add(p0, kT0 + kMsPerHour, e, 1, 0, 0);
  b.Add(p0, kT0 + kMsPerDay, e, 0, 0, 2);
  b.Add(p1, kT0, e, 0, 0, 1);
  b.Add(p1, kT0 + kMsPerHour, e, 2, 0, 0);
  b.Add(p2, kT0 + 5 * kMsPerDay, e, 0, 0, 1);
  return std::move(b).Build().value();
}

TEST(RunGapsTest, WithinDefaultsToTheConversionWindowAndOpenWindowsAreLeftOut) {
  auto r = RunGaps(Table(), Map(), {}, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->targets.size(), 1u);
  const GapsTargetResult& t = r->targets[0];
  EXPECT_EQ(t.within, 2 * kMsPerDay);
  EXPECT_EQ(t.reached, 3);
  EXPECT_EQ(t.in_progress, 1);  // p2: 5d + 2d >= data end 5d + 1 ms
  EXPECT_EQ(t.persons, 2);
  EXPECT_EQ(t.converted, 1);
  EXPECT_EQ(*r->data_end, kT0 + 5 * kMsPerDay + 1);
}

TEST(RunGapsTest, ScanToIsTheDataEnd) {
  ScanOptions scan;
  scan.to = kT0 + 30 * kMsPerDay;
  auto r = RunGaps(Table(), Map(), {}, scan);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->targets[0].in_progress, 0);
  EXPECT_EQ(r->targets[0].persons, 3);
}

TEST(RunGapsTest, NoTargetsIsAnEmptyResult) {
  JourneyMap map = Map();
  map.targets.clear();
  auto r = RunGaps(Table(), map, {}, {});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->targets.empty());
}

TEST(RunGapsTest, BadTargetsAndSpecsNameTheField) {
  JourneyMap map = Map();
  map.targets[0].rate = 1.5;
  auto r = RunGaps(Table(), map, {}, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "targets[1].rate: must be in [0, 1], e.g. 0.25");
  map = Map();
  map.targets[0].to = "Purchse";
  r = RunGaps(Table(), map, {}, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().rfind("targets[1].to: unknown milestone or win 'Purchse'", 0), 0u)
      << r.status().message();
  GapsSpec spec;
  spec.alpha = 0;
  r = RunGaps(Table(), Map(), spec, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "alpha: must be in (0, 1), e.g. 0.05");
}

TEST(RunDriversTest, CountsTouchpointsOfTheCohort) {
  DriversSpec spec;
  spec.from = "Trial";
  spec.to = "Purchase";
  spec.min_support = 1;
  auto r = RunDrivers(Table(), Map(), spec, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->window, 2 * kMsPerDay);
  EXPECT_EQ(r->in_progress, 1);
  EXPECT_EQ(r->converted, 1);
  EXPECT_EQ(r->not_converted, 1);
  ASSERT_EQ(r->touchpoints.size(), 2u);
  EXPECT_EQ(r->touchpoints[0].touchpoint, "Email");  // OR 9 (corrected) before Direct (1/9)
  EXPECT_EQ(r->touchpoints[1].touchpoint, "Direct");
}

TEST(RunDriversTest, BadSpecsNameTheField) {
  DriversSpec spec;
  spec.from = "Trial";
  spec.to = "Purchase";
  spec.node = "page";
  auto r = RunDrivers(Table(), Map(), spec, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "node: unknown node 'page'; valid: channel, event");
  spec.node = "channel";
  spec.window = 0;
  r = RunDrivers(Table(), Map(), spec, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "window: must be positive");
  spec.window.reset();
  spec.to = "Trial";
  r = RunDrivers(Table(), Map(), spec, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "to: must differ from `from` ('Trial')");
}

}  // namespace
}  // namespace winpath
