// The reported periods of the flywheel and lifecycle queries: parsing the period kind, and the
// grid of calendar periods that covers [scan `from` or the first event, scan `to` or the data
// end), capped at kMaxPeriods. Semantics: docs/analyses/flywheel.md#periods.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string_view>

#include "analysis/period_grid.h"
#include "base/result.h"
#include "model/event_table.h"
#include "query/run_kernel.h"

namespace winpath {

// More periods than this make a result nobody can read and a state that costs more to merge
// than to scan; a coarser period or a narrower range is what the person wants.
inline constexpr int64_t kMaxPeriods = 400;

// "day", "week", "month". InvalidArgument naming --period and listing them for any other text.
Result<PeriodKind> ParsePeriodKind(std::string_view text);

// The grid from the scan's `from` (else the table's first event) to its `to` (else just after
// the table's last event). An empty grid when the table is empty or ends before `from`.
// InvalidArgument for from >= to, and — naming --period, the count and the cap — for more
// than kMaxPeriods periods.
Result<PeriodGrid> ResolvePeriodGrid(const EventTable& table, PeriodKind kind,
                                     const ScanOptions& options);

// The scan the flywheel and lifecycle kernels need: `options` without `from` (history before
// the first period decides the state persons start it in), `to` kept (the data end).
ScanOptions HistoryScan(const ScanOptions& options);

}  // namespace winpath
