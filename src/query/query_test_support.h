// Test support for the query layer's unit tests: one map with a single win and one buyer, small
// enough to reason about by hand.
//
// REQUIRES: use inside tests.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/event_table.h"
#include "model/journey_map.h"

namespace winpath::query_test {

inline constexpr TimeMs kT0 = 1767225600000LL;  // 2026-01-01

// The default wins cut to Buy (bit 0), a 2-day attribution lookback, a 1-day half-life.
inline JourneyMap OneWinMap() {
  JourneyMap map;
  map.wins = DefaultWins();
  map.wins.resize(1);  // Buy, bit 0
  map.windows.attribution_lookback = 2 * kMsPerDay;
  map.windows.time_decay_half_life = kMsPerDay;
  return map;
}

// One person "p": a visit from channel 1 at kT0, a visit from channel 2 at 1d, a purchase (100)
// at 1d and a second purchase (50) at 4d. `channels` names channels 1 and 2.
inline EventTable OneBuyerTable(std::vector<std::string> channels) {
  EventTableBuilder b(std::move(channels));
  const uint16_t visit = b.InternEventName("visit"), buy = b.InternEventName("purchase");
  const uint32_t p = b.InternPerson("p");
  b.Add(p, kT0, visit, 1, 0, 0);
  b.Add(p, kT0 + kMsPerDay, visit, 2, 0, 0);
  b.Add(p, kT0 + kMsPerDay, buy, 0, 0, 1, 100.0);
  b.Add(p, kT0 + 4 * kMsPerDay, buy, 0, 0, 1, 50.0);
  return std::move(b).Build().value();
}

}  // namespace winpath::query_test
