// The analyses `winpath analyze` can run, one function per analysis, looked up by name. Each
// turns the command's flags into the analysis's spec, runs it through query/ and renders both
// output formats, so RunAnalyze only selects, orders and prints sections.
//
// Thread-safety: RunSection reads the table and map from the scan's threads; both must stay
// unchanged during the call.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/journey_paths.h"
#include "base/result.h"
#include "cli/analyze_command.h"
#include "model/event_table.h"
#include "model/journey_map.h"
#include "query/run_kernel.h"

namespace winpath::cli {

// One analysis's rendered output in both formats.
struct Section {
  std::string name;
  std::string json;
  std::string table;
};

struct AnalysisInput {
  const AnalyzeOptions& options;
  const EventTable& table;
  const JourneyMap& map;
  const ScanOptions& scan;
  // Journeys extracted once for the path models (markov and shapley share them).
  mutable std::optional<JourneyPathsResult> journeys;
};

// Every analysis name, in output order ("all" selects them all).
const std::vector<std::string>& AnalysisNames();

// "winpaths, funnel, ... or all", for messages and --help.
std::string AnalysisNamesText();

// Runs the analysis `name` (one of AnalysisNames()). Failures are the query's InvalidArgument
// (naming the flag's field) or FailedPrecondition.
Result<Section> RunSection(const std::string& name, const AnalysisInput& in);

// Splits "a, b ,c" into trimmed non-empty items.
std::vector<std::string> SplitCommaList(const std::string& text);

}  // namespace winpath::cli
