// Golden cases of the forecast: tests/golden/forecast/*.golden, one semantic point per file,
// each linking its section of docs/analyses/forecast.md. Cases use tests/golden/maps/stages.yaml.
//
// Header keys (all optional): period (day | week | month, default month), dormant_after
// (duration; default the map's), from / to (the fit range, period_golden_header.h), horizon
// (default 12), retention, referral, step (FROM>TO), step_change (fractions: 0.05 = +5 %),
// referral_channels (comma list), split (a header time: runs the backtest instead), threads.
// An expected {"error": "<StatusCode>"} asserts a failure by its code.
#include <cstdlib>

#include "golden_specs.h"
#include "golden_suite.h"
#include "period_golden_header.h"
#include "query/forecast_query.h"
#include "report/forecast_report.h"

namespace winpath {
namespace {

Result<std::string> RunForecastCase(const golden::GoldenCase& c, const JourneyMap& map,
                                    const EventTable& table, ScanOptions scan) {
  WINPATH_ASSIGN_OR_RETURN(ScanOptions range, golden::PeriodScanFromHeader(c, scan));
  WINPATH_ASSIGN_OR_RETURN(ForecastSpec spec, golden::ForecastSpecFromHeader(c));
  if (!c.Get("split").empty()) {
    WINPATH_ASSIGN_OR_RETURN(TimeMs split, golden::PeriodHeaderTime(c.Get("split")));
    WINPATH_ASSIGN_OR_RETURN(ForecastBacktestResult result,
                             RunForecastBacktest(table, map, spec, split, range));
    EXPECT_FALSE(ForecastBacktestToTable(result).empty());
    return ForecastBacktestToJson(result);
  }
  WINPATH_ASSIGN_OR_RETURN(ForecastResult result, RunForecast(table, map, spec, range));
  EXPECT_FALSE(ForecastToTable(result).empty());  // every case must also render for people
  return ForecastToJson(result);
}

WINPATH_GOLDEN_SUITE(ForecastGolden, "forecast", 7, RunForecastCase)

// Goldens assert errors by code; the words a person acts on are checked here.
TEST(ForecastErrors, MessagesNameTheFlag) {
  auto step = ParseForecastStep("prospect>custmer");
  ASSERT_FALSE(step.ok());
  EXPECT_NE(step.status().message().find("--lever-step"), std::string::npos);
  EXPECT_NE(step.status().message().find("'dormant_promoter'"), std::string::npos);
  EXPECT_FALSE(ParseForecastStep("customer>customer").ok());
  EXPECT_FALSE(ParseForecastStep("customer").ok());
  auto ok = ParseForecastStep("dormant_customer>promoter");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, (std::pair<int, int>(7, 4)));

  auto map = golden::LoadGoldenMap(golden::GoldenCase{.header = {{"map", "stages.yaml"}}});
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  EventTableBuilder b(map->ChannelNames());
  b.Add(b.InternPerson("p1"), golden::kGoldenBaseTime, b.InternEventName("page_view"), 0, 0, 0);
  auto table = std::move(b).Build();
  ASSERT_TRUE(table.ok());
  ForecastSpec spec;
  spec.horizon = 121;
  auto r = RunForecast(*table, *map, spec, ScanOptions{});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("--horizon"), std::string::npos) << r.status().message();
  spec.horizon = 12;
  spec.levers.retention = 1.5;
  EXPECT_NE(RunForecast(*table, *map, spec, {}).status().message().find("--lever-retention"),
            std::string::npos);
  spec.levers.retention = 0;
  spec.referral_channels = {"Newsleter"};
  auto unknown = RunForecast(*table, *map, spec, {});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("referral_channels"), std::string::npos);
  spec.referral_channels = {};
  auto split = RunForecastBacktest(*table, *map, spec, golden::kGoldenBaseTime, {});
  ASSERT_FALSE(split.ok());
  EXPECT_NE(split.status().message().find("--backtest-split"), std::string::npos);
}

}  // namespace
}  // namespace winpath
