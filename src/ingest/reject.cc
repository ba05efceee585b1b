#include "ingest/reject.h"

#include <array>

namespace winpath {

std::string_view RejectReasonName(RejectReason reason) {
  static constexpr std::array<std::string_view, kNumRejectReasons> kNames = {
      "invalid_utf8",        "invalid_json",        "not_an_object",      "wrong_field_type",
      "missing_type",        "unsupported_type",    "missing_event_name", "missing_id",
      "missing_user_id",     "missing_previous_id", "missing_timestamp",  "bad_timestamp",
      "timestamp_too_early", "timestamp_in_future", "csv_field_count",    "csv_bad_quote",
      "empty_batch"};
  auto i = static_cast<size_t>(reason);
  return i < kNames.size() ? kNames[i] : "unknown";
}

std::string Reject::ToString() const {
  std::string out = "line " + std::to_string(line);
  if (batch_index >= 0) out += " (batch element " + std::to_string(batch_index) + ")";
  out += ": ";
  if (!field.empty()) out += "field '" + field + "': ";
  out += detail;
  return out;
}

std::string QuoteForMessage(std::string_view text, size_t max_chars) {
  bool cut = false;
  if (text.size() > max_chars) {
    size_t n = max_chars;
    // Back up to a UTF-8 lead byte so the message stays valid text.
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    text = text.substr(0, n);
    cut = true;
  }
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
      continue;
    }
    out += c;
  }
  out += cut ? "...\"" : "\"";
  return out;
}

}  // namespace winpath
