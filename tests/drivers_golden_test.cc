// Golden cases of the drivers analysis: tests/golden/drivers/*.golden, one semantic point per
// file, each linking its section of docs/analyses/drivers.md.
//
// Header keys (all optional): from, to (milestones or wins A and B), window (duration), node
// (channel | event), min_support (whole number), alpha, confidence (numbers), scan_to (the data
// end: a duration after the base time or ISO-8601), threads. An expected
// {"error": "<StatusCode>"} asserts a failure by its code.
#include "golden_specs.h"
#include "golden_suite.h"
#include "query/drivers_query.h"
#include "report/drivers_report.h"

namespace winpath {
namespace {

Result<std::string> RunDriversCase(const golden::GoldenCase& c, const JourneyMap& map,
                                   const EventTable& table, ScanOptions scan) {
  WINPATH_ASSIGN_OR_RETURN(scan, golden::DriversScanFromHeader(c, scan));
  WINPATH_ASSIGN_OR_RETURN(DriversSpec spec, golden::DriversSpecFromHeader(c));
  WINPATH_ASSIGN_OR_RETURN(DriversResult result, RunDrivers(table, map, spec, scan));
  EXPECT_FALSE(DriversToTable(result).empty());  // every case must also render for people
  return DriversToJson(result);
}

WINPATH_GOLDEN_SUITE(DriversGolden, "drivers", 12, RunDriversCase)

}  // namespace
}  // namespace winpath
