#include "report/summary_report.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "report/json_text.h"
#include "report/text_table.h"

namespace winpath {

DataSummary SummarizeData(const EventTable& table, const JourneyMap& map, ImportSummary import) {
  DataSummary s;
  s.map_name = map.name;
  s.events = table.num_events();
  s.persons = table.num_persons();
  s.first_event = table.min_time();
  s.last_event = table.max_time();
  std::vector<uint64_t> per_channel(table.channel_names().size() + 1, 0);
  for (uint8_t c : table.columns().channel) ++per_channel[c];
  for (size_t c = 1; c < per_channel.size(); ++c) {
    s.touchpoints += per_channel[c];
    if (per_channel[c] > 0)
      s.touchpoints_by_channel.emplace_back(table.channel_names()[c - 1], per_channel[c]);
  }
  std::stable_sort(s.touchpoints_by_channel.begin(), s.touchpoints_by_channel.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  s.import = std::move(import);
  return s;
}

std::string DataSummaryToJson(const DataSummary& s) {
  nlohmann::ordered_json j;
  j["map"] = s.map_name;
  j["events"] = s.events;
  j["persons"] = s.persons;
  j["touchpoints"] = s.touchpoints;
  j["first_event"] =
      s.first_event ? nlohmann::ordered_json(FormatTimestamp(*s.first_event)) : nullptr;
  j["last_event"] = s.last_event ? nlohmann::ordered_json(FormatTimestamp(*s.last_event)) : nullptr;
  nlohmann::ordered_json channels = nlohmann::ordered_json::array();
  for (const auto& [name, n] : s.touchpoints_by_channel)
    channels.push_back({{"channel", name}, {"touchpoints", n}});
  j["touchpoints_by_channel"] = channels;
  nlohmann::ordered_json imp;
  imp["from_table_file"] = s.import.from_table_file;
  imp["read"] = s.import.read;
  imp["imported"] = s.import.imported;
  imp["rejected"] = s.import.rejected;
  imp["duplicates"] = s.import.duplicates;
  imp["rejects_path"] = s.import.rejects_path;
  nlohmann::ordered_json reasons = nlohmann::ordered_json::array();
  for (const auto& [reason, n] : s.import.reject_reasons)
    reasons.push_back({{"reason", reason}, {"count", n}});
  imp["reject_reasons"] = reasons;
  imp["notes"] = s.import.notes;
  j["import"] = imp;
  return JsonText(j);
}

std::string DataSummaryToTable(const DataSummary& s) {
  std::string out = "Journey map: " + s.map_name + "\n";
  out += "Data: " + FormatCount(static_cast<double>(s.events)) + " events, " +
         FormatCount(static_cast<double>(s.persons)) + " persons, " +
         FormatCount(static_cast<double>(s.touchpoints)) + " touchpoints";
  if (s.first_event)
    out += ", " + FormatTimestamp(*s.first_event) + " .. " + FormatTimestamp(*s.last_event);
  out += "\n";
  if (!s.import.from_table_file) {
    out += "Import: " + FormatCount(static_cast<double>(s.import.read)) +
           " read = " + FormatCount(static_cast<double>(s.import.imported)) + " imported + " +
           FormatCount(static_cast<double>(s.import.rejected)) + " rejected + " +
           FormatCount(static_cast<double>(s.import.duplicates)) + " duplicates\n";
    for (const std::string& note : s.import.notes) out += "  note: " + note + "\n";
    if (s.import.rejected > 0) {
      out += "  rejected rows are kept with their reasons in " + s.import.rejects_path + "\n";
      for (const auto& [reason, n] : s.import.reject_reasons) {
        out += "    " + FormatCount(static_cast<double>(n)) + "  " + reason + "\n";
      }
    }
  }
  if (!s.touchpoints_by_channel.empty()) {
    TextTable t("Touchpoints by channel");
    t.SetHeader({"channel", "touchpoints", "share"});
    for (const auto& [name, n] : s.touchpoints_by_channel) {
      t.AddRow({name, FormatCount(static_cast<double>(n)),
                FormatPercent(static_cast<double>(n) / static_cast<double>(s.touchpoints))});
    }
    out += "\n" + t.Render();
  }
  return out;
}

}  // namespace winpath
