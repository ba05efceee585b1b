// RunJourneyPaths: the journeys of an EventTable aggregated by channel path, one PathTable per
// win (docs/analyses/journeys.md), with its spec checked against the journey map. The input of
// the path-based attribution models (Markov chain, Shapley value).
//
// Thread-safety: reads the table and map concurrently from options.threads threads; both must
// stay unchanged during the call.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/journey_paths.h"
#include "base/result.h"
#include "model/event_table.h"
#include "model/journey_map.h"
#include "query/run_kernel.h"

namespace winpath {

struct JourneyPathsSpec {
  std::vector<std::string> wins;   // default: every win of the map, in map order
  std::optional<TimeMs> lookback;  // default: map.windows.attribution_lookback
};

// The spec as a kernel config, or InvalidArgument naming the field and listing the valid values
// (unknown or repeated win, a map without wins, lookback <= 0).
Result<JourneyPathsConfig> MakeJourneyPathsConfig(const EventTable& table, const JourneyMap& map,
                                                  const JourneyPathsSpec& spec);

// Runs the kernel over every person of the table (events in [options.from, options.to): touches
// before options.from are not seen, so they are in no journey).
Result<JourneyPathsResult> RunJourneyPaths(const EventTable& table, const JourneyMap& map,
                                           const JourneyPathsSpec& spec,
                                           const ScanOptions& options);

}  // namespace winpath
