#include "cli/analyze_command.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "cli/analysis_sections.h"
#include "cli/exit_code.h"
#include "model/journey_map_loader.h"
#include "report/summary_report.h"

namespace winpath::cli {
namespace {

Result<std::set<std::string>> SelectedAnalyses(const std::string& text) {
  std::set<std::string> out;
  for (const std::string& a : SplitCommaList(text)) {
    if (a == "all") {
      out.insert(AnalysisNames().begin(), AnalysisNames().end());
      continue;
    }
    const std::vector<std::string>& names = AnalysisNames();
    if (std::find(names.begin(), names.end(), a) == names.end()) {
      return Status::InvalidArgument("--analysis: unknown analysis '" + a + "'; expected " +
                                     AnalysisNamesText());
    }
    out.insert(a);
  }
  if (out.empty()) return Status::InvalidArgument("--analysis: name at least one analysis");
  return out;
}

Result<ScanOptions> MakeScan(const AnalyzeOptions& o) {
  ScanOptions scan;
  scan.threads = o.threads;
  if (!o.from.empty()) {
    auto t = ParseTimestamp(o.from);
    if (!t.ok()) return t.status().WithPrefix("--from");
    scan.from = *t;
  }
  if (!o.to.empty()) {
    auto t = ParseTimestamp(o.to);
    if (!t.ok()) return t.status().WithPrefix("--to");
    scan.to = *t;
  }
  if (scan.from >= scan.to) return Status::InvalidArgument("--from must be before --to");
  return scan;
}

}  // namespace

int RunAnalyze(const AnalyzeOptions& o) {
  if (o.format != "table" && o.format != "json") {
    return ReportError(
        Status::InvalidArgument("--format: expected table or json, got '" + o.format + "'"));
  }
  auto selected = SelectedAnalyses(o.analysis);
  if (!selected.ok()) return ReportError(selected.status());
  auto scan = MakeScan(o);
  if (!scan.ok()) return ReportError(scan.status());
  auto map = LoadJourneyMapFile(o.map_path);
  if (!map.ok()) return ReportError(map.status());
  auto loaded = LoadEvents(*map, o.events, o.load);
  if (!loaded.ok()) return ReportError(loaded.status());
  const EventTable& table = loaded->table;

  std::vector<Section> sections;
  const AnalysisInput input{o, table, *map, *scan};
  for (const std::string& name : AnalysisNames()) {
    if (!selected->count(name)) continue;
    auto section = RunSection(name, input);
    if (!section.ok())
      return ReportError(section.status().WithPrefix(std::string("analysis ") + name));
    sections.push_back(std::move(*section));
  }
  DataSummary summary = SummarizeData(table, *map, loaded->import_summary);
  if (o.format == "json") {
    std::string out = "{\"summary\":" + DataSummaryToJson(summary);
    for (const Section& s : sections) out += ",\"" + s.name + "\":" + s.json;
    out += "}\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
  } else {
    std::string out = DataSummaryToTable(summary);
    for (const Section& s : sections) out += "\n" + s.table;
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  return kExitOk;
}

}  // namespace winpath::cli
