// The flywheel as a query: builds the stage rules from the journey map's `stages`, the
// reported periods from the scan range, runs FlywheelState over the table in parallel and
// returns the named FlywheelResult. Semantics: docs/analyses/flywheel.md.
//
// Thread-safety: RunFlywheel reads the table and the map concurrently from
// ScanOptions::threads threads; both must stay unchanged during the call.
#pragma once

#include <optional>

#include "analysis/flywheel.h"
#include "analysis/period_grid.h"
#include "base/result.h"
#include "model/event_table.h"
#include "model/journey_map.h"
#include "query/run_kernel.h"

namespace winpath {

struct FlywheelSpec {
  PeriodKind period = PeriodKind::kWeek;
  std::optional<TimeMs> dormant_after;  // default: map.stages.dormant_after
};

// The rules of the map's stages: one per listed win or milestone (a name that is both is the
// milestone, as in funnels), milestones with their occurrence. InvalidArgument naming the
// stage list ("stages.customer") for a name that is neither.
Result<std::vector<FlywheelRule>> FlywheelRules(const JourneyMap& map);

// Runs the flywheel. The scan's `from` picks the first reported period but does not hide
// earlier events (they decide the stage and dormancy persons start it with); `to` is the data
// end; `options.dimension` is ignored. Returns InvalidArgument for an unknown stage name, a
// dormant_after <= 0, from >= to, or more than kMaxPeriods periods (naming --period).
Result<FlywheelResult> RunFlywheel(const EventTable& table, const JourneyMap& map,
                                   const FlywheelSpec& spec, const ScanOptions& options);

}  // namespace winpath
