#include "analysis/journey_paths.h"

#include <algorithm>
#include <bit>

#include "analysis/value_cursor.h"
#include "base/check.h"

namespace winpath {

namespace {

// The table over the channels that appear on some path, in channel order. The renumbering keeps
// the order of channels, so sorted paths stay sorted.
PathTable CompactPathTable(const std::vector<std::string>& names, std::vector<JourneyPath> paths) {
  std::vector<int> index(names.size(), -1);
  for (const JourneyPath& p : paths) {
    for (uint16_t c : p.channels) index[c] = 0;
  }
  PathTable table;
  for (size_t c = 0; c < names.size(); ++c) {
    if (index[c] < 0) continue;
    index[c] = static_cast<int>(table.channel_names.size());
    table.channel_names.push_back(names[c]);
  }
  for (JourneyPath& p : paths) {
    for (uint16_t& c : p.channels) c = static_cast<uint16_t>(index[c]);
  }
  table.paths = std::move(paths);
  return table;
}

}  // namespace

JourneyPathsState::JourneyPathsState(std::shared_ptr<const JourneyPathsConfig> config)
    : config_(std::move(config)) {
  WINPATH_CHECK(config_ != nullptr && config_->lookback > 0);
  WINPATH_CHECK(config_->channel_names.size() < 256);
  wins_ = WinBits(config_->wins);
  paths_.resize(config_->wins.size());
  totals_.resize(config_->wins.size());
  begin_.resize(config_->wins.size());
}

void JourneyPathsState::Add(const PersonView& person) {
  const size_t n = person.size();
  if (touch_time_.size() < n) {
    touch_time_.resize(n);
    touch_channel_.resize(n);
  }
  const TimeMs* time = person.time.data();
  const uint8_t* channel = person.channel.data();
  const uint32_t* mask = person.mask.data();
  TimeMs* touch_time = touch_time_.data();
  uint8_t* touch_channel = touch_channel_.data();
  std::fill(begin_.begin(), begin_.end(), 0);
  hashed_begin_ = hashed_end_ = 0;
  ValueCursor values(person);
  const uint32_t win_mask = wins_.mask();
  size_t touches = 0;
  for (size_t k = 0; k < n; ++k) {
    // Branch-free, as in attribution.cc: a non-touch is written and then overwritten. The touch
    // is stored before the event's conversions, so a conversion carrying a channel is its own
    // last touch.
    touch_time[touches] = time[k];
    touch_channel[touches] = channel[k];
    touches += channel[k] != kNoChannel ? 1 : 0;
    uint32_t m = mask[k] & win_mask;
    if (m == 0) continue;
    const ValueSum::Units value = values.UnitsAt(k);
    for (; m != 0; m &= m - 1) {
      const size_t w = wins_.LowestWin(m);
      Convert(w, time[k], value, touches);
    }
  }
  for (size_t w = 0; w < begin_.size(); ++w) {
    if (begin_[w] == touches) continue;
    ++totals_[w].null_journeys;
    AddJourney(w, begin_[w], touches, 0, 0);
  }
}

// Closes win w's journey at a conversion at time t: the touches since the previous conversion
// of w, from t - lookback on. Each touch is passed over at most once per win.
void JourneyPathsState::Convert(size_t w, TimeMs t, ValueSum::Units value, size_t touches) {
  WinTotal& total = totals_[w];
  ++total.conversions;
  total.value.AddUnits(value);
  const TimeMs from = t - config_->lookback;
  size_t b = begin_[w];
  while (b < touches && touch_time_[b] < from) ++b;
  begin_[w] = touches;
  if (b == touches) {
    ++total.unattributed;
    total.unattributed_value.AddUnits(value);
    return;
  }
  AddJourney(w, b, touches, 1, value);
}

void JourneyPathsState::AddJourney(size_t w, size_t begin, size_t end, int64_t conversions,
                                   ValueSum::Units value) {
  if (end - begin > kMaxJourneyTouches) {
    begin = end - kMaxJourneyTouches;
    ++totals_[w].truncated;
  }
  const std::span<const uint8_t> path(touch_channel_.data() + begin, end - begin);
  if (begin != hashed_begin_ || end != hashed_end_) {
    hashed_begin_ = begin;
    hashed_end_ = end;
    hash_ = PathAggregator::Hash(path);
  }
  paths_[w].Add(path, hash_, conversions, value, conversions == 0 ? 1 : 0);
}

void JourneyPathsState::Merge(const JourneyPathsState& other) {
  WINPATH_CHECK(paths_.size() == other.paths_.size());
  for (size_t w = 0; w < paths_.size(); ++w) {
    paths_[w].Merge(other.paths_[w]);
    WinTotal& t = totals_[w];
    const WinTotal& o = other.totals_[w];
    t.conversions += o.conversions;
    t.unattributed += o.unattributed;
    t.null_journeys += o.null_journeys;
    t.truncated += o.truncated;
    t.value.Add(o.value);
    t.unattributed_value.Add(o.unattributed_value);
  }
}

JourneyPathsResult JourneyPathsState::Finalize() const {
  JourneyPathsResult r;
  r.lookback = config_->lookback;
  for (size_t w = 0; w < config_->wins.size(); ++w) {
    const WinTotal& t = totals_[w];
    JourneyPathsWin out;
    out.win = config_->wins[w].name;
    out.conversions = t.conversions;
    out.value = t.value.value();
    out.unattributed = t.unattributed;
    out.unattributed_value = t.unattributed_value.value();
    out.null_journeys = t.null_journeys;
    out.truncated = t.truncated;
    out.paths = CompactPathTable(config_->channel_names, paths_[w].SortedPaths());
    r.wins.push_back(std::move(out));
  }
  return r;
}

}  // namespace winpath
