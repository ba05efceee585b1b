// Golden cases of transition-level attribution: tests/golden/transitions/*.golden, one semantic
// point per file, each linking its section of docs/analyses/step-attribution.md.
//
// Header keys (all optional): steps (comma list; default the map's milestones), window
// (duration). An expected {"error": "<StatusCode>"} asserts a failure by its code.
#include "golden_specs.h"
#include "golden_suite.h"
#include "query/step_attribution_query.h"
#include "report/step_attribution_report.h"

namespace winpath {
namespace {

Result<std::string> RunTransitionsCase(const golden::GoldenCase& c, const JourneyMap& map,
                                       const EventTable& table, ScanOptions scan) {
  WINPATH_ASSIGN_OR_RETURN(StepAttributionSpec spec, golden::TransitionsSpecFromHeader(c));
  WINPATH_ASSIGN_OR_RETURN(StepAttributionResult r, RunStepAttribution(table, map, spec, scan));
  EXPECT_FALSE(StepAttributionToTable(r).empty());  // every case must also render for people
  return StepAttributionToJson(r);
}

WINPATH_GOLDEN_SUITE(TransitionsGolden, "transitions", 12, RunTransitionsCase)

}  // namespace
}  // namespace winpath
