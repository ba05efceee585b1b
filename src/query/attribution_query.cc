#include "query/attribution_query.h"

#include <algorithm>
#include <cctype>
#include <memory>

#include "query/spec_checks.h"

namespace winpath {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

Result<std::vector<AttributionModel>> ResolveModels(const std::vector<std::string>& names) {
  std::vector<std::string> valid;
  for (int m = 0; m < kNumAttributionModels; ++m) {
    valid.emplace_back(AttributionModelName(static_cast<AttributionModel>(m)));
  }
  std::vector<AttributionModel> out;
  if (names.empty()) {
    for (int m = 0; m < kNumAttributionModels; ++m) out.push_back(static_cast<AttributionModel>(m));
    return out;
  }
  for (const std::string& name : names) {
    std::optional<AttributionModel> model = ParseAttributionModel(name);
    if (!model) {
      return Status::InvalidArgument("models: unknown model '" + name +
                                     "'; valid models: " + QuoteList(valid));
    }
    if (std::find(out.begin(), out.end(), *model) != out.end()) {
      return Status::InvalidArgument("models: model '" + name + "' is named twice");
    }
    out.push_back(*model);
  }
  return out;
}

Status CheckPositionWeights(double first, double last) {
  // Written so that NaN fails too.
  if (!(first >= 0 && first <= 1)) {
    return Status::InvalidArgument("position_first: must be in [0, 1], e.g. 0.4");
  }
  if (!(last >= 0 && last <= 1)) {
    return Status::InvalidArgument("position_last: must be in [0, 1], e.g. 0.4");
  }
  if (first + last > 1 + 1e-12) {
    return Status::InvalidArgument(
        "position_first, position_last: must add up to at most 1 (the middle touches share the "
        "rest); got " +
        std::to_string(first) + " + " + std::to_string(last));
  }
  return Status::OK();
}

}  // namespace

Result<AttributionConfig> MakeAttributionConfig(const EventTable& table, const JourneyMap& map,
                                                const AttributionSpec& spec) {
  AttributionConfig config;
  WINPATH_ASSIGN_OR_RETURN(config.models, ResolveModels(spec.models));
  config.lookback = spec.lookback.value_or(map.windows.attribution_lookback);
  if (config.lookback <= 0)
    return Status::InvalidArgument("lookback: must be above zero, e.g. 30d");
  config.half_life = spec.half_life.value_or(map.windows.time_decay_half_life);
  if (config.half_life <= 0) {
    return Status::InvalidArgument("half_life: must be above zero, e.g. 7d");
  }
  WINPATH_RETURN_IF_ERROR(CheckPositionWeights(spec.position_first, spec.position_last));
  config.position_first = spec.position_first;
  config.position_last = spec.position_last;
  WINPATH_ASSIGN_OR_RETURN(auto wins, ResolveWins(map, spec.wins, "wins"));
  for (const auto& [index, name] : wins) {
    config.wins.push_back({name, map.win_bit(static_cast<size_t>(index))});
  }
  config.channel_names = table.channel_names();
  config.direct.assign(config.channel_names.size() + 1, false);
  for (size_t c = 0; c < config.channel_names.size(); ++c) {
    config.direct[c + 1] = EqualsIgnoreCase(config.channel_names[c], spec.direct_channel);
  }
  return config;
}

Result<AttributionResult> RunAttribution(const EventTable& table, const JourneyMap& map,
                                         const AttributionSpec& spec, const ScanOptions& options) {
  WINPATH_ASSIGN_OR_RETURN(AttributionConfig config, MakeAttributionConfig(table, map, spec));
  const AttributionState empty(std::make_shared<const AttributionConfig>(std::move(config)));
  return RunKernel(table, empty, options).Finalize();
}

}  // namespace winpath
