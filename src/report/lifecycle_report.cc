#include "report/lifecycle_report.h"

#include <nlohmann/json.hpp>

#include "model/timestamp.h"
#include "report/json_text.h"
#include "report/text_table.h"

namespace winpath {
namespace {

using Json = nlohmann::ordered_json;

std::string Count(int64_t n) {
  return n < 0 ? "-" + FormatCount(static_cast<double>(-n)) : FormatCount(static_cast<double>(n));
}

}  // namespace

std::string LifecycleToJson(const LifecycleResult& r) {
  Json j;
  j["analysis"] = "lifecycle";
  j["period"] = std::string(PeriodKindName(r.period));
  j["event"] = r.event.empty() ? Json(nullptr) : Json(r.event);
  j["new_means"] = std::string(LifecycleNewName(r.new_means));
  j["data_end"] = r.data_end ? Json(FormatTimestamp(*r.data_end)) : Json(nullptr);
  Json periods = Json::array();
  for (const LifecyclePeriod& p : r.periods) {
    Json row;
    row["period"] = p.label;
    row["start"] = FormatTimestamp(p.start);
    row["end"] = FormatTimestamp(p.end);
    row["complete"] = p.complete;
    row["new"] = p.new_persons;
    row["returning"] = p.returning;
    row["resurrecting"] = p.resurrecting;
    row["dormant"] = p.dormant;
    row["active"] = p.active;
    periods.push_back(std::move(row));
  }
  j["periods"] = std::move(periods);
  return JsonText(j);
}

std::string LifecycleToTable(const LifecycleResult& r) {
  TextTable t("Lifecycle per " + std::string(PeriodKindName(r.period)) + " of " +
              (r.event.empty() ? std::string("any event") : r.event) +
              " (new = " + std::string(LifecycleNewName(r.new_means)) + ")");
  t.SetHeader({"period", "new", "returning", "resurrecting", "dormant", "active"});
  for (const LifecyclePeriod& p : r.periods) {
    t.AddRow({p.label + (p.complete ? "" : " (partial)"), Count(p.new_persons), Count(p.returning),
              Count(p.resurrecting), Count(p.dormant), Count(p.active)});
  }
  if (r.periods.empty()) t.AddNote("No data: no periods to show");
  if (r.data_end) t.AddNote("Data end: " + FormatTimestamp(*r.data_end));
  return t.Render();
}

}  // namespace winpath
