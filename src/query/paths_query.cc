#include "query/paths_query.h"

#include <memory>

#include "model/name_suggestion.h"
#include "query/funnel_query.h"

namespace winpath {
namespace {

Result<PathNodeKind> ParseNode(const std::string& node) {
  if (node == "channel") return PathNodeKind::kChannel;
  if (node == "event") return PathNodeKind::kEvent;
  return Status::InvalidArgument("node: unknown node '" + node + "'; valid: channel, event");
}

std::vector<std::string> NodeNames(const EventTable& table, PathNodeKind kind) {
  if (kind == PathNodeKind::kEvent) return table.event_names().names();
  std::vector<std::string> names = {""};
  for (const std::string& n : table.channel_names()) names.push_back(n);
  return names;
}

Status AtLeastOne(int value, const char* field) {
  if (value >= 1) return Status::OK();
  return Status::InvalidArgument(std::string(field) + ": must be at least 1, got " +
                                 std::to_string(value));
}

}  // namespace

void DefaultPathEnds(const JourneyMap& map, PathsSpec* spec) {
  int core = map.CoreMilestone();
  if (core < 0) return;
  const std::vector<Milestone>& ms = map.milestones;
  if (core > 0) {
    spec->from = ms[0].name;
    spec->to = ms[static_cast<size_t>(core)].name;
  } else if (ms.size() > 1) {
    spec->from = ms[0].name;
    spec->to = ms[1].name;
  } else {
    spec->to = ms[0].name;
  }
}

Result<PathsResult> RunPaths(const EventTable& table, const JourneyMap& map, const PathsSpec& spec,
                             const ScanOptions& options) {
  if (spec.from.empty() && spec.to.empty()) {
    return Status::InvalidArgument("from, to: give a milestone or win for from, to or both");
  }
  auto config = std::make_shared<PathsConfig>();
  if (!spec.from.empty()) {
    WINPATH_ASSIGN_OR_RETURN(config->from, ResolveJourneyStep(map, spec.from, "from"));
  }
  if (!spec.to.empty()) {
    WINPATH_ASSIGN_OR_RETURN(config->to, ResolveJourneyStep(map, spec.to, "to"));
  }
  if (config->from && config->to && config->from->bit == config->to->bit) {
    return Status::InvalidArgument("to: must differ from from ('" + spec.from + "')");
  }
  WINPATH_ASSIGN_OR_RETURN(config->node, ParseNode(spec.node));
  WINPATH_RETURN_IF_ERROR(AtLeastOne(spec.top, "top"));
  WINPATH_RETURN_IF_ERROR(AtLeastOne(spec.max_steps, "max_steps"));
  config->top = spec.top;
  config->max_steps = spec.max_steps;
  config->window = spec.window.value_or(map.windows.conversion);
  if (config->window <= 0) return Status::InvalidArgument("window: must be positive");
  config->node_names = NodeNames(table, config->node);
  ScanOptions scan = options;
  scan.dimension = -1;
  if (!(spec.confidence > 0 && spec.confidence < 1)) {
    return Status::InvalidArgument("confidence: must be in (0, 1), e.g. 0.95");
  }
  PathsResult result = RunKernel(table, PathsState(config), scan).Finalize();
  result.confidence = spec.confidence;
  return result;
}

Result<FlowResult> RunFlow(const EventTable& table, const JourneyMap& map, const FlowSpec& spec,
                           const ScanOptions& options) {
  auto config = std::make_shared<FlowConfig>();
  config->anchor = spec.anchor;
  if (map.FindMilestone(spec.anchor) >= 0 || map.FindWin(spec.anchor) >= 0) {
    WINPATH_ASSIGN_OR_RETURN(config->anchor_step, ResolveJourneyStep(map, spec.anchor, "anchor"));
  } else if (auto id = table.event_names().Find(spec.anchor); id && !spec.anchor.empty()) {
    config->anchor_event = static_cast<int>(*id);
  } else {
    std::vector<std::string> known;
    for (const Milestone& m : map.milestones) known.push_back(m.name);
    for (const Win& w : map.wins) known.push_back(w.name);
    const std::string listed = [&] {
      std::string s;
      for (const std::string& k : known) s += (s.empty() ? "" : ", ") + k;
      return s;
    }();
    for (const std::string& n : table.event_names().names()) known.push_back(n);
    return Status::InvalidArgument(
        "anchor: " +
        (spec.anchor.empty() ? std::string("required") : "unknown anchor '" + spec.anchor + "'") +
        "; valid: a milestone or win (" + listed + ") or an event name in the data" +
        (spec.anchor.empty() ? "" : DidYouMean(spec.anchor, known)));
  }
  if (spec.direction != "next" && spec.direction != "previous") {
    return Status::InvalidArgument("direction: unknown direction '" + spec.direction +
                                   "'; valid: next, previous");
  }
  config->previous = spec.direction == "previous";
  WINPATH_RETURN_IF_ERROR(AtLeastOne(spec.depth, "depth"));
  WINPATH_RETURN_IF_ERROR(AtLeastOne(spec.width, "width"));
  config->depth = spec.depth;
  config->width = spec.width;
  WINPATH_ASSIGN_OR_RETURN(config->node, ParseNode(spec.node));
  config->node_names = NodeNames(table, config->node);
  ScanOptions scan = options;
  scan.dimension = -1;
  return RunKernel(table, FlowState(config), scan).Finalize();
}

}  // namespace winpath
