#include "analysis/retention_period.h"

#include <cstdio>

#include "base/check.h"

namespace winpath {
namespace {

// Floor division: event times before 1970 must still fall in the period that holds them.
int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// 1970-01-01 was a Thursday: day -3 (1969-12-29) is the Monday that starts week 0.
constexpr int64_t kMondayOffsetDays = 3;

}  // namespace

std::string_view RetentionPeriodName(RetentionPeriod period) {
  switch (period) {
    case RetentionPeriod::kDay: return "day";
    case RetentionPeriod::kWeek: return "week";
    case RetentionPeriod::kMonth: return "month";
  }
  return "day";
}

int64_t CalendarPeriodOf(RetentionPeriod period, TimeMs t) {
  const int64_t day = FloorDiv(t, kMsPerDay);
  switch (period) {
    case RetentionPeriod::kDay: return day;
    case RetentionPeriod::kWeek: return FloorDiv(day + kMondayOffsetDays, 7);
    case RetentionPeriod::kMonth: {
      int64_t y = 0;
      unsigned m = 0, d = 0;
      CivilFromDays(day, &y, &m, &d);
      return (y - 1970) * 12 + static_cast<int64_t>(m) - 1;
    }
  }
  return day;
}

TimeMs CalendarPeriodStart(RetentionPeriod period, int64_t index) {
  switch (period) {
    case RetentionPeriod::kDay: return index * kMsPerDay;
    case RetentionPeriod::kWeek: return (index * 7 - kMondayOffsetDays) * kMsPerDay;
    case RetentionPeriod::kMonth: {
      const int64_t year = 1970 + FloorDiv(index, 12);
      const unsigned month = static_cast<unsigned>(index - FloorDiv(index, 12) * 12) + 1;
      return DaysFromCivil(year, month, 1) * kMsPerDay;
    }
  }
  return index * kMsPerDay;
}

std::string CalendarPeriodLabel(RetentionPeriod period, int64_t index) {
  int64_t y = 0;
  unsigned m = 0, d = 0;
  CivilFromDays(FloorDiv(CalendarPeriodStart(period, index), kMsPerDay), &y, &m, &d);
  char buf[32];
  if (period == RetentionPeriod::kMonth) {
    std::snprintf(buf, sizeof buf, "%04lld-%02u", static_cast<long long>(y), m);
  } else {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  }
  return buf;
}

TimeMs RollingPeriodLength(RetentionPeriod period) {
  WINPATH_DCHECK(period != RetentionPeriod::kMonth);
  return period == RetentionPeriod::kWeek ? 7 * kMsPerDay : kMsPerDay;
}

}  // namespace winpath
