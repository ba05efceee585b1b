#include "query/drivers_query.h"

#include <memory>

#include "query/funnel_query.h"
#include "query/scan_data_end.h"

namespace winpath {
namespace {

Status CheckNumbers(const DriversSpec& spec) {
  if (spec.window && *spec.window <= 0) return Status::InvalidArgument("window: must be positive");
  if (spec.min_support < 1) {
    return Status::InvalidArgument("min_support: must be at least 1 person, e.g. 30");
  }
  if (!(spec.alpha > 0 && spec.alpha < 1)) {
    return Status::InvalidArgument("alpha: must be in (0, 1), e.g. 0.05");
  }
  if (!(spec.confidence > 0 && spec.confidence < 1)) {
    return Status::InvalidArgument("confidence: must be in (0, 1), e.g. 0.95");
  }
  return Status::OK();
}

Status ResolveNode(const EventTable& table, const std::string& node, DriversConfig* c) {
  if (node == "event") {
    c->node = PathNodeKind::kEvent;
    c->node_names = table.event_names().names();
    return Status::OK();
  }
  if (node != "channel") {
    return Status::InvalidArgument("node: unknown node '" + node + "'; valid: channel, event");
  }
  c->node = PathNodeKind::kChannel;
  c->node_names = {"(none)"};
  for (const std::string& name : table.channel_names()) c->node_names.push_back(name);
  return Status::OK();
}

}  // namespace

Result<DriversResult> RunDrivers(const EventTable& table, const JourneyMap& map,
                                 const DriversSpec& spec, const ScanOptions& options) {
  if (spec.from.empty()) return Status::InvalidArgument("from: name the milestone A");
  if (spec.to.empty()) return Status::InvalidArgument("to: name the milestone B");
  WINPATH_RETURN_IF_ERROR(CheckNumbers(spec));
  auto config = std::make_shared<DriversConfig>();
  WINPATH_ASSIGN_OR_RETURN(config->pair.from, ResolveJourneyStep(map, spec.from, "from"));
  WINPATH_ASSIGN_OR_RETURN(config->pair.to, ResolveJourneyStep(map, spec.to, "to"));
  if (config->pair.from.bit == config->pair.to.bit) {
    return Status::InvalidArgument("to: must differ from `from` ('" + spec.from + "')");
  }
  config->pair.window = spec.window.value_or(map.windows.conversion);
  if (config->pair.window <= 0) return Status::InvalidArgument("window: must be positive");
  WINPATH_RETURN_IF_ERROR(ResolveNode(table, spec.node, config.get()));
  config->min_support = spec.min_support;
  config->alpha = spec.alpha;
  config->confidence = spec.confidence;
  if (auto end = ScanDataEnd(table, options)) {
    config->pair.data_end = *end;
    config->has_data_end = true;
  }
  ScanOptions scan = options;
  scan.dimension = -1;
  return RunKernel(table, DriversState(config), scan).Finalize();
}

}  // namespace winpath
