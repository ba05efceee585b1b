#include "query/win_paths_query.h"

#include <memory>

#include "query/spec_checks.h"

namespace winpath {
namespace {

Result<std::vector<WinPathsView>> ResolveViews(const std::vector<std::string>& names) {
  std::vector<std::string> valid;
  for (int v = 0; v < kNumWinPathsViews; ++v) {
    valid.emplace_back(WinPathsViewName(static_cast<WinPathsView>(v)));
  }
  std::vector<WinPathsView> out;
  if (names.empty()) {
    for (int v = 0; v < kNumWinPathsViews; ++v) out.push_back(static_cast<WinPathsView>(v));
    return out;
  }
  for (const std::string& name : names) {
    std::optional<WinPathsView> view = ParseWinPathsView(name);
    if (!view) {
      return Status::InvalidArgument("views: unknown view '" + name +
                                     "'; valid views: " + QuoteList(valid));
    }
    for (WinPathsView have : out) {
      if (have == *view)
        return Status::InvalidArgument("views: view '" + name + "' is named twice");
    }
    out.push_back(*view);
  }
  return out;
}

}  // namespace

Result<WinPathsConfig> MakeWinPathsConfig(const EventTable& table, const JourneyMap& map,
                                          const WinPathsSpec& spec) {
  WinPathsConfig config;
  config.window = spec.window.value_or(map.windows.conversion);
  if (config.window <= 0) {
    return Status::InvalidArgument("window: must be above zero, e.g. 7d; got " +
                                   std::to_string(config.window) + " ms");
  }
  if (spec.min_persons < 0) {
    return Status::InvalidArgument("min_persons: must be 0 or more; got " +
                                   std::to_string(spec.min_persons));
  }
  if (!(spec.significance > 0 && spec.significance < 1)) {
    return Status::InvalidArgument("significance: must be a p-value in (0, 1), e.g. 0.05");
  }
  config.min_persons = spec.min_persons;
  config.significance = spec.significance;
  WINPATH_ASSIGN_OR_RETURN(auto wins, ResolveWins(map, spec.wins, "wins"));
  for (const auto& [index, name] : wins) {
    config.wins.push_back({name, map.win_bit(static_cast<size_t>(index))});
  }
  WINPATH_ASSIGN_OR_RETURN(config.views, ResolveViews(spec.views));
  config.channel_names = table.channel_names();
  return config;
}

Result<WinPathsResult> RunWinPaths(const EventTable& table, const JourneyMap& map,
                                   const WinPathsSpec& spec, const ScanOptions& options) {
  if (!(spec.confidence > 0 && spec.confidence < 1)) {
    return Status::InvalidArgument("confidence: must be in (0, 1), e.g. 0.95");
  }
  WINPATH_ASSIGN_OR_RETURN(WinPathsConfig config, MakeWinPathsConfig(table, map, spec));
  const WinPathsState empty(std::make_shared<const WinPathsConfig>(std::move(config)));
  WinPathsResult r = RunKernel(table, empty, options).Finalize();
  r.confidence = spec.confidence;
  return r;
}

}  // namespace winpath
