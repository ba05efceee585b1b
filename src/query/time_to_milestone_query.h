// Time to milestone as a query: checks a TimeToMilestoneSpec against the journey map, runs
// TimeToMilestoneState over the table in parallel and returns the Kaplan–Meier result.
// Semantics: docs/analyses/time-to-milestone.md.
//
// Thread-safety: RunTimeToMilestone reads the table and the map concurrently from
// ScanOptions::threads threads; both must stay unchanged during the call.
#pragma once

#include <optional>
#include <string>

#include "analysis/time_to_milestone.h"
#include "base/result.h"
#include "model/event_table.h"
#include "model/journey_map.h"
#include "query/run_kernel.h"

namespace winpath {

struct TimeToMilestoneSpec {
  // Milestone or win names (a name that is both is the milestone), as funnel steps. When both
  // are empty: the paths defaults (DefaultPathEnds: first pre-purchase milestone -> core).
  std::string from, to;
  std::optional<TimeMs> window;  // from the `from` event; default map.windows.conversion
  double confidence = 0.95;      // of the pointwise and percentile intervals
  int max_curve_steps = 500;     // the curve is coarsened beyond this many steps
};

// Runs the analysis over the events with options.from <= time < options.to; the data end is
// options.to when set, else the last event's time + 1 ms (as the funnel's). options.dimension
// is ignored. Returns InvalidArgument, naming the field and listing the valid values, for: a
// missing or unknown milestone or win (both lists given), from == to, a window <= 0, a
// confidence outside (0, 1), max_curve_steps < 2.
Result<TimeToMilestoneResult> RunTimeToMilestone(const EventTable& table, const JourneyMap& map,
                                                 const TimeToMilestoneSpec& spec,
                                                 const ScanOptions& options);

}  // namespace winpath
