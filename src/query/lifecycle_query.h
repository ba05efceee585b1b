// The lifecycle as a query: resolves the event of interest (a milestone, a win or an event
// name), the reported periods from the scan range, runs LifecycleState over the table in
// parallel and returns the LifecycleResult. Semantics: docs/analyses/lifecycle.md.
//
// Thread-safety: RunLifecycle reads the table and the map concurrently from
// ScanOptions::threads threads; both must stay unchanged during the call.
#pragma once

#include <string>
#include <string_view>

#include "analysis/lifecycle.h"
#include "analysis/period_grid.h"
#include "base/result.h"
#include "model/event_table.h"
#include "model/journey_map.h"
#include "query/run_kernel.h"

namespace winpath {

struct LifecycleSpec {
  PeriodKind period = PeriodKind::kWeek;
  // A milestone (with its occurrence), a win, or an event name, tried in that order; "" = any
  // event.
  std::string event;
  LifecycleNew new_means = LifecycleNew::kFirstSeen;
};

// "first_seen", "first_event". InvalidArgument listing them for any other text.
Result<LifecycleNew> ParseLifecycleNew(std::string_view text);

// Runs the lifecycle. The scan's `from` picks the first reported period but does not hide
// earlier events (they decide new / returning / resurrecting there); `to` is the data end;
// `options.dimension` is ignored. Returns InvalidArgument for an event that is no milestone,
// win or event name of the table (listing milestones and wins), from >= to, or more than
// kMaxPeriods periods (naming --period).
Result<LifecycleResult> RunLifecycle(const EventTable& table, const JourneyMap& map,
                                     const LifecycleSpec& spec, const ScanOptions& options);

}  // namespace winpath
