// Golden cases of the gaps analysis: tests/golden/gaps/*.golden, one semantic point per file,
// each linking its section of docs/analyses/gaps.md. Most use map: targets.yaml.
//
// Header keys (all optional): alpha, confidence (numbers), from / to (scan time range as in the
// funnel cases: "0", a duration after the base time, or ISO-8601; `to` is also the data end),
// threads. An expected {"error": "<StatusCode>"} asserts a failure by its code.
#include "golden_specs.h"
#include "golden_suite.h"
#include "query/gaps_query.h"
#include "report/gaps_report.h"

namespace winpath {
namespace {

Result<std::string> RunGapsCase(const golden::GoldenCase& c, const JourneyMap& map,
                                const EventTable& table, ScanOptions scan) {
  WINPATH_ASSIGN_OR_RETURN(ScanOptions range, golden::GapsScanFromHeader(c, scan));
  WINPATH_ASSIGN_OR_RETURN(GapsSpec spec, golden::GapsSpecFromHeader(c));
  WINPATH_ASSIGN_OR_RETURN(GapsResult result, RunGaps(table, map, spec, range));
  EXPECT_FALSE(GapsToTable(result).empty());  // every case must also render for people
  return GapsToJson(result);
}

WINPATH_GOLDEN_SUITE(GapsGolden, "gaps", 12, RunGapsCase)

}  // namespace
}  // namespace winpath
