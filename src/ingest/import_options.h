// ImportOptions and ImportStats: how the Importer reads files and what it reports
// (docs/import.md).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "ingest/csv_columns.h"
#include "model/timestamp.h"

namespace winpath {

enum class ImportFormat : uint8_t {
  kAuto,  // by extension: .ndjson/.jsonl/.json = NDJSON, .csv = CSV; else by first byte
  kNdjson,
  kCsv,
};

// "auto", "ndjson", "csv" -> format; InvalidArgument otherwise.
Result<ImportFormat> ParseImportFormat(std::string_view text);

struct ImportOptions {
  ImportFormat format = ImportFormat::kAuto;
  CsvColumns csv_columns;
  // Where rejected messages are written (docs/formats/rejects.md); empty = not written (they
  // are still counted). Nothing is created until the first reject: the lines go to
  // "<rejects_path>.tmp", renamed onto rejects_path by Finish. An import without rejects, or
  // one that fails before Finish, leaves rejects_path as it was. It must not be an input file
  // (AddFiles returns InvalidArgument).
  std::string rejects_path;
  // Times later than `now` + max_future are rejected (clock skew allowance).
  TimeMs max_future = kMsPerDay;
  // The import time; nullopt = the system clock when the Importer is constructed.
  std::optional<TimeMs> now;
  // Called with (bytes done, bytes total) of the current AddFiles call, at most about 10 times
  // a second and once at the end. Runs on the calling thread.
  std::function<void(uint64_t, uint64_t)> progress;
  // Parser threads for NDJSON; 0 = all hardware threads. CSV is read on one thread.
  int threads = 0;
  // Bytes read per step (tests use tiny blocks to exercise the block boundaries).
  size_t block_bytes = 8 << 20;
};

// Counts of one import. The invariants (tested):
//   read     == imported + rejected + duplicates
//   imported == events + identifies + aliases
// A message is one line, one CSV row, or one element of a batch line; blank lines are nothing.
struct ImportStats {
  uint64_t files = 0;
  uint64_t bytes = 0;
  uint64_t read = 0;           // messages read
  uint64_t imported = 0;       // valid, first occurrence of their messageId
  uint64_t rejected = 0;       // invalid: counted per reason, written to the rejects file
  uint64_t duplicates = 0;     // valid, but their messageId was imported before
  uint64_t events = 0;         // track/page/screen messages: rows of the event table
  uint64_t identifies = 0;     // identify messages imported (they link ids, add no event)
  uint64_t aliases = 0;        // alias messages imported (likewise)
  uint64_t refused_links = 0;  // links not applied: they would merge two different users
  uint64_t persons = 0;        // persons with at least one event (after Finish)
  std::map<std::string, uint64_t> rejects_by_reason;  // RejectReasonName -> count
  std::vector<std::string> notes;  // e.g. "empty.ndjson: the file is empty; nothing imported"
};

}  // namespace winpath
