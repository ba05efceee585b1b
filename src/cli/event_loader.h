// Loading events for the CLI: raw NDJSON/CSV files through the importer (ingest/), or a saved
// table file (.wpt) written by `winpath import --out`.
#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "ingest/import_options.h"
#include "model/event_table.h"
#include "model/journey_map.h"
#include "report/summary_report.h"

namespace winpath::cli {

struct LoadOptions {
  std::string format = "auto";  // auto | ndjson | csv
  std::string csv_columns;      // "event=action,timestamp=ts" overrides of CSV column names
  std::string rejects_path = "winpath-rejects.ndjson";  // created only when a row is rejected
  std::string max_future = "1d";
  int threads = 0;
  bool progress = true;  // progress bar on a terminal
};

struct LoadedEvents {
  EventTable table;
  ImportSummary import_summary;
};

// The importer's result for `winpath import`, which also needs the full statistics.
struct ImportedEvents {
  EventTable table;
  ImportStats stats;
  std::string rejects_path;
};

// Import options from the CLI flags; InvalidArgument names the flag.
Result<ImportOptions> MakeImportOptions(const LoadOptions& options);
// Runs the importer over NDJSON/CSV files (never .wpt), with a progress bar on a terminal.
// The rejects file appears only when a row was rejected (ingest's RejectsWriter).
Result<ImportedEvents> ImportEvents(const JourneyMap& map, const std::vector<std::string>& files,
                                    const LoadOptions& options);
ImportSummary SummarizeImport(const ImportStats& stats, const std::string& rejects_path);

// REQUIRES: files non-empty. A single file ending in .wpt is read as a table file (and then
// must be the only file). Reports progress on a terminal; rejected rows go to the rejects file.
Result<LoadedEvents> LoadEvents(const JourneyMap& map, const std::vector<std::string>& files,
                                const LoadOptions& options);

}  // namespace winpath::cli
