// RunStepAttribution: transition-level attribution (docs/analyses/step-attribution.md) over an
// EventTable — which channels moved persons from each milestone to the next.
//
// Thread-safety: reads the table and map concurrently from options.threads threads; both must
// stay unchanged during the call.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/step_attribution.h"
#include "base/result.h"
#include "model/event_table.h"
#include "model/journey_map.h"
#include "query/run_kernel.h"

namespace winpath {

struct StepAttributionSpec {
  // Milestones or wins in journey order; each consecutive pair is a transition. Default: the
  // map's milestones (pre..., core, post...).
  std::vector<std::string> steps;
  std::optional<TimeMs> window;  // default: map.windows.conversion
};

// InvalidArgument naming the field and listing the valid values for fewer than 2 steps, an
// unknown step, a step listed twice or a window <= 0. Events outside [options.from,
// options.to) are not seen.
Result<StepAttributionResult> RunStepAttribution(const EventTable& table, const JourneyMap& map,
                                                 const StepAttributionSpec& spec,
                                                 const ScanOptions& options);

}  // namespace winpath
