// The milestone funnel as a query: checks a FunnelSpec against the journey map and the table,
// runs FunnelState over the table in parallel and returns the named FunnelResult.
// Semantics: docs/analyses/funnel.md.
//
// Thread-safety: RunFunnel reads the table and the map concurrently from ScanOptions::threads
// threads; both must stay unchanged during the call.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/funnel.h"
#include "analysis/funnel_step.h"
#include "base/result.h"
#include "model/event_table.h"
#include "model/journey_map.h"
#include "query/run_kernel.h"

namespace winpath {

// FunnelMode { kOrdered, kStrict, kAnyOrder } is declared with the kernel in
// analysis/funnel_matcher.h; FunnelModeName (analysis/funnel.h) gives its text.

struct FunnelSpec {
  // Milestone or win names (a name that is both is the milestone). Empty = every milestone of
  // the map in journey order.
  std::vector<std::string> steps;
  FunnelMode mode = FunnelMode::kOrdered;
  std::optional<TimeMs> window;      // default: map.windows.conversion
  std::vector<std::string> exclude;  // event names
  // "" = none, "channel" = the person's first-touch channel, else a dimension name.
  std::string breakdown;
  double confidence = 0.95;  // of the step rates' Wilson intervals; in (0, 1)
};

// "ordered", "strict", "any_order" (also "any-order"). InvalidArgument listing the valid modes
// for any other text.
Result<FunnelMode> ParseFunnelMode(std::string_view text);

// The milestone (preferred) or win called `name`, with its occurrence range. InvalidArgument
// naming `field` and listing the map's milestones and wins when there is none.
Result<JourneyStep> ResolveJourneyStep(const JourneyMap& map, std::string_view name,
                                       std::string_view field);

// The steps named in `names` (default: the map's milestones in journey order), resolved with
// ResolveJourneyStep. InvalidArgument naming the field "steps" for fewer than 2 steps (`what`
// says whose: "a funnel"), an unknown step or a step listed twice.
Result<std::vector<JourneyStep>> ResolveStepList(const JourneyMap& map,
                                                 const std::vector<std::string>& names,
                                                 std::string_view what);

// Runs the funnel. `options.dimension` is ignored: the breakdown selects the dimension.
// Returns InvalidArgument, naming the field and listing the valid values, for an unknown step,
// fewer than 2 steps, a step listed twice, a window <= 0, an unknown breakdown or a mode out of
// range. Exclusion event names absent from the data are not errors; the result notes them.
Result<FunnelResult> RunFunnel(const EventTable& table, const JourneyMap& map,
                               const FunnelSpec& spec, const ScanOptions& options);

}  // namespace winpath
