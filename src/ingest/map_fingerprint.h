// MapFingerprint: XXH3-64 fingerprints of the parts of a journey map that decide what an
// imported event table holds — which channel each event gets and which predicate bits it has.
// A table file stores them (docs/formats/event-table.md), so a table is never analyzed with a
// map that would have imported it differently.
//
// Each part is serialized canonically (length-prefixed texts, counts before lists, numbers as
// their 8 little-endian bytes, source locations left out) and hashed; equal parts give equal
// fingerprints on every platform and build.
//
// Thread-safety: plain value and a pure function.
#pragma once

#include <cstdint>
#include <string_view>

#include "model/journey_map.h"

namespace winpath {

struct MapFingerprint {
  uint64_t channel_rules = 0;             // channels: every field of every rule, in order
  uint64_t site_hosts = 0;                // site_hosts, in order
  uint64_t default_channel_grouping = 0;  // ga4 / none
  uint64_t session_timeout = 0;           // windows.session_timeout (sessions and Direct)
  uint64_t dimensions = 0;                // dimensions, in order
  uint64_t predicates = 0;  // wins then milestones: name, events, where, value property
  uint64_t all = 0;         // of the six above, in this order

  static constexpr int kParts = 7;
  // The parts in declaration order (the table-file layout), and their names for messages:
  // "channel rules", "site_hosts", ..., "journey map".
  uint64_t part(int i) const;
  uint64_t* mutable_part(int i);
  static std::string_view PartName(int i);

  bool operator==(const MapFingerprint&) const = default;
};

MapFingerprint MapFingerprintOf(const JourneyMap& map);

}  // namespace winpath
