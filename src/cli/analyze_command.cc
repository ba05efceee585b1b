#include "cli/analyze_command.h"

#include <cstdio>
#include <iostream>
#include <set>
#include <sstream>

#include "cli/exit_code.h"
#include "model/duration.h"
#include "model/journey_map_loader.h"
#include "query/attribution_query.h"
#include "query/funnel_query.h"
#include "query/paths_query.h"
#include "query/win_paths_query.h"
#include "report/attribution_report.h"
#include "report/funnel_report.h"
#include "report/paths_report.h"
#include "report/summary_report.h"
#include "report/win_paths_report.h"

namespace winpath::cli {
namespace {

constexpr const char* kAnalyses[] = {"winpaths", "funnel", "paths", "attribution"};

std::vector<std::string> SplitCommaList(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    size_t b = item.find_first_not_of(' '), e = item.find_last_not_of(' ');
    if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
  }
  return out;
}

Result<std::optional<TimeMs>> OptionalDuration(const std::string& text, const char* flag) {
  if (text.empty()) return std::optional<TimeMs>();
  auto d = ParseDuration(text);
  if (!d.ok()) return d.status().WithPrefix(std::string("--") + flag);
  return std::optional<TimeMs>(*d);
}

Result<std::set<std::string>> SelectedAnalyses(const std::string& text) {
  std::set<std::string> out;
  for (const std::string& a : SplitCommaList(text)) {
    if (a == "all") {
      out.insert(std::begin(kAnalyses), std::end(kAnalyses));
      continue;
    }
    bool known = false;
    for (const char* k : kAnalyses) known = known || a == k;
    if (!known) {
      return Status::InvalidArgument("--analysis: unknown analysis '" + a +
                                     "'; expected winpaths, funnel, paths, attribution or all");
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

// One analysis's rendered output in both formats.
struct Section {
  std::string name;
  std::string json;
  std::string table;
};

// With --analysis all and no --steps, a map with fewer than two milestones has no default
// funnel; the other analyses still run and the funnel section says why it is empty.
bool SkipDefaultFunnel(const AnalyzeOptions& o, const JourneyMap& map) {
  return o.steps.empty() && map.milestones.size() < 2 &&
         o.analysis.find("funnel") == std::string::npos;
}

Result<Section> RunOne(const std::string& name, const AnalyzeOptions& o, const EventTable& table,
                       const JourneyMap& map, const ScanOptions& scan) {
  if (name == "funnel" && SkipDefaultFunnel(o, map)) {
    const char* why = "the map has fewer than 2 milestones; name the steps with --steps";
    return Section{name, std::string("{\"analysis\":\"funnel\",\"skipped\":\"") + why + "\"}",
                   std::string("Funnel: skipped — ") + why + "\n"};
  }
  if (name == "winpaths") {
    WinPathsSpec spec;
    WINPATH_ASSIGN_OR_RETURN(spec.window, OptionalDuration(o.window, "window"));
    spec.wins = SplitCommaList(o.wins);
    spec.min_persons = o.min_persons;
    WINPATH_ASSIGN_OR_RETURN(WinPathsResult r, RunWinPaths(table, map, spec, scan));
    return Section{name, WinPathsToJson(r), WinPathsToTable(r)};
  }
  if (name == "funnel") {
    FunnelSpec spec;
    spec.steps = SplitCommaList(o.steps);
    WINPATH_ASSIGN_OR_RETURN(spec.mode, ParseFunnelMode(o.mode));
    WINPATH_ASSIGN_OR_RETURN(spec.window, OptionalDuration(o.window, "window"));
    spec.exclude = SplitCommaList(o.exclude);
    spec.breakdown = o.breakdown;
    WINPATH_ASSIGN_OR_RETURN(FunnelResult r, RunFunnel(table, map, spec, scan));
    return Section{name, FunnelToJson(r), FunnelToTable(r)};
  }
  if (name == "paths") {
    PathsSpec spec;
    spec.from = o.path_from;
    spec.to = o.path_to;
    if (spec.from.empty() && spec.to.empty()) DefaultPathEnds(map, &spec);
    spec.node = o.node;
    spec.top = o.top;
    spec.max_steps = o.max_steps;
    WINPATH_ASSIGN_OR_RETURN(spec.window, OptionalDuration(o.window, "window"));
    WINPATH_ASSIGN_OR_RETURN(PathsResult r, RunPaths(table, map, spec, scan));
    std::string json = "{\"between\":" + PathsToJson(r);
    std::string text = PathsToTable(r);
    if (!o.anchor.empty()) {
      FlowSpec flow;
      flow.anchor = o.anchor;
      flow.direction = o.direction;
      flow.depth = o.depth;
      flow.width = o.width;
      flow.node = o.flow_node;
      WINPATH_ASSIGN_OR_RETURN(FlowResult f, RunFlow(table, map, flow, scan));
      json += ",\"flow\":" + FlowToJson(f);
      text += "\n" + FlowToTable(f);
    }
    json += "}";
    return Section{name, json, text};
  }
  AttributionSpec spec;
  spec.models = SplitCommaList(o.models);
  spec.wins = SplitCommaList(o.wins);
  WINPATH_ASSIGN_OR_RETURN(spec.lookback, OptionalDuration(o.lookback, "lookback"));
  WINPATH_ASSIGN_OR_RETURN(spec.half_life, OptionalDuration(o.half_life, "half-life"));
  WINPATH_ASSIGN_OR_RETURN(AttributionResult r, RunAttribution(table, map, spec, scan));
  return Section{name, AttributionToJson(r), AttributionToTable(r)};
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
  for (const char* name : kAnalyses) {
    if (!selected->count(name)) continue;
    auto section = RunOne(name, o, table, *map, *scan);
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
