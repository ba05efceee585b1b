// Rendering of a RetentionResult: JSON for the API and `--format json`, and terminal tables.
// JSON shape: docs/analyses/retention.md#output.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "analysis/retention.h"

namespace winpath {

// One JSON object (no trailing newline). A missing rate, value per person, extra (repeat
// purchase, referral, viral coefficient) or data end is null.
std::string RetentionToJson(const RetentionResult& result);

// The cohort triangle (one row per cohort, one column per period, "~" marking a period still
// running at the data end, the weighted average of complete cells under it), then one row per
// cohort of repeat purchase, referral, viral coefficient and customer value.
std::string RetentionToTable(const RetentionResult& result);

}  // namespace winpath
