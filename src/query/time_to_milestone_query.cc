#include "query/time_to_milestone_query.h"

#include <limits>
#include <memory>

#include "query/funnel_query.h"
#include "query/paths_query.h"

namespace winpath {
namespace {

// ResolveJourneyStep, with the same list of valid names for a missing name as for a wrong one.
Result<JourneyStep> ResolveEnd(const JourneyMap& map, const std::string& name,
                               std::string_view field) {
  Result<JourneyStep> step = ResolveJourneyStep(map, name, field);
  if (step.ok() || !name.empty()) return step;
  std::string message = step.status().message();
  const size_t lists = message.find("; milestones:");
  return Status::InvalidArgument(std::string(field) + ": required, a milestone or win" +
                                 (lists == std::string::npos ? "" : message.substr(lists)));
}

Status CheckNumbers(const TimeToMilestoneSpec& spec, TimeMs window) {
  if (window <= 0) return Status::InvalidArgument("window: must be positive");
  if (!(spec.confidence > 0 && spec.confidence < 1)) {
    return Status::InvalidArgument("confidence: must be between 0 and 1 (exclusive), got " +
                                   std::to_string(spec.confidence));
  }
  if (spec.max_curve_steps < 2) {
    return Status::InvalidArgument("max_curve_steps: must be at least 2, got " +
                                   std::to_string(spec.max_curve_steps));
  }
  return Status::OK();
}

}  // namespace

Result<TimeToMilestoneResult> RunTimeToMilestone(const EventTable& table, const JourneyMap& map,
                                                 const TimeToMilestoneSpec& spec,
                                                 const ScanOptions& options) {
  PathsSpec ends;
  ends.from = spec.from;
  ends.to = spec.to;
  if (ends.from.empty() && ends.to.empty()) DefaultPathEnds(map, &ends);

  auto config = std::make_shared<TimeToMilestoneConfig>();
  WINPATH_ASSIGN_OR_RETURN(config->from, ResolveEnd(map, ends.from, "from"));
  WINPATH_ASSIGN_OR_RETURN(config->to, ResolveEnd(map, ends.to, "to"));
  if (config->from.bit == config->to.bit) {
    return Status::InvalidArgument("to: must differ from from ('" + ends.from +
                                   "'); for a repeat, name a milestone with an occurrence");
  }
  config->window = spec.window.value_or(map.windows.conversion);
  WINPATH_RETURN_IF_ERROR(CheckNumbers(spec, config->window));
  config->confidence = spec.confidence;
  config->max_curve_steps = static_cast<size_t>(spec.max_curve_steps);

  // The funnel's data end: the scan's `to`, else just after the last event.
  if (options.to != std::numeric_limits<TimeMs>::max()) {
    config->data_end = options.to;
    config->has_data_end = true;
  } else if (auto last = table.max_time()) {
    config->data_end = *last + 1;
    config->has_data_end = true;
  }

  ScanOptions scan = options;
  scan.dimension = -1;
  TimeToMilestoneState empty(config);
  return RunKernel(table, empty, scan).Finalize();
}

}  // namespace winpath
