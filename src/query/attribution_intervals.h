// Intervals for heuristic attribution credit: how much each channel's credit would vary had
// other persons been observed. The persons are split into `groups` random groups (a hash of
// the person, analysis/grouped_state.h); the kernel runs once, keeping one partial result per
// group; `replicates` bootstrap samples each draw `groups` groups with replacement and sum
// their credits; the interval is the (1 - confidence) / 2 and (1 + confidence) / 2 quantiles
// of the replicates (nearest rank). Resampling groups rather than single persons keeps the
// cost at one scan plus replicates x groups x cells additions; with 100 groups it tracks the
// person-level bootstrap closely (docs/analyses/attribution.md#intervals).
//
// Deterministic: the groups come from the table's person order and the draws from a fixed seed,
// so the same table and spec give the same intervals on any thread count.
//
// Thread-safety: as RunAttribution.
#pragma once

#include "base/result.h"
#include "query/attribution_query.h"

namespace winpath {

struct IntervalSpec {
  double confidence = 0.95;  // REQUIRES: in (0, 1)
  int groups = 100;          // REQUIRES: 2..10000
  int replicates = 1000;     // REQUIRES: 10..100000
};

// RunAttribution's result with conversions_lower/upper and value_lower/upper set on every
// credit. InvalidArgument for a spec RunAttribution refuses or an IntervalSpec out of range.
Result<AttributionResult> RunAttributionWithIntervals(const EventTable& table,
                                                      const JourneyMap& map,
                                                      const AttributionSpec& spec,
                                                      const IntervalSpec& intervals,
                                                      const ScanOptions& options);

// The bootstrap itself, on per-group results of one spec (same wins, models and channel
// order): `total` gets the intervals. Exposed for tests.
void AddBootstrapIntervals(const std::vector<AttributionResult>& groups,
                           const IntervalSpec& intervals, AttributionResult* total);

}  // namespace winpath
