#include "report/retention_report.h"

#include <nlohmann/json.hpp>

#include "model/timestamp.h"
#include "report/json_text.h"
#include "report/rate_interval.h"
#include "report/text_table.h"

namespace winpath {
namespace {

using Json = nlohmann::ordered_json;

Json NameOrNull(const std::string& name) { return name.empty() ? Json(nullptr) : Json(name); }

Json CellsToJson(const std::vector<RetentionCell>& cells, int64_t persons, double confidence) {
  Json rows = Json::array();
  for (const RetentionCell& c : cells) {
    Json j;
    j["period"] = c.period;
    j["returned"] = c.returned;
    j["rate"] = OrNull(c.rate);
    AddRateInterval(j, "rate", c.returned, persons, confidence);
    j["complete"] = c.complete;
    j["value"] = c.value;
    j["value_per_person"] = OrNull(c.value_per_person);
    rows.push_back(std::move(j));
  }
  return rows;
}

Json CohortToJson(const RetentionCohort& c, double confidence) {
  Json j;
  j["cohort"] = c.label;
  j["start"] = FormatTimestamp(c.start);
  j["persons"] = c.persons;
  j["periods"] = CellsToJson(c.cells, c.persons, confidence);
  j["buyers"] = OrNull(c.buyers);
  j["repeat_buyers"] = OrNull(c.repeat_buyers);
  j["repeat_purchase_rate"] = OrNull(c.repeat_purchase_rate);
  AddRateInterval(j, "repeat_purchase_rate", c.repeat_buyers, c.buyers, confidence);
  j["referrers"] = OrNull(c.referrers);
  j["referral_rate"] = OrNull(c.referral_rate);
  AddRateInterval(j, "referral_rate", c.referrers,
                  c.referrers ? std::optional(c.persons) : std::nullopt, confidence);
  j["referred"] = c.referred;
  j["new_persons"] = c.new_persons;
  j["new_referred"] = c.new_referred;
  j["existing_persons"] = c.existing_persons;
  j["viral_coefficient"] = OrNull(c.viral_coefficient);
  return j;
}

Json AverageToJson(const std::vector<RetentionAverage>& average, double confidence) {
  Json rows = Json::array();
  for (const RetentionAverage& a : average) {
    Json j;
    j["period"] = a.period;
    j["cohorts"] = a.cohorts;
    j["persons"] = a.persons;
    j["returned"] = a.returned;
    j["rate"] = OrNull(a.rate);
    AddRateInterval(j, "rate", a.returned, a.persons, confidence);
    rows.push_back(std::move(j));
  }
  return rows;
}

std::string Title(const RetentionResult& r) {
  return "Retention: " + std::string(RetentionTypeName(r.type)) + ", returned " +
         std::string(RetentionMeasureName(r.measure)) + " period k, " +
         (r.rolling ? "rolling " : "calendar ") + std::string(RetentionPeriodName(r.period)) +
         "s; start: " + (r.start.empty() ? "first event" : r.start) +
         ", return: " + (r.return_event.empty() ? "any event" : r.return_event);
}

TextTable Triangle(const RetentionResult& r) {
  TextTable t(Title(r));
  std::vector<std::string> header = {"cohort", "persons"};
  for (int k = 0; k < r.periods; ++k) header.push_back(std::to_string(k));
  t.SetHeader(header);
  for (const RetentionCohort& c : r.cohorts) {
    std::vector<std::string> row = {c.label, FormatCount(static_cast<double>(c.persons))};
    for (const RetentionCell& cell : c.cells) {
      const std::string rate = cell.rate ? FormatPercent(*cell.rate) : "-";
      row.push_back(cell.complete ? rate : "~" + rate);
    }
    t.AddRow(std::move(row));
  }
  std::vector<std::string> avg = {"average", ""};
  for (const RetentionAverage& a : r.average) {
    avg.push_back(a.rate ? FormatPercent(*a.rate) : "-");
  }
  if (!r.cohorts.empty()) t.AddRow(std::move(avg));
  bool partial = false;
  for (const RetentionCohort& c : r.cohorts) {
    for (const RetentionCell& cell : c.cells) partial |= !cell.complete;
  }
  if (partial) {
    t.AddNote("~ = the period was still running at the data end: a partial count, not churn");
  }
  t.AddNote("average = weighted over the cohorts whose period k is complete");
  if (r.persons_before_range > 0) {
    t.AddNote(FormatCount(static_cast<double>(r.persons_before_range)) +
              " persons started before the first cohort row and are not shown");
  }
  if (r.data_end) t.AddNote("Data end: " + FormatTimestamp(*r.data_end));
  for (const std::string& note : r.notes) t.AddNote("Note: " + note);
  return t;
}

std::string OptionalPercent(const std::optional<double>& x) { return x ? FormatPercent(*x) : "-"; }

TextTable Extras(const RetentionResult& r) {
  TextTable t("Per cohort: repeat purchase" + (r.purchase.empty() ? "" : " (" + r.purchase + ")") +
              ", referral" + (r.referral.empty() ? "" : " (" + r.referral + ")") +
              ", viral coefficient, customer value (through the last period shown)");
  t.SetHeader({"cohort", "persons", "repeat purchase", "referral rate", "referred",
               "viral coefficient", "value", "value per person"});
  for (const RetentionCohort& c : r.cohorts) {
    const RetentionCell* last = c.cells.empty() ? nullptr : &c.cells.back();
    t.AddRow({c.label, FormatCount(static_cast<double>(c.persons)),
              OptionalPercent(c.repeat_purchase_rate), OptionalPercent(c.referral_rate),
              FormatCount(static_cast<double>(c.referred)),
              c.viral_coefficient ? FormatFixed(*c.viral_coefficient, 3) : "-",
              last ? FormatMoney(last->value) : "-",
              last && last->value_per_person ? FormatMoney(*last->value_per_person) : "-"});
  }
  return t;
}

}  // namespace

std::string RetentionToJson(const RetentionResult& r) {
  Json j;
  j["analysis"] = "retention";
  j["confidence"] = r.confidence;
  j["type"] = std::string(RetentionTypeName(r.type));
  j["measure"] = std::string(RetentionMeasureName(r.measure));
  j["period"] = std::string(RetentionPeriodName(r.period));
  j["rolling"] = r.rolling;
  j["periods"] = r.periods;
  j["start"] = NameOrNull(r.start);
  j["return_event"] = NameOrNull(r.return_event);
  j["purchase"] = NameOrNull(r.purchase);
  j["referral"] = NameOrNull(r.referral);
  j["referral_channels"] = r.referral_channels;
  j["data_end"] = r.data_end ? Json(FormatTimestamp(*r.data_end)) : Json(nullptr);
  j["persons"] = r.persons;
  j["persons_before_range"] = r.persons_before_range;
  Json cohorts = Json::array();
  for (const RetentionCohort& c : r.cohorts) cohorts.push_back(CohortToJson(c, r.confidence));
  j["cohorts"] = std::move(cohorts);
  j["average"] = AverageToJson(r.average, r.confidence);
  j["notes"] = r.notes;
  return JsonText(j);
}

std::string RetentionToTable(const RetentionResult& r) {
  return Triangle(r).Render() + "\n" + Extras(r).Render();
}

}  // namespace winpath
