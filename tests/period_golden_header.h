// Header keys shared by the flywheel and lifecycle golden cases (golden_harness.h): the period
// and the scan range. Both tests read them the same way, so a key means the same in both.
//
//   period: day | week | month        (default week)
//   from / to: "0", a duration after kGoldenBaseTime ("7d"), or ISO-8601 ("2026-01-05T00:00:00Z")
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "golden_harness.h"
#include "model/duration.h"
#include "model/timestamp.h"
#include "query/period_range.h"
#include "query/run_kernel.h"

namespace winpath::golden {

// A header time: "0", ISO-8601 (has a 'T'), else a duration after the base time.
inline Result<TimeMs> PeriodHeaderTime(const std::string& text) {
  if (text == "0") return kGoldenBaseTime;
  if (text.find('T') != std::string::npos) return ParseTimestamp(text);
  WINPATH_ASSIGN_OR_RETURN(TimeMs d, ParseDuration(text));
  return kGoldenBaseTime + d;
}

// `scan` (threads from the suite) with the case's from / to.
inline Result<ScanOptions> PeriodScanFromHeader(const GoldenCase& c, ScanOptions scan) {
  if (!c.Get("from").empty()) {
    WINPATH_ASSIGN_OR_RETURN(scan.from, PeriodHeaderTime(c.Get("from")));
  }
  if (!c.Get("to").empty()) {
    WINPATH_ASSIGN_OR_RETURN(scan.to, PeriodHeaderTime(c.Get("to")));
  }
  return scan;
}

inline Result<PeriodKind> PeriodFromHeader(const GoldenCase& c) {
  return ParsePeriodKind(c.Get("period", "week"));
}

}  // namespace winpath::golden
