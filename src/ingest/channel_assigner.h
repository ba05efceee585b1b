// ChannelAssigner: the channel (touchpoint) of each event, by the rules of
// docs/analyses/touchpoints.md:
//   1. the first map ChannelRule whose every given field matches;
//   2. else, for an event with acquisition data (any utm_* field, or an external referrer),
//      the default grouping (default_channel_grouping.h) or "Other" (DefaultGrouping::kNone);
//   3. else, a page/screen event that starts a session gets "Direct" (MarkSessions, after the
//      person's events are sorted);
//   4. else no channel (kNoChannel): not a touchpoint.
// Channel ids are 1 + index into JourneyMap::ChannelNames().
//
// Steps 1-2 read a handful of fields; Classify memoizes its answer per distinct tuple of them,
// so rules are evaluated once per tuple, not per event.
//
// Thread-safety: Classify mutates the memo: one assigner per thread. MarkSessions is pure.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/journey_map.h"
#include "model/person_view.h"

namespace winpath {

class ChannelAssigner {
 public:
  // REQUIRES: `map` outlives the assigner; map.ChannelNames().size() <= 255.
  explicit ChannelAssigner(const JourneyMap& map);

  // Steps 1-2 for one event: a channel id, or kNoChannel.
  uint8_t Classify(const RawEvent& event);

  // The id of a channel name (1-based), or kNoChannel when the map has none of that name.
  uint8_t ChannelId(std::string_view name) const;
  uint8_t direct_channel() const { return direct_; }
  size_t memo_size() const { return memo_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  uint8_t Evaluate(const RawEvent& event, std::string_view referrer_host, bool external) const;
  void BuildKey(const RawEvent& event, std::string_view referrer_host, bool external);

  const JourneyMap& map_;
  std::vector<std::string> names_;
  uint8_t direct_ = kNoChannel;
  uint8_t other_ = kNoChannel;
  bool key_has_event_ = false;             // some rule reads the event name
  std::vector<std::string> where_fields_;  // fields read by rules' `where` conditions
  std::string key_;
  std::string referrer_host_;
  std::unordered_map<std::string, uint8_t, Hash, std::equal_to<>> memo_;
};

// Step 3 for one person's events, sorted by time: sets kEventFlagSessionStart on the first
// event and on every event more than `session_timeout` after the previous one, and gives
// `direct_channel` to session starts that are page/screen views (kEventFlagPageView) and have
// no channel yet.
void MarkSessions(std::span<const TimeMs> time, std::span<uint8_t> flags,
                  std::span<uint8_t> channel, TimeMs session_timeout, uint8_t direct_channel);

}  // namespace winpath
