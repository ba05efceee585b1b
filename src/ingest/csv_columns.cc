#include "ingest/csv_columns.h"

#include <utility>

namespace winpath {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::pair<std::string_view, std::string*>> Slots(CsvColumns* c) {
  return {{"user_id", &c->user_id},
          {"person", &c->user_id},
          {"anonymous_id", &c->anonymous_id},
          {"previous_id", &c->previous_id},
          {"event", &c->event},
          {"timestamp", &c->timestamp},
          {"message_id", &c->message_id},
          {"type", &c->type},
          {"url", &c->url},
          {"referrer", &c->referrer},
          {"utm_source", &c->utm_source},
          {"utm_medium", &c->utm_medium},
          {"utm_campaign", &c->utm_campaign},
          {"utm_term", &c->utm_term},
          {"utm_content", &c->utm_content},
          {"property", &c->property}};
}

}  // namespace

std::vector<std::string_view> CsvColumnKeys() {
  CsvColumns c;
  std::vector<std::string_view> keys;
  for (const auto& [key, slot] : Slots(&c)) keys.push_back(key);
  return keys;
}

Result<CsvColumns> ParseCsvColumns(std::string_view overrides, CsvColumns base) {
  auto slots = Slots(&base);
  while (!overrides.empty()) {
    size_t comma = overrides.find(',');
    std::string_view item = Trim(overrides.substr(0, comma));
    overrides = comma == std::string_view::npos ? std::string_view() : overrides.substr(comma + 1);
    if (item.empty()) continue;
    size_t eq = item.find('=');
    if (eq == std::string_view::npos || Trim(item.substr(eq + 1)).empty()) {
      return Status::InvalidArgument("CSV column mapping '" + std::string(item) +
                                     "' is not key=column (like event=action)");
    }
    std::string_view key = Trim(item.substr(0, eq));
    std::string* slot = nullptr;
    for (const auto& [name, s] : slots) {
      if (name == key) slot = s;
    }
    if (slot == nullptr) {
      std::string valid;
      for (std::string_view k : CsvColumnKeys())
        valid += (valid.empty() ? "" : ", ") + std::string(k);
      return Status::InvalidArgument("unknown CSV column key '" + std::string(key) +
                                     "'; valid keys: " + valid);
    }
    *slot = std::string(Trim(item.substr(eq + 1)));
  }
  return base;
}

}  // namespace winpath
