// Gaps between the target rates of the journey map and reality, as a query: resolves every
// target of the map, runs GapsState over the table in parallel and returns the named
// GapsResult. Semantics: docs/analyses/gaps.md.
//
// Thread-safety: RunGaps reads the table and the map concurrently from ScanOptions::threads
// threads; both must stay unchanged during the call.
#pragma once

#include "analysis/gaps.h"
#include "base/result.h"
#include "model/event_table.h"
#include "model/journey_map.h"
#include "query/run_kernel.h"

namespace winpath {

struct GapsSpec {
  double alpha = 0.05;       // false discovery rate: a gap needs q < alpha
  double confidence = 0.95;  // level of the Wilson intervals
};

// Runs the gaps analysis over every target of `map`, in map order (none: an empty result).
// `options.dimension` is ignored. Returns InvalidArgument, naming the field, for alpha or
// confidence outside (0, 1), and for a target the map loader would have rejected (unknown or
// equal from / to, rate outside [0, 1], within <= 0) when the map was built in code.
Result<GapsResult> RunGaps(const EventTable& table, const JourneyMap& map, const GapsSpec& spec,
                           const ScanOptions& options);

}  // namespace winpath
