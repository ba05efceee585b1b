#include "query/funnel_query.h"

#include <algorithm>
#include <limits>
#include <memory>

#include "model/name_suggestion.h"

namespace winpath {
namespace {

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out.empty() ? "(none)" : out;
}

Status ResolveBreakdown(const EventTable& table, const std::string& breakdown, FunnelConfig* c,
                        int* dimension) {
  *dimension = -1;
  c->breakdown_name = breakdown;
  if (breakdown.empty()) return Status::OK();
  if (breakdown == "channel") {
    c->breakdown = FunnelBreakdown::kChannel;
    c->breakdown_values.push_back("(none)");
    for (const std::string& n : table.channel_names()) c->breakdown_values.push_back(n);
    return Status::OK();
  }
  const int d = table.FindDimension(breakdown);
  if (d < 0) {
    std::vector<std::string> valid = {"channel"};
    for (const std::string& n : table.dimension_names()) valid.push_back(n);
    return Status::InvalidArgument("breakdown: unknown breakdown '" + breakdown +
                                   "'; valid: " + Join(valid) + DidYouMean(breakdown, valid));
  }
  c->breakdown = FunnelBreakdown::kDimension;
  *dimension = d;
  const Dictionary& values = table.dimension_values(static_cast<size_t>(d));
  for (uint32_t code = 0; code < values.size(); ++code) {
    c->breakdown_values.push_back(code == 0 ? "(none)" : values.Name(code));
  }
  return Status::OK();
}

}  // namespace

Result<FunnelMode> ParseFunnelMode(std::string_view text) {
  if (text == "ordered") return FunnelMode::kOrdered;
  if (text == "strict") return FunnelMode::kStrict;
  if (text == "any" || text == "any_order" || text == "any-order") return FunnelMode::kAnyOrder;
  return Status::InvalidArgument("mode: unknown mode '" + std::string(text) +
                                 "'; valid: ordered, strict, any_order");
}

Result<std::vector<JourneyStep>> ResolveStepList(const JourneyMap& map,
                                                 const std::vector<std::string>& given,
                                                 std::string_view what) {
  std::vector<std::string> names = given, milestones, all;
  for (const Milestone& m : map.milestones) milestones.push_back(m.name);
  if (names.empty()) names = milestones;
  if (names.size() < 2) {
    all = milestones;
    for (const Win& w : map.wins) all.push_back(w.name);
    return Status::InvalidArgument("steps: " + std::string(what) + " needs at least 2 steps, got " +
                                   std::to_string(names.size()) +
                                   (given.empty() ? " (the map's milestones)" : "") +
                                   "; milestones and wins: " + Join(all));
  }
  std::vector<JourneyStep> steps;
  for (const std::string& name : names) {
    WINPATH_ASSIGN_OR_RETURN(JourneyStep step, ResolveJourneyStep(map, name, "steps"));
    for (const JourneyStep& have : steps) {
      if (have.bit == step.bit) {
        return Status::InvalidArgument("steps: '" + name + "' is listed twice");
      }
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

Result<JourneyStep> ResolveJourneyStep(const JourneyMap& map, std::string_view name,
                                       std::string_view field) {
  const int m = map.FindMilestone(name);
  if (m >= 0) {
    const Milestone& ms = map.milestones[static_cast<size_t>(m)];
    JourneyStep step{ms.name, map.milestone_bit(static_cast<size_t>(m)), ms.occurrence,
                     ms.or_later ? std::numeric_limits<int32_t>::max() : ms.occurrence};
    return step;
  }
  const int w = map.FindWin(name);
  if (w >= 0)
    return JourneyStep{map.wins[static_cast<size_t>(w)].name, map.win_bit(static_cast<size_t>(w))};
  std::vector<std::string> milestones, wins, all;
  for (const Milestone& ms : map.milestones) milestones.push_back(ms.name);
  for (const Win& win : map.wins) wins.push_back(win.name);
  all = milestones;
  all.insert(all.end(), wins.begin(), wins.end());
  return Status::InvalidArgument(std::string(field) + ": unknown milestone or win '" +
                                 std::string(name) + "'; milestones: " + Join(milestones) +
                                 "; wins: " + Join(wins) + DidYouMean(name, all));
}

Result<FunnelResult> RunFunnel(const EventTable& table, const JourneyMap& map,
                               const FunnelSpec& spec, const ScanOptions& options) {
  if (!(spec.confidence > 0 && spec.confidence < 1)) {
    return Status::InvalidArgument("confidence: must be in (0, 1), e.g. 0.95");
  }
  if (spec.mode != FunnelMode::kOrdered && spec.mode != FunnelMode::kStrict &&
      spec.mode != FunnelMode::kAnyOrder) {
    return Status::InvalidArgument("mode: unknown mode " +
                                   std::to_string(static_cast<int>(spec.mode)) +
                                   "; valid: ordered, strict, any_order");
  }
  auto config = std::make_shared<FunnelConfig>();
  FunnelMatcherConfig& m = config->matcher;
  WINPATH_ASSIGN_OR_RETURN(m.steps, ResolveStepList(map, spec.steps, "a funnel"));
  m.mode = spec.mode;
  m.window = spec.window.value_or(map.windows.conversion);
  if (m.window <= 0) return Status::InvalidArgument("window: must be positive");

  std::vector<std::string> notes;
  m.excluded_name.assign(table.event_names().size(), 0);
  for (const std::string& name : spec.exclude) {
    config->exclude.push_back(name);
    if (auto id = table.event_names().Find(name)) {
      m.excluded_name[*id] = 1;
    } else {
      notes.push_back("exclusion event '" + name + "' does not occur in the data");
    }
  }
  if (spec.exclude.empty()) m.excluded_name.clear();

  ScanOptions scan = options;
  WINPATH_RETURN_IF_ERROR(ResolveBreakdown(table, spec.breakdown, config.get(), &scan.dimension));

  // The data end is the first instant the data does not cover: the scan's `to`, else just after
  // the last event.
  if (options.to != std::numeric_limits<TimeMs>::max()) {
    m.data_end = options.to;
    config->has_data_end = true;
  } else if (auto last = table.max_time()) {
    m.data_end = *last + 1;
    config->has_data_end = true;
  }

  FunnelState empty(config);
  FunnelResult result = RunKernel(table, empty, scan).Finalize();
  result.notes = std::move(notes);
  result.confidence = spec.confidence;
  return result;
}

}  // namespace winpath
