#include "cli/app.h"

#include <CLI/CLI.hpp>

#include "cli/analyze_command.h"
#include "cli/attribute_command.h"
#include "cli/exit_code.h"
#include "cli/import_command.h"
#include "cli/map_command.h"
#include "cli/simulate_command.h"

namespace winpath::cli {
namespace {

void AddLoadFlags(CLI::App* cmd, LoadOptions* load) {
  cmd->add_option("--input-format", load->format, "auto (by extension), ndjson or csv")
      ->check(CLI::IsMember({"auto", "ndjson", "csv"}));
  cmd->add_option("--csv-columns", load->csv_columns,
                  "CSV column names that differ from the defaults, e.g. "
                  "\"user_id=customer,timestamp=ts,event=action\"");
  cmd->add_option("--rejects", load->rejects_path,
                  "where rejected rows are kept with their reasons (NDJSON)")
      ->capture_default_str();
  cmd->add_option("--max-future", load->max_future,
                  "reject events timestamped further than this after now")
      ->capture_default_str();
  cmd->add_flag(
      "--no-progress", [load](int64_t) { load->progress = false; }, "never draw a progress bar");
}

void AddAttributionFlags(CLI::App* cmd, AnalyzeOptions* o) {
  auto* g = cmd->add_option_group("win paths and attribution");
  g->add_option("--wins", o->wins, "wins to analyze (default: all)");
  g->add_option("--min-persons", o->min_persons, "persons a channel needs to be named best channel")
      ->capture_default_str();
  g->add_option("--models", o->models,
                "first_touch,last_touch,last_non_direct,linear,time_decay,position_based");
  g->add_option("--lookback", o->lookback, "attribution lookback (default: the map's)");
  g->add_option("--half-life", o->half_life, "time-decay half-life (default: the map's)");
  g->add_flag("--intervals", o->intervals,
              "attribution: bootstrap intervals of every credit (100 random person groups, "
              "1000 replicates, --confidence)");
}

void AddFunnelFlags(CLI::App* cmd, AnalyzeOptions* o) {
  auto* f = cmd->add_option_group("funnel and transitions");
  f->add_option("--steps", o->steps,
                "milestones or wins, comma-separated (default: the map's milestones in journey "
                "order)");
  f->add_option("--mode", o->mode, "ordered, strict or any (any order)")
      ->check(CLI::IsMember({"ordered", "strict", "any", "any_order"}))
      ->capture_default_str();
  f->add_option("--exclude", o->exclude, "event names that void an attempt");
  f->add_option("--breakdown", o->breakdown, "channel (first touch) or a map dimension");
}

void AddPathsFlags(CLI::App* cmd, AnalyzeOptions* o) {
  auto* p = cmd->add_option_group("paths");
  p->add_option("--path-from", o->path_from, "milestone or win paths start at");
  p->add_option("--path-to", o->path_to, "milestone or win paths end at");
  p->add_option("--node", o->node, "channel or event")
      ->check(CLI::IsMember({"channel", "event"}))
      ->capture_default_str();
  p->add_option("--top", o->top, "paths to list")->capture_default_str();
  p->add_option("--max-steps", o->max_steps, "longer paths show first … last steps")
      ->capture_default_str();
  p->add_option("--anchor", o->anchor, "event/milestone for next/previous-step flows (Sankey)");
  p->add_option("--direction", o->direction, "next or previous")
      ->check(CLI::IsMember({"next", "previous"}))
      ->capture_default_str();
  p->add_option("--flow-node", o->flow_node, "flow nodes: event or channel")
      ->check(CLI::IsMember({"channel", "event"}))
      ->capture_default_str();
  p->add_option("--depth", o->depth, "flow steps")->capture_default_str();
  p->add_option("--width", o->width, "flow nodes per step before 'other'")->capture_default_str();
}

void AddMilestoneAndStatisticsFlags(CLI::App* cmd, AnalyzeOptions* o) {
  auto* m = cmd->add_option_group("time to milestone and drivers");
  m->add_option("--milestone-from", o->milestone_from,
                "milestone or win the clock starts at (default: first pre milestone)");
  m->add_option("--milestone-to", o->milestone_to,
                "milestone or win to reach (default: the core milestone)");
  m->add_option("--min-support", o->min_support,
                "drivers: persons a touchpoint needs to be tested (--node picks channel or event)")
      ->capture_default_str();
  cmd->add_option("--confidence", o->confidence, "confidence level of every interval")
      ->check(CLI::Range(0.5, 0.999))
      ->capture_default_str();
  cmd->add_option("--alpha", o->alpha, "false discovery rate of gaps and drivers")
      ->check(CLI::Range(0.0001, 0.5))
      ->capture_default_str();
}

void AddPathModelFlags(CLI::App* cmd, AnalyzeOptions* o) {
  auto* pm = cmd->add_option_group("markov and shapley (also --wins, --lookback)");
  pm->add_option("--order", o->order, "Markov chain order: 1 to 4")->capture_default_str();
  pm->add_flag("--keep-repeats", o->keep_repeats,
               "Markov: keep consecutive repeats of a channel as self-transitions");
}

void AddPeriodFlags(CLI::App* cmd, AnalyzeOptions* o) {
  auto* r = cmd->add_option_group("retention, flywheel, lifecycle");
  r->add_option("--period", o->period,
                "day, week or month (UTC; weeks start on Monday); default week, forecast month");
  r->add_option("--periods", o->periods, "retention: periods after the cohort's")
      ->capture_default_str();
  r->add_option("--retention-start", o->retention_start,
                "retention: milestone or win that puts a person in a cohort (default: any event)");
  r->add_option("--retention-return", o->retention_return,
                "retention: milestone or win that counts as coming back (default: any event)");
  r->add_option("--retention-type", o->retention_type, "first_time or recurring")
      ->capture_default_str();
  r->add_option("--retention-measure", o->retention_measure, "on or on_or_after")
      ->capture_default_str();
  r->add_flag("--rolling", o->rolling,
              "retention: periods of 24 h (or 7 x 24 h) from each person's start");
  r->add_option("--dormant-after", o->dormant_after,
                "flywheel: inactivity that makes a person dormant (default: the map's)");
  r->add_option("--lifecycle-event", o->lifecycle_event,
                "lifecycle: milestone, win or event name of interest (default: any event)");
  r->add_option("--new-means", o->new_means, "lifecycle: first_seen or first_event")
      ->capture_default_str();
}

void AddForecastFlags(CLI::App* cmd, AnalyzeOptions* o) {
  auto* fc = cmd->add_option_group("forecast and what-if (also --period, --dormant-after)");
  fc->add_option("--horizon", o->horizon, "periods to project: 1 to 120")->capture_default_str();
  fc->add_option("--lever-retention", o->lever_retention,
                 "what if: fewer customers go dormant, e.g. 0.05 for +5% retention");
  fc->add_option("--lever-referral", o->lever_referral,
                 "what if: more referral arrivals, e.g. 0.1 for +10%");
  fc->add_option("--lever-step", o->lever_step,
                 "what if: a stage transition FROM>TO, e.g. prospect>customer ...");
  fc->add_option("--lever-step-change", o->lever_step_change,
                 "... made more likely by this fraction, e.g. 0.05");
  fc->add_option("--backtest-split", o->backtest_split,
                 "fit before this time, forecast after it and report the error (ISO-8601)");
}

void AddAnalyze(CLI::App& app, AnalyzeOptions* o) {
  CLI::App* cmd = app.add_subcommand(
      "analyze",
      "Run journey analyses on events (win paths, funnel, paths, attribution models, "
      "transitions, time to milestone, gaps, drivers, retention, flywheel, lifecycle, forecast)");
  cmd->add_option("--map,-m", o->map_path, "journey map YAML")->required();
  cmd->add_option("--events,-e", o->events, "events: NDJSON/CSV files, or one .wpt table file")
      ->required();
  cmd->add_option(
         "--analysis,-a", o->analysis,
         "winpaths, funnel, paths, attribution, transitions, markov, shapley, "
         "time_to_milestone, gaps, drivers, retention, flywheel, lifecycle, forecast or all "
         "(comma-separated)")
      ->capture_default_str();
  cmd->add_option("--from", o->from, "analyze events at or after this time (ISO-8601)");
  cmd->add_option("--to", o->to, "analyze events before this time (ISO-8601)");
  cmd->add_option("--format,-f", o->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  cmd->add_option("--threads", o->threads, "worker threads (default: all cores)");
  AddLoadFlags(cmd, &o->load);
  cmd->add_option(
      "--window", o->window,
      "conversion window for win paths, funnel, paths, transitions, time to milestone and "
      "drivers (default: the map's), e.g. 14d");
  AddAttributionFlags(cmd, o);
  AddFunnelFlags(cmd, o);
  AddPathsFlags(cmd, o);
  AddMilestoneAndStatisticsFlags(cmd, o);
  AddPathModelFlags(cmd, o);
  AddPeriodFlags(cmd, o);
  AddForecastFlags(cmd, o);
  cmd->callback([] {});
}

void AddAttribute(CLI::App& app, AttributeOptions* attribute) {
  CLI::App* att = app.add_subcommand(
      "attribute",
      "Markov and Shapley attribution on an aggregated journey table (ChannelAttribution's CSV)");
  att->add_option("--journeys,-j", attribute->journeys,
                  "CSV: path (\"a > b > c\"), total_conversions, total_conversion_value, "
                  "total_null")
      ->required();
  att->add_option("--models", attribute->models, "markov, shapley or both")->capture_default_str();
  att->add_option("--order", attribute->order, "Markov chain order: 1 to 4")->capture_default_str();
  att->add_flag("--keep-repeats", attribute->keep_repeats,
                "Markov: keep consecutive repeats of a channel as self-transitions");
  att->add_option("--method", attribute->method, "Shapley: closed_form or enumeration")
      ->capture_default_str();
  att->add_option("--format,-f", attribute->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  att->add_option("--path-column", attribute->path_column, "column of the paths")
      ->capture_default_str();
  att->add_option("--conversions-column", attribute->conversions_column,
                  "column of the conversion counts")
      ->capture_default_str();
  att->add_option("--value-column", attribute->value_column,
                  "column of the conversion values (optional in the file)")
      ->capture_default_str();
  att->add_option("--nulls-column", attribute->nulls_column,
                  "column of the journeys that did not convert (optional in the file)")
      ->capture_default_str();
  att->add_option("--separator", attribute->separator, "between the channels of a path")
      ->capture_default_str();
}

}  // namespace

int RunApp(int argc, char** argv) {
  CLI::App app{
      "winpath — customer-journey analytics: which channel drives which win, where customers "
      "stall between milestones, which paths lead on.\nDocs: docs/cli.md"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "winpath 0.1.0");

  AnalyzeOptions analyze;
  AddAnalyze(app, &analyze);

  ImportOptionsCli import;
  CLI::App* imp = app.add_subcommand(
      "import", "Import NDJSON/CSV events: validate, deduplicate, stitch identities, save a table");
  imp->add_option("files", import.files, "NDJSON or CSV files")->required();
  imp->add_option("--map,-m", import.map_path, "journey map YAML")->required();
  imp->add_option("--out,-o", import.out_path, "table file to write (.wpt) for fast analyze");
  imp->add_flag("--strict", import.strict,
                "exit with code 6 and write no --out table when any row was rejected");
  AddLoadFlags(imp, &import.load);

  AttributeOptions attribute;
  AddAttribute(app, &attribute);

  CLI::App* map = app.add_subcommand("map", "Journey map tools");
  map->require_subcommand(1);
  std::vector<std::string> map_files;
  bool quiet = false;
  CLI::App* check = map->add_subcommand(
      "check", "Validate journey maps; print every problem as file:line:column");
  check->add_option("files", map_files, "journey map YAML files")->required();
  check->add_flag("--quiet,-q", quiet, "print only problems");

  SimulateOptionsCli sim;
  CLI::App* simc = app.add_subcommand(
      "simulate", "Generate realistic journeys for a map, with planted channel effects");
  simc->add_option("--map,-m", sim.map_path, "journey map YAML")->required();
  simc->add_option("--persons,-n", sim.persons, "persons to start journeys for")
      ->capture_default_str();
  simc->add_option("--days,-d", sim.days, "days simulated")->capture_default_str();
  simc->add_option("--seed,-s", sim.seed, "random seed; same seed, same output")
      ->capture_default_str();
  simc->add_option("--out,-o", sim.out_path, "output file (.ndjson or .csv)")->required();
  simc->add_option("--format", sim.format, "ndjson or csv (default: by extension)")
      ->check(CLI::IsMember({"", "ndjson", "csv"}));
  simc->add_option("--truth", sim.truth_path,
                   "truth file: planted channel effects (default: OUT.truth.json)");
  simc->add_option("--start", sim.start, "first day (ISO-8601 date)")->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 prints help/version (code 0) or the problem; every parse problem exits 2.
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  if (app.got_subcommand("analyze")) return RunAnalyze(analyze);
  if (app.got_subcommand("import")) return RunImport(import);
  if (app.got_subcommand("attribute")) return RunAttribute(attribute);
  if (app.got_subcommand("simulate")) return RunSimulate(sim);
  if (map->got_subcommand("check")) return RunMapCheck(map_files, quiet);
  return kExitUsage;
}

}  // namespace winpath::cli
