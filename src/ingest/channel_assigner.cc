#include "ingest/channel_assigner.h"

#include <algorithm>

#include "ingest/default_channel_grouping.h"
#include "ingest/url_parts.h"
#include "model/channel_rule_match.h"

namespace winpath {
namespace {

bool SameSite(std::string_view a, std::string_view b) {
  auto strip = [](std::string_view h) { return h.substr(0, 4) == "www." ? h.substr(4) : h; };
  return !a.empty() && strip(a) == strip(b);
}

// Bounds memory when a rule reads a high-cardinality field (a `where` on an order id).
constexpr size_t kMaxMemoEntries = 1 << 20;
constexpr char kSep = '\x1f';

}  // namespace

ChannelAssigner::ChannelAssigner(const JourneyMap& map) : map_(map), names_(map.ChannelNames()) {
  direct_ = ChannelId("Direct");
  other_ = ChannelId("Other");
  for (const ChannelRule& rule : map.channels) {
    if (!rule.event.empty()) key_has_event_ = true;
    for (const PropertyCondition& c : rule.where) {
      if (std::find(where_fields_.begin(), where_fields_.end(), c.property) ==
          where_fields_.end()) {
        where_fields_.push_back(c.property);
      }
    }
  }
}

uint8_t ChannelAssigner::ChannelId(std::string_view name) const {
  for (size_t i = 0; i < names_.size() && i < 255; ++i) {
    if (names_[i] == name) return static_cast<uint8_t>(i + 1);
  }
  return kNoChannel;
}

uint8_t ChannelAssigner::Evaluate(const RawEvent& event, std::string_view referrer_host,
                                  bool external) const {
  for (const ChannelRule& rule : map_.channels) {
    if (ChannelRuleMatches(rule, event, referrer_host, event.property))
      return ChannelId(rule.channel);
  }
  const Campaign& c = event.campaign;
  bool has_utm = !c.source.empty() || !c.medium.empty() || !c.name.empty() || !c.term.empty() ||
                 !c.content.empty();
  if (!has_utm && !external) return kNoChannel;
  if (map_.default_grouping == DefaultGrouping::kNone) return other_;
  return ChannelId(DefaultChannelGroup(c.source, c.medium, external ? referrer_host : "", has_utm));
}

void ChannelAssigner::BuildKey(const RawEvent& event, std::string_view referrer_host,
                               bool external) {
  const Campaign& c = event.campaign;
  key_.clear();
  for (std::string_view part :
       {std::string_view(c.source), std::string_view(c.medium), std::string_view(c.name),
        referrer_host, std::string_view(event.property)}) {
    key_.append(part);
    key_ += kSep;
  }
  key_ += c.term.empty() ? '0' : '1';
  key_ += c.content.empty() ? '0' : '1';
  key_ += external ? '1' : '0';
  if (key_has_event_) {
    key_ += kSep;
    key_ += event.name;
  }
  std::string text;
  const PropertyValue* value = nullptr;
  for (const std::string& field : where_fields_) {
    key_ += kSep;
    text.clear();
    key_ += LookupEventField(event, field, &text, &value) ? '1' : '0';
    key_ += text;
  }
}

uint8_t ChannelAssigner::Classify(const RawEvent& event) {
  referrer_host_.clear();
  bool external = false;
  if (!event.referrer.empty()) {
    referrer_host_ = UrlHost(event.referrer);
    // The own-url check parses a second URL; the site-host check usually decides first.
    external = !referrer_host_.empty() && !IsSiteHost(referrer_host_, map_.site_hosts) &&
               !SameSite(referrer_host_, event.url.empty() ? std::string() : UrlHost(event.url));
  }
  BuildKey(event, referrer_host_, external);
  auto it = memo_.find(std::string_view(key_));
  if (it != memo_.end()) return it->second;
  uint8_t channel = Evaluate(event, referrer_host_, external);
  if (memo_.size() >= kMaxMemoEntries) memo_.clear();
  memo_.emplace(key_, channel);
  return channel;
}

void MarkSessions(std::span<const TimeMs> time, std::span<uint8_t> flags,
                  std::span<uint8_t> channel, TimeMs session_timeout, uint8_t direct_channel) {
  for (size_t i = 0; i < time.size(); ++i) {
    bool start = i == 0 || time[i] - time[i - 1] > session_timeout;
    if (!start) continue;
    flags[i] |= kEventFlagSessionStart;
    if ((flags[i] & kEventFlagPageView) && channel[i] == kNoChannel) channel[i] = direct_channel;
  }
}

}  // namespace winpath
