// Paths between milestones and flows (Sankey) around any event, as queries: check the spec
// against the journey map and the table, run PathsState / FlowState over the table in
// parallel and return the named results. Semantics: docs/analyses/paths.md.
//
// Thread-safety: RunPaths / RunFlow read the table and the map concurrently from
// ScanOptions::threads threads; both must stay unchanged during the call.
#pragma once

#include <optional>
#include <string>

#include "analysis/paths.h"
#include "analysis/paths_flow.h"
#include "base/result.h"
#include "model/event_table.h"
#include "model/journey_map.h"
#include "query/run_kernel.h"

namespace winpath {

struct PathsSpec {
  // Milestone or win names. The path runs from the first `from` event to the first `to` event
  // after it. Without `from` it starts at the person's first event; without `to` nobody
  // converts and paths run to the window end. At least one of the two is required.
  std::string from, to;
  std::string node = "channel";  // "channel" | "event"
  int top = 10;                  // paths listed before "other paths"
  int max_steps = 6;             // longer paths are shown as first steps … last steps
  std::optional<TimeMs> window;  // from the `from` event; default map.windows.conversion
  double confidence = 0.95;      // of the conversion shares' Wilson intervals; in (0, 1)
};

// The default ends when a user names neither: from the first pre-purchase milestone to the
// core milestone, or from the core to the first post-purchase one when there is no pre.
// Leaves `spec` unchanged when the map has no core milestone.
void DefaultPathEnds(const JourneyMap& map, PathsSpec* spec);

// InvalidArgument, naming the field and listing valid values, for: neither from nor to, an
// unknown milestone or win, from == to, an unknown node, top or max_steps < 1, window <= 0.
Result<PathsResult> RunPaths(const EventTable& table, const JourneyMap& map, const PathsSpec& spec,
                             const ScanOptions& options);

struct FlowSpec {
  std::string anchor;  // a milestone or win name (preferred), else an event name in the data
  std::string direction = "next";  // "next" | "previous"
  int depth = 3;                   // steps away from the anchor
  int width = 8;                   // nodes per step before "other"
  std::string node = "event";      // "event" | "channel"
};

// InvalidArgument, naming the field and listing valid values, for: an empty or unknown anchor,
// an unknown direction or node, depth or width < 1.
Result<FlowResult> RunFlow(const EventTable& table, const JourneyMap& map, const FlowSpec& spec,
                           const ScanOptions& options);

}  // namespace winpath
