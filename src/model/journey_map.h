// JourneyMap: a business's customer journey, declared once (docs/journey-map.md) — channels,
// wins, milestones (pre | core | post), flywheel stages, windows and target rates.
//
// A JourneyMap is plain data. LoadJourneyMap (journey_map_loader.h) builds one from YAML and
// validates it; code and tests may also build one directly and call Validate().
//
// Predicate bits: every win and every milestone owns one bit of a 32-bit mask, in the order
// wins first, then milestones in journey order (pre..., core, post...). The event table stores
// per event the mask of predicates whose EventPredicate matched it (occurrence is applied later,
// per person, by the analyses). Hence at most 32 wins + milestones.
//
// Thread-safety: immutable after loading; share it by const reference.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/predicate.h"
#include "model/source_location.h"
#include "model/timestamp.h"

namespace winpath {

inline constexpr int kMaxPredicates = 32;
inline constexpr int kMaxDimensions = 8;

// One ordered channel rule: the first rule whose every given field matches names the channel.
// Text fields are lists of case-insensitive globs; an empty list means "any".
struct ChannelRule {
  std::string channel;
  std::vector<std::string> utm_source;
  std::vector<std::string> utm_medium;
  std::vector<std::string> utm_campaign;
  std::vector<std::string> referrer;  // referrer host globs, e.g. "*.google.*"
  std::vector<std::string> property;  // site/app globs, e.g. "blog.example.com"
  std::vector<std::string> event;     // event names (exact): sales/service touchpoints
  std::vector<PropertyCondition> where;
  SourceLocation location;
};

enum class DefaultGrouping : uint8_t {
  kGa4,   // unmatched touches get GA4-like default channel groups (channel_classifier.h)
  kNone,  // unmatched touches with acquisition data are "Other"; session starts "Direct"
};

struct Win {
  std::string name;
  EventPredicate predicate;
  std::string value_property;  // property holding the monetary value; empty = no value
  SourceLocation location;
};

enum class MilestonePhase : uint8_t { kPre = 0, kCore = 1, kPost = 2 };
std::string_view MilestonePhaseName(MilestonePhase phase);

struct Milestone {
  std::string name;
  MilestonePhase phase = MilestonePhase::kPre;
  EventPredicate predicate;
  // The n-th matching event of the person reaches the milestone (1 = first). With
  // `or_later`, any matching event from the n-th on does ("2+" in YAML).
  int occurrence = 1;
  bool or_later = false;
  std::string value_property;
  SourceLocation location;
};

// Flywheel stages (docs/journey-map.md#stages): a person is a stranger until reaching any of
// `prospect`, a customer after any of `customer`, ... ; names refer to wins or milestones.
struct Stages {
  std::vector<std::string> prospect;
  std::vector<std::string> customer;
  std::vector<std::string> repeat_customer;
  std::vector<std::string> promoter;
  TimeMs dormant_after = 90 * kMsPerDay;
  SourceLocation location;
};

struct Windows {
  TimeMs conversion = 30 * kMsPerDay;            // funnel and win-path window
  TimeMs attribution_lookback = 30 * kMsPerDay;  // touches credited before a conversion
  TimeMs session_timeout = 30 * kMsPerMinute;    // gap that starts a new session (Direct)
  TimeMs time_decay_half_life = 7 * kMsPerDay;
};

struct Target {
  std::string from;  // milestone or win name
  std::string to;
  double rate = 0;               // expected conversion rate in [0, 1]
  std::optional<TimeMs> within;  // default: windows.conversion
  SourceLocation location;
  // Only persons whose first touch came through this channel (a channel name of the map or a
  // default channel group); "" = everyone.
  std::string channel;
};

struct JourneyMap {
  std::string name;
  std::string currency = "USD";
  std::vector<std::string> site_hosts;  // own hosts: referrers from them are not touches
  std::vector<ChannelRule> channels;
  DefaultGrouping default_grouping = DefaultGrouping::kGa4;
  std::vector<Win> wins;
  std::vector<Milestone> milestones;  // journey order: pre..., core, post...
  Stages stages;
  Windows windows;
  std::vector<Target> targets;
  // Event properties kept as dictionary-encoded columns for breakdowns and segments
  // (e.g. plan, country, device); at most kMaxDimensions. Built-in fields (utm_source,
  // property, ...) may be named too (predicate.h, LookupEventField).
  std::vector<std::string> dimensions;
  std::string source_path;  // file it was loaded from, for messages

  // Predicate bit of win i is i; of milestone j is wins.size() + j.
  int win_bit(size_t win_index) const { return static_cast<int>(win_index); }
  int milestone_bit(size_t milestone_index) const {
    return static_cast<int>(wins.size() + milestone_index);
  }
  size_t num_predicates() const { return wins.size() + milestones.size(); }

  // Index of the win / milestone with that name, or -1.
  int FindWin(std::string_view win_name) const;
  int FindMilestone(std::string_view milestone_name) const;
  // Index of the core milestone, or -1 when the map has none.
  int CoreMilestone() const;

  // Mask of the predicates that `event` matches (ignoring occurrence).
  uint32_t MatchMask(const RawEvent& event) const;

  // The monetary value the event carries for the first matching predicate that declares a
  // value property, or nullopt.
  std::optional<double> EventValue(const RawEvent& event, uint32_t mask) const;

  // Names of every channel an event can be assigned: map channels in order, then the default
  // groups (even when default_grouping is kNone, "Direct" and "Other" exist).
  std::vector<std::string> ChannelNames() const;
};

// The three default wins (Buy, Support, Register) with the default event names listed in
// docs/journey-map.md#wins. Used when a map declares no `wins`.
std::vector<Win> DefaultWins();

// Checks cross-references and limits of a map built in code; the YAML loader runs the same
// checks and adds line numbers. Returns the first problem as InvalidArgument.
Status ValidateJourneyMap(const JourneyMap& map);

}  // namespace winpath
