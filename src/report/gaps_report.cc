#include "report/gaps_report.h"

#include <nlohmann/json.hpp>

#include "model/duration.h"
#include "report/json_text.h"
#include "report/p_value_text.h"
#include "report/text_table.h"

namespace winpath {
namespace {

using Json = nlohmann::ordered_json;

Json TargetToJson(const GapsTargetResult& t) {
  Json j;
  j["from"] = t.from;
  j["to"] = t.to;
  j["channel"] = t.channel.empty() ? Json(nullptr) : Json(t.channel);
  j["within_ms"] = t.within;
  j["within"] = FormatDuration(t.within);
  j["expected_rate"] = t.expected_rate;
  j["reached"] = t.reached;
  j["in_progress"] = t.in_progress;
  j["in_progress_converted"] = t.in_progress_converted;
  j["persons"] = t.persons;
  j["converted"] = t.converted;
  j["actual_rate"] = OrNull(t.actual_rate);
  j["interval_lower"] = t.interval ? Json(t.interval->lower) : Json(nullptr);
  j["interval_upper"] = t.interval ? Json(t.interval->upper) : Json(nullptr);
  j["gap"] = OrNull(t.gap);
  j["p_value"] = OrNull(t.p_value);
  j["q_value"] = OrNull(t.q_value);
  j["verdict"] = std::string(GapVerdictName(t.verdict));
  return j;
}

std::string Interval(const GapsTargetResult& t) {
  if (!t.interval) return "-";
  return FormatPercent(t.interval->lower) + " – " + FormatPercent(t.interval->upper);
}

std::string Gap(const std::optional<double>& gap) {
  if (!gap) return "-";
  return (*gap > 0 ? "+" : "") + FormatFixed(*gap * 100, 1) + " pp";
}

}  // namespace

std::string GapsToJson(const GapsResult& r) {
  Json j;
  j["analysis"] = "gaps";
  j["data_end"] = r.data_end ? Json(FormatTimestamp(*r.data_end)) : Json(nullptr);
  j["alpha"] = r.alpha;
  j["confidence"] = r.confidence;
  j["test"] = r.test;
  Json targets = Json::array();
  for (const GapsTargetResult& t : r.targets) targets.push_back(TargetToJson(t));
  j["targets"] = std::move(targets);
  return JsonText(j);
}

std::string GapsToTable(const GapsResult& r) {
  TextTable t("Gaps: target vs actual");
  const std::string ci = FormatPercent(r.confidence, 0) + " interval";
  t.SetHeader({"target", "within", "expected", "actual", ci, "gap", "persons", "in progress", "p",
               "q", "verdict"});
  for (const GapsTargetResult& g : r.targets) {
    t.AddRow({g.from + " → " + g.to + (g.channel.empty() ? "" : " (" + g.channel + ")"),
              FormatDuration(g.within), FormatPercent(g.expected_rate),
              g.actual_rate ? FormatPercent(*g.actual_rate) : "-", Interval(g), Gap(g.gap),
              FormatCount(static_cast<double>(g.persons)),
              FormatCount(static_cast<double>(g.in_progress)), PValueText(g.p_value),
              PValueText(g.q_value), std::string(GapVerdictName(g.verdict))});
  }
  if (r.targets.empty()) t.AddNote("The journey map states no targets.");
  t.AddNote(
      "persons: reached `from` with the window closed by the data end; persons whose "
      "window is still open are in progress and not counted");
  t.AddNote("Test: " + r.test + "; q: Benjamini–Hochberg across targets; a gap needs q < " +
            FormatFixed(r.alpha, 2));
  t.AddNote("too few persons to tell: q >= " + FormatFixed(r.alpha, 2) +
            " with fewer than 10 expected conversions or non-conversions");
  if (r.data_end) t.AddNote("Data end: " + FormatTimestamp(*r.data_end));
  return t.Render();
}

}  // namespace winpath
