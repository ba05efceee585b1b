#include "query/flywheel_query.h"

#include <memory>
#include <string>

#include "query/funnel_query.h"
#include "query/period_range.h"

namespace winpath {

Result<std::vector<FlywheelRule>> FlywheelRules(const JourneyMap& map) {
  const std::vector<std::string>* lists[] = {&map.stages.prospect, &map.stages.customer,
                                             &map.stages.repeat_customer, &map.stages.promoter};
  std::vector<FlywheelRule> rules;
  for (int stage = 1; stage < kFlywheelStages; ++stage) {
    const std::string field = "stages." + std::string(FlywheelStateName(stage));
    for (const std::string& name : *lists[stage - 1]) {
      WINPATH_ASSIGN_OR_RETURN(JourneyStep step, ResolveJourneyStep(map, name, field));
      rules.push_back({step.bit, step.min_count, stage});
    }
  }
  return rules;
}

Result<FlywheelResult> RunFlywheel(const EventTable& table, const JourneyMap& map,
                                   const FlywheelSpec& spec, const ScanOptions& options) {
  auto config = std::make_shared<FlywheelConfig>();
  WINPATH_ASSIGN_OR_RETURN(config->rules, FlywheelRules(map));
  config->dormant_after = spec.dormant_after.value_or(map.stages.dormant_after);
  if (config->dormant_after <= 0) {
    return Status::InvalidArgument("dormant_after: must be positive");
  }
  WINPATH_ASSIGN_OR_RETURN(config->grid, ResolvePeriodGrid(table, spec.period, options));
  config->channel_names = table.channel_names();
  FlywheelState empty(config);
  if (config->grid.empty()) return empty.Finalize();
  return RunKernel(table, empty, HistoryScan(options)).Finalize();
}

}  // namespace winpath
