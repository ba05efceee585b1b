#include "cli/analysis_sections.h"

#include <algorithm>
#include <optional>
#include <sstream>

#include "model/duration.h"
#include "query/attribution_intervals.h"
#include "query/attribution_query.h"
#include "query/drivers_query.h"
#include "query/flywheel_query.h"
#include "query/forecast_query.h"
#include "query/funnel_query.h"
#include "query/gaps_query.h"
#include "query/lifecycle_query.h"
#include "query/path_models_query.h"
#include "query/paths_query.h"
#include "query/period_range.h"
#include "query/retention_query.h"
#include "query/step_attribution_query.h"
#include "query/time_to_milestone_query.h"
#include "query/win_paths_query.h"
#include "report/attribution_report.h"
#include "report/drivers_report.h"
#include "report/flywheel_report.h"
#include "report/forecast_report.h"
#include "report/funnel_report.h"
#include "report/gaps_report.h"
#include "report/lifecycle_report.h"
#include "report/path_models_report.h"
#include "report/paths_report.h"
#include "report/retention_report.h"
#include "report/step_attribution_report.h"
#include "report/time_to_milestone_report.h"
#include "report/win_paths_report.h"

namespace winpath::cli {
namespace {

Result<std::optional<TimeMs>> OptionalDuration(const std::string& text, const char* flag) {
  if (text.empty()) return std::optional<TimeMs>();
  auto d = ParseDuration(text);
  if (!d.ok()) return d.status().WithPrefix(std::string("--") + flag);
  return std::optional<TimeMs>(*d);
}

// Whether --analysis names `name` itself (not through "all").
bool NamedExplicitly(const std::string& name, const AnalysisInput& in) {
  const std::vector<std::string> named = SplitCommaList(in.options.analysis);
  return std::find(named.begin(), named.end(), name) != named.end();
}

Section Skipped(const std::string& name, const std::string& why) {
  return Section{name, "{\"analysis\":\"" + name + "\",\"skipped\":\"" + why + "\"}",
                 name + ": skipped — " + why + "\n"};
}

// With --analysis all and no --steps, a map with fewer than two milestones has no default
// steps for the funnel and transitions; the other analyses still run and the section says why
// it is empty. Named explicitly, the analysis runs and reports the error.
std::optional<Section> SkipWithoutDefaultSteps(const std::string& name, const AnalysisInput& in) {
  if (!in.options.steps.empty() || in.map.milestones.size() >= 2 || NamedExplicitly(name, in)) {
    return std::nullopt;
  }
  return Skipped(name, "the map has fewer than 2 milestones; name the steps with --steps");
}

// The same for the analyses of one pair of milestones (time to milestone, drivers), whose
// default pair is the paths'.
std::optional<Section> SkipWithoutDefaultPair(const std::string& name, const AnalysisInput& in) {
  const AnalyzeOptions& o = in.options;
  PathsSpec ends;
  DefaultPathEnds(in.map, &ends);
  if (!o.milestone_from.empty() || !o.milestone_to.empty() ||
      (!ends.from.empty() && !ends.to.empty()) || NamedExplicitly(name, in)) {
    return std::nullopt;
  }
  return Skipped(name,
                 "the map has no default pair of milestones; name them with --milestone-from "
                 "and --milestone-to");
}

Result<Section> WinPathsSection(const AnalysisInput& in) {
  const AnalyzeOptions& o = in.options;
  WinPathsSpec spec;
  WINPATH_ASSIGN_OR_RETURN(spec.window, OptionalDuration(o.window, "window"));
  spec.wins = SplitCommaList(o.wins);
  spec.min_persons = o.min_persons;
  spec.confidence = o.confidence;
  WINPATH_ASSIGN_OR_RETURN(WinPathsResult r, RunWinPaths(in.table, in.map, spec, in.scan));
  return Section{"winpaths", WinPathsToJson(r), WinPathsToTable(r)};
}

Result<Section> FunnelSection(const AnalysisInput& in) {
  const AnalyzeOptions& o = in.options;
  if (auto skipped = SkipWithoutDefaultSteps("funnel", in)) return *skipped;
  FunnelSpec spec;
  spec.steps = SplitCommaList(o.steps);
  WINPATH_ASSIGN_OR_RETURN(spec.mode, ParseFunnelMode(o.mode));
  WINPATH_ASSIGN_OR_RETURN(spec.window, OptionalDuration(o.window, "window"));
  spec.exclude = SplitCommaList(o.exclude);
  spec.breakdown = o.breakdown;
  spec.confidence = o.confidence;
  WINPATH_ASSIGN_OR_RETURN(FunnelResult r, RunFunnel(in.table, in.map, spec, in.scan));
  return Section{"funnel", FunnelToJson(r), FunnelToTable(r)};
}

Result<Section> PathsSection(const AnalysisInput& in) {
  const AnalyzeOptions& o = in.options;
  PathsSpec spec;
  spec.from = o.path_from;
  spec.to = o.path_to;
  if (spec.from.empty() && spec.to.empty()) DefaultPathEnds(in.map, &spec);
  spec.node = o.node;
  spec.top = o.top;
  spec.max_steps = o.max_steps;
  spec.confidence = o.confidence;
  WINPATH_ASSIGN_OR_RETURN(spec.window, OptionalDuration(o.window, "window"));
  WINPATH_ASSIGN_OR_RETURN(PathsResult r, RunPaths(in.table, in.map, spec, in.scan));
  std::string json = "{\"between\":" + PathsToJson(r);
  std::string text = PathsToTable(r);
  if (!o.anchor.empty()) {
    FlowSpec flow;
    flow.anchor = o.anchor;
    flow.direction = o.direction;
    flow.depth = o.depth;
    flow.width = o.width;
    flow.node = o.flow_node;
    WINPATH_ASSIGN_OR_RETURN(FlowResult f, RunFlow(in.table, in.map, flow, in.scan));
    json += ",\"flow\":" + FlowToJson(f);
    text += "\n" + FlowToTable(f);
  }
  json += "}";
  return Section{"paths", json, text};
}

Result<Section> AttributionSection(const AnalysisInput& in) {
  const AnalyzeOptions& o = in.options;
  AttributionSpec spec;
  spec.models = SplitCommaList(o.models);
  spec.wins = SplitCommaList(o.wins);
  WINPATH_ASSIGN_OR_RETURN(spec.lookback, OptionalDuration(o.lookback, "lookback"));
  WINPATH_ASSIGN_OR_RETURN(spec.half_life, OptionalDuration(o.half_life, "half-life"));
  AttributionResult r;
  if (o.intervals) {
    IntervalSpec intervals;
    intervals.confidence = o.confidence;
    WINPATH_ASSIGN_OR_RETURN(
        r, RunAttributionWithIntervals(in.table, in.map, spec, intervals, in.scan));
  } else {
    WINPATH_ASSIGN_OR_RETURN(r, RunAttribution(in.table, in.map, spec, in.scan));
  }
  return Section{"attribution", AttributionToJson(r), AttributionToTable(r)};
}

Result<Section> TransitionsSection(const AnalysisInput& in) {
  const AnalyzeOptions& o = in.options;
  if (auto skipped = SkipWithoutDefaultSteps("transitions", in)) return *skipped;
  StepAttributionSpec spec;
  spec.steps = SplitCommaList(o.steps);
  WINPATH_ASSIGN_OR_RETURN(spec.window, OptionalDuration(o.window, "window"));
  WINPATH_ASSIGN_OR_RETURN(StepAttributionResult r,
                           RunStepAttribution(in.table, in.map, spec, in.scan));
  return Section{"transitions", StepAttributionToJson(r), StepAttributionToTable(r)};
}

Result<Section> TimeToMilestoneSection(const AnalysisInput& in) {
  const AnalyzeOptions& o = in.options;
  if (auto skipped = SkipWithoutDefaultPair("time_to_milestone", in)) return *skipped;
  TimeToMilestoneSpec spec;
  spec.from = o.milestone_from;
  spec.to = o.milestone_to;
  WINPATH_ASSIGN_OR_RETURN(spec.window, OptionalDuration(o.window, "window"));
  spec.confidence = o.confidence;
  WINPATH_ASSIGN_OR_RETURN(TimeToMilestoneResult r,
                           RunTimeToMilestone(in.table, in.map, spec, in.scan));
  return Section{"time_to_milestone", TimeToMilestoneToJson(r), TimeToMilestoneToTable(r)};
}

Result<Section> PathModelSection(const AnalysisInput& in, PathModel model) {
  const AnalyzeOptions& o = in.options;
  PathModelsSpec spec;
  spec.journeys.wins = SplitCommaList(o.wins);
  WINPATH_ASSIGN_OR_RETURN(spec.journeys.lookback, OptionalDuration(o.lookback, "lookback"));
  spec.markov.order = o.order;
  spec.markov.collapse_repeats = !o.keep_repeats;
  spec.intervals = o.intervals;
  spec.confidence = o.confidence;
  if (!in.journeys) {
    WINPATH_ASSIGN_OR_RETURN(in.journeys,
                             RunJourneyPaths(in.table, in.map, spec.journeys, in.scan));
  }
  WINPATH_ASSIGN_OR_RETURN(PathModelsResult r, RunPathModel(*in.journeys, model, spec));
  return Section{model == PathModel::kMarkov ? "markov" : "shapley", PathModelsToJson(r),
                 PathModelsToTable(r)};
}

Result<Section> MarkovSection(const AnalysisInput& in) {
  return PathModelSection(in, PathModel::kMarkov);
}

Result<Section> ShapleySection(const AnalysisInput& in) {
  return PathModelSection(in, PathModel::kShapley);
}

Result<Section> GapsSection(const AnalysisInput& in) {
  const AnalyzeOptions& o = in.options;
  if (in.map.targets.empty() && !NamedExplicitly("gaps", in)) {
    return Skipped("gaps", "the map declares no targets");
  }
  GapsSpec spec;
  spec.alpha = o.alpha;
  spec.confidence = o.confidence;
  WINPATH_ASSIGN_OR_RETURN(GapsResult r, RunGaps(in.table, in.map, spec, in.scan));
  return Section{"gaps", GapsToJson(r), GapsToTable(r)};
}

// The pair of --milestone-from / --milestone-to, or the paths' default pair.
void MilestonePair(const AnalysisInput& in, std::string* from, std::string* to) {
  *from = in.options.milestone_from;
  *to = in.options.milestone_to;
  if (from->empty() && to->empty()) {
    PathsSpec ends;
    DefaultPathEnds(in.map, &ends);
    *from = ends.from;
    *to = ends.to;
  }
}

Result<Section> DriversSection(const AnalysisInput& in) {
  const AnalyzeOptions& o = in.options;
  if (auto skipped = SkipWithoutDefaultPair("drivers", in)) return *skipped;
  DriversSpec spec;
  MilestonePair(in, &spec.from, &spec.to);
  WINPATH_ASSIGN_OR_RETURN(spec.window, OptionalDuration(o.window, "window"));
  spec.node = o.node;
  spec.min_support = o.min_support;
  spec.alpha = o.alpha;
  spec.confidence = o.confidence;
  WINPATH_ASSIGN_OR_RETURN(DriversResult r, RunDrivers(in.table, in.map, spec, in.scan));
  return Section{"drivers", DriversToJson(r), DriversToTable(r)};
}

// --period, or the analysis's own default.
std::string PeriodOr(const AnalyzeOptions& o, const char* fallback) {
  return o.period.empty() ? fallback : o.period;
}

Result<Section> RetentionSection(const AnalysisInput& in) {
  const AnalyzeOptions& o = in.options;
  RetentionSpec spec;
  spec.start = o.retention_start;
  spec.return_event = o.retention_return;
  WINPATH_ASSIGN_OR_RETURN(spec.type, ParseRetentionType(o.retention_type));
  WINPATH_ASSIGN_OR_RETURN(spec.measure, ParseRetentionMeasure(o.retention_measure));
  WINPATH_ASSIGN_OR_RETURN(spec.period, ParseRetentionPeriod(PeriodOr(o, "week")));
  spec.rolling = o.rolling;
  spec.periods = o.periods;
  spec.confidence = o.confidence;
  WINPATH_ASSIGN_OR_RETURN(RetentionResult r, RunRetention(in.table, in.map, spec, in.scan));
  return Section{"retention", RetentionToJson(r), RetentionToTable(r)};
}

Result<Section> FlywheelSection(const AnalysisInput& in) {
  const AnalyzeOptions& o = in.options;
  FlywheelSpec spec;
  WINPATH_ASSIGN_OR_RETURN(spec.period, ParsePeriodKind(PeriodOr(o, "week")));
  WINPATH_ASSIGN_OR_RETURN(spec.dormant_after, OptionalDuration(o.dormant_after, "dormant-after"));
  WINPATH_ASSIGN_OR_RETURN(FlywheelResult r, RunFlywheel(in.table, in.map, spec, in.scan));
  return Section{"flywheel", FlywheelToJson(r), FlywheelToTable(r)};
}

Result<Section> LifecycleSection(const AnalysisInput& in) {
  const AnalyzeOptions& o = in.options;
  LifecycleSpec spec;
  WINPATH_ASSIGN_OR_RETURN(spec.period, ParsePeriodKind(PeriodOr(o, "week")));
  spec.event = o.lifecycle_event;
  WINPATH_ASSIGN_OR_RETURN(spec.new_means, ParseLifecycleNew(o.new_means));
  WINPATH_ASSIGN_OR_RETURN(LifecycleResult r, RunLifecycle(in.table, in.map, spec, in.scan));
  return Section{"lifecycle", LifecycleToJson(r), LifecycleToTable(r)};
}

Result<Section> ForecastSection(const AnalysisInput& in) {
  const AnalyzeOptions& o = in.options;
  ForecastSpec spec;
  WINPATH_ASSIGN_OR_RETURN(spec.period, ParsePeriodKind(PeriodOr(o, "month")));
  spec.horizon = o.horizon;
  spec.levers.retention = o.lever_retention;
  spec.levers.referral = o.lever_referral;
  spec.levers.step = o.lever_step;
  spec.levers.step_change = o.lever_step_change;
  WINPATH_ASSIGN_OR_RETURN(spec.dormant_after, OptionalDuration(o.dormant_after, "dormant-after"));
  if (!o.backtest_split.empty()) {
    auto split = ParseTimestamp(o.backtest_split);
    if (!split.ok()) return split.status().WithPrefix("--backtest-split");
    WINPATH_ASSIGN_OR_RETURN(ForecastBacktestResult r,
                             RunForecastBacktest(in.table, in.map, spec, *split, in.scan));
    return Section{"forecast", ForecastBacktestToJson(r), ForecastBacktestToTable(r)};
  }
  WINPATH_ASSIGN_OR_RETURN(ForecastResult r, RunForecast(in.table, in.map, spec, in.scan));
  return Section{"forecast", ForecastToJson(r), ForecastToTable(r)};
}

struct Entry {
  std::string name;
  Result<Section> (*run)(const AnalysisInput&);
};

const std::vector<Entry>& Registry() {
  static const std::vector<Entry> kEntries = {
      {"winpaths", WinPathsSection},
      {"funnel", FunnelSection},
      {"paths", PathsSection},
      {"attribution", AttributionSection},
      {"transitions", TransitionsSection},
      {"markov", MarkovSection},
      {"shapley", ShapleySection},
      {"time_to_milestone", TimeToMilestoneSection},
      {"gaps", GapsSection},
      {"drivers", DriversSection},
      {"retention", RetentionSection},
      {"flywheel", FlywheelSection},
      {"lifecycle", LifecycleSection},
      {"forecast", ForecastSection},
  };
  return kEntries;
}

}  // namespace

const std::vector<std::string>& AnalysisNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const Entry& e : Registry()) names.push_back(e.name);
    return names;
  }();
  return kNames;
}

std::string AnalysisNamesText() {
  std::string text;
  for (const std::string& name : AnalysisNames()) text += name + ", ";
  return text + "or all";
}

Result<Section> RunSection(const std::string& name, const AnalysisInput& in) {
  for (const Entry& e : Registry()) {
    if (e.name == name) return e.run(in);
  }
  return Status::InvalidArgument("unknown analysis '" + name + "'; expected " +
                                 AnalysisNamesText());
}

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

}  // namespace winpath::cli
