// Retention periods: UTC calendar days, ISO weeks (Monday to Sunday) and calendar months, each
// numbered by a plain integer index, and the fixed lengths of rolling periods.
// Semantics: docs/analyses/retention.md#periods.
//
// A calendar period is the half-open interval [start(i), start(i + 1)): an event at exactly
// 00:00 UTC belongs to the day (week, month) that begins then.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "model/timestamp.h"

namespace winpath {

enum class RetentionPeriod : uint8_t { kDay = 0, kWeek = 1, kMonth = 2 };

// "day", "week", "month".
std::string_view RetentionPeriodName(RetentionPeriod period);

// Index of the calendar period holding `t`: days since 1970-01-01, ISO weeks since the week
// that began on Monday 1969-12-29, or months since January 1970. Negative before those.
int64_t CalendarPeriodOf(RetentionPeriod period, TimeMs t);

// First instant of calendar period `index` (00:00 UTC of its first day).
TimeMs CalendarPeriodStart(RetentionPeriod period, int64_t index);

// "2026-01-05" (the day; for a week its Monday) or "2026-01" (a month).
std::string CalendarPeriodLabel(RetentionPeriod period, int64_t index);

// Length of a rolling period: 24 hours for kDay, 7 x 24 hours for kWeek. Months have no fixed
// length and no rolling form. REQUIRES: period != kMonth.
TimeMs RollingPeriodLength(RetentionPeriod period);

}  // namespace winpath
