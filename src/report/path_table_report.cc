#include "report/path_table_report.h"

#include <nlohmann/json.hpp>

#include "model/duration.h"
#include "report/json_text.h"

namespace winpath {
namespace {

using Json = nlohmann::ordered_json;

// Adds "channels" and "paths" of `table` to `j`.
void AddPathTable(const PathTable& table, Json* j) {
  (*j)["channels"] = table.channel_names;
  Json paths = Json::array();
  for (const JourneyPath& p : table.paths) {
    paths.push_back({{"path", PathText(table, p)},
                     {"conversions", p.conversions},
                     {"value", p.value},
                     {"nulls", p.nulls}});
  }
  (*j)["paths"] = std::move(paths);
}

}  // namespace

std::string PathTableToJson(const PathTable& table) {
  Json j = Json::object();
  AddPathTable(table, &j);
  return JsonText(j);
}

std::string JourneyPathsToJson(const JourneyPathsResult& r) {
  Json j;
  j["analysis"] = "journey_paths";
  j["lookback_ms"] = r.lookback;
  j["lookback"] = FormatDuration(r.lookback);
  j["max_path_length"] = r.max_path_length;
  Json wins = Json::object();
  for (const JourneyPathsWin& w : r.wins) {
    Json win;
    win["conversions"] = w.conversions;
    win["value"] = w.value;
    win["unattributed"] = w.unattributed;
    win["unattributed_value"] = w.unattributed_value;
    win["null_journeys"] = w.null_journeys;
    win["truncated"] = w.truncated;
    AddPathTable(w.paths, &win);
    wins[w.win] = std::move(win);
  }
  j["wins"] = std::move(wins);
  return JsonText(j);
}

}  // namespace winpath
