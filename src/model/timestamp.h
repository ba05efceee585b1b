// Timestamps: milliseconds since the Unix epoch, UTC, as a plain int64.
//
// Every time inside winpath is a TimeMs. Parsing accepts what event sources send: ISO-8601 /
// RFC 3339 ("2026-03-01T12:00:00Z", "2026-03-01T12:00:00.123+02:00", "2026-03-01 12:00:00",
// "2026-03-01") and epoch numbers (seconds below 1e11, else milliseconds; fractions allowed).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace winpath {

using TimeMs = int64_t;

inline constexpr TimeMs kMsPerSecond = 1000;
inline constexpr TimeMs kMsPerMinute = 60 * kMsPerSecond;
inline constexpr TimeMs kMsPerHour = 60 * kMsPerMinute;
inline constexpr TimeMs kMsPerDay = 24 * kMsPerHour;

// 1971-01-01T00:00:00Z: earlier times are almost always a zero or a unit mistake in the source.
inline constexpr TimeMs kMinPlausibleTime = 31536000000LL;

// Parses an ISO-8601 text or an epoch number (see above). Returns InvalidArgument naming what
// was expected when the text is neither. Does not apply plausibility limits.
Result<TimeMs> ParseTimestamp(std::string_view text);

// Interprets a JSON/CSV number as epoch seconds (< 1e11) or milliseconds.
TimeMs EpochNumberToMs(double number);

// "2026-03-01T12:00:00.123Z" (milliseconds always shown when non-zero, else "...:00Z").
std::string FormatTimestamp(TimeMs t);

// Days since 1970-01-01 for a civil date, and back (proleptic Gregorian).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d);
void CivilFromDays(int64_t days, int64_t* y, unsigned* m, unsigned* d);

}  // namespace winpath
