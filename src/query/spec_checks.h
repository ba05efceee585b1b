// Small checks shared by the query entry points: resolving win names of a spec against the
// journey map and listing valid values in error messages.
//
// Every failure is InvalidArgument whose message starts with the spec field ("wins: ...") and
// lists the valid values, so a person can fix the flag or request without reading the docs.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "model/event_table.h"
#include "model/journey_map.h"

namespace winpath {

// "'Buy', 'Support', 'Register'" (or "(none)").
std::string QuoteList(const std::vector<std::string>& names);

// The (win index, name) pairs of `names` in the given order, or every win of the map when
// `names` is empty. Fails on an unknown or repeated name, or a map without wins.
// `field` names the spec field in messages ("wins").
Result<std::vector<std::pair<int, std::string>>> ResolveWins(const JourneyMap& map,
                                                             const std::vector<std::string>& names,
                                                             std::string_view field);

// Channels whose first-touch persons count as referred (retention's viral coefficient, the
// forecast's referral arrivals): `*names`, or when empty every channel of the table whose name
// contains "referral" (any case; `*names` is then filled with them). Returns one flag per
// channel id (256 entries), or an empty vector when there is no such channel. InvalidArgument
// naming "referral_channels" for a name that is no channel of the table.
Result<std::vector<uint8_t>> ResolveReferralChannels(const EventTable& table,
                                                     std::vector<std::string>* names);

}  // namespace winpath
