#include "query/step_attribution_query.h"

#include <memory>

#include "query/funnel_query.h"

namespace winpath {

Result<StepAttributionResult> RunStepAttribution(const EventTable& table, const JourneyMap& map,
                                                 const StepAttributionSpec& spec,
                                                 const ScanOptions& options) {
  auto config = std::make_shared<StepAttributionConfig>();
  WINPATH_ASSIGN_OR_RETURN(config->steps,
                           ResolveStepList(map, spec.steps, "transition attribution"));
  config->window = spec.window.value_or(map.windows.conversion);
  if (config->window <= 0) return Status::InvalidArgument("window: must be positive");
  config->channel_names = table.channel_names();
  ScanOptions scan = options;
  scan.dimension = -1;
  return RunKernel(table, StepAttributionState(config), scan).Finalize();
}

}  // namespace winpath
