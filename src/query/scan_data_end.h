// The data end of a scan: the first instant the data does not cover — the scan's `to` when it
// has one, else the table's last event + 1 ms; nullopt for an empty table without `to`. The
// funnel, gaps and drivers analyses call a person "in progress" when a window is still open
// at it (docs/analyses/funnel.md#in-progress).
//
// Thread-safety: pure function.
#pragma once

#include <limits>
#include <optional>

#include "model/event_table.h"
#include "query/run_kernel.h"

namespace winpath {

inline std::optional<TimeMs> ScanDataEnd(const EventTable& table, const ScanOptions& options) {
  if (options.to != std::numeric_limits<TimeMs>::max()) return options.to;
  if (auto last = table.max_time()) return *last + 1;
  return std::nullopt;
}

}  // namespace winpath
