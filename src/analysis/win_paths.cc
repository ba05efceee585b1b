#include "analysis/win_paths.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "analysis/value_cursor.h"
#include "base/check.h"

namespace winpath {
namespace {

constexpr int kFirst = static_cast<int>(WinPathsView::kFirstTouch);
constexpr int kLast = static_cast<int>(WinPathsView::kLastTouch);
constexpr int kAny = static_cast<int>(WinPathsView::kAnyTouch);

// The median of a whole whose middle rank is `mid` within `times` (reordered): `times` holds
// the whole's values from some rank on, at least rank mid - 1 for an even whole, and `even` is
// the whole's parity. Exact; the mean of the two middle values for an even count.
template <typename T>
double MedianOfRanks(std::vector<T>& times, size_t mid, bool even) {
  std::nth_element(times.begin(), times.begin() + static_cast<ptrdiff_t>(mid), times.end());
  const double hi = static_cast<double>(times[mid]);
  if (!even) return hi;
  const double lo = static_cast<double>(
      *std::max_element(times.begin(), times.begin() + static_cast<ptrdiff_t>(mid)));
  return lo + (hi - lo) / 2;
}

// Exact median; the mean of the two middle values for an even count. `scratch` is a
// buffer reused across cells, so Finalize allocates once rather than once per cell.
template <typename T>
std::optional<double> ExactMedian(const std::vector<T>& values, std::vector<T>* scratch) {
  if (values.empty()) return std::nullopt;
  std::vector<T>& times = *scratch;
  times.assign(values.begin(), values.end());
  return MedianOfRanks(times, times.size() / 2, times.size() % 2 == 0);
}

// ExactMedian for times in [0, bound] (a time to win never exceeds the window), selecting through a
// histogram of their top bits first: two sequential reads of the cell, then a selection over only
// the values in the buckets that hold the middle ranks, instead of copying and partitioning the
// whole cell.
std::optional<double> BoundedExactMedian(const std::vector<uint32_t>& values, uint32_t bound,
                                         std::vector<uint32_t>* scratch,
                                         std::vector<uint32_t>* histogram) {
  constexpr size_t kMinForHistogram = 4096;
  constexpr int kBucketBits = 12;
  const size_t n = values.size();
  if (n < kMinForHistogram) return ExactMedian(values, scratch);
  const int shift = std::max(0, static_cast<int>(std::bit_width(bound)) - kBucketBits);
  std::vector<uint32_t>& count = *histogram;
  count.assign((static_cast<size_t>(bound) >> shift) + 1, 0);
  for (uint32_t v : values) ++count[v >> shift];
  // Buckets [first, last] hold ranks mid - 1 (even n only) and mid; `below` values precede.
  const size_t mid = n / 2, low_rank = n % 2 == 0 ? mid - 1 : mid;
  size_t below = 0, first = 0;
  while (below + count[first] <= low_rank) below += count[first++];
  size_t last = first, through = below + count[first];
  while (through <= mid) through += count[++last];
  std::vector<uint32_t>& times = *scratch;
  times.clear();
  for (uint32_t v : values) {
    const size_t b = v >> shift;
    if (b >= first && b <= last) times.push_back(v);
  }
  return MedianOfRanks(times, mid - below, n % 2 == 0);
}

// Two-sided p-value of the pooled two-proportion z-test of x1/n1 against x2/n2.
// REQUIRES: n1 > 0, n2 > 0.
double TwoProportionPValue(int64_t x1, int64_t n1, int64_t x2, int64_t n2) {
  const double p1 = static_cast<double>(x1) / static_cast<double>(n1);
  const double p2 = static_cast<double>(x2) / static_cast<double>(n2);
  const double pooled = static_cast<double>(x1 + x2) / static_cast<double>(n1 + n2);
  const double se = std::sqrt(pooled * (1 - pooled) *
                              (1 / static_cast<double>(n1) + 1 / static_cast<double>(n2)));
  // A pooled rate of 0 or 1 means both rates are equal: no evidence of a difference.
  if (se == 0) return 1.0;
  return std::erfc(std::fabs((p1 - p2) / se) / std::sqrt(2.0));
}

// Ranks eligible cells: higher reach rate, then more persons, then channel-id order.
bool Ahead(const WinPathsCell& a, const WinPathsCell& b) {
  if (a.reach_rate != b.reach_rate) return a.reach_rate > b.reach_rate;
  return a.persons > b.persons;
}

std::optional<WinPathsBest> PickBest(const std::vector<WinPathsCell>& cells, int64_t min_persons,
                                     double significance) {
  constexpr size_t kNone = static_cast<size_t>(-1);
  size_t best = kNone, runner = kNone;
  for (size_t i = 0; i < cells.size(); ++i) {
    const WinPathsCell& c = cells[i];
    if (c.persons < min_persons || c.persons == 0) continue;
    if (best == kNone || Ahead(c, cells[best])) {
      runner = best;
      best = i;
    } else if (runner == kNone || Ahead(c, cells[runner])) {
      runner = i;
    }
  }
  if (best == kNone) return std::nullopt;
  const WinPathsCell& b = cells[best];
  WinPathsBest out;
  out.channel = b.channel;
  out.reach_rate = b.reach_rate;
  if (runner != kNone) {
    const WinPathsCell& r = cells[runner];
    out.runner_up = r.channel;
    out.runner_up_reach_rate = r.reach_rate;
    out.margin_pp = (b.reach_rate - r.reach_rate) * 100.0;
    out.p_value = TwoProportionPValue(b.reached, b.persons, r.reached, r.persons);
    out.significant = *out.p_value < significance;
  }
  return out;
}

}  // namespace

std::string_view WinPathsViewName(WinPathsView view) {
  switch (view) {
    case WinPathsView::kFirstTouch: return "first_touch";
    case WinPathsView::kLastTouch: return "last_touch";
    case WinPathsView::kAnyTouch: return "any_touch";
  }
  return "first_touch";
}

std::optional<WinPathsView> ParseWinPathsView(std::string_view name) {
  for (int v = 0; v < kNumWinPathsViews; ++v) {
    if (WinPathsViewName(static_cast<WinPathsView>(v)) == name) return static_cast<WinPathsView>(v);
  }
  return std::nullopt;
}

WinPathsState::WinPathsState(std::shared_ptr<const WinPathsConfig> config)
    : config_(std::move(config)) {
  WINPATH_CHECK(config_ != nullptr && config_->window > 0);
  for (WinPathsView v : config_->views) view_on_[static_cast<int>(v)] = true;
  win_of_bit_.fill(-1);
  for (size_t w = 0; w < config_->wins.size(); ++w) {
    const int bit = config_->wins[w].bit;
    WINPATH_CHECK(bit >= 0 && bit < 32 && win_of_bit_[static_cast<size_t>(bit)] < 0);
    win_of_bit_[static_cast<size_t>(bit)] = static_cast<int8_t>(w);
    win_mask_ |= 1u << bit;
  }
  narrow_times_ = config_->window <= static_cast<TimeMs>(std::numeric_limits<uint32_t>::max());
  channel_stride_ = config_->channel_names.size() + 1;
  WINPATH_CHECK(channel_stride_ <= kMaxChannels);
  const size_t wins = config_->wins.size();
  assigned_.resize(kNumWinPathsViews * channel_stride_);
  cells_.resize(kNumWinPathsViews * wins * channel_stride_);
  totals_.resize(kNumWinPathsViews * wins);
  scratch_.slot_of_channel.fill(-1);
  scratch_.slot_of_channel[kNoChannel] = kNoChannelSlot;
  scratch_.wins.resize(wins);
  scratch_.any_reached.assign(wins * kMaxChannels, 0);
  scratch_.any_time_to_win.assign(wins * kMaxChannels, 0);
  scratch_.any_value.assign(wins * kMaxChannels, 0);
}

void WinPathsState::Add(const PersonView& person) {
  const size_t n = person.size();
  const uint32_t* mask = person.mask.data();
  // Most persons reach no win: one vectorizable OR over the masks sends them to a pass that
  // only counts their touches.
  uint32_t any = 0;
  for (size_t k = 0; k < n; ++k) any |= mask[k];
  if ((any & win_mask_) == 0) {
    AddWithoutWins(person);
    return;
  }
  Scratch& s = scratch_;
  s.has_touch = false;
  s.touched = 0;
  s.wins_seen = 0;
  ValueCursor values(person);
  // Locals, not person.x[k]: the stores into the scratch could alias the view for all the
  // compiler knows, and would make it reload every column pointer per event.
  const TimeMs* time = person.time.data();
  const uint8_t* channel = person.channel.data();
  const uint32_t win_mask = win_mask_;
  // Events after the last win event reach nothing; they only add touches, handled apart.
  size_t end = n;
  while ((mask[end - 1] & win_mask) == 0) --end;
  // The first and last touch live in registers through the loop (stores into the scratch would
  // force them to memory and turn the selects below into branches) and are written back to the
  // scratch only when a win event needs them. Branch-free on whether an event is a touch: a
  // coin flip the predictor keeps missing. A non-touch (channel 0) writes the time of the dummy
  // slot kNoChannelSlot, which nothing reads.
  bool has_touch = false;
  uint8_t first_channel = 0, last_channel = 0;
  TimeMs first_time = 0, last_time = 0;
  TimeMs* slot_last_time = s.slot_last_time.data();
  for (size_t k = 0; k < end; ++k) {
    const TimeMs t = time[k];
    const uint8_t c = channel[k];
    const bool touch = c != kNoChannel;
    // The touch is handled before the event's wins: an event that is both a touch and a win
    // event is its own touch (docs/analyses/win-paths.md#order).
    first_channel = has_touch ? first_channel : c;
    first_time = has_touch ? first_time : t;
    has_touch = has_touch || touch;
    last_channel = touch ? c : last_channel;
    last_time = touch ? t : last_time;
    int16_t slot = s.slot_of_channel[c];
    if (slot < 0) slot = NewSlot(c);
    slot_last_time[static_cast<size_t>(slot)] = t;
    uint32_t m = mask[k] & win_mask;
    if (m == 0 || !has_touch) continue;
    s.has_touch = has_touch;
    s.first_channel = first_channel;
    s.first_time = first_time;
    s.last_channel = last_channel;
    s.last_time = last_time;
    const ValueSum::Units value = values.UnitsAt(k);
    for (; m != 0; m &= m - 1) {
      ReachWin(static_cast<size_t>(win_of_bit_[static_cast<size_t>(std::countr_zero(m))]), t,
               value);
    }
  }
  s.has_touch = has_touch;
  s.first_channel = first_channel;
  s.first_time = first_time;
  s.last_channel = last_channel;
  s.last_time = last_time;
  TouchTail(person, end);
  FoldPerson();
}

// Events [end, n) of a person: their touches only move the last touch (and the first, if the
// person had none before) and add channels to the person's touched set (s.tail_touched).
void WinPathsState::TouchTail(const PersonView& person, size_t end) {
  Scratch& s = scratch_;
  const uint8_t* channel = person.channel.data();
  const size_t n = person.size();
  s.tail_touched.fill(0);
  for (size_t k = end; k < n; ++k) {
    s.tail_touched[channel[k] >> 6] |= uint64_t{1} << (channel[k] & 63);
  }
  s.tail_touched[0] &= ~uint64_t{1};  // kNoChannel
  size_t last = n;
  while (last > end && channel[last - 1] == kNoChannel) --last;
  if (last == end) return;
  if (!s.has_touch) {
    size_t first = end;
    while (channel[first] == kNoChannel) ++first;
    s.has_touch = true;
    s.first_channel = channel[first];
    s.first_time = person.time[first];
  }
  s.last_channel = channel[last - 1];
  s.last_time = person.time[last - 1];
}

// A person without win events: FoldPerson's counts, from the touched channels alone.
void WinPathsState::AddWithoutWins(const PersonView& person) {
  ++persons_;
  const size_t n = person.size();
  const uint8_t* channel = person.channel.data();
  size_t first = 0;
  while (first < n && channel[first] == kNoChannel) ++first;
  if (first == n) return;
  ++touched_persons_;
  size_t last = n - 1;
  while (channel[last] == kNoChannel) --last;
  if (view_on_[kFirst]) ++assigned_[kFirst * channel_stride_ + channel[first]];
  if (view_on_[kLast]) ++assigned_[kLast * channel_stride_ + channel[last]];
  if (!view_on_[kAny]) return;
  std::array<uint64_t, kMaxChannels / 64> touched{};
  for (size_t k = first; k <= last; ++k)
    touched[channel[k] >> 6] |= uint64_t{1} << (channel[k] & 63);
  touched[0] &= ~uint64_t{1};  // kNoChannel
  int64_t* assigned = &assigned_[kAny * channel_stride_];
  for (size_t word = 0; word < touched.size(); ++word) {
    for (uint64_t bits = touched[word]; bits != 0; bits &= bits - 1) {
      ++assigned[word * 64 + static_cast<size_t>(std::countr_zero(bits))];
    }
  }
}

// Gives a channel touched for the first time by the person the next slot.
int16_t WinPathsState::NewSlot(uint8_t channel) {
  Scratch& s = scratch_;
  const int16_t slot = static_cast<int16_t>(s.touched++);
  s.slot_of_channel[channel] = slot;
  s.channel_of_slot[static_cast<size_t>(slot)] = channel;
  return slot;
}

void WinPathsState::ReachWin(size_t w, TimeMs t, ValueSum::Units value) {
  Scratch& s = scratch_;
  s.wins_seen |= 1u << w;
  WinProgress& p = s.wins[w];
  const TimeMs window = config_->window;
  if (t - s.first_time <= window) {
    if (!p.first_reached) p.first_time_to_win = t - s.first_time;
    p.first_reached = true;
    p.first_value += value;
  }
  // The latest touch so far is the closest one: a win event has a touch within the window
  // before it iff the latest touch is within the window.
  const bool latest_in_window = t - s.last_time <= window;
  if (!p.last_reached) {
    if (latest_in_window) {
      p.last_reached = true;
      p.last_channel = s.last_channel;
      p.last_anchor = s.last_time;
      p.last_time_to_win = t - s.last_time;
      p.last_value += value;
    }
  } else if (t - p.last_anchor <= window) {
    p.last_value += value;
  }
  if (latest_in_window) {
    p.any_reached = true;
    p.any_value += value;
  }
  if (!view_on_[kAny]) return;
  const size_t base = w * kMaxChannels;
  for (int slot = 0; slot < s.touched; ++slot) {
    const TimeMs dt = t - s.slot_last_time[static_cast<size_t>(slot)];
    if (dt > window) continue;
    const size_t i = base + static_cast<size_t>(slot);
    if (!s.any_reached[i]) s.any_time_to_win[i] = dt;
    s.any_reached[i] = 1;
    s.any_value[i] += value;
  }
}

void WinPathsState::FoldPerson() {
  Scratch& s = scratch_;
  ++persons_;
  if (!s.has_touch) return;
  ++touched_persons_;
  if (view_on_[kFirst]) ++assigned_[kFirst * channel_stride_ + s.first_channel];
  if (view_on_[kLast]) ++assigned_[kLast * channel_stride_ + s.last_channel];
  for (size_t word = 0; word < s.tail_touched.size(); ++word) {
    for (uint64_t bits = s.tail_touched[word]; bits != 0; bits &= bits - 1) {
      const size_t channel = word * 64 + static_cast<size_t>(std::countr_zero(bits));
      if (view_on_[kAny] && s.slot_of_channel[channel] < 0) {
        ++assigned_[kAny * channel_stride_ + channel];
      }
    }
  }
  for (int slot = 0; slot < s.touched; ++slot) {
    const uint8_t channel = s.channel_of_slot[static_cast<size_t>(slot)];
    if (view_on_[kAny]) ++assigned_[kAny * channel_stride_ + channel];
    s.slot_of_channel[channel] = -1;
  }
  for (uint32_t m = s.wins_seen; m != 0; m &= m - 1) {
    FoldWin(static_cast<size_t>(std::countr_zero(m)));
  }
}

// Folds one person's progress on win w into the cells and resets it for the next person.
void WinPathsState::FoldWin(size_t w) {
  Scratch& s = scratch_;
  WinProgress& p = s.wins[w];
  auto reach = [&](int view, uint8_t channel, TimeMs time_to_win, ValueSum::Units value) {
    Cell& cell = cells_[CellIndex(view, w, channel)];
    ++cell.reached;
    cell.value.AddUnits(value);
    if (narrow_times_) {
      cell.times_to_win.push_back(static_cast<uint32_t>(time_to_win));
    } else {
      cell.wide_times_to_win.push_back(time_to_win);
    }
    Total& t = totals_[static_cast<size_t>(view) * config_->wins.size() + w];
    // Any-touch totals count the person once, below.
    if (view != kAny) {
      ++t.reached;
      t.value.AddUnits(value);
    }
  };
  if (view_on_[kFirst] && p.first_reached) {
    reach(kFirst, s.first_channel, p.first_time_to_win, p.first_value);
  }
  if (view_on_[kLast] && p.last_reached) {
    if (p.last_channel != s.last_channel) {
      ++cells_[CellIndex(kLast, w, p.last_channel)].persons_delta;
      --cells_[CellIndex(kLast, w, s.last_channel)].persons_delta;
    }
    reach(kLast, p.last_channel, p.last_time_to_win, p.last_value);
  }
  if (view_on_[kAny]) {
    const size_t base = w * kMaxChannels;
    for (int slot = 0; slot < s.touched; ++slot) {
      const size_t i = base + static_cast<size_t>(slot);
      if (s.any_reached[i] == 0) continue;
      reach(kAny, s.channel_of_slot[static_cast<size_t>(slot)], s.any_time_to_win[i],
            s.any_value[i]);
      s.any_reached[i] = 0;
      s.any_value[i] = 0;
    }
    if (p.any_reached) {
      Total& t = totals_[static_cast<size_t>(kAny) * config_->wins.size() + w];
      ++t.reached;
      t.value.AddUnits(p.any_value);
    }
  }
  p = WinProgress{};
}

void WinPathsState::Merge(const WinPathsState& other) {
  WINPATH_CHECK(cells_.size() == other.cells_.size() && totals_.size() == other.totals_.size());
  persons_ += other.persons_;
  touched_persons_ += other.touched_persons_;
  for (size_t i = 0; i < assigned_.size(); ++i) assigned_[i] += other.assigned_[i];
  for (size_t i = 0; i < cells_.size(); ++i) {
    Cell& a = cells_[i];
    const Cell& b = other.cells_[i];
    a.persons_delta += b.persons_delta;
    a.reached += b.reached;
    a.value.Add(b.value);
    a.times_to_win.insert(a.times_to_win.end(), b.times_to_win.begin(), b.times_to_win.end());
    a.wide_times_to_win.insert(a.wide_times_to_win.end(), b.wide_times_to_win.begin(),
                               b.wide_times_to_win.end());
  }
  for (size_t i = 0; i < totals_.size(); ++i) {
    totals_[i].reached += other.totals_[i].reached;
    totals_[i].value.Add(other.totals_[i].value);
  }
}

WinPathsWin WinPathsState::FinalizeWin(int view, size_t w, std::vector<uint32_t>* scratch,
                                       std::vector<uint32_t>* histogram,
                                       std::vector<TimeMs>* wide_scratch) const {
  WinPathsWin out;
  out.win = config_->wins[w].name;
  const Total& t = totals_[static_cast<size_t>(view) * config_->wins.size() + w];
  out.persons = touched_persons_;  // every view places each touched person
  out.reached = t.reached;
  out.value = t.value.value();
  for (size_t c = 1; c < channel_stride_; ++c) {
    const Cell& cell = cells_[CellIndex(view, w, static_cast<uint8_t>(c))];
    const int64_t persons =
        assigned_[static_cast<size_t>(view) * channel_stride_ + c] + cell.persons_delta;
    if (persons == 0) continue;
    WinPathsCell o;
    o.channel = config_->channel_names[c - 1];
    o.persons = persons;
    o.reached = cell.reached;
    o.reach_rate = static_cast<double>(cell.reached) / static_cast<double>(persons);
    o.value = cell.value.value();
    o.median_time_to_win_ms =
        narrow_times_
            ? BoundedExactMedian(cell.times_to_win, static_cast<uint32_t>(config_->window), scratch,
                                 histogram)
            : ExactMedian(cell.wide_times_to_win, wide_scratch);
    out.channels.push_back(std::move(o));
  }
  out.best = PickBest(out.channels, config_->min_persons, config_->significance);
  return out;
}

WinPathsResult WinPathsState::Finalize() const {
  WinPathsResult r;
  r.window = config_->window;
  r.min_persons = config_->min_persons;
  r.significance = config_->significance;
  r.persons = persons_;
  r.touched_persons = touched_persons_;
  for (const auto& win : config_->wins) r.wins.push_back(win.name);
  std::vector<uint32_t> scratch, histogram;
  std::vector<TimeMs> wide_scratch;
  for (WinPathsView v : config_->views) {
    WinPathsViewResult vr;
    vr.view = v;
    for (size_t w = 0; w < config_->wins.size(); ++w) {
      vr.wins.push_back(FinalizeWin(static_cast<int>(v), w, &scratch, &histogram, &wide_scratch));
    }
    r.views.push_back(std::move(vr));
  }
  return r;
}

}  // namespace winpath
