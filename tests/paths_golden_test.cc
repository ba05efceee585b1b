// Golden cases of paths between milestones and of flows (Sankey): tests/golden/paths/*.golden,
// one semantic point per file, each linking its section of docs/analyses/paths.md.
//
// Header keys (all optional): analysis (paths | flow; default paths); for paths: from, to,
// node, top, max_steps, window; for flow: anchor, direction, depth, width, node; threads. An
// expected {"error": "<StatusCode>"} asserts a failure by its code.
#include "golden_specs.h"
#include "golden_suite.h"
#include "query/paths_query.h"
#include "report/paths_report.h"

namespace winpath {
namespace {

Result<std::string> RunPathsCase(const golden::GoldenCase& c, const JourneyMap& map,
                                 const EventTable& table, ScanOptions scan) {
  const std::string analysis = c.Get("analysis", "paths");
  if (analysis == "flow") {
    WINPATH_ASSIGN_OR_RETURN(FlowSpec spec, golden::FlowSpecFromHeader(c));
    WINPATH_ASSIGN_OR_RETURN(FlowResult result, RunFlow(table, map, spec, scan));
    EXPECT_FALSE(FlowToTable(result).empty());
    return FlowToJson(result);
  }
  EXPECT_EQ(analysis, "paths") << c.path << ": analysis must be paths or flow";
  WINPATH_ASSIGN_OR_RETURN(PathsSpec spec, golden::PathsSpecFromHeader(c));
  WINPATH_ASSIGN_OR_RETURN(PathsResult result, RunPaths(table, map, spec, scan));
  EXPECT_FALSE(PathsToTable(result).empty());
  return PathsToJson(result);
}

WINPATH_GOLDEN_SUITE(PathsGolden, "paths", 10, RunPathsCase)

}  // namespace
}  // namespace winpath
