// Journey extraction: turns persons' events into one PathTable per selected win, the input of
// the path-based attribution models (Markov chain, Shapley value). Exact semantics:
// docs/analyses/journeys.md.
//
// Per person and win: every win event (a conversion) closes a journey made of the person's
// touches (events with a channel) since the previous conversion of that win and inside the
// attribution lookback before it (both ends inclusive, ties as in attribution.md: a touch
// listed before the conversion at its millisecond, or the conversion event's own channel,
// belongs to it). The journey counts 1 conversion and the win event's value. A conversion
// without such a touch is "unattributed": counted, never a path. The touches after the person's
// last conversion of the win (all touches for a person without one) form one null journey.
// Consecutive repeats are kept; a journey longer than kMaxJourneyTouches keeps its last
// kMaxJourneyTouches touches (the ones nearest the conversion) and is counted as truncated.
//
// JourneyPathsState is an analysis kernel (kernel.h): paths are hash-aggregated per win
// (path_aggregator.h) with exact counts and fixed-point values, so any split of the persons
// merged in any order gives the same table, bit for bit; Finalize emits each distinct path once,
// sorted by path.
//
// Cost: Add is one pass over the person's events; each touch is stored once and skipped or
// hashed at most once per win. No allocation once the touch buffer has grown to the longest
// person, except for paths never seen before (their bytes join the aggregator's arena).
//
// Thread-safety: a state is used by one thread at a time; the config is shared read-only.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "analysis/exact_sum.h"
#include "analysis/path_aggregator.h"
#include "analysis/win_bits.h"
#include "model/path_table.h"
#include "model/person_view.h"
#include "model/timestamp.h"

namespace winpath {

// Longest journey kept: longer journeys keep their last touches.
inline constexpr size_t kMaxJourneyTouches = 64;

struct JourneyPathsConfig {
  struct WinSelection {
    std::string name;
    int bit = 0;  // predicate bit of the win in PersonView::mask
  };
  // Channel id c >= 1 is channel_names[c - 1] (EventTable::channel_names()).
  std::vector<std::string> channel_names;
  std::vector<WinSelection> wins;    // REQUIRES: distinct bits in [0, 32)
  TimeMs lookback = 30 * kMsPerDay;  // REQUIRES: > 0
};

struct JourneyPathsWin {
  std::string win;
  int64_t conversions = 0;   // win events seen
  double value = 0;          // their total value
  int64_t unattributed = 0;  // conversions without a touch in their journey
  double unattributed_value = 0;
  int64_t null_journeys = 0;  // persons with touches after their last conversion of the win
  int64_t truncated = 0;      // journeys (converting or null) cut to kMaxJourneyTouches
  // The channels that appear on some path (in table channel order) and each distinct path
  // once, sorted. Sum of path conversions = conversions - unattributed; sum of nulls =
  // null_journeys.
  PathTable paths;
  bool operator==(const JourneyPathsWin&) const = default;
};

struct JourneyPathsResult {
  TimeMs lookback = 0;
  int64_t max_path_length = static_cast<int64_t>(kMaxJourneyTouches);
  std::vector<JourneyPathsWin> wins;  // in config order
  bool operator==(const JourneyPathsResult&) const = default;
};

class JourneyPathsState {
 public:
  // REQUIRES: config satisfies the REQUIRES of JourneyPathsConfig (the query layer checks).
  explicit JourneyPathsState(std::shared_ptr<const JourneyPathsConfig> config);

  void Add(const PersonView& person);
  // REQUIRES: `other` was built from the same config.
  void Merge(const JourneyPathsState& other);
  JourneyPathsResult Finalize() const;

 private:
  struct WinTotal {
    int64_t conversions = 0;
    int64_t unattributed = 0;
    int64_t null_journeys = 0;
    int64_t truncated = 0;
    ValueSum value;
    ValueSum unattributed_value;
  };

  void Convert(size_t w, TimeMs t, ValueSum::Units value, size_t touches);
  // Adds touches [begin, end) of the person as one journey of win w.
  void AddJourney(size_t w, size_t begin, size_t end, int64_t conversions, ValueSum::Units value);

  std::shared_ptr<const JourneyPathsConfig> config_;
  WinBits wins_;
  std::vector<PathAggregator> paths_;  // [win]
  std::vector<WinTotal> totals_;       // [win]
  // Scratch, reused across persons: the person's touches so far, and per win the first touch
  // not yet part of a journey.
  std::vector<TimeMs> touch_time_;
  std::vector<uint8_t> touch_channel_;
  std::vector<size_t> begin_;
  // The hash of touches [hashed_begin_, hashed_end_) of the current person: the wins of a
  // person often share a journey (all of them, for a person who never converts).
  size_t hashed_begin_ = 0, hashed_end_ = 0;
  uint64_t hash_ = 0;
};

}  // namespace winpath
