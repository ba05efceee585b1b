// Golden cases for Shapley attribution (docs/analyses/shapley.md): every
// tests/golden/shapley/*.golden file is one test. A case gives aggregated journeys in a
// `journeys:` block (golden_harness.h), or events, whose journeys are extracted first
// (docs/analyses/journeys.md; header `win`, default the map's first win, and `lookback`).
// Header keys: golden_specs.h; `method`: closed_form (default) or enumeration. A case whose input
// is refused expects {"error": "<StatusCodeName>"}.
#include "golden_specs.h"
#include "golden_suite.h"
#include "query/journey_paths_query.h"
#include "report/shapley_report.h"

namespace winpath {
namespace {

Result<PathTable> CasePathTable(const golden::GoldenCase& c, const JourneyMap& map,
                                const EventTable& table, ScanOptions scan) {
  if (c.journeys_first_line > 0) return golden::BuildGoldenPathTable(c);
  WINPATH_ASSIGN_OR_RETURN(JourneyPathsSpec spec, golden::JourneyPathsSpecFromHeader(c, "win"));
  WINPATH_ASSIGN_OR_RETURN(JourneyPathsResult journeys, RunJourneyPaths(table, map, spec, scan));
  return std::move(journeys.wins.front().paths);
}

Result<std::string> RunShapleyCase(const golden::GoldenCase& c, const JourneyMap& map,
                                   const EventTable& table, ScanOptions scan) {
  WINPATH_ASSIGN_OR_RETURN(ShapleyMethod method, golden::ShapleyMethodFromHeader(c));
  WINPATH_ASSIGN_OR_RETURN(PathTable paths, CasePathTable(c, map, table, scan));
  WINPATH_ASSIGN_OR_RETURN(ShapleyResult result, ComputeShapley(paths, method));
  EXPECT_FALSE(ShapleyToTable(result).empty());
  return ShapleyToJson(result);
}

WINPATH_GOLDEN_SUITE(ShapleyGolden, "shapley", 10, RunShapleyCase)

}  // namespace
}  // namespace winpath
