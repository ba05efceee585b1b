// Validation and normalization shared by every reader (docs/import.md#validation):
//   - placeholder ids ("null", "undefined", "anonymous", "0", "", "none", "nil", "(null)", the
//     all-zero UUID; any case, trimmed) are cleared: they never identify and never link;
//   - every message needs a userId or an anonymousId; identify needs a userId; alias needs a
//     userId and a previousId; track needs an event name;
//   - the time must be >= kMinPlausibleTime (1971-01-01) and <= now + max_future.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ingest/reject.h"
#include "model/event.h"

namespace winpath {

// How the fields are called in the source, for reject messages: JSON names for NDJSON,
// the mapped column names for CSV.
struct MessageFieldNames {
  std::string user_id = "userId";
  std::string anonymous_id = "anonymousId";
  std::string previous_id = "previousId";
  std::string event = "event";
  std::string timestamp = "timestamp";
};

struct ValidationOptions {
  TimeMs now = 0;                 // the import time
  TimeMs max_future = kMsPerDay;  // accepted clock skew past `now`
};

// True for ids that tracking libraries send when they have no id (list above).
bool IsPlaceholderId(std::string_view id);

// Clears placeholder ids in `event` and checks it. Returns the reject (line and batch index
// are left for the caller) or nullopt when the message is valid.
std::optional<Reject> ValidateMessage(RawEvent* event, const ValidationOptions& options,
                                      const MessageFieldNames& names);

}  // namespace winpath
