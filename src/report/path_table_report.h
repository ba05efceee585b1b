// JSON rendering of journey paths: a PathTable (the input of the Markov and Shapley models) and
// the journey-path analysis result, one table per win. Shapes: docs/analyses/journeys.md#output.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "analysis/journey_paths.h"
#include "model/path_table.h"

namespace winpath {

// {"channels": [...], "paths": [{"path": "a > b", "conversions": 1, "value": 3.0,
// "nulls": 0}, ...]} in table order (no trailing newline).
std::string PathTableToJson(const PathTable& table);

// {"analysis": "journey_paths", "lookback_ms", "lookback", "max_path_length", "wins": {name:
// {"conversions", "value", "unattributed", "unattributed_value", "null_journeys", "truncated",
// "channels", "paths"}}}.
std::string JourneyPathsToJson(const JourneyPathsResult& result);

}  // namespace winpath
