// RunAttribution: heuristic multi-touch attribution (docs/analyses/attribution.md) over an
// EventTable, with its spec checked against the journey map.
//
// Thread-safety: reads the table and map concurrently from options.threads threads; both must
// stay unchanged during the call.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/attribution.h"
#include "base/result.h"
#include "model/event_table.h"
#include "model/journey_map.h"
#include "query/run_kernel.h"

namespace winpath {

struct AttributionSpec {
  // first_touch, last_touch, last_non_direct, linear, time_decay, position_based; default: all
  // six in that order.
  std::vector<std::string> models;
  std::optional<TimeMs> lookback;   // default: map.windows.attribution_lookback
  std::optional<TimeMs> half_life;  // default: map.windows.time_decay_half_life
  std::vector<std::string> wins;    // default: every win of the map, in map order
  double position_first = 0.4;      // position_based: share of the first touch
  double position_last = 0.4;       // position_based: share of the last touch
  // Channels named so (case-insensitively) are skipped by last_non_direct.
  std::string direct_channel = "Direct";
};

// The spec as a kernel config, or InvalidArgument naming the field and listing the valid values
// (unknown or duplicate model or win, lookback or half_life <= 0, position weights negative or
// summing above 1).
Result<AttributionConfig> MakeAttributionConfig(const EventTable& table, const JourneyMap& map,
                                                const AttributionSpec& spec);

// Runs the kernel over every person of the table (events in [options.from, options.to): touches
// before options.from are not seen, so they cannot be credited).
Result<AttributionResult> RunAttribution(const EventTable& table, const JourneyMap& map,
                                         const AttributionSpec& spec, const ScanOptions& options);

}  // namespace winpath
