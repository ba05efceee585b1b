// JSON text for the report module's renderers: compact, deterministic, and total — text that
// is not valid UTF-8 (a map name, a flag value, an event name from a table file) is written
// with U+FFFD in place of the bad bytes instead of throwing, so rendering never fails.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace winpath {

template <typename Json>
std::string JsonText(const Json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace winpath
