// Rendering of a LifecycleResult: JSON for the API and `--format json`, and a terminal table.
// JSON shape: docs/analyses/lifecycle.md#output.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "analysis/lifecycle.h"

namespace winpath {

// One JSON object (no trailing newline). `event` is null for "any event"; `data_end` is null
// without periods.
std::string LifecycleToJson(const LifecycleResult& result);

// One row per period: new, returning, resurrecting, dormant (negative), active.
std::string LifecycleToTable(const LifecycleResult& result);

}  // namespace winpath
