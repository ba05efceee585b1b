#include "report/flywheel_report.h"

#include <nlohmann/json.hpp>

#include "model/duration.h"
#include "model/timestamp.h"
#include "report/json_text.h"
#include "report/text_table.h"

namespace winpath {
namespace {

using Json = nlohmann::ordered_json;

Json StatesToJson(const std::array<int64_t, kFlywheelStates>& persons) {
  Json j = Json::object();
  for (int s = 0; s < kFlywheelStates; ++s) {
    j[std::string(FlywheelStateName(s))] = persons[static_cast<size_t>(s)];
  }
  return j;
}

Json PeriodToJson(const FlywheelPeriod& p) {
  Json j;
  j["period"] = p.label;
  j["start"] = FormatTimestamp(p.start);
  j["end"] = FormatTimestamp(p.end);
  j["complete"] = p.complete;
  j["new_persons"] = p.new_persons;
  j["persons"] = StatesToJson(p.persons);
  Json flows = Json::array();
  for (const FlywheelFlow& f : p.flows) {
    flows.push_back(Json{{"from", f.from}, {"to", f.to}, {"transitions", f.transitions}});
  }
  j["flows"] = std::move(flows);
  return j;
}

std::string Count(int64_t n) { return FormatCount(static_cast<double>(n)); }

std::string Elapsed(const std::optional<TimeMs>& ms) {
  return ms ? FormatElapsed(static_cast<double>(*ms)) : "-";
}

TextTable PeriodTable(const FlywheelResult& r) {
  TextTable t("Flywheel per " + std::string(PeriodKindName(r.period)) + " (dormant after " +
              FormatDuration(r.dormant_after) + ")");
  t.SetHeader({"period", "new", "stranger", "prospect", "customer", "repeat customer", "promoter",
               "dormant", "reactivated"});
  for (const FlywheelPeriod& p : r.periods) {
    int64_t dormant = 0, reactivated = 0;
    for (int s = kFlywheelStages; s < kFlywheelStates; ++s) {
      dormant += p.persons[static_cast<size_t>(s)];
    }
    for (const FlywheelFlow& f : p.flows) {
      if (f.from.starts_with("dormant_") && !f.to.starts_with("dormant_")) {
        reactivated += f.transitions;
      }
    }
    std::vector<std::string> row = {p.label + (p.complete ? "" : " (partial)"),
                                    Count(p.new_persons)};
    for (int s = 0; s < kFlywheelStages; ++s) row.push_back(Count(p.persons[s]));
    row.push_back(Count(dormant));
    row.push_back(Count(reactivated));
    t.AddRow(std::move(row));
  }
  if (r.data_end) t.AddNote("Data end: " + FormatTimestamp(*r.data_end));
  return t;
}

TextTable StayTable(const FlywheelResult& r) {
  TextTable t("Time in each state (completed stays)");
  t.SetHeader({"state", "stays", "median", "p90"});
  for (const FlywheelStay& s : r.time_in_state) {
    t.AddRow({s.state, Count(s.stays), Elapsed(s.median_ms), Elapsed(s.p90_ms)});
  }
  return t;
}

TextTable ReactivationTable(const FlywheelResult& r) {
  TextTable t("Reactivated by (channel of the first event after dormancy)");
  t.SetHeader({"dormant stage", "channel", "reactivations"});
  for (const FlywheelReactivation& x : r.reactivations) {
    t.AddRow({x.stage, x.channel, Count(x.reactivations)});
  }
  if (r.reactivations.empty()) t.AddNote("No reactivations in these periods");
  return t;
}

}  // namespace

std::string FlywheelToJson(const FlywheelResult& r) {
  Json j;
  j["analysis"] = "flywheel";
  j["period"] = std::string(PeriodKindName(r.period));
  j["dormant_after_ms"] = r.dormant_after;
  j["dormant_after"] = FormatDuration(r.dormant_after);
  j["data_end"] = r.data_end ? Json(FormatTimestamp(*r.data_end)) : Json(nullptr);
  j["persons_at_start"] = StatesToJson(r.persons_at_start);
  Json periods = Json::array();
  for (const FlywheelPeriod& p : r.periods) periods.push_back(PeriodToJson(p));
  j["periods"] = std::move(periods);
  Json stays = Json::array();
  for (const FlywheelStay& s : r.time_in_state) {
    stays.push_back(Json{{"state", s.state},
                         {"stays", s.stays},
                         {"median_ms", OrNull(s.median_ms)},
                         {"p90_ms", OrNull(s.p90_ms)}});
  }
  j["time_in_state"] = std::move(stays);
  Json reactivations = Json::array();
  for (const FlywheelReactivation& x : r.reactivations) {
    reactivations.push_back(
        Json{{"stage", x.stage}, {"channel", x.channel}, {"reactivations", x.reactivations}});
  }
  j["reactivations"] = std::move(reactivations);
  return JsonText(j);
}

std::string FlywheelToTable(const FlywheelResult& r) {
  return PeriodTable(r).Render() + "\n" + StayTable(r).Render() + "\n" +
         ReactivationTable(r).Render();
}

}  // namespace winpath
