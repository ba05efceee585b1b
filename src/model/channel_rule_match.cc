#include "model/channel_rule_match.h"

#include <algorithm>

namespace winpath {
namespace {

bool AnyGlob(const std::vector<std::string>& patterns, std::string_view text) {
  if (text.empty()) return false;
  for (const std::string& p : patterns) {
    if (GlobMatch(p, text)) return true;
  }
  return false;
}

}  // namespace

bool ChannelRuleMatches(const ChannelRule& rule, const RawEvent& event,
                        std::string_view referrer_host, std::string_view property) {
  bool any = false;
  auto globs = [&](const std::vector<std::string>& patterns, std::string_view text) {
    if (patterns.empty()) return true;
    any = true;
    return AnyGlob(patterns, text);
  };
  if (!globs(rule.utm_source, event.campaign.source) ||
      !globs(rule.utm_medium, event.campaign.medium) ||
      !globs(rule.utm_campaign, event.campaign.name) || !globs(rule.referrer, referrer_host) ||
      !globs(rule.property, property)) {
    return false;
  }
  if (!rule.event.empty()) {
    any = true;
    if (std::find(rule.event.begin(), rule.event.end(), event.name) == rule.event.end()) {
      return false;
    }
  }
  for (const PropertyCondition& c : rule.where) {
    any = true;
    if (!c.Matches(event)) return false;
  }
  return any;
}

}  // namespace winpath
