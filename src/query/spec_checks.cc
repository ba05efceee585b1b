#include "query/spec_checks.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "model/name_suggestion.h"

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

Result<std::vector<uint8_t>> ResolveReferralChannels(const EventTable& table,
                                                     std::vector<std::string>* names) {
  if (names->empty()) {
    for (const std::string& n : table.channel_names()) {
      std::string lower(n);
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (lower.find("referral") != std::string::npos) names->push_back(n);
    }
  }
  std::vector<uint8_t> flags;
  if (names->empty()) return flags;
  flags.assign(256, 0);
  for (const std::string& name : *names) {
    const std::optional<uint8_t> id = table.FindChannel(name);
    if (!id) {
      return Status::InvalidArgument("referral_channels: unknown channel '" + name +
                                     "'; channels: " + QuoteList(table.channel_names()) +
                                     DidYouMean(name, table.channel_names()));
    }
    flags[*id] = 1;
  }
  return flags;
}

}  // namespace winpath
