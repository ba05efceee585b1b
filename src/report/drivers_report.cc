#include "report/drivers_report.h"

#include <nlohmann/json.hpp>

#include "model/duration.h"
#include "report/json_text.h"
#include "report/p_value_text.h"
#include "report/text_table.h"

namespace winpath {
namespace {

using Json = nlohmann::ordered_json;

Json RowToJson(const DriverRow& r) {
  Json j;
  j["touchpoint"] = r.touchpoint;
  j["support"] = r.support;
  j["converted_with"] = r.converted_with;
  j["not_converted_with"] = r.not_converted_with;
  j["share_converted"] = OrNull(r.share_converted);
  j["share_not_converted"] = OrNull(r.share_not_converted);
  const auto& o = r.odds_ratio;
  j["odds_ratio"] = o ? Json(o->odds_ratio) : Json(nullptr);
  j["odds_ratio_lower"] = o ? Json(o->lower) : Json(nullptr);
  j["odds_ratio_upper"] = o ? Json(o->upper) : Json(nullptr);
  j["corrected"] = o ? o->corrected : false;
  j["p_value"] = OrNull(r.p_value);
  j["q_value"] = OrNull(r.q_value);
  j["verdict"] = std::string(DriverVerdictName(r.verdict));
  return j;
}

Json RowsToJson(const std::vector<DriverRow>& rows) {
  Json out = Json::array();
  for (const DriverRow& r : rows) out.push_back(RowToJson(r));
  return out;
}

std::string Share(const std::optional<double>& share) {
  return share ? FormatPercent(*share) : "-";
}

std::string Ratio(const DriverRow& r) {
  if (!r.odds_ratio) return "-";
  return FormatFixed(r.odds_ratio->odds_ratio, 2) + (r.odds_ratio->corrected ? "*" : "");
}

std::string RatioInterval(const DriverRow& r) {
  if (!r.odds_ratio) return "-";
  return FormatFixed(r.odds_ratio->lower, 2) + " – " + FormatFixed(r.odds_ratio->upper, 2);
}

}  // namespace

std::string DriversToJson(const DriversResult& r) {
  Json j;
  j["analysis"] = "drivers";
  j["from"] = r.from;
  j["to"] = r.to;
  j["window_ms"] = r.window;
  j["window"] = FormatDuration(r.window);
  j["node"] = std::string(PathNodeKindName(r.node));
  j["data_end"] = r.data_end ? Json(FormatTimestamp(*r.data_end)) : Json(nullptr);
  j["min_support"] = r.min_support;
  j["alpha"] = r.alpha;
  j["confidence"] = r.confidence;
  j["reached"] = r.reached;
  j["in_progress"] = r.in_progress;
  j["persons"] = r.persons;
  j["converted"] = r.converted;
  j["not_converted"] = r.not_converted;
  j["touchpoints"] = RowsToJson(r.touchpoints);
  j["too_rare"] = RowsToJson(r.too_rare);
  return JsonText(j);
}

std::string DriversToTable(const DriversResult& r) {
  TextTable t("Drivers: " + r.from + " → " + r.to + " within " + FormatDuration(r.window) + " (" +
              std::string(PathNodeKindName(r.node)) + ")");
  t.SetHeader({std::string(PathNodeKindName(r.node)), "persons", "converters with", "others with",
               "odds ratio", FormatPercent(r.confidence, 0) + " interval", "p", "q", "verdict"});
  auto add = [&](const DriverRow& row) {
    t.AddRow({row.touchpoint, FormatCount(static_cast<double>(row.support)),
              Share(row.share_converted), Share(row.share_not_converted), Ratio(row),
              RatioInterval(row), PValueText(row.p_value), PValueText(row.q_value),
              std::string(DriverVerdictName(row.verdict))});
  };
  for (const DriverRow& row : r.touchpoints) add(row);
  for (const DriverRow& row : r.too_rare) add(row);
  t.AddNote(FormatCount(static_cast<double>(r.reached)) + " persons reached " + r.from + "; " +
            FormatCount(static_cast<double>(r.in_progress)) +
            " in progress (window still open) left out; of the other " +
            FormatCount(static_cast<double>(r.persons)) + ", " +
            FormatCount(static_cast<double>(r.converted)) + " reached " + r.to + " within " +
            FormatDuration(r.window) + ", " + FormatCount(static_cast<double>(r.not_converted)) +
            " did not");
  t.AddNote("Touchpoints between " + r.from + " and " + r.to +
            " (or the window end); * = a zero cell, 0.5 added to each (Haldane–Anscombe)");
  t.AddNote(
      "p: Fisher's exact test; q: Benjamini–Hochberg across tested touchpoints; too rare: "
      "fewer than " +
      FormatCount(static_cast<double>(r.min_support)) + " persons");
  if (r.data_end) t.AddNote("Data end: " + FormatTimestamp(*r.data_end));
  return t.Render();
}

}  // namespace winpath
