// PeriodGrid: calendar periods (UTC days, ISO weeks starting Monday, calendar months) that the
// flywheel and lifecycle analyses report on, and the mapping of an instant to its period.
//
// A grid covers [start, end): its first period is the one containing `start`, its last the one
// containing `end` - 1; `end` is the data end (the first instant the data does not cover), so
// the last period may be partial. Period indices are relative to the first period: instants
// before it get negative indices, instants at or after the last period's end get >= size().
// Semantics: docs/analyses/flywheel.md#periods.
//
// Thread-safety: an immutable value; any number of threads may read it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "model/timestamp.h"

namespace winpath {

// floor(a / b) for b > 0.
inline int64_t FloorDiv(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return q - ((a % b != 0) & (a < 0));
}

enum class PeriodKind : uint8_t { kDay = 0, kWeek = 1, kMonth = 2 };

// "day", "week", "month".
std::string_view PeriodKindName(PeriodKind kind);

class PeriodGrid {
 public:
  // An empty grid: no periods (an empty table).
  PeriodGrid() = default;
  // REQUIRES: start < end.
  PeriodGrid(PeriodKind kind, TimeMs start, TimeMs end);

  PeriodKind kind() const { return kind_; }
  // Number of periods; 0 for an empty grid.
  int64_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // The data end given at construction. REQUIRES: !empty().
  TimeMs end() const { return end_; }

  // Index of the period containing t, relative to the first period (any int64 for any t).
  // Days and weeks are one division (inline: kernels call it per period a person is active
  // in); months convert the day to a civil date.
  int64_t Index(TimeMs t) const {
    return length_ > 0 ? FloorDiv(t - origin_, length_) : MonthIndex(t);
  }
  // First instant of period `index` (any index, also outside [0, size())).
  TimeMs Start(int64_t index) const {
    return length_ > 0 ? origin_ + index * length_ : MonthStart(index);
  }
  // "2026-01-05" (day, week: the first day) or "2026-01" (month).
  std::string Label(int64_t index) const;

  bool operator==(const PeriodGrid&) const = default;

 private:
  // Absolute period number of t: days or weeks since the epoch's, or year * 12 + month - 1.
  int64_t Absolute(TimeMs t) const;
  int64_t MonthIndex(TimeMs t) const { return Absolute(t) - base_; }
  TimeMs MonthStart(int64_t index) const;

  PeriodKind kind_ = PeriodKind::kWeek;
  int64_t base_ = 0;   // absolute number of the first period
  TimeMs origin_ = 0;  // start of the first period
  TimeMs length_ = 0;  // of a day or a week; 0 for months
  int64_t size_ = 0;
  TimeMs end_ = 0;
};

}  // namespace winpath
