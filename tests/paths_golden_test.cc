// Golden cases of paths between milestones and of flows (Sankey): tests/golden/paths/*.golden,
// one semantic point per file, each linking its section of docs/analyses/paths.md.
//
// Header keys (all optional): analysis (paths | flow; default paths); for paths: from, to,
// node, top, max_steps, window; for flow: anchor, direction, depth, width, node; threads. An
// expected {"error": "<StatusCode>"} asserts a failure by its code.
#include <nlohmann/json.hpp>

#include "golden_harness.h"
#include "golden_specs.h"
#include "query/paths_query.h"
#include "report/paths_report.h"

namespace winpath {
namespace {

std::string ErrorJson(const Status& status) {
  nlohmann::json j;
  j["error"] = std::string(StatusCodeName(status.code()));
  j["message"] = status.message();
  return j.dump();
}

Result<std::string> RunPathsCase(const golden::GoldenCase& c, const EventTable& table,
                                 const JourneyMap& map, const ScanOptions& options) {
  WINPATH_ASSIGN_OR_RETURN(PathsSpec spec, golden::PathsSpecFromHeader(c));
  Result<PathsResult> result = RunPaths(table, map, spec, options);
  if (!result.ok()) return ErrorJson(result.status());
  EXPECT_FALSE(PathsToTable(*result).empty());
  return PathsToJson(*result);
}

Result<std::string> RunFlowCase(const golden::GoldenCase& c, const EventTable& table,
                                const JourneyMap& map, const ScanOptions& options) {
  WINPATH_ASSIGN_OR_RETURN(FlowSpec spec, golden::FlowSpecFromHeader(c));
  Result<FlowResult> result = RunFlow(table, map, spec, options);
  if (!result.ok()) return ErrorJson(result.status());
  EXPECT_FALSE(FlowToTable(*result).empty());
  return FlowToJson(*result);
}

Result<std::string> RunCase(const golden::GoldenCase& c) {
  WINPATH_ASSIGN_OR_RETURN(JourneyMap map, golden::LoadGoldenMap(c));
  WINPATH_ASSIGN_OR_RETURN(EventTable table, golden::BuildGoldenTable(c, map));
  ScanOptions options;
  options.threads = std::stoi(c.Get("threads", "2"));
  const std::string analysis = c.Get("analysis", "paths");
  if (analysis == "flow") return RunFlowCase(c, table, map, options);
  if (analysis == "paths") return RunPathsCase(c, table, map, options);
  return Status::InvalidArgument(c.path + ": analysis must be paths or flow");
}

class PathsGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(PathsGolden, MatchesExpected) {
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

INSTANTIATE_TEST_SUITE_P(Cases, PathsGolden, ::testing::ValuesIn(golden::ListGoldenFiles("paths")),
                         CaseName);

TEST(PathsGoldenFiles, Exist) { EXPECT_GE(golden::ListGoldenFiles("paths").size(), 10u); }

}  // namespace
}  // namespace winpath
