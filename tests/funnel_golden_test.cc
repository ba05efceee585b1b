// Golden cases of the milestone funnel: tests/golden/funnel/*.golden, one semantic point per
// file, each linking its section of docs/analyses/funnel.md.
//
// Header keys (all optional): steps (comma list), mode (ordered|strict|any_order), window
// (duration), exclude (comma list of event names), breakdown, from / to (scan time range, `to`
// is also the data end), threads. An expected {"error": "<StatusCode>"} asserts a failure by
// its code.
#include <nlohmann/json.hpp>

#include "golden_harness.h"
#include "golden_specs.h"
#include "query/funnel_query.h"
#include "report/funnel_report.h"

namespace winpath {
namespace {

std::string ErrorJson(const Status& status) {
  nlohmann::json j;
  j["error"] = std::string(StatusCodeName(status.code()));
  j["message"] = status.message();
  return j.dump();
}

// The funnel's JSON, or {"error": "<code>", ...} when the spec or the query fails.
Result<std::string> RunCase(const golden::GoldenCase& c) {
  WINPATH_ASSIGN_OR_RETURN(JourneyMap map, golden::LoadGoldenMap(c));
  WINPATH_ASSIGN_OR_RETURN(EventTable table, golden::BuildGoldenTable(c, map));
  WINPATH_ASSIGN_OR_RETURN(ScanOptions options, golden::FunnelScanFromHeader(c));
  Result<FunnelSpec> spec = golden::FunnelSpecFromHeader(c);
  if (!spec.ok()) return ErrorJson(spec.status());
  Result<FunnelResult> result = RunFunnel(table, map, *spec, options);
  if (!result.ok()) return ErrorJson(result.status());
  // The table must render for every case (it is what the CLI prints).
  EXPECT_FALSE(FunnelToTable(*result).empty());
  return FunnelToJson(*result);
}

class FunnelGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(FunnelGolden, MatchesExpected) {
  Result<golden::GoldenCase> c = golden::ReadGoldenFile(GetParam());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  SCOPED_TRACE(c->title);
  Result<std::string> actual = RunCase(*c);
  ASSERT_TRUE(actual.ok()) << actual.status().ToString();
  EXPECT_TRUE(golden::JsonMatches(c->expected, *actual));
}

std::string CaseName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param.substr(info.param.find_last_of('/') + 1);
  name = name.substr(0, name.size() - std::string(".golden").size());
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, FunnelGolden,
                         ::testing::ValuesIn(golden::ListGoldenFiles("funnel")), CaseName);

TEST(FunnelGoldenFiles, Exist) { EXPECT_GE(golden::ListGoldenFiles("funnel").size(), 15u); }

}  // namespace
}  // namespace winpath
