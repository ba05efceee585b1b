// Golden cases of the lifecycle: tests/golden/lifecycle/*.golden, one semantic point per file,
// each linking its section of docs/analyses/lifecycle.md. Cases use tests/golden/maps/stages.yaml.
//
// Header keys (all optional): period (day | week | month, default week), event (milestone,
// win or event name; default any event), new (first_seen | first_event), from / to
// (period_golden_header.h), threads. An expected {"error": "<StatusCode>"} asserts a failure
// by its code.
#include "golden_specs.h"
#include "golden_suite.h"
#include "period_golden_header.h"
#include "query/lifecycle_query.h"
#include "report/lifecycle_report.h"

namespace winpath {
namespace {

Result<std::string> RunLifecycleCase(const golden::GoldenCase& c, const JourneyMap& map,
                                     const EventTable& table, ScanOptions scan) {
  WINPATH_ASSIGN_OR_RETURN(ScanOptions range, golden::PeriodScanFromHeader(c, scan));
  WINPATH_ASSIGN_OR_RETURN(LifecycleSpec spec, golden::LifecycleSpecFromHeader(c));
  WINPATH_ASSIGN_OR_RETURN(LifecycleResult result, RunLifecycle(table, map, spec, range));
  EXPECT_FALSE(LifecycleToTable(result).empty());
  return LifecycleToJson(result);
}

WINPATH_GOLDEN_SUITE(LifecycleGolden, "lifecycle", 10, RunLifecycleCase)

// Goldens assert errors by code; the words a person acts on are checked here.
TEST(LifecycleErrors, UnknownEventListsMilestonesAndSuggests) {
  auto map = golden::LoadGoldenMap(golden::GoldenCase{.header = {{"map", "stages.yaml"}}});
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  EventTableBuilder b(map->ChannelNames());
  b.Add(b.InternPerson("p1"), golden::kGoldenBaseTime, b.InternEventName("purchase"), 0, 0, 0);
  auto table = std::move(b).Build();
  ASSERT_TRUE(table.ok());
  LifecycleSpec spec;
  spec.event = "Purchse";
  auto r = RunLifecycle(*table, *map, spec, ScanOptions{});
  ASSERT_FALSE(r.ok());
  const std::string& m = r.status().message();
  EXPECT_NE(m.find("event:"), std::string::npos) << m;
  EXPECT_NE(m.find("Repeat purchase"), std::string::npos) << m;  // the milestones are listed
  EXPECT_NE(m.find("Purchase"), std::string::npos) << m;
}

}  // namespace
}  // namespace winpath
