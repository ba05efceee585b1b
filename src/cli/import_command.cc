#include "cli/import_command.h"

#include <chrono>
#include <cstdio>

#include "cli/exit_code.h"
#include "ingest/table_file.h"
#include "model/journey_map_loader.h"
#include "report/text_table.h"

namespace winpath::cli {

int RunImport(const ImportOptionsCli& o) {
  auto map = LoadJourneyMapFile(o.map_path);
  if (!map.ok()) return ReportError(map.status());
  for (const std::string& f : o.files) {
    if (f.size() > 4 && f.substr(f.size() - 4) == ".wpt") {
      return ReportError(
          Status::InvalidArgument(f + ": is a table file; import reads NDJSON or CSV"));
    }
  }
  auto start = std::chrono::steady_clock::now();
  auto imported = ImportEvents(*map, o.files, o.load);
  if (!imported.ok()) return ReportError(imported.status());
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const ImportStats& s = imported->stats;
  std::printf("read %s = imported %s + rejected %s + duplicates %s\n",
              FormatCount(static_cast<double>(s.read)).c_str(),
              FormatCount(static_cast<double>(s.imported)).c_str(),
              FormatCount(static_cast<double>(s.rejected)).c_str(),
              FormatCount(static_cast<double>(s.duplicates)).c_str());
  std::printf("imported: %s events, %s identify, %s alias -> %s persons (%.1f s, %s messages/s)\n",
              FormatCount(static_cast<double>(s.events)).c_str(),
              FormatCount(static_cast<double>(s.identifies)).c_str(),
              FormatCount(static_cast<double>(s.aliases)).c_str(),
              FormatCount(static_cast<double>(imported->table.num_persons())).c_str(), secs,
              FormatCount(secs > 0 ? static_cast<double>(s.read) / secs : 0).c_str());
  if (s.refused_links > 0) {
    std::printf(
        "identity: %s links refused because they would merge two different users "
        "(docs/import.md#identity)\n",
        FormatCount(static_cast<double>(s.refused_links)).c_str());
  }
  if (s.rejected > 0) {
    std::printf("rejected rows are kept with their reasons in %s:\n",
                imported->rejects_path.c_str());
    for (const auto& [reason, n] : SummarizeImport(s, imported->rejects_path).reject_reasons) {
      std::printf("  %12s  %s\n", FormatCount(static_cast<double>(n)).c_str(), reason.c_str());
    }
  }
  for (const std::string& note : s.notes) std::printf("note: %s\n", note.c_str());
  if (o.strict && s.rejected > 0) {
    std::printf("--strict: %s rows rejected; no table written\n",
                FormatCount(static_cast<double>(s.rejected)).c_str());
    return kExitRejected;
  }
  if (!o.out_path.empty()) {
    Status w = WriteEventTable(o.out_path, imported->table, TableFileInfoFor(*map));
    if (!w.ok()) return ReportError(w);
    std::printf("wrote %s (analyze it with --events %s)\n", o.out_path.c_str(), o.out_path.c_str());
  }
  return kExitOk;
}

}  // namespace winpath::cli
