// Golden cases of retention: tests/golden/retention/*.golden, one semantic point per file, each
// linking its section of docs/analyses/retention.md.
//
// Header keys (all optional): start, return (milestone or win names), type (first_time |
// recurring), measure (on | on_or_after), period (day | week | month), rolling (true | false),
// periods (whole number), purchase (win), referral (milestone), referral_channels (comma list),
// from / to (scan range: "0", a duration after 2026-01-01T00:00:00Z, or ISO-8601; `to` is also
// the data end). An expected {"error": "<StatusCode>"} asserts a failure by its code.
//
// The keys are parsed here rather than in golden_specs: only this test reads them.
#include <charconv>

#include "golden_suite.h"
#include "model/duration.h"
#include "query/retention_query.h"
#include "report/retention_report.h"

namespace winpath {
namespace {

Result<TimeMs> HeaderTime(const std::string& text) {
  if (text == "0") return golden::kGoldenBaseTime;
  if (text.find('T') != std::string::npos) return ParseTimestamp(text);
  WINPATH_ASSIGN_OR_RETURN(TimeMs d, ParseDuration(text));
  return golden::kGoldenBaseTime + d;
}

Result<int> HeaderInt(const golden::GoldenCase& c, const std::string& key, int fallback) {
  const std::string text = c.Get(key);
  if (text.empty()) return fallback;
  int v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return Status::InvalidArgument(c.path + ": " + key + " must be a whole number");
  }
  return v;
}

Result<RetentionSpec> SpecFromHeader(const golden::GoldenCase& c) {
  RetentionSpec spec;
  spec.start = c.Get("start");
  spec.return_event = c.Get("return");
  if (!c.Get("type").empty()) {
    WINPATH_ASSIGN_OR_RETURN(spec.type, ParseRetentionType(c.Get("type")));
  }
  if (!c.Get("measure").empty()) {
    WINPATH_ASSIGN_OR_RETURN(spec.measure, ParseRetentionMeasure(c.Get("measure")));
  }
  if (!c.Get("period").empty()) {
    WINPATH_ASSIGN_OR_RETURN(spec.period, ParseRetentionPeriod(c.Get("period")));
  }
  const std::string rolling = c.Get("rolling", "false");
  if (rolling != "true" && rolling != "false") {
    return Status::InvalidArgument(c.path + ": rolling must be true or false");
  }
  spec.rolling = rolling == "true";
  WINPATH_ASSIGN_OR_RETURN(spec.periods, HeaderInt(c, "periods", spec.periods));
  spec.purchase = c.Get("purchase");
  spec.referral = c.Get("referral");
  spec.referral_channels = golden::SplitList(c.Get("referral_channels"));
  return spec;
}

Result<std::string> RunRetentionCase(const golden::GoldenCase& c, const JourneyMap& map,
                                     const EventTable& table, ScanOptions scan) {
  if (!c.Get("from").empty()) {
    WINPATH_ASSIGN_OR_RETURN(scan.from, HeaderTime(c.Get("from")));
  }
  if (!c.Get("to").empty()) {
    WINPATH_ASSIGN_OR_RETURN(scan.to, HeaderTime(c.Get("to")));
  }
  WINPATH_ASSIGN_OR_RETURN(RetentionSpec spec, SpecFromHeader(c));
  WINPATH_ASSIGN_OR_RETURN(RetentionResult result, RunRetention(table, map, spec, scan));
  EXPECT_FALSE(RetentionToTable(result).empty());  // every case must also render for people
  return RetentionToJson(result);
}

WINPATH_GOLDEN_SUITE(RetentionGolden, "retention", 15, RunRetentionCase)

}  // namespace
}  // namespace winpath
