// Rendering of a FunnelResult: JSON for the API and `--format json`, and terminal tables.
// JSON shape: docs/analyses/funnel.md#output.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "analysis/funnel.h"

namespace winpath {

// One JSON object (no trailing newline). A missing rate, time percentile, breakdown, data end
// or biggest drop is null.
std::string FunnelToJson(const FunnelResult& result);

// The funnel table (one row per step), the biggest drop under it, and with a breakdown one more
// table: persons entering each step per breakdown value.
std::string FunnelToTable(const FunnelResult& result);

}  // namespace winpath
