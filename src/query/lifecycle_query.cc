#include "query/lifecycle_query.h"

#include <memory>

#include "model/name_suggestion.h"
#include "query/funnel_query.h"
#include "query/period_range.h"

namespace winpath {
namespace {

Status ResolveEvent(const EventTable& table, const JourneyMap& map, const std::string& event,
                    LifecycleConfig* c) {
  c->event = event;
  if (event.empty()) {
    c->match = LifecycleMatch::kAnyEvent;
    return Status::OK();
  }
  if (map.FindMilestone(event) >= 0 || map.FindWin(event) >= 0) {
    WINPATH_ASSIGN_OR_RETURN(c->step, ResolveJourneyStep(map, event, "event"));
    c->match = LifecycleMatch::kStep;
    return Status::OK();
  }
  if (auto id = table.event_names().Find(event)) {
    c->match = LifecycleMatch::kEventName;
    c->event_name = static_cast<uint16_t>(*id);
    return Status::OK();
  }
  // Not an event name either: the milestone/win message, with event names in the suggestion.
  Status status = ResolveJourneyStep(map, event, "event").status();
  const std::string hint = DidYouMean(event, table.event_names().names());
  return Status::InvalidArgument(status.message() + "; nor an event name in the data" + hint);
}

}  // namespace

Result<LifecycleNew> ParseLifecycleNew(std::string_view text) {
  if (text == "first_seen") return LifecycleNew::kFirstSeen;
  if (text == "first_event") return LifecycleNew::kFirstEvent;
  return Status::InvalidArgument("new: unknown meaning '" + std::string(text) +
                                 "'; valid: first_seen, first_event");
}

Result<LifecycleResult> RunLifecycle(const EventTable& table, const JourneyMap& map,
                                     const LifecycleSpec& spec, const ScanOptions& options) {
  auto config = std::make_shared<LifecycleConfig>();
  WINPATH_RETURN_IF_ERROR(ResolveEvent(table, map, spec.event, config.get()));
  config->new_means = spec.new_means;
  WINPATH_ASSIGN_OR_RETURN(config->grid, ResolvePeriodGrid(table, spec.period, options));
  if (config->grid.empty()) return EmptyLifecycleResult(*config);
  LifecycleState empty(config);
  return RunKernel(table, empty, HistoryScan(options)).Finalize();
}

}  // namespace winpath
