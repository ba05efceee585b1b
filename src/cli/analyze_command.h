// `winpath analyze`: load a journey map and events, run analyses, print tables or JSON.
// Flags and output: docs/cli.md#analyze; JSON shapes: docs/api.md.
#pragma once

#include <string>
#include <vector>

#include "cli/event_loader.h"

namespace winpath::cli {

struct AnalyzeOptions {
  std::string map_path;
  std::vector<std::string> events;
  std::string analysis = "all";  // winpaths | funnel | paths | attribution | all (comma list ok)
  std::string from, to;          // timestamps; events outside [from, to) are not analyzed
  std::string format = "table";  // table | json
  int threads = 0;
  LoadOptions load;
  // win paths
  std::string wins;
  std::string window;
  int min_persons = 30;
  // funnel
  std::string steps;
  std::string mode = "ordered";
  std::string exclude;
  std::string breakdown;
  // paths (between milestones) and flow (next/previous steps from an anchor)
  std::string path_from, path_to;
  std::string node = "channel";
  int top = 10;
  int max_steps = 6;
  std::string anchor;
  std::string direction = "next";
  std::string flow_node = "event";
  int depth = 3;
  int width = 8;
  // attribution
  std::string models;
  std::string lookback;
  std::string half_life;
  bool intervals = false;  // bootstrap intervals of the attribution credits
  // time to milestone and drivers: the pair of milestones (default: the paths defaults)
  std::string milestone_from, milestone_to;
  double confidence = 0.95;  // of every interval
  double alpha = 0.05;       // false discovery rate of gaps and drivers
  int64_t min_support = 30;  // drivers: persons a touchpoint needs to be tested
  // markov, shapley
  int order = 1;
  bool keep_repeats = false;
  // retention, flywheel, lifecycle
  std::string period;  // "" = each analysis's default (week; month for the forecast)
  int periods = 12;
  std::string retention_start, retention_return;
  std::string retention_type = "first_time";
  std::string retention_measure = "on";
  bool rolling = false;
  std::string dormant_after;
  std::string lifecycle_event;
  std::string new_means = "first_seen";
  // forecast
  int64_t horizon = 12;
  double lever_retention = 0, lever_referral = 0, lever_step_change = 0;
  std::string lever_step;
  std::string backtest_split;  // a time: fit before it, compare the forecast after it
};

// Returns the exit code.
int RunAnalyze(const AnalyzeOptions& options);

}  // namespace winpath::cli
