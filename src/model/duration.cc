#include "model/duration.h"

namespace winpath {

Result<TimeMs> ParseDuration(std::string_view text) {
  auto bad = [&] {
    return Status::InvalidArgument("duration '" + std::string(text) +
                                   "' is not valid; expected a number with a unit, like 30d, "
                                   "12h, 45m, 90s, 2w or 1d12h");
  };
  if (text.empty()) return bad();
  TimeMs total = 0;
  size_t p = 0;
  while (p < text.size()) {
    size_t start = p;
    int64_t n = 0;
    while (p < text.size() && text[p] >= '0' && text[p] <= '9') {
      n = n * 10 + (text[p] - '0');
      if (n > 1'000'000'000) return bad();
      ++p;
    }
    if (p == start) return bad();
    size_t unit_start = p;
    while (p < text.size() &&
           ((text[p] >= 'a' && text[p] <= 'z') || (text[p] >= 'A' && text[p] <= 'Z')))
      ++p;
    std::string_view unit = text.substr(unit_start, p - unit_start);
    TimeMs mult;
    if (unit == "ms")
      mult = 1;
    else if (unit == "s")
      mult = kMsPerSecond;
    else if (unit == "m" || unit == "min")
      mult = kMsPerMinute;
    else if (unit == "h")
      mult = kMsPerHour;
    else if (unit == "d")
      mult = kMsPerDay;
    else if (unit == "w")
      mult = 7 * kMsPerDay;
    else
      return bad();
    total += n * mult;
  }
  if (total <= 0) {
    return Status::InvalidArgument("duration '" + std::string(text) +
                                   "' must be greater than zero");
  }
  return total;
}

std::string FormatDuration(TimeMs ms) {
  if (ms <= 0) return "0s";
  struct Unit {
    TimeMs size;
    const char* name;
  };
  // Days are the largest unit shown: marketers think of windows as "7d", "30d", "90d".
  static constexpr Unit kUnits[] = {
      {kMsPerDay, "d"}, {kMsPerHour, "h"}, {kMsPerMinute, "m"}, {kMsPerSecond, "s"}, {1, "ms"}};
  std::string out;
  for (const Unit& u : kUnits) {
    if (ms >= u.size) {
      out += std::to_string(ms / u.size) + u.name;
      ms %= u.size;
    }
  }
  return out;
}

}  // namespace winpath
