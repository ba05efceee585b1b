#include "query/journey_paths_query.h"

#include <memory>

#include "query/spec_checks.h"

namespace winpath {

Result<JourneyPathsConfig> MakeJourneyPathsConfig(const EventTable& table, const JourneyMap& map,
                                                  const JourneyPathsSpec& spec) {
  JourneyPathsConfig config;
  config.lookback = spec.lookback.value_or(map.windows.attribution_lookback);
  if (config.lookback <= 0) {
    return Status::InvalidArgument("lookback: must be above zero, e.g. 30d");
  }
  WINPATH_ASSIGN_OR_RETURN(auto wins, ResolveWins(map, spec.wins, "wins"));
  for (const auto& [index, name] : wins) {
    config.wins.push_back({name, map.win_bit(static_cast<size_t>(index))});
  }
  config.channel_names = table.channel_names();
  return config;
}

Result<JourneyPathsResult> RunJourneyPaths(const EventTable& table, const JourneyMap& map,
                                           const JourneyPathsSpec& spec,
                                           const ScanOptions& options) {
  WINPATH_ASSIGN_OR_RETURN(JourneyPathsConfig config, MakeJourneyPathsConfig(table, map, spec));
  const JourneyPathsState empty(std::make_shared<const JourneyPathsConfig>(std::move(config)));
  return RunKernel(table, empty, options).Finalize();
}

}  // namespace winpath
