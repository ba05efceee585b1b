#include "query/gaps_query.h"

#include <algorithm>
#include <memory>
#include <string>

#include "query/funnel_query.h"
#include "query/scan_data_end.h"
#include "query/spec_checks.h"

namespace winpath {
namespace {

Result<GapsTargetConfig> ResolveTarget(const EventTable& table, const JourneyMap& map,
                                       const Target& t, size_t index) {
  const std::string field = "targets[" + std::to_string(index + 1) + "]";
  GapsTargetConfig out;
  WINPATH_ASSIGN_OR_RETURN(out.from, ResolveJourneyStep(map, t.from, field + ".from"));
  WINPATH_ASSIGN_OR_RETURN(out.to, ResolveJourneyStep(map, t.to, field + ".to"));
  if (out.from.bit == out.to.bit) {
    return Status::InvalidArgument(field + ": `from` and `to` must differ");
  }
  if (!(t.rate >= 0 && t.rate <= 1)) {
    return Status::InvalidArgument(field + ".rate: must be in [0, 1], e.g. 0.25");
  }
  out.expected_rate = t.rate;
  out.within = t.within.value_or(map.windows.conversion);
  if (out.within <= 0) return Status::InvalidArgument(field + ".within: must be positive");
  if (!t.channel.empty()) {
    const std::vector<std::string>& names = table.channel_names();
    auto it = std::find(names.begin(), names.end(), t.channel);
    if (it == names.end()) {
      return Status::InvalidArgument(field + ".channel: unknown channel '" + t.channel +
                                     "'; valid: " + QuoteList(names));
    }
    out.channel = static_cast<uint8_t>(it - names.begin() + 1);
    out.channel_name = t.channel;
  }
  return out;
}

}  // namespace

Result<GapsResult> RunGaps(const EventTable& table, const JourneyMap& map, const GapsSpec& spec,
                           const ScanOptions& options) {
  if (!(spec.alpha > 0 && spec.alpha < 1)) {
    return Status::InvalidArgument("alpha: must be in (0, 1), e.g. 0.05");
  }
  if (!(spec.confidence > 0 && spec.confidence < 1)) {
    return Status::InvalidArgument("confidence: must be in (0, 1), e.g. 0.95");
  }
  auto config = std::make_shared<GapsConfig>();
  for (size_t i = 0; i < map.targets.size(); ++i) {
    WINPATH_ASSIGN_OR_RETURN(GapsTargetConfig t, ResolveTarget(table, map, map.targets[i], i));
    config->targets.push_back(std::move(t));
  }
  config->alpha = spec.alpha;
  config->confidence = spec.confidence;
  if (auto end = ScanDataEnd(table, options)) {
    config->data_end = *end;
    config->has_data_end = true;
  }
  ScanOptions scan = options;
  scan.dimension = -1;
  return RunKernel(table, GapsState(config), scan).Finalize();
}

}  // namespace winpath
