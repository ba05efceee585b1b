#include "query/period_range.h"

#include <limits>
#include <string>

#include "model/timestamp.h"

namespace winpath {

Result<PeriodKind> ParsePeriodKind(std::string_view text) {
  if (text == "day") return PeriodKind::kDay;
  if (text == "week") return PeriodKind::kWeek;
  if (text == "month") return PeriodKind::kMonth;
  return Status::InvalidArgument("--period: unknown period '" + std::string(text) +
                                 "'; valid: day, week, month");
}

Result<PeriodGrid> ResolvePeriodGrid(const EventTable& table, PeriodKind kind,
                                     const ScanOptions& options) {
  const bool has_from = options.from != std::numeric_limits<TimeMs>::min();
  const bool has_to = options.to != std::numeric_limits<TimeMs>::max();
  if (has_from && has_to && options.from >= options.to) {
    return Status::InvalidArgument("from: " + FormatTimestamp(options.from) +
                                   " is not before to: " + FormatTimestamp(options.to));
  }
  const std::optional<TimeMs> first = table.min_time(), last = table.max_time();
  if (!first) return PeriodGrid();
  const TimeMs start = has_from ? options.from : *first;
  const TimeMs end = has_to ? options.to : *last + 1;
  if (start >= end) return PeriodGrid();
  PeriodGrid grid(kind, start, end);
  if (grid.size() > kMaxPeriods) {
    return Status::InvalidArgument(
        "--period: " + std::string(PeriodKindName(kind)) + " periods from " +
        FormatTimestamp(start) + " to " + FormatTimestamp(end) + " are " +
        std::to_string(grid.size()) + ", more than the " + std::to_string(kMaxPeriods) +
        " a result may have; choose a longer period or a narrower --from/--to range");
  }
  return grid;
}

ScanOptions HistoryScan(const ScanOptions& options) {
  ScanOptions scan = options;
  scan.from = std::numeric_limits<TimeMs>::min();
  return scan;
}

}  // namespace winpath
