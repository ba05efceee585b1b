#include "ingest/message_validator.h"

#include <array>
#include <cctype>

namespace winpath {
namespace {

bool EqualsLower(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] + 32) : text[i];
    if (c != lower[i]) return false;
  }
  return true;
}

bool IsZeroUuid(std::string_view id) {
  if (id.size() != 36 && id.size() != 32) return false;
  for (char c : id) {
    if (c != '0' && c != '-') return false;
  }
  return id.size() == 32 || (id[8] == '-' && id[13] == '-' && id[18] == '-' && id[23] == '-');
}

Reject Make(RejectReason reason, std::string_view field, std::string detail) {
  Reject r;
  r.reason = reason;
  r.field = std::string(field);
  r.detail = std::move(detail);
  return r;
}

}  // namespace

bool IsPlaceholderId(std::string_view id) {
  // Most real ids are longer than any placeholder but the UUID forms: skip the scan for them.
  if (id.size() > 12 && id.size() != 32 && id.size() != 36 &&
      !std::isspace(static_cast<unsigned char>(id.front())) &&
      !std::isspace(static_cast<unsigned char>(id.back()))) {
    return false;
  }
  while (!id.empty() && std::isspace(static_cast<unsigned char>(id.front()))) id.remove_prefix(1);
  while (!id.empty() && std::isspace(static_cast<unsigned char>(id.back()))) id.remove_suffix(1);
  if (id.size() > 36) return false;
  static constexpr std::array<std::string_view, 8> kPlaceholders = {
      "", "null", "undefined", "anonymous", "0", "none", "nil", "(null)"};
  for (std::string_view p : kPlaceholders) {
    if (EqualsLower(id, p)) return true;
  }
  return IsZeroUuid(id);
}

std::optional<Reject> ValidateMessage(RawEvent* event, const ValidationOptions& options,
                                      const MessageFieldNames& names) {
  for (std::string* id : {&event->user_id, &event->anonymous_id, &event->previous_id}) {
    if (!id->empty() && IsPlaceholderId(*id)) id->clear();
  }
  const MessageType type = event->type;
  if (type == MessageType::kIdentify || type == MessageType::kAlias) {
    if (event->user_id.empty()) {
      return Make(RejectReason::kMissingUserId, names.user_id,
                  std::string("missing; ") + std::string(MessageTypeName(type)) +
                      " needs a userId (placeholders like \"null\" do not count)");
    }
    if (type == MessageType::kAlias && event->previous_id.empty()) {
      return Make(RejectReason::kMissingPreviousId, names.previous_id,
                  "missing; alias needs the previousId it merges into the userId");
    }
  } else if (event->user_id.empty() && event->anonymous_id.empty()) {
    return Make(RejectReason::kMissingId, names.user_id + "/" + names.anonymous_id,
                "missing; a message needs a userId or an anonymousId (placeholders like "
                "\"null\" or \"anonymous\" do not count)");
  }
  if (type == MessageType::kTrack && event->name.empty()) {
    return Make(RejectReason::kMissingEventName, names.event,
                "missing; a track message needs an event name");
  }
  if (event->time < kMinPlausibleTime) {
    return Make(RejectReason::kTimestampTooEarly, names.timestamp,
                "expected a time on or after 1971-01-01, got " + FormatTimestamp(event->time) +
                    " (a zero or a seconds/milliseconds mix-up?)");
  }
  if (event->time > options.now + options.max_future) {
    return Make(RejectReason::kTimestampInFuture, names.timestamp,
                "expected a time at most " + FormatTimestamp(options.now + options.max_future) +
                    " (import time + max_future), got " + FormatTimestamp(event->time));
  }
  return std::nullopt;
}

}  // namespace winpath
