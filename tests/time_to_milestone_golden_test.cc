// Golden cases of time to milestone: tests/golden/time_to_milestone/*.golden, one semantic
// point per file, each linking its section of docs/analyses/time-to-milestone.md.
//
// Header keys (all optional): from, to (milestone or win names), window (duration),
// confidence (number), max_curve_steps (whole number), scan_from / scan_to (scan range: "0", a
// duration after the base time, or ISO-8601; scan_to is also the data end), threads. An
// expected {"error": "<StatusCode>"} asserts a failure by its code.
#include <charconv>
#include <string>

#include "golden_suite.h"
#include "model/duration.h"
#include "query/time_to_milestone_query.h"
#include "report/time_to_milestone_report.h"

namespace winpath {
namespace {

// A scan-range time as the funnel cases write it: "0", ISO-8601 (has a 'T'), else a duration
// after the base time.
Result<TimeMs> HeaderTime(const std::string& text) {
  if (text == "0") return golden::kGoldenBaseTime;
  if (text.find('T') != std::string::npos) return ParseTimestamp(text);
  WINPATH_ASSIGN_OR_RETURN(TimeMs d, ParseDuration(text));
  return golden::kGoldenBaseTime + d;
}

template <typename T>
Status NumberKey(const golden::GoldenCase& c, const std::string& key, T* out) {
  const std::string text = c.Get(key);
  if (text.empty()) return Status::OK();
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return Status::InvalidArgument(c.path + ": " + key + " is not a number: " + text);
  }
  return Status::OK();
}

Result<TimeToMilestoneSpec> SpecFromHeader(const golden::GoldenCase& c) {
  TimeToMilestoneSpec spec;
  spec.from = c.Get("from");
  spec.to = c.Get("to");
  if (!c.Get("window").empty()) {
    WINPATH_ASSIGN_OR_RETURN(spec.window, ParseDuration(c.Get("window")));
  }
  WINPATH_RETURN_IF_ERROR(NumberKey(c, "confidence", &spec.confidence));
  WINPATH_RETURN_IF_ERROR(NumberKey(c, "max_curve_steps", &spec.max_curve_steps));
  return spec;
}

Result<std::string> RunTimeToMilestoneCase(const golden::GoldenCase& c, const JourneyMap& map,
                                           const EventTable& table, ScanOptions scan) {
  if (!c.Get("scan_from").empty()) {
    WINPATH_ASSIGN_OR_RETURN(scan.from, HeaderTime(c.Get("scan_from")));
  }
  if (!c.Get("scan_to").empty()) {
    WINPATH_ASSIGN_OR_RETURN(scan.to, HeaderTime(c.Get("scan_to")));
  }
  WINPATH_ASSIGN_OR_RETURN(TimeToMilestoneSpec spec, SpecFromHeader(c));
  WINPATH_ASSIGN_OR_RETURN(TimeToMilestoneResult result,
                           RunTimeToMilestone(table, map, spec, scan));
  EXPECT_FALSE(TimeToMilestoneToTable(result).empty());  // every case must render for people
  return TimeToMilestoneToJson(result);
}

WINPATH_GOLDEN_SUITE(TimeToMilestoneGolden, "time_to_milestone", 15, RunTimeToMilestoneCase)

}  // namespace
}  // namespace winpath
