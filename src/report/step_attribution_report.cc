#include "report/step_attribution_report.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "model/duration.h"
#include "report/json_text.h"
#include "report/text_table.h"

namespace winpath {

using Json = nlohmann::ordered_json;

std::string StepAttributionToJson(const StepAttributionResult& r) {
  Json j;
  j["analysis"] = "transitions";
  j["window_ms"] = r.window;
  j["window"] = FormatDuration(r.window);
  Json transitions = Json::array();
  for (const StepTransition& t : r.transitions) {
    Json channels = Json::array();
    for (const StepChannelCredit& c : t.channels) {
      channels.push_back({{"channel", c.channel},
                          {"persons", c.persons},
                          {"first_touch", c.first_touch},
                          {"last_touch", c.last_touch},
                          {"linear", c.linear}});
    }
    transitions.push_back({{"from", t.from},
                           {"to", t.to},
                           {"reached_from", t.reached_from},
                           {"made", t.made},
                           {"unattributed", t.unattributed},
                           {"channels", std::move(channels)}});
  }
  j["transitions"] = std::move(transitions);
  return JsonText(j);
}

std::string StepAttributionToTable(const StepAttributionResult& r) {
  std::string out;
  for (const StepTransition& t : r.transitions) {
    TextTable table("Transition " + t.from + " → " + t.to + ": " + FormatCount(t.made) + " of " +
                    FormatCount(t.reached_from) + " persons within " + FormatDuration(r.window));
    table.SetHeader({"channel", "persons", "first_touch", "last_touch", "linear"});
    std::vector<StepChannelCredit> rows = t.channels;
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.linear > b.linear; });
    for (const StepChannelCredit& c : rows) {
      table.AddRow({c.channel, FormatCount(c.persons), FormatFixed(c.first_touch, 2),
                    FormatFixed(c.last_touch, 2), FormatFixed(c.linear, 2)});
    }
    if (t.unattributed > 0) {
      const std::string n = FormatCount(t.unattributed);
      table.AddRow({"(no touch)", n, n, n, n});
    }
    if (t.made == 0) table.AddNote("nobody made this step");
    out += table.Render() + "\n";
  }
  if (r.transitions.empty()) out = "Transitions: none\n";
  return out;
}

}  // namespace winpath
