#include "cli/event_loader.h"

#include <algorithm>
#include <filesystem>

#include "cli/progress_bar.h"
#include "ingest/importer.h"
#include "ingest/table_file.h"
#include "model/duration.h"

namespace winpath::cli {
namespace {

bool IsTableFile(const std::string& path) {
  return std::filesystem::path(path).extension() == ".wpt";
}

Result<LoadedEvents> LoadTableFile(const JourneyMap& map, const std::string& path) {
  WINPATH_ASSIGN_OR_RETURN(LoadedTable loaded, ReadEventTableFile(path));
  Status match = CheckTableMatchesMap(loaded, map);
  if (!match.ok()) {
    return Status::InvalidArgument(path + ": " + match.message() +
                                   "; re-import the events with this map (winpath import)");
  }
  LoadedEvents out{std::move(loaded.table), {}};
  out.import_summary.from_table_file = true;
  return out;
}

}  // namespace

Result<ImportOptions> MakeImportOptions(const LoadOptions& o) {
  ImportOptions options;
  auto format = ParseImportFormat(o.format);
  if (!format.ok()) return format.status().WithPrefix("--input-format");
  options.format = *format;
  auto columns = ParseCsvColumns(o.csv_columns);
  if (!columns.ok()) return columns.status().WithPrefix("--csv-columns");
  options.csv_columns = *columns;
  auto future = ParseDuration(o.max_future);
  if (!future.ok()) return future.status().WithPrefix("--max-future");
  options.max_future = *future;
  options.rejects_path = o.rejects_path;
  options.threads = o.threads;
  return options;
}

Result<ImportedEvents> ImportEvents(const JourneyMap& map, const std::vector<std::string>& files,
                                    const LoadOptions& o) {
  WINPATH_ASSIGN_OR_RETURN(ImportOptions options, MakeImportOptions(o));
  ProgressBar bar(files.size() == 1 ? "importing " + files[0]
                                    : "importing " + std::to_string(files.size()) + " files");
  if (o.progress && bar.enabled()) {
    options.progress = [&bar](uint64_t done, uint64_t total) { bar.Update(done, total); };
  }
  std::string rejects_path = options.rejects_path;
  Importer importer(map, std::move(options));
  WINPATH_RETURN_IF_ERROR(importer.AddFiles(files));
  WINPATH_ASSIGN_OR_RETURN(EventTable table, importer.Finish());
  ImportedEvents out{std::move(table), importer.stats(), rejects_path};
  return out;
}

Result<LoadedEvents> LoadEvents(const JourneyMap& map, const std::vector<std::string>& files,
                                const LoadOptions& options) {
  if (files.empty()) return Status::InvalidArgument("--events: name at least one file");
  bool any_table = std::any_of(files.begin(), files.end(), IsTableFile);
  if (any_table) {
    if (files.size() != 1) {
      return Status::InvalidArgument("--events: a .wpt table file must be the only events file");
    }
    return LoadTableFile(map, files[0]);
  }
  WINPATH_ASSIGN_OR_RETURN(ImportedEvents imported, ImportEvents(map, files, options));
  LoadedEvents out{std::move(imported.table),
                   SummarizeImport(imported.stats, imported.rejects_path)};
  return out;
}

ImportSummary SummarizeImport(const ImportStats& stats, const std::string& rejects_path) {
  ImportSummary s;
  s.read = stats.read;
  s.imported = stats.imported;
  s.rejected = stats.rejected;
  s.duplicates = stats.duplicates;
  if (stats.rejected > 0) s.rejects_path = rejects_path;
  for (const auto& [reason, n] : stats.rejects_by_reason) s.reject_reasons.emplace_back(reason, n);
  s.notes = stats.notes;
  std::stable_sort(s.reject_reasons.begin(), s.reject_reasons.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return s;
}

}  // namespace winpath::cli
