// Rendering of a TimeToMilestoneResult: JSON for the API and `--format json`, and terminal
// tables. JSON shape: docs/analyses/time-to-milestone.md#output.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "analysis/time_to_milestone.h"

namespace winpath {

// One JSON object (no trailing newline). Undefined values (a percentile the curve never
// reaches, an interval at S = 0, the data end of an empty table) are null, never NaN.
std::string TimeToMilestoneToJson(const TimeToMilestoneResult& result);

// The curve table (one row per step, share reached with its interval), the percentiles table
// under it, and the counts as notes.
std::string TimeToMilestoneToTable(const TimeToMilestoneResult& result);

}  // namespace winpath
