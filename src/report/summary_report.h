// DataSummary: what an analysis ran on — the journey map, the events and persons, the time
// range, the touchpoints per channel, and what the import kept, rejected and deduplicated.
// Printed first by `winpath analyze` so every answer states its basis.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/event_table.h"
#include "model/journey_map.h"

namespace winpath {

// The importer's counts as the report shows them (ingest's stats, copied by cli/).
// Invariant shown to the user: read = imported + rejected + duplicates.
struct ImportSummary {
  uint64_t read = 0;
  uint64_t imported = 0;
  uint64_t rejected = 0;
  uint64_t duplicates = 0;
  std::string rejects_path;                                      // empty when nothing was rejected
  std::vector<std::pair<std::string, uint64_t>> reject_reasons;  // most frequent first
  bool from_table_file = false;    // loaded a saved table: no parsing happened
  std::vector<std::string> notes;  // e.g. "empty.ndjson: the file is empty; nothing imported"
};

struct DataSummary {
  std::string map_name;
  uint64_t events = 0;
  uint64_t persons = 0;
  uint64_t touchpoints = 0;
  std::optional<TimeMs> first_event, last_event;
  std::vector<std::pair<std::string, uint64_t>> touchpoints_by_channel;  // descending
  ImportSummary import;
};

// One pass over the table's channel column.
DataSummary SummarizeData(const EventTable& table, const JourneyMap& map, ImportSummary import);

std::string DataSummaryToJson(const DataSummary& summary);
std::string DataSummaryToTable(const DataSummary& summary);

}  // namespace winpath
