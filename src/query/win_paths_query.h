// RunWinPaths: the win-paths analysis (docs/analyses/win-paths.md) over an EventTable, with
// its spec checked against the journey map.
//
// Thread-safety: reads the table and map concurrently from options.threads threads; both must
// stay unchanged during the call.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/win_paths.h"
#include "base/result.h"
#include "model/event_table.h"
#include "model/journey_map.h"
#include "query/run_kernel.h"

namespace winpath {

struct WinPathsSpec {
  std::optional<TimeMs> window;    // default: map.windows.conversion
  std::vector<std::string> wins;   // win names; default: every win of the map, in map order
  std::vector<std::string> views;  // first_touch, last_touch, any_touch; default: all three
  int64_t min_persons = 30;        // a channel needs this many persons to be "best"
  double significance = 0.05;      // p-value below which a margin is significant
  double confidence = 0.95;        // of the reach rates' Wilson intervals; in (0, 1)
};

// The spec as a kernel config, or InvalidArgument naming the field and listing the valid values
// (unknown win or view, duplicate names, window <= 0, min_persons < 0, significance outside
// (0, 1)). Wins are matched exactly, as the map spells them.
Result<WinPathsConfig> MakeWinPathsConfig(const EventTable& table, const JourneyMap& map,
                                          const WinPathsSpec& spec);

// Runs the kernel over every person of the table (events in [options.from, options.to)).
// Returns the MakeWinPathsConfig error for a bad spec.
Result<WinPathsResult> RunWinPaths(const EventTable& table, const JourneyMap& map,
                                   const WinPathsSpec& spec, const ScanOptions& options);

}  // namespace winpath
