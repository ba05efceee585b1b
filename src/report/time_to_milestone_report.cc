#include "report/time_to_milestone_report.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "model/duration.h"
#include "report/json_text.h"
#include "report/text_table.h"

namespace winpath {
namespace {

using Json = nlohmann::ordered_json;

// The share reached is 1 - S, so its bounds are the survival bounds swapped.
std::optional<double> Complement(const std::optional<double>& s) {
  if (!s) return std::nullopt;
  return 1 - *s;
}

Json CurveToJson(const std::vector<KaplanMeierStep>& steps) {
  Json rows = Json::array();
  for (const KaplanMeierStep& s : steps) {
    Json j;
    j["t_ms"] = s.time;
    j["t"] = FormatDuration(s.time);
    j["at_risk"] = s.at_risk;
    j["events"] = s.events;
    j["censored"] = s.censored;
    j["share_reached"] = 1 - s.survival;
    j["share_reached_lower"] = OrNull(Complement(s.upper));
    j["share_reached_upper"] = OrNull(Complement(s.lower));
    j["survival"] = s.survival;
    j["std_err"] = OrNull(s.std_err);
    rows.push_back(std::move(j));
  }
  return rows;
}

Json PercentilesToJson(const std::vector<TimeToMilestonePercentile>& percentiles) {
  Json rows = Json::array();
  for (const TimeToMilestonePercentile& p : percentiles) {
    Json j;
    j["name"] = p.name;
    j["q"] = p.value.q;
    j["t_ms"] = OrNull(p.value.time);
    j["lower_ms"] = OrNull(p.value.lower);
    j["upper_ms"] = OrNull(p.value.upper);
    rows.push_back(std::move(j));
  }
  return rows;
}

std::string Elapsed(const std::optional<int64_t>& ms, const char* absent) {
  return ms ? FormatElapsed(static_cast<double>(*ms)) : absent;
}

std::string Interval(const std::optional<double>& lo, const std::optional<double>& hi) {
  if (!lo || !hi) return "-";
  return FormatPercent(*lo) + " – " + FormatPercent(*hi);
}

std::string ConfidenceLabel(double confidence) {
  const double percent = confidence * 100;
  const bool whole = std::fabs(percent - std::round(percent)) < 1e-9;
  return FormatPercent(confidence, whole ? 0 : 1) + " CI";
}

constexpr size_t kTableSteps = 13;

TextTable CurveTable(const TimeToMilestoneResult& r) {
  TextTable t("Time to milestone: " + r.from + " → " + r.to + " (window " +
              FormatDuration(r.window) + ")");
  t.SetHeader(
      {"time", "at risk", "reached", "censored", "share reached", ConfidenceLabel(r.confidence)});
  // A terminal shows the curve's shape in a dozen rows; JSON carries every step.
  for (const KaplanMeierStep& s : CoarsenKaplanMeierSteps(r.curve, kTableSteps)) {
    t.AddRow(
        {FormatElapsed(static_cast<double>(s.time)), FormatCount(static_cast<double>(s.at_risk)),
         FormatCount(static_cast<double>(s.events)), FormatCount(static_cast<double>(s.censored)),
         FormatPercent(1 - s.survival), Interval(Complement(s.upper), Complement(s.lower))});
  }
  t.AddNote(FormatCount(static_cast<double>(r.started)) + " started at " + r.from + ", " +
            FormatCount(static_cast<double>(r.reached)) + " reached " + r.to + "; censored: " +
            FormatCount(static_cast<double>(r.censored_in_progress)) + " in progress, " +
            FormatCount(static_cast<double>(r.censored_at_window_end)) + " at window end");
  if (r.event_times + 1 > kTableSteps) {
    t.AddNote(std::to_string(r.event_times) + " event times shown as " +
              std::to_string(kTableSteps) + " rows (every step: --format json)");
  }
  if (r.data_end) t.AddNote("Data end: " + FormatTimestamp(*r.data_end));
  return t;
}

TextTable PercentileTable(const TimeToMilestoneResult& r) {
  TextTable t("Time until a share reached " + r.to);
  t.SetHeader({"percentile", "time", ConfidenceLabel(r.confidence)});
  for (const TimeToMilestonePercentile& p : r.percentiles) {
    const KaplanMeierPercentile& v = p.value;
    const std::string interval =
        v.lower ? Elapsed(v.lower, "-") + " – " + Elapsed(v.upper, "not reached") : "-";
    t.AddRow(
        {p.name + " (" + FormatPercent(v.q, 0) + ")", Elapsed(v.time, "not reached"), interval});
  }
  return t;
}

}  // namespace

std::string TimeToMilestoneToJson(const TimeToMilestoneResult& r) {
  Json j;
  j["analysis"] = "time_to_milestone";
  j["from"] = r.from;
  j["to"] = r.to;
  j["window_ms"] = r.window;
  j["window"] = FormatDuration(r.window);
  j["confidence"] = r.confidence;
  j["data_end"] = r.data_end ? Json(FormatTimestamp(*r.data_end)) : Json(nullptr);
  j["started"] = r.started;
  j["reached"] = r.reached;
  j["censored_in_progress"] = r.censored_in_progress;
  j["censored_at_window_end"] = r.censored_at_window_end;
  j["percentiles"] = PercentilesToJson(r.percentiles);
  j["event_times"] = r.event_times;
  j["coarsened"] = r.coarsened;
  j["curve"] = CurveToJson(r.curve);
  return JsonText(j);
}

std::string TimeToMilestoneToTable(const TimeToMilestoneResult& r) {
  return CurveTable(r).Render() + "\n" + PercentileTable(r).Render();
}

}  // namespace winpath
