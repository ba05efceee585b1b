#include "query/spec_checks.h"

#include <algorithm>

namespace winpath {

std::string QuoteList(const std::vector<std::string>& names) {
  if (names.empty()) return "(none)";
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "'" : ", '") + n + "'";
  return out;
}

Result<std::vector<std::pair<int, std::string>>> ResolveWins(const JourneyMap& map,
                                                             const std::vector<std::string>& names,
                                                             std::string_view field) {
  std::vector<std::string> valid;
  for (const Win& w : map.wins) valid.push_back(w.name);
  if (valid.empty()) {
    return Status::InvalidArgument(std::string(field) + ": the journey map declares no wins");
  }
  std::vector<std::pair<int, std::string>> out;
  if (names.empty()) {
    for (size_t i = 0; i < valid.size(); ++i) out.emplace_back(static_cast<int>(i), valid[i]);
    return out;
  }
  for (const std::string& name : names) {
    const int index = map.FindWin(name);
    if (index < 0) {
      return Status::InvalidArgument(std::string(field) + ": unknown win '" + name +
                                     "'; valid wins: " + QuoteList(valid));
    }
    bool repeated =
        std::any_of(out.begin(), out.end(), [&](const auto& p) { return p.first == index; });
    if (repeated) {
      return Status::InvalidArgument(std::string(field) + ": win '" + name + "' is named twice");
    }
    out.emplace_back(index, name);
  }
  return out;
}

}  // namespace winpath
