// Drivers of a milestone transition, as a query: checks a DriversSpec against the journey map
// and the table, runs DriversState over the table in parallel and returns the named
// DriversResult. Semantics: docs/analyses/drivers.md.
//
// Thread-safety: RunDrivers reads the table and the map concurrently from ScanOptions::threads
// threads; both must stay unchanged during the call.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "analysis/drivers.h"
#include "base/result.h"
#include "model/event_table.h"
#include "model/journey_map.h"
#include "query/run_kernel.h"

namespace winpath {

struct DriversSpec {
  std::string from, to;          // milestone or win names (a name that is both: the milestone)
  std::optional<TimeMs> window;  // default: map.windows.conversion
  std::string node = "channel";  // "channel" | "event"
  int64_t min_support = 30;      // persons with a touchpoint needed to test it
  double alpha = 0.05;           // false discovery rate across touchpoints
  double confidence = 0.95;      // level of the odds-ratio intervals
};

// Returns InvalidArgument, naming the field and listing valid values, for: a missing or unknown
// from / to, from == to, an unknown node, window <= 0, min_support < 1, alpha or confidence
// outside (0, 1). `options.dimension` is ignored.
Result<DriversResult> RunDrivers(const EventTable& table, const JourneyMap& map,
                                 const DriversSpec& spec, const ScanOptions& options);

}  // namespace winpath
