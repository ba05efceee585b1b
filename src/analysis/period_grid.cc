#include "analysis/period_grid.h"

#include <cstdio>

#include "base/check.h"

namespace winpath {
namespace {

// 1970-01-01 was a Thursday: ISO weeks start 3 days earlier, on Monday 1969-12-29.
constexpr TimeMs kWeekShift = 3 * kMsPerDay;
constexpr TimeMs kMsPerWeek = 7 * kMsPerDay;

}  // namespace

std::string_view PeriodKindName(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kDay: return "day";
    case PeriodKind::kWeek: return "week";
    case PeriodKind::kMonth: return "month";
  }
  return "week";
}

PeriodGrid::PeriodGrid(PeriodKind kind, TimeMs start, TimeMs end) : kind_(kind), end_(end) {
  WINPATH_CHECK(start < end);
  base_ = Absolute(start);
  size_ = Absolute(end - 1) - base_ + 1;
  if (kind != PeriodKind::kMonth) {
    length_ = kind == PeriodKind::kDay ? kMsPerDay : kMsPerWeek;
    origin_ = kind == PeriodKind::kDay ? base_ * kMsPerDay : base_ * kMsPerWeek - kWeekShift;
  } else {
    origin_ = MonthStart(0);
  }
}

int64_t PeriodGrid::Absolute(TimeMs t) const {
  switch (kind_) {
    case PeriodKind::kDay: return FloorDiv(t, kMsPerDay);
    case PeriodKind::kWeek: return FloorDiv(t + kWeekShift, kMsPerWeek);
    case PeriodKind::kMonth: {
      int64_t y = 0;
      unsigned m = 0, d = 0;
      CivilFromDays(FloorDiv(t, kMsPerDay), &y, &m, &d);
      return y * 12 + static_cast<int64_t>(m) - 1;
    }
  }
  return 0;
}

TimeMs PeriodGrid::MonthStart(int64_t index) const {
  const int64_t a = base_ + index;
  const int64_t y = FloorDiv(a, 12);
  const unsigned m = static_cast<unsigned>(a - y * 12) + 1;
  return DaysFromCivil(y, m, 1) * kMsPerDay;
}

std::string PeriodGrid::Label(int64_t index) const {
  int64_t y = 0;
  unsigned m = 0, d = 0;
  CivilFromDays(FloorDiv(Start(index), kMsPerDay), &y, &m, &d);
  char buf[32];
  if (kind_ == PeriodKind::kMonth) {
    std::snprintf(buf, sizeof buf, "%04lld-%02u", static_cast<long long>(y), m);
  } else {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  }
  return buf;
}

}  // namespace winpath
