// Rendering of a FlywheelResult: JSON for the API and `--format json`, and terminal tables.
// JSON shape: docs/analyses/flywheel.md#output.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "analysis/flywheel.h"

namespace winpath {

// One JSON object (no trailing newline). Missing percentiles and data end are null.
std::string FlywheelToJson(const FlywheelResult& result);

// Persons per stage at each period's end (dormant persons summed in one column), then the time
// in each state and the reactivating channels.
std::string FlywheelToTable(const FlywheelResult& result);

}  // namespace winpath
