// Golden cases for win paths (docs/analyses/win-paths.md): every tests/golden/win_paths/*.golden
// file is one test. Header keys: map, window, wins, views, min_persons (default 1 here, so tiny
// cases can name a best channel), significance. A case whose spec is invalid expects
// {"error": "<StatusCodeName>"}.
#include "golden_specs.h"
#include "golden_suite.h"
#include "query/win_paths_query.h"
#include "report/win_paths_report.h"

namespace winpath {
namespace {

Result<std::string> RunWinPathsCase(const golden::GoldenCase& c, const JourneyMap& map,
                                    const EventTable& table, ScanOptions scan) {
  WINPATH_ASSIGN_OR_RETURN(WinPathsSpec spec, golden::WinPathsSpecFromHeader(c));
  WINPATH_ASSIGN_OR_RETURN(WinPathsResult result, RunWinPaths(table, map, spec, scan));
  EXPECT_FALSE(WinPathsToTable(result).empty());
  return WinPathsToJson(result);
}

WINPATH_GOLDEN_SUITE(WinPathsGolden, "win_paths", 10, RunWinPathsCase)

}  // namespace
}  // namespace winpath
