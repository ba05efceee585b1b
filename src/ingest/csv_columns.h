// CsvColumns: which CSV header column holds which message field (docs/import.md#csv).
//
// Defaults are the snake_case field names; ParseCsvColumns applies overrides written as
// "event=action,timestamp=ts". Column names are matched case-insensitively after trimming.
// Every column not named here becomes an event property.
//
// Thread-safety: a plain value and pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace winpath {

struct CsvColumns {
  std::string user_id = "user_id";  // override key "user_id" or "person"
  std::string anonymous_id = "anonymous_id";
  std::string previous_id = "previous_id";  // alias rows
  std::string event = "event";              // track: event name; page/screen: page name
  std::string timestamp = "timestamp";
  std::string message_id = "message_id";
  std::string type = "type";  // track/page/screen/identify/alias; empty cell = track
  std::string url = "url";
  std::string referrer = "referrer";
  std::string utm_source = "utm_source";
  std::string utm_medium = "utm_medium";
  std::string utm_campaign = "utm_campaign";
  std::string utm_term = "utm_term";
  std::string utm_content = "utm_content";
  std::string property = "property";
};

// The override keys ParseCsvColumns accepts, in CsvColumns order (plus "person").
std::vector<std::string_view> CsvColumnKeys();

// Applies "key=column,key=column" to `base`. Empty text returns `base`. Returns
// InvalidArgument naming an unknown key (listing the valid ones) or an item without '='.
Result<CsvColumns> ParseCsvColumns(std::string_view overrides, CsvColumns base = {});

}  // namespace winpath
