// Heuristic multi-touch attribution: every win event is a conversion; its one conversion and
// its value are shared among the touches inside the lookback window before it by six models
// side by side — first_touch, last_touch, last_non_direct, linear, time_decay and
// position_based. Exact semantics: docs/analyses/attribution.md.
//
// AttributionState is an analysis kernel (kernel.h). Credits are kept in fixed point
// (exact_sum.h) and every conversion's shares are rounded so they add up to exactly one
// conversion (and exactly its value): totals are honest (credited + unattributed = conversions,
// exactly) and any split of persons merged in any order gives bit-identical results.
//
// Cost: Add copies the person's touches and lists their conversions in one branch-free pass (two
// stores an event), then brings the lookback window up to date only when a conversion needs it,
// incrementally (each touch enters and leaves it once), so a conversion costs O(distinct
// channels in the lookback) and a person O(events x channels) at worst, O(events) in practice.
// No allocation once the buffers have grown to the longest person (25 bytes an event). Memory:
// models x wins x channels cells of 32 bytes.
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

#include "analysis/exact_sum.h"
#include "analysis/win_bits.h"
#include "model/person_view.h"
#include "model/timestamp.h"

namespace winpath {

enum class AttributionModel : uint8_t {
  kFirstTouch = 0,
  kLastTouch = 1,
  kLastNonDirect = 2,
  kLinear = 3,
  kTimeDecay = 4,
  kPositionBased = 5,
};
inline constexpr int kNumAttributionModels = 6;

// "first_touch", "last_touch", "last_non_direct", "linear", "time_decay", "position_based".
std::string_view AttributionModelName(AttributionModel model);
std::optional<AttributionModel> ParseAttributionModel(std::string_view name);

struct AttributionConfig {
  struct WinSelection {
    std::string name;
    int bit = 0;  // predicate bit of the win in PersonView::mask
  };
  // Channel id c >= 1 is channel_names[c - 1] (EventTable::channel_names()).
  std::vector<std::string> channel_names;
  // direct[c] = channel id c is a "Direct" channel that last_non_direct skips. Size
  // channel_names.size() + 1 (or empty = none is direct).
  std::vector<bool> direct;
  std::vector<WinSelection> wins;        // REQUIRES: distinct bits in [0, 32)
  std::vector<AttributionModel> models;  // REQUIRES: no duplicates
  TimeMs lookback = 30 * kMsPerDay;      // REQUIRES: > 0
  TimeMs half_life = 7 * kMsPerDay;      // REQUIRES: > 0
  double position_first = 0.4;           // REQUIRES: >= 0, position_first + position_last <= 1
  double position_last = 0.4;
};

struct AttributionCredit {
  std::string channel;
  double conversions = 0;  // fractional conversions credited
  double value = 0;        // value credited
  // Interval of each credit from a bootstrap over persons (query/attribution_intervals.h);
  // absent unless the query asks for intervals.
  std::optional<double> conversions_lower, conversions_upper;
  std::optional<double> value_lower, value_upper;
  bool operator==(const AttributionCredit&) const = default;
};

struct AttributionModelCredits {
  AttributionModel model = AttributionModel::kFirstTouch;
  std::vector<AttributionCredit> channels;  // channels with any credit, in channel-id order
  bool operator==(const AttributionModelCredits&) const = default;
};

struct AttributionWin {
  std::string win;
  int64_t conversions = 0;   // win events seen
  double value = 0;          // their total value
  int64_t unattributed = 0;  // conversions without a touch in the lookback
  double unattributed_value = 0;
  double attributed_value = 0;                  // value - unattributed_value, computed exactly
  std::vector<AttributionModelCredits> models;  // in config order
  bool operator==(const AttributionWin&) const = default;
};

struct AttributionResult {
  TimeMs lookback = 0;
  TimeMs half_life = 0;
  double position_first = 0;
  double position_last = 0;
  std::vector<AttributionModel> models;
  std::vector<AttributionWin> wins;  // in config order
  bool operator==(const AttributionResult&) const = default;
};

class AttributionState {
 public:
  // REQUIRES: config satisfies the REQUIRES of AttributionConfig (the query layer checks).
  explicit AttributionState(std::shared_ptr<const AttributionConfig> config);

  void Add(const PersonView& person);
  // REQUIRES: `other` was built from the same config.
  void Merge(const AttributionState& other);
  AttributionResult Finalize() const;

 private:
  static constexpr int kMaxChannels = 256;  // channel ids are uint8_t

  struct Credit {
    CreditSum conversions;
    ValueSum value;
  };
  struct WinTotal {
    int64_t conversions = 0;
    int64_t unattributed = 0;
    ValueSum value;
    ValueSum unattributed_value;
  };
  // The touches of one person and the lookback window over them. Touches are copied in one
  // pass; the window's counts and decay sums are brought up to date lazily, when a
  // conversion needs them, so a touch that never meets a conversion costs one store.
  // Reused across persons.
  struct Window {
    // The person's touches, all copied first (capacity reused); [0, size) are those up to the
    // conversion being credited.
    std::vector<TimeMs> time;
    std::vector<uint8_t> channel;
    // A conversion event and the touches up to it (itself included); 8 bytes, as one is
    // written per event, and its win bits are read back from the mask.
    struct Conversion {
      uint32_t event, touches;
    };
    std::vector<Conversion> conversions;  // of the person, in event order (capacity reused)
    // Decay term a touch added to its channel's sum when folded; still the term to take away
    // when it leaves if decay_ref has not moved since (touch index >= rebased).
    std::vector<double> term;
    size_t size = 0;
    size_t lo = 0;                 // first touch inside the lookback of the latest conversion
    size_t folded = 0;             // touches [lo, folded) are counted in count, decay and active
    size_t rebased = 0;            // touch whose fold last moved decay_ref
    int64_t last_non_direct = -1;  // latest folded non-direct touch
    std::array<int32_t, kMaxChannels> count{};  // folded touches per channel
    std::array<double, kMaxChannels> decay{};   // sum of 2^((t - decay_ref) / half_life)
    TimeMs decay_ref = 0;
    // Channels by their latest arrival (count 0 -> 1), left lazily: entry p of [0, listed) is
    // live iff count[active[p]] > 0 and slot[active[p]] == p, and Compact drops the others, so
    // that a touch leaving costs no search. Compacted, [0, num_active) is in arrival order.
    std::array<uint8_t, kMaxChannels> active{};
    std::array<uint8_t, kMaxChannels> slot{};
    size_t listed = 0;
    size_t num_active = 0;  // channels with count > 0
  };
  // A configured model that gives a conversion whole to one channel, and its slot.
  struct WholeSlot {
    size_t slot;
    AttributionModel model;
  };

  [[gnu::noinline]] size_t CopyTouches(const PersonView& person, uint32_t win_mask);
  void ResetWindow(size_t events);
  void CreditWhole(size_t w, uint8_t channel, ValueSum::Units value);
  void CreditUnattributed(size_t w, ValueSum::Units value);
  void SlideTo(TimeMs conversion_time);
  void Fold(size_t i);
  void Unfold(size_t i);
  void Compact();
  void Convert(size_t w, ValueSum::Units value);
  // REQUIRES: a single-touch model (first_touch, last_touch, last_non_direct).
  uint8_t WholeChannel(AttributionModel model) const;
  // `row`: the win's cells of model slot 0; kValue: value != 0.
  template <bool kValue>
  void CreditShares(Credit* row, size_t slot_stride, ValueSum::Units value);
  // Whether time_decay is configured, so the window keeps decay sums.
  bool decays() const { return decay_slot_ >= 0; }
  size_t CellIndex(int model_slot, size_t w, uint8_t channel) const {
    return (static_cast<size_t>(model_slot) * config_->wins.size() + w) * channel_stride_ + channel;
  }

  std::shared_ptr<const AttributionConfig> config_;
  WinBits wins_;
  size_t channel_stride_ = 1;
  // Model slots in config order: the single-touch ones, and each multi-touch one (-1: absent).
  std::vector<WholeSlot> whole_slots_;
  int linear_slot_ = -1, decay_slot_ = -1, position_slot_ = -1;
  std::array<bool, kMaxChannels> direct_{};
  std::vector<Credit> cells_;     // [model slot][win][channel id]
  std::vector<WinTotal> totals_;  // [win]
  Window window_;
  // Scratch: the time_decay [0] and position_based [1] weights of the active channels.
  std::array<std::array<double, kMaxChannels>, 2> weights_;
};

}  // namespace winpath
