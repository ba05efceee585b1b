// Golden cases of the drivers analysis: tests/golden/drivers/*.golden, one semantic point per
// file, each linking its section of docs/analyses/drivers.md.
//
// Header keys (all optional): from, to (milestones or wins A and B), window (duration), node
// (channel | event), min_support (whole number), alpha, confidence (numbers), scan_to (the data
// end: a duration after the base time or ISO-8601), threads. An expected
// {"error": "<StatusCode>"} asserts a failure by its code.
#include <charconv>

#include "golden_suite.h"
#include "model/duration.h"
#include "query/drivers_query.h"
#include "report/drivers_report.h"

namespace winpath {
namespace {

// A header number of type T, or `fallback` when absent; InvalidArgument when it does not parse.
template <typename T>
Result<T> NumberKey(const golden::GoldenCase& c, const std::string& key, T fallback) {
  const std::string text = c.Get(key);
  if (text.empty()) return fallback;
  T v{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return Status::InvalidArgument(c.path + ": " + key + " must be a number, got '" + text + "'");
  }
  return v;
}

Result<DriversSpec> SpecFromHeader(const golden::GoldenCase& c) {
  DriversSpec spec;
  spec.from = c.Get("from");
  spec.to = c.Get("to");
  spec.node = c.Get("node", spec.node);
  if (!c.Get("window").empty()) {
    WINPATH_ASSIGN_OR_RETURN(spec.window, ParseDuration(c.Get("window")));
  }
  WINPATH_ASSIGN_OR_RETURN(spec.min_support, NumberKey<int64_t>(c, "min_support", 30));
  WINPATH_ASSIGN_OR_RETURN(spec.alpha, NumberKey(c, "alpha", spec.alpha));
  WINPATH_ASSIGN_OR_RETURN(spec.confidence, NumberKey(c, "confidence", spec.confidence));
  return spec;
}

Result<std::string> RunDriversCase(const golden::GoldenCase& c, const JourneyMap& map,
                                   const EventTable& table, ScanOptions scan) {
  const std::string scan_to = c.Get("scan_to");
  if (!scan_to.empty()) {
    if (scan_to.find('T') != std::string::npos) {
      WINPATH_ASSIGN_OR_RETURN(scan.to, ParseTimestamp(scan_to));
    } else {
      WINPATH_ASSIGN_OR_RETURN(TimeMs d, ParseDuration(scan_to));
      scan.to = golden::kGoldenBaseTime + d;
    }
  }
  WINPATH_ASSIGN_OR_RETURN(DriversSpec spec, SpecFromHeader(c));
  WINPATH_ASSIGN_OR_RETURN(DriversResult result, RunDrivers(table, map, spec, scan));
  EXPECT_FALSE(DriversToTable(result).empty());  // every case must also render for people
  return DriversToJson(result);
}

WINPATH_GOLDEN_SUITE(DriversGolden, "drivers", 12, RunDriversCase)

}  // namespace
}  // namespace winpath
