// RawEvent: one tracking message as parsed from a file or the HTTP API, before identity
// stitching, channel assignment and columnar encoding (ingest/ turns RawEvents into an
// EventTable). Field names follow the Segment Tracking API spec.
//
// Thread-safety: a plain value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/timestamp.h"

namespace winpath {

enum class MessageType : uint8_t { kTrack = 0, kPage = 1, kScreen = 2, kIdentify = 3, kAlias = 4 };

// The number a property text stands for: only when the whole text is a decimal number
// ("12", "-3.5", ".5", "1e3"); nullopt for "", "12 EUR", "0x10", " 12". The rule behind
// PropertyValue::number for text sent in CSV cells and JSON strings.
std::optional<double> ParsePropertyNumber(std::string_view text);

// "track", "page", ... ; returns nullopt for any other text.
std::optional<MessageType> ParseMessageType(std::string_view text);
std::string_view MessageTypeName(MessageType type);

// A property value as sent: the text form is always kept; `number` is set when the value is a
// JSON number or a text that parses completely as one; booleans are "true"/"false".
struct PropertyValue {
  std::string text;
  std::optional<double> number;
};

// UTM / campaign fields (context.campaign.* or utm_* query parameters of the page URL).
struct Campaign {
  std::string source;
  std::string medium;
  std::string name;
  std::string term;
  std::string content;
  bool empty() const { return source.empty() && medium.empty() && name.empty(); }
};

struct RawEvent {
  MessageType type = MessageType::kTrack;
  // Event name: `event` for track; for page/screen the page name, or "page_view"/"screen_view"
  // when the message has none. Empty for identify/alias.
  std::string name;
  std::string user_id;
  std::string anonymous_id;
  // alias: the id being merged into user_id (Segment's previousId).
  std::string previous_id;
  std::string message_id;
  TimeMs time = 0;
  std::string url;       // context.page.url or properties.url
  std::string referrer;  // context.page.referrer or properties.referrer
  // The site/app the event happened on: properties.property, else the host of `url`.
  std::string property;
  Campaign campaign;
  std::vector<std::pair<std::string, PropertyValue>> properties;
  // 1-based line in the source file (0 when not from a file), for error messages.
  uint64_t source_line = 0;

  // Linear scan; property lists are short. Returns nullptr when absent.
  const PropertyValue* FindProperty(std::string_view key) const;
};

}  // namespace winpath
