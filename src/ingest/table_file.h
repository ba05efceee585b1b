// The event-table file: an EventTable with its person keys, dictionaries, channel names and
// dimensions in one binary file, so `winpath import ... --out data.wpt` followed by
// `winpath analyze --events data.wpt` skips parsing. Layout: table_file_format.h and
// docs/formats/event-table.md (version 2).
//
// Every section carries an XXH3-64 checksum; columns are zstd-compressed when that makes them
// smaller. Reading a truncated or corrupt file returns Corruption naming the section, never
// crashes. Writing is atomic: a temporary file in the same directory, fsync, rename, fsync of
// the directory — a reader sees the old file or the new one, never a torn one.
//
// Thread-safety: free functions without shared state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "ingest/map_fingerprint.h"
#include "model/event_table.h"
#include "model/journey_map.h"

namespace winpath {

// What the table was imported with, to detect a table used with a different map: the
// predicate bits of the mask column mean the map's wins and milestones in this order, and the
// channels and sessions follow the map parts the fingerprint covers.
struct TableFileInfo {
  std::string map_name;
  std::vector<std::string> predicate_names;  // wins, then milestones (bit order)
  MapFingerprint fingerprint;
};

struct LoadedTable {
  EventTable table;
  TableFileInfo info;
};

TableFileInfo TableFileInfoFor(const JourneyMap& map);

// The file's bytes. Never fails.
std::string EncodeEventTable(const EventTable& table, const TableFileInfo& info);
// Decodes file bytes. Returns Corruption naming the section for any damage, and
// FailedPrecondition for a version 1 file (written before the map fingerprint; re-import).
Result<LoadedTable> DecodeEventTable(std::string_view bytes);
// Same, but returns ResourceExhausted rather than allocate more than `max_raw_bytes` for the
// decoded sections (fuzzing; services with a memory budget).
Result<LoadedTable> DecodeEventTableWithLimit(std::string_view bytes, uint64_t max_raw_bytes);

// Writes atomically. Returns IoError naming the path on failure (the old file, if any, stays).
Status WriteEventTable(const std::string& path, const EventTable& table, const TableFileInfo& info);
// IoError when the file cannot be read; Corruption as DecodeEventTable.
Result<LoadedTable> ReadEventTableFile(const std::string& path);
Result<EventTable> ReadEventTable(const std::string& path);

// FailedPrecondition when `loaded` was imported with a map that would import the events
// differently: other wins/milestones (naming the first differing predicate bit), or other
// channel rules, site_hosts, default_channel_grouping, windows.session_timeout or dimensions
// (naming the first differing part, by MapFingerprint).
Status CheckTableMatchesMap(const LoadedTable& loaded, const JourneyMap& map);

}  // namespace winpath
