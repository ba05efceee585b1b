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

// `units` when `keep`, else 0, without a branch.
ValueSum::Units Keep(ValueSum::Units units, bool keep) {
  return units & -static_cast<ValueSum::Units>(keep);
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
  wins_ = WinBits(config_->wins);
  narrow_times_ = config_->window <= static_cast<TimeMs>(std::numeric_limits<uint32_t>::max());
  channel_stride_ = config_->channel_names.size() + 1;
  WINPATH_CHECK(channel_stride_ <= kMaxChannels);
  if (channel_stride_ <= 64) any_assigned_ = ChannelSetCounter(channel_stride_);
  const size_t wins = config_->wins.size();
  num_wins_ = wins;
  assigned_.resize(kNumWinPathsViews * channel_stride_);
  cells_.resize(kNumWinPathsViews * wins * channel_stride_);
  totals_.resize(kNumWinPathsViews * wins);
  scratch_.wins.resize(wins);
  scratch_.any_time_to_win.assign(wins * kMaxChannels, 0);
  scratch_.any_value.assign(wins * kMaxChannels, 0);
}

void WinPathsState::Add(const PersonView& person) {
  // Channel ids are below channel_stride_; below 64, a person's channel set is one word.
  if (channel_stride_ <= 64) {
    AddPerson<1>(person);
  } else {
    AddPerson<kChannelWords>(person);
  }
}

// Pass 1, branch-free over the events from the first touch (whether an event is a touch or a
// win event is a coin flip the predictor keeps missing): the channels touched, the last touch
// and the last win event. A person with no win event after their first touch — most persons — is
// then folded at once; only the others take the second pass (WalkWins).
template <int kWords>
void WinPathsState::AddPerson(const PersonView& person) {
  const size_t n = person.size();
  const uint8_t* channel = person.channel.data();
  const uint32_t* mask = person.mask.data();
  ++persons_;
  ChannelSet<kWords> touched;
  const uint32_t win_mask = wins_.mask();
  // The first touch by a scan, which ends at once for nearly everyone: a journey starts with
  // a visit, and a visit is a touch (its channel may be Direct).
  size_t first = 0;
  while (first < n && channel[first] == kNoChannel) ++first;
  if (first == n) return;
  size_t last = first, last_win = 0;
  for (size_t k = first; k < n; ++k) {
    const uint8_t c = channel[k];
    touched.Add(c);
    last = c != kNoChannel ? k : last;
    last_win = (mask[k] & win_mask) != 0 ? k : last_win;
  }
  // Win events before the first touch reach nothing; events after the last win event move no
  // win (pass 1 has their channels).
  const bool walk = last_win >= first && (mask[last_win] & win_mask) != 0;
  // The channels go by value, in registers: a Touches struct passed on the stack had its
  // one-byte fields stored and then reloaded as one 16-byte word, a failed store forwarding
  // that stalled every person (a tenth of the scan).
  const uint8_t first_channel = channel[first], last_channel = channel[last];
  if (!walk) {
    FoldPerson<kWords, false>(first_channel, last_channel, touched, 0);
  } else if (person.value_pos.empty()) {
    FoldPerson<kWords, false>(first_channel, last_channel, touched,
                              WalkWins<kWords, false>(person, first, last_win + 1));
  } else {
    FoldPerson<kWords, true>(first_channel, last_channel, touched,
                             WalkWins<kWords, true>(person, first, last_win + 1));
  }
}

// Pass 2 from the first touch (win events before it reach nothing): each event writes its
// time as its channel's latest touch (a non-touch writes that of channel 0, which nothing
// reads), adds its channel to the set and moves the latest touch; win events are handled out
// of the loop's way.
template <int kWords, bool kValue>
uint32_t WinPathsState::WalkWins(const PersonView& person, size_t first, size_t end) {
  const TimeMs* time = person.time.data();
  const uint8_t* channel = person.channel.data();
  const uint32_t* mask = person.mask.data();
  const uint32_t win_mask = wins_.mask();
  TimeMs* latest_touch = scratch_.latest_touch.data();
  ChannelSet<kWords> touched;
  uint32_t wins_seen = 0;
  size_t last = first;
  ValueCursor values(person);
  for (size_t k = first; k < end; ++k) {
    const uint8_t c = channel[k];
    latest_touch[c] = time[k];
    touched.Add(c);
    last = c != kNoChannel ? k : last;
    const uint32_t m = mask[k] & win_mask;
    if (m == 0) continue;
    wins_seen |= m;
    ReachWins<kWords, kValue>(person, first, last, k, m, kValue ? values.UnitsAt(k) : 0, touched);
  }
  return wins_seen;
}

// Event k of the person, a win event of the wins with bits `wins` after the first touch (event
// `first`); `last`: the latest touch at or before it; `touched`: the channels touched so far.
template <int kWords, bool kValue>
void WinPathsState::ReachWins(const PersonView& person, size_t first, size_t last, size_t k,
                              uint32_t wins, ValueSum::Units value, ChannelSet<kWords> touched) {
  const TimeMs* time = person.time.data();
  const Touches touches{person.channel[first], person.channel[last], time[first], time[last]};
  const TimeMs t = time[k];
  const TimeMs window = config_->window;
  // The latest touch so far is the closest one: a win event has a touch within the window
  // before it iff the latest touch is within the window.
  const bool latest_in_window = t - touches.last_time <= window;
  // Branch-free below but for the loops: whether a touch is within the window of a win event
  // is a coin flip the predictor keeps missing.
  for (; wins != 0; wins &= wins - 1) {
    const size_t w = wins_.LowestWin(wins);
    WinProgress& p = scratch_.wins[w];
    const TimeMs since_first = t - touches.first_time;
    const bool first_in = since_first <= window;
    p.first_time_to_win = first_in && !p.first_reached ? since_first : p.first_time_to_win;
    p.first_reached = p.first_reached || first_in;
    if constexpr (kValue) p.first_value += Keep(value, first_in);
    // Last touch: the first win event with a touch in its window decides the anchor; later
    // win events count when within the window of the anchor.
    const bool decides = !p.last_reached && latest_in_window;
    const bool last_in = p.last_reached ? t - p.last_anchor <= window : latest_in_window;
    p.last_channel = decides ? touches.last_channel : p.last_channel;
    p.last_anchor = decides ? touches.last_time : p.last_anchor;
    p.last_time_to_win = decides ? t - touches.last_time : p.last_time_to_win;
    p.last_reached = p.last_reached || latest_in_window;
    p.any_reached = p.any_reached || latest_in_window;
    if constexpr (kValue) {
      p.last_value += Keep(value, last_in);
      p.any_value += Keep(value, latest_in_window);
    }
    if (!view_on_[kAny]) continue;
    TimeMs* any_time_to_win = &scratch_.any_time_to_win[w * kMaxChannels];
    ValueSum::Units* any_value = &scratch_.any_value[w * kMaxChannels];
    for (size_t word = 0; word < static_cast<size_t>(kWords); ++word) {
      uint64_t bits = touched.bits[word];
      if (word == 0) bits &= ~uint64_t{1};  // kNoChannel
      uint64_t& reached = p.any_channels[word];
      for (; bits != 0; bits &= bits - 1) {
        const size_t c = word * 64 + static_cast<size_t>(std::countr_zero(bits));
        const TimeMs dt = t - scratch_.latest_touch[c];
        const bool in = dt <= window;
        const uint64_t bit = uint64_t{1} << (c & 63);
        // The first win event the channel reaches sets its time to win and starts its value.
        const bool fresh = in && (reached & bit) == 0;
        any_time_to_win[c] = fresh ? dt : any_time_to_win[c];
        if constexpr (kValue) any_value[c] = Keep(any_value[c], !fresh) + Keep(value, in);
        reached |= bit & (uint64_t{0} - in);
      }
    }
  }
}

template <int kWords, bool kValue>
void WinPathsState::FoldPerson(uint8_t first_channel, uint8_t last_channel,
                               ChannelSet<kWords> touched, uint32_t wins_seen) {
  ++touched_persons_;
  if (view_on_[kFirst]) ++assigned_[kFirst * channel_stride_ + first_channel];
  if (view_on_[kLast]) ++assigned_[kLast * channel_stride_ + last_channel];
  if (view_on_[kAny] && kWords == 1) {
    any_assigned_.Add(touched.bits[0]);
  } else if (view_on_[kAny]) {
    int64_t* assigned = &assigned_[kAny * channel_stride_];
    for (size_t word = 0; word < static_cast<size_t>(kWords); ++word) {
      uint64_t bits = touched.bits[word];
      if (word == 0) bits &= ~uint64_t{1};  // kNoChannel
      for (; bits != 0; bits &= bits - 1) {
        ++assigned[word * 64 + static_cast<size_t>(std::countr_zero(bits))];
      }
    }
  }
  for (; wins_seen != 0; wins_seen &= wins_seen - 1) {
    FoldWin<kValue>(wins_.LowestWin(wins_seen), first_channel, last_channel);
  }
}

template <bool kValue>
inline void WinPathsState::Reach(int view, size_t w, uint8_t channel, bool reached,
                                 TimeMs time_to_win, ValueSum::Units value) {
  Cell& cell = cells_[CellIndex(view, w, channel)];
  if constexpr (kValue) cell.value.AddUnits(value);
  if (narrow_times_) {
    cell.times_to_win.Append(static_cast<uint32_t>(time_to_win), reached);
  } else {
    cell.wide_times_to_win.Append(time_to_win, reached);
  }
  // Any-touch totals count the person once, in FoldWin.
  if (view != kAny) {
    Total& t = totals_[static_cast<size_t>(view) * num_wins_ + w];
    t.reached += reached ? 1 : 0;
    if constexpr (kValue) t.value.AddUnits(value);
  }
}

// Folds one person's progress on win w into the cells and resets it for the next person. A
// person who did not reach the win in a view folds with a value of 0 and a time to win that is
// not kept (in the last-touch view into channel 0's cell, which is never reported), so the
// updates need no branch on it.
template <bool kValue>
void WinPathsState::FoldWin(size_t w, uint8_t first_channel, uint8_t last_channel) {
  WinProgress& p = scratch_.wins[w];
  if (view_on_[kFirst]) {
    Reach<kValue>(kFirst, w, first_channel, p.first_reached, p.first_time_to_win, p.first_value);
  }
  if (view_on_[kLast]) {
    // A reaching person moves from the channel of their last touch to that of the deciding one
    // (the two updates cancel when both are the same channel).
    const int64_t moved = p.last_reached ? 1 : 0;
    cells_[CellIndex(kLast, w, p.last_channel)].persons_delta += moved;
    cells_[CellIndex(kLast, w, last_channel)].persons_delta -= moved;
    Reach<kValue>(kLast, w, p.last_channel, p.last_reached, p.last_time_to_win, p.last_value);
  }
  if (view_on_[kAny]) {
    const size_t base = w * kMaxChannels;
    for (size_t word = 0; word < p.any_channels.size(); ++word) {
      for (uint64_t bits = p.any_channels[word]; bits != 0; bits &= bits - 1) {
        const size_t c = word * 64 + static_cast<size_t>(std::countr_zero(bits));
        Reach<kValue>(kAny, w, static_cast<uint8_t>(c), true, scratch_.any_time_to_win[base + c],
                      scratch_.any_value[base + c]);
      }
    }
    Total& t = totals_[static_cast<size_t>(kAny) * num_wins_ + w];
    t.reached += p.any_reached ? 1 : 0;
    if constexpr (kValue) t.value.AddUnits(p.any_value);
  }
  p.Reset();
}

void WinPathsState::Seal() {
  for (Cell& cell : cells_) cell.times_to_win.Seal();
}

void WinPathsState::Merge(const WinPathsState& other) {
  WINPATH_CHECK(cells_.size() == other.cells_.size() && totals_.size() == other.totals_.size());
  persons_ += other.persons_;
  touched_persons_ += other.touched_persons_;
  for (size_t i = 0; i < assigned_.size(); ++i) assigned_[i] += other.assigned_[i];
  any_assigned_.Merge(other.any_assigned_);
  for (size_t i = 0; i < cells_.size(); ++i) {
    Cell& a = cells_[i];
    const Cell& b = other.cells_[i];
    a.persons_delta += b.persons_delta;
    a.value.Add(b.value);
    a.times_to_win.Merge(b.times_to_win);
    a.wide_times_to_win.Append(b.wide_times_to_win.values());
  }
  for (size_t i = 0; i < totals_.size(); ++i) {
    totals_[i].reached += other.totals_[i].reached;
    totals_[i].value.Add(other.totals_[i].value);
  }
}

WinPathsWin WinPathsState::FinalizeWin(int view, size_t w, MedianScratch* scratch) const {
  WinPathsWin out;
  out.win = config_->wins[w].name;
  const Total& t = totals_[static_cast<size_t>(view) * num_wins_ + w];
  out.persons = touched_persons_;  // every view places each touched person
  out.reached = t.reached;
  out.value = t.value.value();
  for (size_t c = 1; c < channel_stride_; ++c) {
    const Cell& cell = cells_[CellIndex(view, w, static_cast<uint8_t>(c))];
    const bool counted = view == kAny && channel_stride_ <= 64;
    const int64_t persons = (counted ? any_assigned_.count(c)
                                     : assigned_[static_cast<size_t>(view) * channel_stride_ + c]) +
                            cell.persons_delta;
    if (persons == 0) continue;
    WinPathsCell o;
    o.channel = config_->channel_names[c - 1];
    o.persons = persons;
    o.reached = static_cast<int64_t>(narrow_times_ ? cell.times_to_win.size()
                                                   : cell.wide_times_to_win.size());
    o.reach_rate = static_cast<double>(o.reached) / static_cast<double>(persons);
    o.value = cell.value.value();
    o.median_time_to_win_ms =
        narrow_times_
            ? SealedMedian(cell.times_to_win, static_cast<uint32_t>(config_->window), scratch)
            : ExactMedian(cell.wide_times_to_win.values(), scratch);
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
  MedianScratch scratch;
  for (WinPathsView v : config_->views) {
    WinPathsViewResult vr;
    vr.view = v;
    for (size_t w = 0; w < config_->wins.size(); ++w) {
      vr.wins.push_back(FinalizeWin(static_cast<int>(v), w, &scratch));
    }
    r.views.push_back(std::move(vr));
  }
  return r;
}

}  // namespace winpath
