// Win paths: for each channel x win, how many persons the channel touched, how many of them
// reached the win within the window, the reach rate, the value and the median time to win —
// under the first-touch, last-touch and any-touch views — and the best channel for each win
// with its margin over the runner-up. Exact semantics: docs/analyses/win-paths.md.
//
// WinPathsState is an analysis kernel (kernel.h): Add one person at a time, Merge partial
// states, Finalize into a WinPathsResult that carries channel and win names (no ids), so
// report/ needs no table.
//
// Cost: Add is one branch-free pass over the person's events, O(events), plus, for a person
// with win events, a second pass from their first touch to their last win event and
// O(win events x channels touched); a person with no win event costs no per-win work. No
// allocation once the per-cell time buffers have grown. Seal: O(times gathered since the last
// Seal) (a counting sort per cell). Merge: O(cells + the other state's runs), plus a copy of its
// unsealed times. Finalize: per cell, a radix selection over its times when nothing was
// sealed, else O(runs x buckets + the times of the median's bucket)
// (analysis/win_paths_median.h). Memory: 4 bytes (8 when the window exceeds 2^32 ms) per
// (reaching person, view, win, channel) for the exact medians, plus a fixed 3 x wins x channels
// cell grid and 2 KB per sealed run of a cell.
//
// Thread-safety: a state is used by one thread at a time; the config is shared read-only.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/channel_set_counter.h"
#include "analysis/exact_sum.h"
#include "analysis/win_bits.h"
#include "analysis/win_paths_median.h"
#include "analysis/win_paths_times.h"
#include "model/person_view.h"
#include "model/timestamp.h"

namespace winpath {

enum class WinPathsView : uint8_t { kFirstTouch = 0, kLastTouch = 1, kAnyTouch = 2 };
inline constexpr int kNumWinPathsViews = 3;

// "first_touch", "last_touch", "any_touch".
std::string_view WinPathsViewName(WinPathsView view);
// The view with that name, or nullopt.
std::optional<WinPathsView> ParseWinPathsView(std::string_view name);

struct WinPathsConfig {
  struct WinSelection {
    std::string name;
    int bit = 0;  // predicate bit of the win in PersonView::mask
  };
  // Channel id c >= 1 is channel_names[c - 1] (EventTable::channel_names()).
  std::vector<std::string> channel_names;
  std::vector<WinSelection> wins;   // REQUIRES: distinct bits in [0, 32)
  std::vector<WinPathsView> views;  // REQUIRES: non-empty, no duplicates
  TimeMs window = 30 * kMsPerDay;   // REQUIRES: > 0
  int64_t min_persons = 30;         // channels below it cannot be "best"
  double significance = 0.05;       // p-value below which a margin is called significant
};

// One channel x win cell of one view.
struct WinPathsCell {
  std::string channel;
  int64_t persons = 0;    // persons the view assigns to the channel (the denominator)
  int64_t reached = 0;    // of them, persons reaching the win within the window
  double reach_rate = 0;  // reached / persons
  double value = 0;       // sum of the values of the win events reached
  std::optional<double> median_time_to_win_ms;  // exact median; none when reached == 0
  bool operator==(const WinPathsCell&) const = default;
};

// The channel with the highest reach rate among those with >= min_persons persons, and how
// far ahead of the runner-up it is.
struct WinPathsBest {
  std::string channel;
  double reach_rate = 0;
  std::optional<std::string> runner_up;  // none when only one channel is eligible
  std::optional<double> runner_up_reach_rate;
  std::optional<double> margin_pp;  // (reach_rate - runner_up_reach_rate) * 100
  std::optional<double> p_value;    // two-sided two-proportion z-test
  bool significant = false;         // p_value < config.significance
  bool operator==(const WinPathsBest&) const = default;
};

struct WinPathsWin {
  std::string win;
  // Totals over persons, each person once (for any-touch not the sum of the channel cells).
  int64_t persons = 0;
  int64_t reached = 0;
  double value = 0;
  std::vector<WinPathsCell> channels;  // channels with persons > 0, in channel-id order
  std::optional<WinPathsBest> best;    // none when no channel is eligible
  bool operator==(const WinPathsWin&) const = default;
};

struct WinPathsViewResult {
  WinPathsView view = WinPathsView::kFirstTouch;
  std::vector<WinPathsWin> wins;  // in config order
  bool operator==(const WinPathsViewResult&) const = default;
};

struct WinPathsResult {
  TimeMs window = 0;
  double confidence = 0.95;  // of the reach rates' Wilson intervals (set by the query)
  int64_t min_persons = 0;
  double significance = 0.05;
  int64_t persons = 0;          // persons with at least one event in the scan
  int64_t touched_persons = 0;  // of them, persons with at least one touch
  std::vector<std::string> wins;
  std::vector<WinPathsViewResult> views;  // in config order
  bool operator==(const WinPathsResult&) const = default;
};

class WinPathsState {
 public:
  // REQUIRES: config satisfies the REQUIRES of WinPathsConfig (the query layer checks them).
  explicit WinPathsState(std::shared_ptr<const WinPathsConfig> config);

  // REQUIRES: events time-ordered (PersonView guarantees it).
  void Add(const PersonView& person);
  // Seals the times to win gathered so far (win_paths_times.h), so that merging this state
  // shares them instead of copying them. Optional (kernel.h); Add may follow.
  void Seal();
  // REQUIRES: `other` was built from the same config.
  void Merge(const WinPathsState& other);
  WinPathsResult Finalize() const;

 private:
  static constexpr int kMaxChannels = 256;  // channel ids are uint8_t
  static constexpr int kChannelWords = kMaxChannels / 64;

  // A set of channel ids. Add is branch-free: kWords is 1 when every channel id is below 64,
  // so the set lives in one register through the event loop.
  template <int kWords>
  struct ChannelSet {
    std::array<uint64_t, kWords> bits{};
    void Add(uint8_t channel) {
      if constexpr (kWords == 1) {
        bits[0] |= uint64_t{1} << channel;
      } else {
        for (int w = 0; w < kWords; ++w) {
          bits[static_cast<size_t>(w)] |= (channel >> 6) == w ? uint64_t{1} << (channel & 63) : 0;
        }
      }
    }
  };

  // Persons are counted in two parts so a person who reaches no win costs no per-win work:
  // `assigned_` counts each touched person once per view under the view's win-independent rule
  // (first-touch: first channel; last-touch: last channel; any-touch: every channel touched),
  // and a cell's `persons_delta` corrects it where the win moves a person (last-touch: a person
  // reaching the win belongs to the channel of the touch before it, not of their last touch).
  struct Cell {
    int64_t persons_delta = 0;
    ValueSum value;
    // Times to win of the persons reached (their count is the cell's `reached`). A time to
    // win lies in [0, window], so it is held in 32 bits when the window fits (half the memory
    // to grow, merge and select through); only one of the two is ever used by a state, chosen
    // by narrow_times_.
    SealedTimes times_to_win;
    TimesToWin<TimeMs> wide_times_to_win;
  };
  struct Total {
    int64_t reached = 0;
    ValueSum value;
  };
  // One person's progress towards one win; reset after the person only for the wins it saw.
  struct WinProgress {
    bool first_reached = false, last_reached = false, any_reached = false;
    uint8_t last_channel = 0;
    TimeMs first_time_to_win = 0, last_time_to_win = 0, last_anchor = 0;
    ValueSum::Units first_value = 0, last_value = 0, any_value = 0;
    // Any-touch: channels that reached the win so far (cleared after the person).
    std::array<uint64_t, kChannelWords> any_channels{};
    // Clears what the next person reads before writing. The times to win and the anchor are
    // read only once set, under a reached flag. Field by field: `*this = {}` compiled to a
    // `rep stos`, whose start-up cost was an eighth of the fold.
    void Reset() {
      first_reached = last_reached = any_reached = false;
      last_channel = 0;
      first_value = last_value = any_value = 0;
      for (uint64_t& word : any_channels) word = 0;
    }
  };
  // The first touch of the person being added, and their last touch so far.
  struct Touches {
    uint8_t first_channel = 0, last_channel = 0;
    TimeMs first_time = 0, last_time = 0;
  };
  // Per-person scratch, reused so Add does not allocate. Entries are valid only for the
  // channels the person touched, so nothing needs clearing between persons but the progress
  // of the wins they saw.
  struct Scratch {
    std::array<TimeMs, kMaxChannels> latest_touch{};  // per channel id (0: any event)
    std::vector<WinProgress> wins;
    // Any-touch progress per (win, channel id): index win * kMaxChannels + channel; valid where
    // WinProgress::any_channels has the channel.
    std::vector<TimeMs> any_time_to_win;
    std::vector<ValueSum::Units> any_value;
  };

  size_t CellIndex(int view, size_t win, uint8_t channel) const {
    return (static_cast<size_t>(view) * num_wins_ + win) * channel_stride_ + channel;
  }
  template <int kWords>
  void AddPerson(const PersonView& person);
  // The win events in [first, end) of a person whose first touch is event `first`; returns
  // the bits of the wins seen. kValue: the person has events with a value; most do not, and
  // then no value is read or summed (ValueSum's 128-bit arithmetic was a good part of the
  // per-win work).
  template <int kWords, bool kValue>
  [[gnu::noinline]] uint32_t WalkWins(const PersonView& person, size_t first, size_t end);
  template <int kWords, bool kValue>
  void ReachWins(const PersonView& person, size_t first, size_t last, size_t k, uint32_t wins,
                 ValueSum::Units value, ChannelSet<kWords> touched);
  template <int kWords, bool kValue>
  void FoldPerson(uint8_t first_channel, uint8_t last_channel, ChannelSet<kWords> touched,
                  uint32_t wins_seen);
  template <bool kValue>
  void FoldWin(size_t w, uint8_t first_channel, uint8_t last_channel);
  // Folds a person into a cell: reached (then with that time to win) or not (then `value` is 0).
  template <bool kValue>
  [[gnu::always_inline]] void Reach(int view, size_t w, uint8_t channel, bool reached,
                                    TimeMs time_to_win, ValueSum::Units value);
  // `scratch`: reused buffers for the median selections.
  WinPathsWin FinalizeWin(int view, size_t w, MedianScratch* scratch) const;

  std::shared_ptr<const WinPathsConfig> config_;
  std::array<bool, kNumWinPathsViews> view_on_{};
  WinBits wins_;
  bool narrow_times_ = true;   // window <= UINT32_MAX: times to win kept in 32 bits
  size_t channel_stride_ = 1;  // channel_names.size() + 1: ids 0..size
  size_t num_wins_ = 0;        // config_->wins.size()
  int64_t persons_ = 0;
  int64_t touched_persons_ = 0;
  // [view][channel id]; for the any-touch view only when channel_stride_ > 64, else
  // any_assigned_ counts it.
  std::vector<int64_t> assigned_;
  ChannelSetCounter any_assigned_;
  std::vector<Cell> cells_;    // [view][win][channel id]
  std::vector<Total> totals_;  // [view][win]
  Scratch scratch_;
};

}  // namespace winpath
