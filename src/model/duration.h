// Durations in journey maps and flags: "30d", "12h", "45m", "90s", "2w", "500ms", or a sum
// like "1d12h". Plain numbers are rejected: a unit is always required, because "30" is
// ambiguous between days and minutes for the people who write maps.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "model/timestamp.h"

namespace winpath {

// Returns the duration in milliseconds, or InvalidArgument with an example of a valid text.
// REQUIRES: nothing; negative and zero durations are rejected.
Result<TimeMs> ParseDuration(std::string_view text);

// The exact text with days as the largest unit: 604800000 -> "7d", 5400000 -> "1h30m".
std::string FormatDuration(TimeMs ms);

}  // namespace winpath
