#include "model/event.h"

#include <charconv>

namespace winpath {

std::optional<double> ParsePropertyNumber(std::string_view s) {
  if (s.empty() || !((s[0] >= '0' && s[0] <= '9') || s[0] == '-' || s[0] == '.')) {
    return std::nullopt;
  }
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<MessageType> ParseMessageType(std::string_view text) {
  if (text == "track") return MessageType::kTrack;
  if (text == "page") return MessageType::kPage;
  if (text == "screen") return MessageType::kScreen;
  if (text == "identify") return MessageType::kIdentify;
  if (text == "alias") return MessageType::kAlias;
  return std::nullopt;
}

std::string_view MessageTypeName(MessageType type) {
  switch (type) {
    case MessageType::kTrack: return "track";
    case MessageType::kPage: return "page";
    case MessageType::kScreen: return "screen";
    case MessageType::kIdentify: return "identify";
    case MessageType::kAlias: return "alias";
  }
  return "track";
}

const PropertyValue* RawEvent::FindProperty(std::string_view key) const {
  for (const auto& [k, v] : properties) {
    if (k == key) return &v;
  }
  return nullptr;
}

}  // namespace winpath
