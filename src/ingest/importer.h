// Importer: turns NDJSON and CSV files of tracking messages into an EventTable, losing nothing
// (docs/import.md). Typical use:
//
//   Importer importer(map, options);
//   WINPATH_RETURN_IF_ERROR(importer.AddFiles({"a.ndjson", "b.csv"}));
//   WINPATH_ASSIGN_OR_RETURN(EventTable table, importer.Finish());
//   const ImportStats& stats = importer.stats();
//
// Every message read is imported, rejected (counted per reason and written with its original
// text to options.rejects_path) or a duplicate of an earlier messageId (within and across
// files; the first occurrence wins). NDJSON is parsed on options.threads threads, each taking
// a contiguous range of lines; results are merged in file order, so line numbers and the tie
// rule (equal timestamps keep input order) hold.
//
// Thread-safety: not thread-safe; one thread drives an Importer (it starts its own workers).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "ingest/import_options.h"
#include "model/event_table.h"
#include "model/journey_map.h"

namespace winpath {

class ChunkedFileReader;
class EventCollector;
class RejectsWriter;

class Importer {
 public:
  // REQUIRES: `map` outlives the importer. A map with more than 255 channel names or more
  // than kMaxDimensions dimensions makes every call return InvalidArgument.
  explicit Importer(const JourneyMap& map, ImportOptions options = {});
  ~Importer();
  Importer(const Importer&) = delete;
  Importer& operator=(const Importer&) = delete;

  // Reads files in order. Checks first that options.rejects_path (or its ".tmp") is none of
  // `paths` (InvalidArgument naming both, nothing read) and that every file can be opened
  // (IoError naming the path, nothing read). An empty file is not an error: it adds a note to
  // stats().notes. Returns InvalidArgument for a CSV file whose header lacks a required column
  // (nothing of that file imported), IoError for read/write failures, FailedPrecondition after
  // Finish.
  Status AddFiles(const std::vector<std::string>& paths);
  Status AddFile(const std::string& path) { return AddFiles({path}); }

  // Stitches identities, assigns session channels, builds the table and, when there were
  // rejects, moves the rejects file into place (RejectsWriter::Commit). Call once. Destroying
  // the importer without Finish leaves options.rejects_path untouched. Returns ResourceExhausted
  // past 65535 distinct event names or 2^32 events.
  Result<EventTable> Finish();

  const ImportStats& stats() const { return stats_; }

 private:
  struct Worker;
  Status ReadFile(const std::string& path, uint64_t bytes_before, uint64_t bytes_total);
  Status ReadNdjson(ChunkedFileReader& file, uint64_t bytes_before, uint64_t bytes_total);
  Status ReadCsv(ChunkedFileReader& file, uint64_t bytes_before, uint64_t bytes_total);
  void ParseBlock(std::string_view block);
  void Progress(uint64_t done, uint64_t total, bool final);

  const JourneyMap& map_;
  ImportOptions options_;
  Status init_status_;
  ImportStats stats_;
  std::unique_ptr<RejectsWriter> rejects_;
  std::unique_ptr<EventCollector> collector_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::string_view> parts_;  // ParseBlock's ranges, one per worker
  std::vector<uint64_t> lines_;          // lines in each range
  int64_t last_progress_ns_ = 0;
  bool finished_ = false;
};

}  // namespace winpath
