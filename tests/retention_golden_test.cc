// Golden cases of retention: tests/golden/retention/*.golden, one semantic point per file, each
// linking its section of docs/analyses/retention.md.
//
// Header keys (all optional): start, return (milestone or win names), type (first_time |
// recurring), measure (on | on_or_after), period (day | week | month), rolling (true | false),
// periods (whole number), purchase (win), referral (milestone), referral_channels (comma list),
// from / to (scan range: "0", a duration after 2026-01-01T00:00:00Z, or ISO-8601; `to` is also
// the data end). An expected {"error": "<StatusCode>"} asserts a failure by its code.
//
// The keys are parsed by golden_specs.h, shared with api_docs_test.
#include "golden_specs.h"
#include "golden_suite.h"
#include "query/retention_query.h"
#include "report/retention_report.h"

namespace winpath {
namespace {

Result<std::string> RunRetentionCase(const golden::GoldenCase& c, const JourneyMap& map,
                                     const EventTable& table, ScanOptions scan) {
  WINPATH_ASSIGN_OR_RETURN(scan, golden::ScanRangeFromHeader(c, scan));
  WINPATH_ASSIGN_OR_RETURN(RetentionSpec spec, golden::RetentionSpecFromHeader(c));
  WINPATH_ASSIGN_OR_RETURN(RetentionResult result, RunRetention(table, map, spec, scan));
  EXPECT_FALSE(RetentionToTable(result).empty());  // every case must also render for people
  return RetentionToJson(result);
}

WINPATH_GOLDEN_SUITE(RetentionGolden, "retention", 15, RunRetentionCase)

}  // namespace
}  // namespace winpath
