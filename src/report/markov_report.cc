#include "report/markov_report.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "report/json_text.h"
#include "report/text_table.h"

namespace winpath {
namespace {

using Json = nlohmann::ordered_json;

Json ChannelToJson(const MarkovChannelCredit& c) {
  Json j;
  j["channel"] = c.channel;
  j["removal_effect"] = c.removal_effect;
  j["conversion_probability_without"] = c.conversion_probability_without;
  j["conversions"] = c.conversions;
  j["removal_effect_value"] = OrNull(c.removal_effect_value);
  j["value"] = OrNull(c.value);
  return j;
}

std::vector<const MarkovChannelCredit*> RowOrder(const MarkovResult& r) {
  std::vector<const MarkovChannelCredit*> rows;
  for (const MarkovChannelCredit& c : r.channels) rows.push_back(&c);
  std::stable_sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) {
    if (a->conversions != b->conversions) return a->conversions > b->conversions;
    return a->channel < b->channel;
  });
  return rows;
}

}  // namespace

std::string MarkovToJson(const MarkovResult& r) {
  Json j;
  j["analysis"] = "markov";
  j["order"] = r.order;
  j["collapse_repeats"] = r.collapse_repeats;
  j["journeys"] = r.journeys;
  j["conversions"] = r.conversions;
  j["nulls"] = r.nulls;
  j["value"] = r.value;
  j["conversion_probability"] = r.conversion_probability;
  j["value_per_journey"] = OrNull(r.value_per_journey);
  j["states"] = r.states;
  Json channels = Json::array();
  for (const MarkovChannelCredit& c : r.channels) channels.push_back(ChannelToJson(c));
  j["channels"] = std::move(channels);
  Json transitions = Json::array();
  for (const MarkovTransition& t : r.transitions) {
    transitions.push_back(
        {{"from", t.from}, {"to", t.to}, {"count", t.count}, {"probability", t.probability}});
  }
  j["transitions"] = std::move(transitions);
  return JsonText(j);
}

std::string MarkovToTable(const MarkovResult& r) {
  const bool value = r.value_per_journey.has_value();
  std::string title = "Markov attribution (order " + std::to_string(r.order) +
                      "): " + FormatCount(static_cast<double>(r.journeys)) + " journeys, " +
                      FormatCount(static_cast<double>(r.conversions)) +
                      " conversions, P(conversion) " + FormatPercent(r.conversion_probability, 2);
  TextTable t(title);
  std::vector<std::string> header = {"channel", "removal effect", "conversions"};
  if (value) header.insert(header.end(), {"value removal effect", "value"});
  t.SetHeader(header);
  for (const MarkovChannelCredit* c : RowOrder(r)) {
    std::vector<std::string> row = {c->channel, FormatPercent(c->removal_effect, 1),
                                    FormatFixed(c->conversions, 2)};
    if (value) {
      row.push_back(FormatPercent(c->removal_effect_value.value_or(0), 1));
      row.push_back(FormatMoney(c->value.value_or(0)));
    }
    t.AddRow(row);
  }
  std::vector<std::string> total = {"total", "",
                                    FormatFixed(static_cast<double>(r.conversions), 2)};
  if (value) total.insert(total.end(), {"", FormatMoney(r.value)});
  t.AddRow(total);
  t.AddNote(
      "removal effect: the share of conversions lost when every journey through the "
      "channel ends without converting; credits are proportional to it");
  if (!value && r.value != 0) {
    t.AddNote("value is not credited: some paths carry a negative value or the total is 0");
  }
  if (!r.collapse_repeats) t.AddNote("consecutive repeats of a channel are kept as transitions");
  return t.Render();
}

}  // namespace winpath
