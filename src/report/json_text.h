// JSON text for the report module's renderers: compact, deterministic, and total — text that
// is not valid UTF-8 (a map name, a flag value, an event name from a table file) is written
// with U+FFFD in place of the bad bytes instead of throwing, so rendering never fails.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace winpath {

// `v` as JSON, or null when absent: "no data" is null in every result, never NaN or 0.
template <typename T>
nlohmann::ordered_json OrNull(const std::optional<T>& v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

template <typename Json>
std::string JsonText(const Json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace winpath
