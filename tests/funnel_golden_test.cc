// Golden cases of the milestone funnel: tests/golden/funnel/*.golden, one semantic point per
// file, each linking its section of docs/analyses/funnel.md.
//
// Header keys (all optional): steps (comma list), mode (ordered|strict|any_order), window
// (duration), exclude (comma list of event names), breakdown, from / to (scan time range, `to`
// is also the data end), threads. An expected {"error": "<StatusCode>"} asserts a failure by
// its code.
#include "golden_specs.h"
#include "golden_suite.h"
#include "query/funnel_query.h"
#include "report/funnel_report.h"

namespace winpath {
namespace {

Result<std::string> RunFunnelCase(const golden::GoldenCase& c, const JourneyMap& map,
                                  const EventTable& table, ScanOptions scan) {
  WINPATH_ASSIGN_OR_RETURN(ScanOptions range, golden::FunnelScanFromHeader(c));
  range.threads = scan.threads;
  WINPATH_ASSIGN_OR_RETURN(FunnelSpec spec, golden::FunnelSpecFromHeader(c));
  WINPATH_ASSIGN_OR_RETURN(FunnelResult result, RunFunnel(table, map, spec, range));
  EXPECT_FALSE(FunnelToTable(result).empty());  // every case must also render for people
  return FunnelToJson(result);
}

WINPATH_GOLDEN_SUITE(FunnelGolden, "funnel", 15, RunFunnelCase)

}  // namespace
}  // namespace winpath
