// Golden cases of time to milestone: tests/golden/time_to_milestone/*.golden, one semantic
// point per file, each linking its section of docs/analyses/time-to-milestone.md.
//
// Header keys (all optional): from, to (milestone or win names), window (duration),
// confidence (number), max_curve_steps (whole number), scan_from / scan_to (scan range: "0", a
// duration after the base time, or ISO-8601; scan_to is also the data end), threads. An
// expected {"error": "<StatusCode>"} asserts a failure by its code.
#include <string>

#include "golden_specs.h"
#include "golden_suite.h"
#include "query/time_to_milestone_query.h"
#include "report/time_to_milestone_report.h"

namespace winpath {
namespace {

Result<std::string> RunTimeToMilestoneCase(const golden::GoldenCase& c, const JourneyMap& map,
                                           const EventTable& table, ScanOptions scan) {
  WINPATH_ASSIGN_OR_RETURN(scan, golden::TimeToMilestoneScanFromHeader(c, scan));
  WINPATH_ASSIGN_OR_RETURN(TimeToMilestoneSpec spec, golden::TimeToMilestoneSpecFromHeader(c));
  WINPATH_ASSIGN_OR_RETURN(TimeToMilestoneResult result,
                           RunTimeToMilestone(table, map, spec, scan));
  EXPECT_FALSE(TimeToMilestoneToTable(result).empty());  // every case must render for people
  return TimeToMilestoneToJson(result);
}

WINPATH_GOLDEN_SUITE(TimeToMilestoneGolden, "time_to_milestone", 15, RunTimeToMilestoneCase)

}  // namespace
}  // namespace winpath
