// Golden cases of the flywheel: tests/golden/flywheel/*.golden, one semantic point per file,
// each linking its section of docs/analyses/flywheel.md. Cases use tests/golden/maps/stages.yaml.
//
// Header keys (all optional): period (day | week | month, default week), dormant_after
// (duration; default the map's), from / to (period_golden_header.h), threads. An expected
// {"error": "<StatusCode>"} asserts a failure by its code.
#include "golden_specs.h"
#include "golden_suite.h"
#include "period_golden_header.h"
#include "query/flywheel_query.h"
#include "report/flywheel_report.h"

namespace winpath {
namespace {

Result<std::string> RunFlywheelCase(const golden::GoldenCase& c, const JourneyMap& map,
                                    const EventTable& table, ScanOptions scan) {
  WINPATH_ASSIGN_OR_RETURN(ScanOptions range, golden::PeriodScanFromHeader(c, scan));
  WINPATH_ASSIGN_OR_RETURN(FlywheelSpec spec, golden::FlywheelSpecFromHeader(c));
  WINPATH_ASSIGN_OR_RETURN(FlywheelResult result, RunFlywheel(table, map, spec, range));
  EXPECT_FALSE(FlywheelToTable(result).empty());  // every case must also render for people
  return FlywheelToJson(result);
}

WINPATH_GOLDEN_SUITE(FlywheelGolden, "flywheel", 12, RunFlywheelCase)

// Goldens assert errors by code; the words a person acts on are checked here.
TEST(FlywheelErrors, MessagesNameTheFlag) {
  auto map = golden::LoadGoldenMap(golden::GoldenCase{.header = {{"map", "stages.yaml"}}});
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  EventTableBuilder b(map->ChannelNames());
  const uint32_t p = b.InternPerson("p1");
  const uint16_t name = b.InternEventName("page_view");
  b.Add(p, golden::kGoldenBaseTime, name, 0, 0, 0);
  b.Add(p, golden::kGoldenBaseTime + 500 * kMsPerDay, name, 0, 0, 0);
  auto table = std::move(b).Build();
  ASSERT_TRUE(table.ok());
  FlywheelSpec spec;
  spec.period = PeriodKind::kDay;
  auto r = RunFlywheel(*table, *map, spec, ScanOptions{});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("--period"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("501"), std::string::npos) << r.status().message();
  map->stages.customer = {"Purchse"};
  r = RunFlywheel(*table, *map, FlywheelSpec{}, ScanOptions{});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("stages.customer"), std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace winpath
