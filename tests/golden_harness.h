// Golden test files (architecture.md, habit 6): one file per semantic point, read like the docs.
//
//   # Title line: what this case pins.
//   # docs/analyses/funnel.md#window
//   map: basic.yaml                 (optional; tests/golden/maps/<name>, default basic.yaml)
//   steps: Signup, Trial, Purchase  (any `key: value` lines: the analysis test reads them)
//   events:
//   p1 0     signed_up                      person, time, event name, then key=value pairs
//   p1 2h    trial_started channel=Email    time: ISO-8601, or a duration after the base
//   p2 1d    purchase revenue=20            2026-01-01T00:00:00Z ("0", "90m", "1d2h")
//   ----
//   { "expected": "JSON" }
//
// Path-model cases (Markov, Shapley) may give aggregated journeys instead of events, in a
// `journeys:` block, one distinct path per row (channel names are interned in order of first
// appearance; keys default to 0):
//   journeys:
//   search > email | conversions=3 value=30 nulls=2
//
// Event rows: `channel=NAME` sets the touchpoint channel directly (golden tests pin analyses,
// not channel rules); `page=1` marks a page view; every other key=value becomes an event
// property (numbers parsed), so the map's predicates, occurrences and values apply.
// Values may be double-quoted to hold spaces: channel="Organic Search".
//
// The expected JSON is matched as a subset: every key of an expected object must be present
// with a matching value; arrays must have the same length and match element-wise; numbers match
// within 1e-9 relative. Keys the case does not mention are not checked.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "base/result.h"
#include "model/event_table.h"
#include "model/journey_map.h"
#include "model/path_table.h"

namespace winpath::golden {

inline constexpr TimeMs kGoldenBaseTime = 1767225600000LL;  // 2026-01-01T00:00:00Z

struct GoldenCase {
  std::string path;
  std::string title;
  std::map<std::string, std::string> header;
  std::vector<std::string> event_lines;
  int events_first_line = 0;
  std::vector<std::string> journey_lines;  // rows of the `journeys:` block
  int journeys_first_line = 0;
  std::string expected;
  // Header value or `fallback`.
  std::string Get(const std::string& key, const std::string& fallback = "") const;
};

// All *.golden files under tests/golden/<dir>, sorted by name.
std::vector<std::string> ListGoldenFiles(const std::string& dir);
Result<GoldenCase> ReadGoldenFile(const std::string& path);
// The case's map (header `map:`), loaded from tests/golden/maps/.
Result<JourneyMap> LoadGoldenMap(const GoldenCase& c);
// Builds the table from the case's event rows with the map's predicates and values.
Result<EventTable> BuildGoldenTable(const GoldenCase& c, const JourneyMap& map);
// Builds the PathTable of the case's `journeys:` block; InvalidArgument naming file:line for a
// malformed row (not 'path | key=value ...', unknown key, a number that does not parse).
Result<PathTable> BuildGoldenPathTable(const GoldenCase& c);
// Splits "a, b ,c" into trimmed items.
std::vector<std::string> SplitList(const std::string& text);

// Subset match of JSON texts as described above.
::testing::AssertionResult JsonMatches(const std::string& expected_json,
                                       const std::string& actual_json);

}  // namespace winpath::golden
