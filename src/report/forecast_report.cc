#include "report/forecast_report.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "model/duration.h"
#include "model/timestamp.h"
#include "report/json_text.h"
#include "report/text_table.h"

namespace winpath {
namespace {

using Json = nlohmann::ordered_json;

Json StatesToJson(const StateVector& v) {
  Json j = Json::object();
  for (int s = 0; s < kFlywheelStates; ++s) {
    j[std::string(FlywheelStateName(s))] = v[static_cast<size_t>(s)];
  }
  return j;
}

Json ModelToJson(const ForecastModel& m) {
  Json transitions = Json::array();
  for (int i = 0; i < kFlywheelStates; ++i) {
    for (int j = 0; j < kFlywheelStates; ++j) {
      const double p = m.move[static_cast<size_t>(i)][static_cast<size_t>(j)];
      if (p == 0) continue;
      transitions.push_back(Json{{"from", std::string(FlywheelStateName(i))},
                                 {"to", std::string(FlywheelStateName(j))},
                                 {"probability", p}});
    }
  }
  return Json{{"fit_periods", m.fit_periods},
              {"rate_periods", m.rate_periods},
              {"arrivals", m.arrivals},
              {"referral_share", m.referral_share},
              {"entry", StatesToJson(m.entry)},
              {"stay", StatesToJson(m.stay)},
              {"transitions", std::move(transitions)},
              {"revenue_per_person", StatesToJson(m.revenue_per_person)},
              {"revenue_per_raise", StatesToJson(m.revenue_per_raise)},
              {"start", StatesToJson(m.start)}};
}

Json PointToJson(const ForecastPoint& p) {
  return Json{{"customers", p.customers}, {"promoters", p.promoters},
              {"revenue", p.revenue},     {"cumulative_revenue", p.cumulative_revenue},
              {"arrivals", p.arrivals},   {"persons", StatesToJson(p.persons)}};
}

Json DifferenceToJson(double baseline, double scenario, const ForecastDifference& d) {
  return Json{{"baseline", baseline},
              {"scenario", scenario},
              {"absolute", d.absolute},
              {"relative", OrNull(d.relative)}};
}

// "+31.0%", "-2.5%", "n/a".
std::string Signed(const std::optional<double>& fraction) {
  if (!fraction) return "n/a";
  return (*fraction >= 0 ? "+" : "") + FormatPercent(*fraction);
}

std::string LeverText(const ForecastLeverSpec& l) {
  std::string text;
  auto add = [&](double x, const std::string& what) {
    if (x == 0) return;
    if (!text.empty()) text += ", ";
    text += Signed(x) + " " + what;
  };
  add(l.retention, "retention");
  add(l.referral, "referral");
  if (!l.step.empty()) add(l.step_change, l.step);
  return text;
}

std::string PeriodsText(const ForecastResult& r) {
  const std::string unit(PeriodKindName(r.period));
  return std::to_string(r.periods.size()) + " " + unit + (r.periods.size() == 1 ? "" : "s");
}

std::string Money(double x) { return FormatMoney(x); }

}  // namespace

std::string ForecastToJson(const ForecastResult& r) {
  Json j;
  j["analysis"] = "forecast";
  j["period"] = std::string(PeriodKindName(r.period));
  j["dormant_after_ms"] = r.dormant_after;
  j["dormant_after"] = FormatDuration(r.dormant_after);
  j["fit"] = Json{{"start", r.fit_start ? Json(FormatTimestamp(*r.fit_start)) : Json(nullptr)},
                  {"end", r.fit_end ? Json(FormatTimestamp(*r.fit_end)) : Json(nullptr)},
                  {"periods", r.model.fit_periods}};
  j["levers"] = Json{{"retention", r.levers.retention},
                     {"referral", r.levers.referral},
                     {"step", r.levers.step.empty() ? Json(nullptr) : Json(r.levers.step)},
                     {"step_change", r.levers.step_change}};
  j["referral_channels"] = r.referral_channels;
  j["model"] = ModelToJson(r.model);
  Json periods = Json::array();
  for (const ForecastPeriod& p : r.periods) {
    periods.push_back(Json{{"period", p.label},
                           {"start", FormatTimestamp(p.start)},
                           {"end", FormatTimestamp(p.end)},
                           {"baseline", PointToJson(p.baseline)},
                           {"scenario", PointToJson(p.scenario)}});
  }
  j["periods"] = std::move(periods);
  const ForecastPoint last_b = r.periods.empty() ? ForecastPoint{} : r.periods.back().baseline;
  const ForecastPoint last_s = r.periods.empty() ? ForecastPoint{} : r.periods.back().scenario;
  j["effect"] = Json{
      {"cumulative_revenue", DifferenceToJson(last_b.cumulative_revenue, last_s.cumulative_revenue,
                                              r.cumulative_revenue)},
      {"customers", DifferenceToJson(last_b.customers, last_s.customers, r.customers)},
      {"promoters", DifferenceToJson(last_b.promoters, last_s.promoters, r.promoters)}};
  j["summary"] = ForecastEffectLine(r);
  return JsonText(j);
}

std::string ForecastEffectLine(const ForecastResult& r) {
  const std::string levers = LeverText(r.levers);
  if (r.periods.empty()) return "No forecast: no data to fit";
  const std::string effect = Signed(r.cumulative_revenue.relative) + " revenue (" +
                             (r.cumulative_revenue.absolute >= 0 ? "+" : "") +
                             Money(r.cumulative_revenue.absolute) + "), " +
                             Signed(r.customers.relative) + " customers over " + PeriodsText(r);
  if (levers.empty()) return "No lever set: the scenario is the baseline (" + effect + ")";
  return levers + ": " + effect;
}

std::string ForecastToTable(const ForecastResult& r) {
  TextTable t("Forecast per " + std::string(PeriodKindName(r.period)) + ": baseline vs scenario");
  t.SetHeader({"period", "customers", "scenario", "promoters", "scenario", "revenue", "scenario",
               "cumulative revenue", "scenario"});
  for (const ForecastPeriod& p : r.periods) {
    const ForecastPoint &b = p.baseline, &s = p.scenario;
    t.AddRow({p.label, FormatCount(b.customers), FormatCount(s.customers), FormatCount(b.promoters),
              FormatCount(s.promoters), Money(b.revenue), Money(s.revenue),
              Money(b.cumulative_revenue), Money(s.cumulative_revenue)});
  }
  t.AddNote(ForecastEffectLine(r));
  if (r.fit_start && r.fit_end) {
    t.AddNote("Fitted on " + std::to_string(r.model.fit_periods) + " complete periods from " +
              FormatTimestamp(*r.fit_start) + " to " + FormatTimestamp(*r.fit_end) + ": " +
              FormatCount(r.model.arrivals) + " new persons per period, " +
              FormatPercent(r.model.referral_share) + " by referral");
  } else {
    t.AddNote("No complete period to fit: nobody arrives and nobody moves");
  }
  t.AddNote("Customers: active customers, repeat customers and promoters at each period's end");
  return t.Render();
}

std::string ForecastBacktestToJson(const ForecastBacktestResult& r) {
  Json j;
  j["analysis"] = "forecast_backtest";
  j["period"] = std::string(PeriodKindName(r.period));
  j["split"] = FormatTimestamp(r.split);
  j["model"] = ModelToJson(r.model);
  Json periods = Json::array();
  for (const ForecastBacktestPeriod& p : r.periods) {
    periods.push_back(
        Json{{"period", p.label},
             {"start", FormatTimestamp(p.start)},
             {"end", FormatTimestamp(p.end)},
             {"complete", p.complete},
             {"customers", {{"actual", p.actual_customers}, {"forecast", p.forecast_customers}}},
             {"promoters", {{"actual", p.actual_promoters}, {"forecast", p.forecast_promoters}}},
             {"revenue", {{"actual", p.actual_revenue}, {"forecast", p.forecast_revenue}}}});
  }
  j["periods"] = std::move(periods);
  j["mape"] = Json{{"customers", OrNull(r.mape_customers)},
                   {"promoters", OrNull(r.mape_promoters)},
                   {"revenue", OrNull(r.mape_revenue)}};
  return JsonText(j);
}

std::string ForecastBacktestToTable(const ForecastBacktestResult& r) {
  TextTable t("Backtest: fitted before " + FormatTimestamp(r.split) + ", actual vs forecast");
  t.SetHeader({"period", "customers", "forecast", "promoters", "forecast", "revenue", "forecast"});
  for (const ForecastBacktestPeriod& p : r.periods) {
    t.AddRow({p.label + (p.complete ? "" : " (partial)"), FormatCount(p.actual_customers),
              FormatCount(p.forecast_customers), FormatCount(p.actual_promoters),
              FormatCount(p.forecast_promoters), Money(p.actual_revenue),
              Money(p.forecast_revenue)});
  }
  auto mape = [](const std::optional<double>& e) { return e ? FormatPercent(*e) : "n/a"; };
  t.AddNote("Mean absolute percentage error over complete periods: customers " +
            mape(r.mape_customers) + ", promoters " + mape(r.mape_promoters) + ", revenue " +
            mape(r.mape_revenue));
  return t.Render();
}

}  // namespace winpath
