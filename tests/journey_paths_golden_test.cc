// Golden cases for journey extraction (docs/analyses/journeys.md): every
// tests/golden/journeys/*.golden file is one test: events in, the per-win path tables out as
// JSON (report/path_table_report.h). Header keys: map (the cases use attribution.yaml), wins
// (comma list), lookback (a duration). A case whose spec is invalid expects
// {"error": "<StatusCodeName>"}.
#include "golden_suite.h"
#include "model/duration.h"
#include "query/journey_paths_query.h"
#include "report/path_table_report.h"

namespace winpath {
namespace {

Result<std::string> RunJourneysCase(const golden::GoldenCase& c, const JourneyMap& map,
                                    const EventTable& table, ScanOptions scan) {
  JourneyPathsSpec spec;
  spec.wins = golden::SplitList(c.Get("wins"));
  if (!c.Get("lookback").empty()) {
    WINPATH_ASSIGN_OR_RETURN(spec.lookback, ParseDuration(c.Get("lookback")));
  }
  WINPATH_ASSIGN_OR_RETURN(JourneyPathsResult result, RunJourneyPaths(table, map, spec, scan));
  for (const JourneyPathsWin& w : result.wins) {
    WINPATH_RETURN_IF_ERROR(ValidatePathTable(w.paths));
  }
  return JourneyPathsToJson(result);
}

WINPATH_GOLDEN_SUITE(JourneyPathsGolden, "journeys", 10, RunJourneysCase)

}  // namespace
}  // namespace winpath
