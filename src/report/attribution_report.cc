#include "report/attribution_report.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "model/duration.h"
#include "report/json_text.h"
#include "report/text_table.h"

namespace winpath {
namespace {

using Json = nlohmann::ordered_json;

Json WinToJson(const AttributionWin& w) {
  Json j;
  j["conversions"] = w.conversions;
  j["value"] = w.value;
  j["attributed"] = w.conversions - w.unattributed;
  j["attributed_value"] = w.attributed_value;
  j["unattributed"] = w.unattributed;
  j["unattributed_value"] = w.unattributed_value;
  Json models = Json::object();
  for (const AttributionModelCredits& m : w.models) {
    Json channels = Json::array();
    for (const AttributionCredit& c : m.channels) {
      channels.push_back({{"channel", c.channel},
                          {"conversions", c.conversions},
                          {"value", c.value},
                          {"conversions_lower", OrNull(c.conversions_lower)},
                          {"conversions_upper", OrNull(c.conversions_upper)},
                          {"value_lower", OrNull(c.value_lower)},
                          {"value_upper", OrNull(c.value_upper)}});
    }
    models[std::string(AttributionModelName(m.model))] = std::move(channels);
  }
  j["models"] = std::move(models);
  return j;
}

// Channel rows ordered by their largest credit under any model, then by name.
std::vector<std::string> RowOrder(const AttributionWin& w, bool by_value) {
  std::map<std::string, double> top;
  for (const AttributionModelCredits& m : w.models) {
    for (const AttributionCredit& c : m.channels) {
      double& t = top[c.channel];
      t = std::max(t, by_value ? c.value : c.conversions);
    }
  }
  std::vector<std::string> rows;
  for (const auto& [name, unused] : top) rows.push_back(name);
  std::stable_sort(rows.begin(), rows.end(),
                   [&](const std::string& a, const std::string& b) { return top[a] > top[b]; });
  return rows;
}

TextTable CreditTable(const AttributionWin& w, bool by_value, const std::string& title) {
  TextTable t(title);
  std::vector<std::string> header = {"channel"};
  for (const AttributionModelCredits& m : w.models)
    header.emplace_back(AttributionModelName(m.model));
  t.SetHeader(header);
  auto fmt = [&](double x) { return by_value ? FormatMoney(x) : FormatFixed(x, 2); };
  for (const std::string& channel : RowOrder(w, by_value)) {
    std::vector<std::string> row = {channel};
    for (const AttributionModelCredits& m : w.models) {
      std::string cell = fmt(0);
      for (const AttributionCredit& c : m.channels) {
        if (c.channel != channel) continue;
        cell = fmt(by_value ? c.value : c.conversions);
        const std::optional<double>& lo = by_value ? c.value_lower : c.conversions_lower;
        const std::optional<double>& hi = by_value ? c.value_upper : c.conversions_upper;
        // With intervals, "12.3 (10.1–14.2)": the credit and where it would likely fall on
        // another sample of persons.
        if (lo && hi) cell += " (" + fmt(*lo) + "–" + fmt(*hi) + ")";
      }
      row.push_back(cell);
    }
    t.AddRow(row);
  }
  const double unattributed = by_value ? w.unattributed_value : static_cast<double>(w.unattributed);
  const double total = by_value ? w.value : static_cast<double>(w.conversions);
  if (w.conversions > 0) {
    std::vector<std::string> none = {"(unattributed)"}, all = {"total"};
    none.resize(w.models.size() + 1, fmt(unattributed));
    if (w.unattributed > 0) t.AddRow(none);
    all.resize(w.models.size() + 1, fmt(total));
    t.AddRow(all);
  }
  return t;
}

}  // namespace

std::string AttributionToJson(const AttributionResult& r) {
  Json j;
  j["analysis"] = "attribution";
  j["lookback_ms"] = r.lookback;
  j["lookback"] = FormatDuration(r.lookback);
  j["half_life_ms"] = r.half_life;
  j["half_life"] = FormatDuration(r.half_life);
  j["position_based"] = {{"first", r.position_first}, {"last", r.position_last}};
  Json models = Json::array();
  for (AttributionModel m : r.models) models.push_back(std::string(AttributionModelName(m)));
  j["models"] = std::move(models);
  Json wins = Json::object();
  for (const AttributionWin& w : r.wins) wins[w.win] = WinToJson(w);
  j["wins"] = std::move(wins);
  return JsonText(j);
}

std::string AttributionToTable(const AttributionResult& r) {
  std::string out = "Attribution: lookback " + FormatDuration(r.lookback) +
                    ", time-decay half-life " + FormatDuration(r.half_life) + ", position-based " +
                    FormatPercent(r.position_first, 0) + " first / " +
                    FormatPercent(r.position_last, 0) + " last\n";
  for (const AttributionWin& w : r.wins) {
    std::string title = "\n" + w.win + ": " + FormatCount(static_cast<double>(w.conversions)) +
                        (w.conversions == 1 ? " conversion" : " conversions") +
                        ", credited by model";
    TextTable t = CreditTable(w, false, title);
    if (w.unattributed > 0) {
      t.AddNote("(unattributed): conversions without a touch in the " + FormatDuration(r.lookback) +
                " lookback");
    }
    out += t.Render();
    if (w.value != 0) out += CreditTable(w, true, "\n" + w.win + ": value credited").Render();
  }
  return out;
}

}  // namespace winpath
