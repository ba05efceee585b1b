// PathTable (model/): journeys aggregated by their channel path, in ChannelAttribution's shape
// (path "a > b > c", total_conversions, total_conversion_value, total_null). It is the input of
// the path-based attribution models (Markov chain, Shapley value): built from an EventTable by
// the journey-path kernel (journey_paths.h) or read from a CSV file (ingest/path_table_csv.h).
//
// Invariants (checked by ValidatePathTable, which every consumer calls first):
//   - every channel index in a path is < channel_names.size(); channel names are distinct and
//     non-empty;
//   - conversions >= 0, nulls >= 0, value finite (may be negative: refunds), and a path with no
//     conversions carries no value;
//   - paths are non-empty. The same path may appear twice only in tables read from files;
//     builders emit each distinct path once, sorted by path.
//
// Thread-safety: a plain value type.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace winpath {

struct JourneyPath {
  // Channel indexes into PathTable::channel_names, in touch order. Consecutive repeats are
  // kept: each model documents how it treats them.
  std::vector<uint16_t> channels;
  int64_t conversions = 0;  // journeys along this path that ended in the win
  double value = 0;         // total win value of those conversions
  int64_t nulls = 0;        // journeys along this path that did not (yet) end in the win
  bool operator==(const JourneyPath&) const = default;
};

struct PathTable {
  std::vector<std::string> channel_names;
  std::vector<JourneyPath> paths;
  bool operator==(const PathTable&) const = default;
};

// OK, or InvalidArgument naming the first offending path (by index) and field.
Status ValidatePathTable(const PathTable& table);

// "a > b > c" for a path of the table.
std::string PathText(const PathTable& table, const JourneyPath& path);

}  // namespace winpath
