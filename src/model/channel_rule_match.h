// Whether a journey map's channel rule claims an event (docs/journey-map.md#channels,
// docs/analyses/touchpoints.md). One definition shared by the importer (which assigns
// channels) and the simulator (which synthesizes touches the importer must assign back).
//
// Semantics: every field the rule names must match; text fields are lists of
// case-insensitive globs and an absent (empty) field never matches one; `event` lists exact
// event names; `where` conditions must all hold; a rule that names no field matches nothing.
// Thread-safety: a pure function.
#pragma once

#include <string_view>

#include "model/event.h"
#include "model/journey_map.h"

namespace winpath {

// `referrer_host` is the host of the event's referrer and `property` the site the event
// happened on (its property, else its url host): callers extract them their own way.
bool ChannelRuleMatches(const ChannelRule& rule, const RawEvent& event,
                        std::string_view referrer_host, std::string_view property);

}  // namespace winpath
