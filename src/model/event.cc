#include "model/event.h"

namespace winpath {

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
