// Rendering of PathsResult and FlowResult: JSON for the API and `--format json`, and terminal
// tables. JSON shapes: docs/analyses/paths.md#output and docs/analyses/paths.md#flow-output.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "analysis/paths.h"
#include "analysis/paths_flow.h"

namespace winpath {

// One JSON object (no trailing newline). Shares of an empty set and, without `to`, the
// converted counts are null.
std::string PathsToJson(const PathsResult& result);
// The top paths with persons, share of persons, converted and share converted, and the
// "other paths" row.
std::string PathsToTable(const PathsResult& result);

// One JSON object (no trailing newline): Sankey nodes per step and links.
std::string FlowToJson(const FlowResult& result);
// The nodes of every step with persons and share, then the links.
std::string FlowToTable(const FlowResult& result);

}  // namespace winpath
