// Synthesizing messages that a journey map's predicates and channel rules match: the simulator
// never hard-codes event names; it builds every win, milestone and touch event from the map.
//
// Rules (docs/simulator.md#synthesizing-events):
//   - name: the predicate's first event name; "page_view" means an unnamed page message; a
//     predicate without names becomes a page when it constrains url/referrer, else a track
//     event named after its owner (snake_case);
//   - where: kEquals -> the first value not excluded by a kNotEquals; kGlob -> the pattern with
//     '*' removed ('x' when nothing would be left) and '?' -> 'x'; kGreater t -> t + 1,
//     kGreaterOrEqual t -> t, kLess t -> t - 1, kLessOrEqual t -> t, both bounds -> midpoint;
//     kExists -> "1"; kNotEquals alone -> a value not in the list; kNotExists -> absent;
//     "type" picks the message type; built-ins (url, referrer, property, utm_*) set the field;
//   - channel rules: utm_* from their first glob, referrer https://<host>/ from the referrer
//     glob, property -> the url host, event -> a track event of that name with `where`.
// Every result is checked against the predicate / rule it came from; a predicate nothing can
// satisfy (e.g. x = 1 and x != 1) is InvalidArgument naming its owner.
//
// Thread-safety: free functions without shared state.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "model/event.h"
#include "model/journey_map.h"

namespace winpath::sim {

// A synthesized message, plus the slot for a drawn monetary amount.
struct SynthesizedEvent {
  RawEvent event;
  // Property that carries the amount (empty = none). `event.properties` holds a placeholder
  // value inside [value_min, value_max]; the simulator clamps each drawn amount to that range.
  std::string value_property;
  double value_min = 0;
  double value_max = 1e12;
};

// An event `predicate` matches. `owner` names the win/milestone in errors and fallback names;
// `value_property` (may be empty) gets a number; pages are on `site_host`.
Result<SynthesizedEvent> SynthesizeEvent(const EventPredicate& predicate, std::string_view owner,
                                         std::string_view value_property,
                                         std::string_view site_host);

// A touch `rule` matches: a landing page at https://<host><path> (the host from `property`,
// else `site_host`) whose url carries the utm_* query, or a track event for event rules.
// REQUIRES: path starts with '/'.
Result<RawEvent> SynthesizeTouch(const ChannelRule& rule, std::string_view site_host,
                                 std::string_view path);

// The landing page of a default channel group (model/channel_groups.h), as in
// docs/simulator.md#channels: e.g. Paid Search = utm_source=google&utm_medium=cpc. "Direct" is
// a page without utm and referrer. Unknown group names give "Other"'s fields.
RawEvent DefaultGroupTouch(std::string_view group, std::string_view site_host,
                           std::string_view path);

// Whether every given field of `rule` matches `event` (the semantics of a map channel rule:
// globs case-insensitive; referrer globs match the referrer's host; property globs match the
// event's property, else its url host).
bool ChannelRuleMatches(const ChannelRule& rule, const RawEvent& event);

// Sets `event.property` to the url host when it is empty, as the importer does.
void FillPropertyFromUrl(RawEvent* event);

// Host of an absolute URL ("https://a.b/c?d" -> "a.b"), or "" when there is none.
std::string_view UrlHost(std::string_view url);

// A concrete text a glob matches: '*' dropped ("x" if nothing is left), '?' -> 'x'.
std::string InstantiateGlob(std::string_view pattern);
// Like InstantiateGlob for host names: a leading "*." becomes "www.", a trailing ".*" ".com".
std::string InstantiateHostGlob(std::string_view pattern);

// "Repeat purchase" -> "repeat_purchase".
std::string SnakeCase(std::string_view text);

}  // namespace winpath::sim
