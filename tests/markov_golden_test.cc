// Golden cases for Markov-chain attribution (docs/analyses/markov.md): every
// tests/golden/markov/*.golden file is one test. The cases give aggregated journeys in a
// `journeys:` block (golden_harness.h); header keys (golden_specs.h): order (default 1),
// collapse_repeats (true/false, default true). A refused case expects
// {"error": "<StatusCodeName>"}.
#include "analysis/markov_attribution.h"
#include "golden_specs.h"
#include "golden_suite.h"
#include "report/markov_report.h"

namespace winpath {
namespace {

// The map, event table and thread count do not apply: the model reads the journeys block.
Result<std::string> RunMarkovCase(const golden::GoldenCase& c, const JourneyMap&, const EventTable&,
                                  ScanOptions) {
  WINPATH_ASSIGN_OR_RETURN(PathTable table, golden::BuildGoldenPathTable(c));
  WINPATH_ASSIGN_OR_RETURN(MarkovConfig config, golden::MarkovConfigFromHeader(c));
  WINPATH_ASSIGN_OR_RETURN(MarkovResult result, RunMarkovAttribution(table, config));
  EXPECT_FALSE(MarkovToTable(result).empty());
  return MarkovToJson(result);
}

WINPATH_GOLDEN_SUITE(MarkovGolden, "markov", 15, RunMarkovCase)

}  // namespace
}  // namespace winpath
