// Golden cases of the milestone funnel: tests/golden/funnel/*.golden, one semantic point per
// file, each linking its section of docs/analyses/funnel.md.
//
// Header keys (all optional): steps (comma list), mode (ordered|strict|any_order), window
// (duration), exclude (comma list of event names), breakdown, from / to (scan time range, `to`
// is also the data end), threads. An expected {"error": "<StatusCode>"} asserts a failure by
// its code.
#include <nlohmann/json.hpp>

#include "golden_harness.h"
#include "model/duration.h"
#include "query/funnel_query.h"
#include "report/funnel_report.h"

namespace winpath {
namespace {

Result<TimeMs> HeaderTime(const std::string& text) {
  if (text == "0") return golden::kGoldenBaseTime;
  if (text.find('T') != std::string::npos) return ParseTimestamp(text);
  WINPATH_ASSIGN_OR_RETURN(TimeMs d, ParseDuration(text));
  return golden::kGoldenBaseTime + d;
}

std::string ErrorJson(const Status& status) {
  nlohmann::json j;
  j["error"] = std::string(StatusCodeName(status.code()));
  j["message"] = status.message();
  return j.dump();
}

// The spec from the case's header keys.
Result<FunnelSpec> ReadSpec(const golden::GoldenCase& c) {
  FunnelSpec spec;
  spec.steps = golden::SplitList(c.Get("steps"));
  if (!c.Get("mode").empty()) {
    WINPATH_ASSIGN_OR_RETURN(spec.mode, ParseFunnelMode(c.Get("mode")));
  }
  if (!c.Get("window").empty()) {
    WINPATH_ASSIGN_OR_RETURN(TimeMs w, ParseDuration(c.Get("window")));
    spec.window = w;
  }
  spec.exclude = golden::SplitList(c.Get("exclude"));
  spec.breakdown = c.Get("breakdown");
  return spec;
}

Result<ScanOptions> ReadScanOptions(const golden::GoldenCase& c) {
  ScanOptions options;
  options.threads = std::stoi(c.Get("threads", "2"));
  if (!c.Get("from").empty()) {
    WINPATH_ASSIGN_OR_RETURN(options.from, HeaderTime(c.Get("from")));
  }
  if (!c.Get("to").empty()) {
    WINPATH_ASSIGN_OR_RETURN(options.to, HeaderTime(c.Get("to")));
  }
  return options;
}

// The funnel's JSON, or {"error": "<code>", ...} when the spec or the query fails.
Result<std::string> RunCase(const golden::GoldenCase& c) {
  WINPATH_ASSIGN_OR_RETURN(JourneyMap map, golden::LoadGoldenMap(c));
  WINPATH_ASSIGN_OR_RETURN(EventTable table, golden::BuildGoldenTable(c, map));
  WINPATH_ASSIGN_OR_RETURN(ScanOptions options, ReadScanOptions(c));
  Result<FunnelSpec> spec = ReadSpec(c);
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
