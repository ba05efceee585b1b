// Reject: why one input message was not imported — the closed list of reasons, the field it
// concerns and a message a person can act on ("line 17: field 'timestamp': expected ISO-8601
// or epoch seconds/ms, got \"yesterday\"").
//
// Rejected messages are never dropped silently: the importer counts them per reason and writes
// each one, with its original text, to the rejects file (docs/formats/rejects.md).
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace winpath {

// Stable names (RejectReasonName) appear in statistics and in the rejects file; do not rename.
enum class RejectReason : uint8_t {
  kInvalidUtf8 = 0,    // the line or row is not valid UTF-8
  kInvalidJson,        // the line does not parse as JSON
  kNotAnObject,        // the JSON is not an object (or a batch element is not)
  kWrongFieldType,     // a known field has the wrong JSON type ("event": 5)
  kMissingType,        // no `type` and no `event`
  kUnsupportedType,    // `type` is not track/page/screen/identify/alias
  kMissingEventName,   // a track message without an event name
  kMissingId,          // neither userId nor anonymousId (placeholders count as absent)
  kMissingUserId,      // identify or alias without a userId
  kMissingPreviousId,  // alias without a previousId
  kMissingTimestamp,   // no timestamp, originalTimestamp or sentAt
  kBadTimestamp,       // a timestamp that is neither ISO-8601 nor an epoch number
  kTimestampTooEarly,  // before 1971-01-01 (kMinPlausibleTime)
  kTimestampInFuture,  // later than import time + max_future
  kCsvFieldCount,      // a CSV row with more or fewer fields than the header
  kCsvBadQuote,        // a CSV quote that RFC 4180 does not allow, or one never closed
  kEmptyBatch,         // a {"batch": []} line: a batch without messages
};
inline constexpr int kNumRejectReasons = static_cast<int>(RejectReason::kEmptyBatch) + 1;

// "invalid_utf8", "invalid_json", ... (snake_case, stable).
std::string_view RejectReasonName(RejectReason reason);

struct Reject {
  RejectReason reason = RejectReason::kInvalidJson;
  uint64_t line = 0;     // 1-based line of the message (of the record's first line in CSV)
  int batch_index = -1;  // element index inside a {"batch":[...]} line, else -1
  std::string field;     // the JSON field or CSV column concerned; empty = the whole line
  std::string detail;    // what was expected and what was found

  // "line 17: field 'timestamp': expected ..., got \"yesterday\"" (field part omitted when
  // empty; "line 3 (batch element 2): ..." for batch elements).
  std::string ToString() const;
};

// `text` shortened to at most `max_chars` bytes (on a UTF-8 boundary) and quoted as JSON-ish
// text for messages: got "yesterday".
std::string QuoteForMessage(std::string_view text, size_t max_chars = 60);

}  // namespace winpath
