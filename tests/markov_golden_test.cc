// Golden cases for Markov-chain attribution (docs/analyses/markov.md): every
// tests/golden/markov/*.golden file is one test. The cases give aggregated journeys in a
// `journeys:` block (golden_harness.h); header keys: order (default 1), collapse_repeats
// (true/false, default true). A refused case expects {"error": "<StatusCodeName>"}.
#include <charconv>

#include "analysis/markov_attribution.h"
#include "golden_suite.h"
#include "report/markov_report.h"

namespace winpath {
namespace {

Result<MarkovConfig> ConfigFromHeader(const golden::GoldenCase& c) {
  MarkovConfig config;
  const std::string order = c.Get("order", "1");
  auto [end, ec] = std::from_chars(order.data(), order.data() + order.size(), config.order);
  if (ec != std::errc() || end != order.data() + order.size()) {
    return Status::InvalidArgument(c.path + ": order: expected a whole number, got " + order);
  }
  const std::string collapse = c.Get("collapse_repeats", "true");
  if (collapse != "true" && collapse != "false") {
    return Status::InvalidArgument(c.path + ": collapse_repeats: expected true or false");
  }
  config.collapse_repeats = collapse == "true";
  return config;
}

// The map, event table and thread count do not apply: the model reads the journeys block.
Result<std::string> RunMarkovCase(const golden::GoldenCase& c, const JourneyMap&, const EventTable&,
                                  ScanOptions) {
  WINPATH_ASSIGN_OR_RETURN(PathTable table, golden::BuildGoldenPathTable(c));
  WINPATH_ASSIGN_OR_RETURN(MarkovConfig config, ConfigFromHeader(c));
  WINPATH_ASSIGN_OR_RETURN(MarkovResult result, RunMarkovAttribution(table, config));
  EXPECT_FALSE(MarkovToTable(result).empty());
  return MarkovToJson(result);
}

WINPATH_GOLDEN_SUITE(MarkovGolden, "markov", 15, RunMarkovCase)

}  // namespace
}  // namespace winpath
