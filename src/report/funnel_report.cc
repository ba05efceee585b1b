#include "report/funnel_report.h"

#include <nlohmann/json.hpp>

#include "model/duration.h"
#include "report/json_text.h"
#include "report/rate_interval.h"
#include "report/text_table.h"

namespace winpath {
namespace {

using Json = nlohmann::ordered_json;

Json DropToJson(const std::optional<FunnelDrop>& drop) {
  if (!drop) return nullptr;
  Json j;
  j["from_step"] = drop->from_step;
  j["from"] = drop->from;
  j["to"] = drop->to;
  j["persons"] = drop->persons;
  j["rate"] = drop->rate;
  return j;
}

Json StepsToJson(const std::vector<FunnelStepResult>& steps, double confidence) {
  Json rows = Json::array();
  for (size_t i = 0; i < steps.size(); ++i) {
    const FunnelStepResult& s = steps[i];
    Json j;
    j["step"] = s.step;
    j["name"] = s.name;
    j["entered"] = s.entered;
    j["converted"] = s.converted;
    j["in_progress"] = s.in_progress;
    j["dropped"] = s.dropped;
    j["rate_from_previous"] = OrNull(s.rate_from_previous);
    AddRateInterval(j, "rate_from_previous",
                    s.rate_from_previous ? std::optional(s.entered) : std::nullopt,
                    i > 0 ? steps[i - 1].entered : 0, confidence);
    j["rate_from_start"] = OrNull(s.rate_from_start);
    AddRateInterval(j, "rate_from_start",
                    s.rate_from_start ? std::optional(s.entered) : std::nullopt,
                    steps.empty() ? 0 : steps[0].entered, confidence);
    j["median_ms_from_previous"] = OrNull(s.median_ms_from_previous);
    j["p90_ms_from_previous"] = OrNull(s.p90_ms_from_previous);
    j["median_ms_from_start"] = OrNull(s.median_ms_from_start);
    j["p90_ms_from_start"] = OrNull(s.p90_ms_from_start);
    rows.push_back(std::move(j));
  }
  return rows;
}

Json GroupToJson(const FunnelGroupResult& g, double confidence) {
  Json j;
  j["value"] = g.value;
  j["persons"] = g.persons;
  j["funnel"] = StepsToJson(g.steps, confidence);
  j["biggest_drop"] = DropToJson(g.biggest_drop);
  return j;
}

std::string OptionalElapsed(const std::optional<TimeMs>& ms) {
  return ms ? FormatElapsed(static_cast<double>(*ms)) : "-";
}

std::string Persons(int64_t n) {
  return FormatCount(static_cast<double>(n)) + (n == 1 ? " person" : " persons");
}

std::string DropNote(const std::optional<FunnelDrop>& drop) {
  if (!drop) return "Biggest drop: none (nobody dropped out)";
  return "Biggest drop: " + drop->from + " → " + drop->to + ": " + Persons(drop->persons) +
         " lost (" + FormatPercent(drop->rate) + " of " + drop->from + ")";
}

std::string Title(const FunnelResult& r) {
  std::string steps;
  for (const std::string& s : r.steps) steps += (steps.empty() ? "" : " → ") + s;
  std::string title = "Funnel: " + steps + " (" + std::string(FunnelModeName(r.mode)) +
                      ", window " + FormatDuration(r.window);
  if (!r.exclude.empty()) {
    title += ", excluding";
    for (const std::string& e : r.exclude) title += " " + e;
  }
  return title + ")";
}

TextTable StepTable(const FunnelResult& r) {
  TextTable t(Title(r));
  t.SetHeader({"step", "entered", "from previous", "from start", "in progress", "dropped",
               "median time", "p90 time"});
  const size_t n = r.total.steps.size();
  for (const FunnelStepResult& s : r.total.steps) {
    const bool last = static_cast<size_t>(s.step) == n;
    t.AddRow({std::to_string(s.step) + " " + s.name, FormatCount(static_cast<double>(s.entered)),
              s.rate_from_previous ? FormatPercent(*s.rate_from_previous) : "-",
              s.rate_from_start ? FormatPercent(*s.rate_from_start) : "-",
              last ? "-" : FormatCount(static_cast<double>(s.in_progress)),
              last ? "-" : FormatCount(static_cast<double>(s.dropped)),
              OptionalElapsed(s.median_ms_from_previous), OptionalElapsed(s.p90_ms_from_previous)});
  }
  t.AddNote(DropNote(r.total.biggest_drop));
  if (r.total.excluded > 0) {
    t.AddNote(Persons(r.total.excluded) + " excluded: every attempt had an exclusion event");
  }
  if (r.data_end) t.AddNote("Data end: " + FormatTimestamp(*r.data_end));
  for (const std::string& note : r.notes) t.AddNote("Note: " + note);
  return t;
}

TextTable BreakdownTable(const FunnelResult& r) {
  TextTable t("By " + r.breakdown + " (persons entering each step)");
  std::vector<std::string> header = {r.breakdown};
  for (const FunnelStepResult& s : r.total.steps) header.push_back(s.name);
  header.push_back("conversion");
  header.push_back("biggest drop");
  t.SetHeader(header);
  for (const FunnelGroupResult& g : r.groups) {
    std::vector<std::string> row = {g.value};
    for (const FunnelStepResult& s : g.steps)
      row.push_back(FormatCount(static_cast<double>(s.entered)));
    const auto& last = g.steps.back().rate_from_start;
    row.push_back(last ? FormatPercent(*last) : "-");
    row.push_back(g.biggest_drop ? g.biggest_drop->from + " → " + g.biggest_drop->to : "-");
    t.AddRow(std::move(row));
  }
  return t;
}

}  // namespace

std::string FunnelToJson(const FunnelResult& r) {
  Json j;
  j["analysis"] = "funnel";
  j["mode"] = std::string(FunnelModeName(r.mode));
  j["confidence"] = r.confidence;
  j["window_ms"] = r.window;
  j["window"] = FormatDuration(r.window);
  j["steps"] = r.steps;
  j["exclude"] = r.exclude;
  j["breakdown"] = r.breakdown.empty() ? Json(nullptr) : Json(r.breakdown);
  j["data_end"] = r.data_end ? Json(FormatTimestamp(*r.data_end)) : Json(nullptr);
  j["persons"] = r.total.persons;
  j["excluded_persons"] = r.total.excluded;
  j["funnel"] = StepsToJson(r.total.steps, r.confidence);
  j["biggest_drop"] = DropToJson(r.total.biggest_drop);
  Json groups = Json::array();
  for (const FunnelGroupResult& g : r.groups) groups.push_back(GroupToJson(g, r.confidence));
  j["groups"] = std::move(groups);
  j["notes"] = r.notes;
  return JsonText(j);
}

std::string FunnelToTable(const FunnelResult& r) {
  std::string out = StepTable(r).Render();
  if (!r.breakdown.empty()) out += "\n" + BreakdownTable(r).Render();
  return out;
}

}  // namespace winpath
