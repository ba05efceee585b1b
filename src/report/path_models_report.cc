#include "report/path_models_report.h"

#include <nlohmann/json.hpp>

#include "model/duration.h"
#include "report/json_text.h"
#include "report/markov_report.h"
#include "report/shapley_report.h"
#include "report/text_table.h"

namespace winpath {
namespace {

using Json = nlohmann::ordered_json;

const char* ModelName(PathModel model) {
  return model == PathModel::kMarkov ? "markov" : "shapley";
}

Json WinToJson(const PathModelWin& w) {
  Json j;
  const JourneyPathsWin& p = w.journeys;
  j["conversions"] = p.conversions;
  j["value"] = p.value;
  j["unattributed"] = p.unattributed;
  j["null_journeys"] = p.null_journeys;
  j["truncated"] = p.truncated;
  j["distinct_paths"] = static_cast<int64_t>(p.paths.paths.size());
  j["skipped"] = w.skipped.empty() ? Json(nullptr) : Json(w.skipped);
  if (w.markov) {
    j["result"] = Json::parse(MarkovToJson(*w.markov));
  } else if (w.shapley) {
    j["result"] = Json::parse(ShapleyToJson(*w.shapley));
  } else {
    j["result"] = nullptr;
  }
  if (w.intervals.empty()) {
    j["intervals"] = nullptr;
  } else {
    Json intervals = Json::array();
    for (const PathCreditInterval& i : w.intervals) {
      intervals.push_back({{"channel", i.channel},
                           {"conversions_lower", i.conversions_lower},
                           {"conversions_upper", i.conversions_upper}});
    }
    j["intervals"] = std::move(intervals);
  }
  return j;
}

}  // namespace

std::string PathModelsToJson(const PathModelsResult& r) {
  Json j;
  j["analysis"] = ModelName(r.model);
  j["lookback_ms"] = r.lookback;
  j["lookback"] = FormatDuration(r.lookback);
  j["max_path_length"] = r.max_path_length;
  j["confidence"] = r.confidence;
  Json order = Json::array();
  Json wins = Json::object();
  for (const PathModelWin& w : r.wins) {
    order.push_back(w.journeys.win);
    wins[w.journeys.win] = WinToJson(w);
  }
  j["win_order"] = std::move(order);
  j["wins"] = std::move(wins);
  return JsonText(j);
}

std::string PathModelsToTable(const PathModelsResult& r) {
  const std::string model = r.model == PathModel::kMarkov ? "Markov chain" : "Shapley value";
  std::string out;
  for (const PathModelWin& w : r.wins) {
    const JourneyPathsWin& p = w.journeys;
    std::string title = model + " attribution — " + p.win + ": " +
                        FormatCount(static_cast<double>(p.conversions)) + " conversions (" +
                        FormatCount(static_cast<double>(p.unattributed)) + " without a touch), " +
                        FormatCount(static_cast<double>(p.null_journeys)) +
                        " journeys without, lookback " + FormatDuration(r.lookback);
    if (!w.skipped.empty()) {
      out += title + "\n  skipped: " + w.skipped + "\n\n";
    } else if (w.markov) {
      out += title + "\n" + MarkovToTable(*w.markov) + "\n";
    } else if (w.shapley) {
      out += ShapleyToTable(*w.shapley, title) + "\n";
    }
    if (!w.intervals.empty()) {
      TextTable t("Bootstrap intervals of the credited conversions (" +
                  FormatPercent(r.confidence, 0) + ")");
      t.SetHeader({"channel", "lower", "upper"});
      for (const PathCreditInterval& i : w.intervals) {
        t.AddRow(
            {i.channel, FormatFixed(i.conversions_lower, 2), FormatFixed(i.conversions_upper, 2)});
      }
      out += t.Render() + "\n";
    }
  }
  if (r.wins.empty()) out = model + " attribution: no wins\n";
  return out;
}

}  // namespace winpath
