// Golden cases for heuristic attribution (docs/analyses/attribution.md): every
// tests/golden/attribution/*.golden file is one test. Header keys: map (the cases use
// attribution.yaml), models, wins, lookback, half_life, position_first, position_last,
// direct_channel. A case whose spec is invalid expects {"error": "<StatusCodeName>"}.
#include "golden_specs.h"
#include "golden_suite.h"
#include "query/attribution_query.h"
#include "report/attribution_report.h"

namespace winpath {
namespace {

Result<std::string> RunAttributionCase(const golden::GoldenCase& c, const JourneyMap& map,
                                       const EventTable& table, ScanOptions scan) {
  WINPATH_ASSIGN_OR_RETURN(AttributionSpec spec, golden::AttributionSpecFromHeader(c));
  WINPATH_ASSIGN_OR_RETURN(AttributionResult result, RunAttribution(table, map, spec, scan));
  EXPECT_FALSE(AttributionToTable(result).empty());
  return AttributionToJson(result);
}

WINPATH_GOLDEN_SUITE(AttributionGolden, "attribution", 10, RunAttributionCase)

}  // namespace
}  // namespace winpath
