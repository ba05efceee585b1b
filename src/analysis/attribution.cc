#include "analysis/attribution.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "analysis/attribution_rounding.h"
#include "analysis/value_cursor.h"
#include "base/check.h"

namespace winpath {
namespace {

constexpr std::array<std::string_view, kNumAttributionModels> kModelNames = {
    "first_touch", "last_touch", "last_non_direct", "linear", "time_decay", "position_based"};

}  // namespace

std::string_view AttributionModelName(AttributionModel model) {
  return kModelNames[static_cast<size_t>(model)];
}

std::optional<AttributionModel> ParseAttributionModel(std::string_view name) {
  for (size_t m = 0; m < kModelNames.size(); ++m) {
    if (kModelNames[m] == name) return static_cast<AttributionModel>(m);
  }
  return std::nullopt;
}

AttributionState::AttributionState(std::shared_ptr<const AttributionConfig> config)
    : config_(std::move(config)) {
  WINPATH_CHECK(config_ != nullptr && config_->lookback > 0 && config_->half_life > 0);
  wins_ = WinBits(config_->wins);
  channel_stride_ = config_->channel_names.size() + 1;
  WINPATH_CHECK(channel_stride_ <= kMaxChannels);
  for (size_t c = 0; c < config_->direct.size() && c < kMaxChannels; ++c) {
    direct_[c] = config_->direct[c];
  }
  for (size_t slot = 0; slot < config_->models.size(); ++slot) {
    const AttributionModel m = config_->models[slot];
    const int at = static_cast<int>(slot);
    switch (m) {
      case AttributionModel::kLinear: linear_slot_ = at; break;
      case AttributionModel::kTimeDecay: decay_slot_ = at; break;
      case AttributionModel::kPositionBased: position_slot_ = at; break;
      default: whole_slots_.push_back({slot, m}); break;
    }
  }
  cells_.resize(config_->models.size() * config_->wins.size() * channel_stride_);
  totals_.resize(config_->wins.size());
}

void AttributionState::Add(const PersonView& person) {
  // Only conversions credit anything: a person without win events (most persons) is done
  // without reading their events.
  if ((person.mask_union & wins_.mask()) == 0) return;
  const size_t end = person.size();
  ResetWindow(end);
  const size_t conversions = CopyTouches(person, wins_.mask());
  ValueCursor values(person);
  for (size_t j = 0; j < conversions; ++j) {
    const Window::Conversion& at = window_.conversions[j];
    window_.size = at.touches;
    SlideTo(person.time[at.event]);
    const ValueSum::Units value = values.UnitsAt(at.event);
    for (uint32_t wins = person.mask[at.event] & wins_.mask(); wins != 0; wins &= wins - 1) {
      Convert(wins_.LowestWin(wins), value);
    }
  }
}

// Copies the person's touches into the window and lists their conversion events, with the
// touches up to each, in one branch-free pass; returns how many conversions. Its own function,
// so the loop keeps its pointers in registers.
size_t AttributionState::CopyTouches(const PersonView& person, uint32_t win_mask) {
  // Locals, not members: the stores into the window could alias the view and the buffers for
  // all the compiler knows, and would make it reload every pointer per event.
  const TimeMs* time = person.time.data();
  const uint8_t* channel = person.channel.data();
  const uint32_t* mask = person.mask.data();
  TimeMs* touch_time = window_.time.data();
  uint8_t* touch_channel = window_.channel.data();
  Window::Conversion* conversion = window_.conversions.data();
  const size_t end = person.size();
  size_t t = 0, j = 0;
  for (size_t i = 0; i < end; ++i) {
    // The touch joins the window before the event's conversions: a conversion event that
    // carries a channel is its own last touch (docs/analyses/attribution.md#ties).
    // Branch-free: whether an event is a touch, or a conversion, is a coin flip the predictor
    // keeps missing; a non-touch (non-conversion) is written and then overwritten by the next.
    touch_time[t] = time[i];
    touch_channel[t] = channel[i];
    t += channel[i] != kNoChannel ? 1 : 0;
    const uint32_t m = mask[i] & win_mask;
    conversion[j] = {static_cast<uint32_t>(i), static_cast<uint32_t>(t)};
    j += m != 0 ? 1 : 0;
  }
  return j;
}

// Empties the window (touching only the channels in use) and makes room for `events` touches
// and conversions.
void AttributionState::ResetWindow(size_t events) {
  Window& win = window_;
  if (win.time.size() < events) {
    win.time.resize(events);
    win.channel.resize(events);
    win.conversions.resize(events);
    if (decays()) win.term.resize(events);
  }
  win.size = win.lo = win.folded = win.rebased = 0;
  win.last_non_direct = -1;
  for (size_t a = 0; a < win.listed; ++a) {
    win.count[win.active[a]] = 0;
    win.decay[win.active[a]] = 0;
  }
  win.listed = win.num_active = 0;
}

void AttributionState::CreditUnattributed(size_t w, ValueSum::Units value) {
  WinTotal& total = totals_[w];
  ++total.conversions;
  total.value.AddUnits(value);
  ++total.unattributed;
  total.unattributed_value.AddUnits(value);
}

// Every model gives the whole conversion to `channel`, the one channel in the lookback.
void AttributionState::CreditWhole(size_t w, uint8_t channel, ValueSum::Units value) {
  WinTotal& total = totals_[w];
  ++total.conversions;
  total.value.AddUnits(value);
  const size_t slots = config_->models.size();
  const size_t slot_stride = config_->wins.size() * channel_stride_;
  Credit* cell = &cells_[CellIndex(0, w, channel)];
  for (size_t slot = 0; slot < slots; ++slot, cell += slot_stride) {
    cell->conversions.AddUnits(CreditSum::kOne);
    cell->value.AddUnits(value);
  }
}

// Moves the window to [conversion_time - lookback, conversion_time]: drops the folded touches
// that fell out, skips unfolded ones that are already out, folds in the rest. Each touch is
// folded and unfolded at most once per person.
inline void AttributionState::SlideTo(TimeMs conversion_time) {
  Window& win = window_;
  const TimeMs from = conversion_time - config_->lookback;
  while (win.lo < win.folded && win.time[win.lo] < from) Unfold(win.lo++);
  if (win.lo == win.folded) {
    while (win.lo < win.size && win.time[win.lo] < from) ++win.lo;
    win.folded = win.lo;
  }
  while (win.folded < win.size) Fold(win.folded++);
}

// Branch-free but for the decay's reference moves: which channel a touch has, and whether it
// is new to the window, are coin flips to the predictor.
inline void AttributionState::Fold(size_t i) {
  Window& win = window_;
  const uint8_t c = win.channel[i];
  // Masks rather than conditionals, which the compiler would turn back into branches.
  const int64_t keep = -static_cast<int64_t>(direct_[c]);
  win.last_non_direct = (win.last_non_direct & keep) | (static_cast<int64_t>(i) & ~keep);
  const bool empty = win.num_active == 0;
  if (win.listed == kMaxChannels) Compact();
  const uint32_t was = static_cast<uint32_t>(win.count[c]);
  win.count[c] = static_cast<int32_t>(was + 1);
  const uint32_t arrives = (was - 1) >> 31;  // was == 0
  win.active[win.listed] = c;
  win.slot[c] ^= static_cast<uint8_t>((win.slot[c] ^ win.listed) & (0u - arrives));
  win.listed += arrives;
  win.num_active += arrives;
  if (!decays()) return;
  // Decay sums are relative to decay_ref; normalizing cancels the reference, so it moves only
  // to keep the exponents small: when the window was empty, or 256 half-lives have passed.
  const double half_life = static_cast<double>(config_->half_life);
  const double age = static_cast<double>(win.time[i] - win.decay_ref) / half_life;
  double term;
  if (empty) {
    win.decay_ref = win.time[i];
    win.rebased = i;
    term = 1;  // 2^0
  } else if (age > 256) {
    const double factor = std::exp2(-age);
    Compact();
    for (size_t a = 0; a < win.listed; ++a) {
      // The arriving channel is listed already; its sum is 0 (times factor: still 0).
      win.decay[win.active[a]] *= factor;
    }
    win.decay_ref = win.time[i];
    win.rebased = i;
    term = 1;
  } else {
    term = std::exp2(age);
  }
  win.term[i] = term;
  win.decay[c] += term;
}

inline void AttributionState::Unfold(size_t i) {
  Window& win = window_;
  const uint8_t c = win.channel[i];
  const int32_t left = --win.count[c];
  win.num_active -= (static_cast<uint32_t>(left) - 1) >> 31;  // left == 0
  if (!decays()) return;
  // The term it added, unless decay_ref has moved since (then as it reads now); a channel
  // whose last touch leaves is reset exactly, so rounding never leaves a ghost weight.
  double term = win.term[i];
  if (i < win.rebased && left != 0) {
    term = std::exp2(static_cast<double>(win.time[i] - win.decay_ref) /
                     static_cast<double>(config_->half_life));
  }
  win.decay[c] = left == 0 ? 0.0 : win.decay[c] - term;
}

// Drops the stale entries of the active list, keeping the live ones in order.
void AttributionState::Compact() {
  Window& win = window_;
  size_t out = 0;
  for (size_t p = 0; p < win.listed; ++p) {
    const uint8_t c = win.active[p];
    const bool live = win.count[c] > 0 && win.slot[c] == p;
    win.active[out] = c;
    win.slot[c] = live ? static_cast<uint8_t>(out) : win.slot[c];
    out += live ? 1 : 0;
  }
  win.listed = out;
}

void AttributionState::Convert(size_t w, ValueSum::Units value) {
  const Window& win = window_;
  if (win.lo == win.size) {
    CreditUnattributed(w, value);
    return;
  }
  // With one channel in the lookback every model gives it everything.
  if (win.num_active == 1) {
    CreditWhole(w, win.channel[win.size - 1], value);
    return;
  }
  Compact();
  ++totals_[w].conversions;
  totals_[w].value.AddUnits(value);
  Credit* row = &cells_[CellIndex(0, w, 0)];
  const size_t slot_stride = config_->wins.size() * channel_stride_;
  for (const WholeSlot& whole : whole_slots_) {
    Credit& cell = row[whole.slot * slot_stride + WholeChannel(whole.model)];
    cell.conversions.AddUnits(CreditSum::kOne);
    cell.value.AddUnits(value);
  }
  if (value == 0) {
    CreditShares<false>(row, slot_stride, value);
  } else {
    CreditShares<true>(row, slot_stride, value);
  }
}

// The channel taking the whole conversion under a single-touch model.
uint8_t AttributionState::WholeChannel(AttributionModel model) const {
  const Window& win = window_;
  switch (model) {
    case AttributionModel::kFirstTouch: return win.channel[win.lo];
    case AttributionModel::kLastNonDirect:
      if (win.last_non_direct >= static_cast<int64_t>(win.lo)) {
        return win.channel[static_cast<size_t>(win.last_non_direct)];
      }
      return win.channel[win.size - 1];
    default: return win.channel[win.size - 1];  // kLastTouch
  }
}

// The multi-touch models of one conversion with at least two channels in the lookback, all in
// one pass over the channels for their weights and one for their shares (per model, the
// weights in the active list's order, their sum in that order, and the first largest weight
// taking the rounding remainder: docs/analyses/attribution.md#value). A loop per model and
// step had cost a mispredicted exit each; the shares of one channel are also independent
// divisions that now overlap.
//   linear:          weight = touches of the channel (shares from LinearShareTable up to its
//                    size: the same operations, done once)
//   time_decay:      weight = the channel's decay sum (Fold)
//   position_based:  first touch f, last touch l, the touches between share the rest equally;
//                    with two touches, f and l alone (both 0.5 when f + l = 0)
template <bool kValue>
void AttributionState::CreditShares(Credit* row, size_t slot_stride, ValueSum::Units value) {
  const Window& win = window_;
  const size_t k = win.num_active;
  const size_t n = win.size - win.lo;
  const uint8_t first = win.channel[win.lo], last = win.channel[win.size - 1];
  const uint8_t* active = win.active.data();
  double f = config_->position_first, l = config_->position_last;
  if (n == 2 && f + l == 0) f = l = 0.5;  // nothing between first and last to give the rest to
  const double middle = n > 2 ? std::max(0.0, 1.0 - f - l) / static_cast<double>(n - 2) : 0.0;
  double* decay = weights_[0].data();
  double* position = weights_[1].data();
  double decay_total = 0, position_total = 0;
  size_t decay_big = 0, position_big = 0, linear_big = 0;
  for (size_t a = 0; a < k; ++a) {
    const uint8_t c = active[a];
    const int32_t count = win.count[c];
    const double dw = std::max(0.0, win.decay[c]);
    const int ends = (c == first ? 1 : 0) + (c == last ? 1 : 0);
    // With two touches, both are ends: (count - ends) is 0 and so is the middle's weight.
    const double pw = (count - ends) * middle + (c == first ? f : 0.0) + (c == last ? l : 0.0);
    decay[a] = dw;
    position[a] = pw;
    decay_total += dw;
    position_total += pw;
    decay_big = dw > decay[decay_big] ? a : decay_big;
    position_big = pw > position[position_big] ? a : position_big;
    linear_big = count > win.count[active[linear_big]] ? a : linear_big;
  }
  WINPATH_DCHECK((!decays() || decay_total > 0) && position_total > 0);
  // With two touches the shares are listed first touch, then last touch, whatever the active
  // order, so the first of the two takes the remainder when f == l.
  const uint8_t position_big_channel = n == 2 ? (l > f ? last : first) : active[position_big];
  const bool tabled = n <= static_cast<size_t>(LinearShareTable::kMaxTouches);
  const LinearShareTable& table = LinearShareTable::Get();
  const double value_d = kValue ? Int128ToDouble(value) : 0.0;
  const double touches = static_cast<double>(n);
  // Per model: where its credits go (null: not configured), and what its shares credited so
  // far, the largest share taking the rest at the end. Plain scalars, counted up from 0: held
  // in structs, GCC copied the 128-bit sums through the stack as two 8-byte stores reloaded as
  // one 16-byte word, a failed store forwarding each time (four per conversion).
  auto row_of = [&](int slot) {
    return slot >= 0 ? row + static_cast<size_t>(slot) * slot_stride : nullptr;
  };
  Credit* const linear_row = row_of(linear_slot_);
  Credit* const decay_row = row_of(decay_slot_);
  Credit* const position_row = row_of(position_slot_);
  CreditSum::Units linear_credited = 0, decay_credited = 0, position_credited = 0;
  ValueSum::Units linear_value = 0, decay_value = 0, position_value = 0;
  // One share to one channel; the largest (`big`) is skipped here and takes the remainder.
  auto credit = [&](Credit* r, CreditSum::Units& credited, ValueSum::Units& value_credited,
                    uint8_t c, double share, CreditSum::Units units, bool big) {
    units = big ? 0 : units;
    r[c].conversions.AddUnits(units);
    credited += units;
    if constexpr (kValue) {
      const ValueSum::Units vu = big ? 0 : RoundSharePart(share * value_d);
      r[c].value.AddUnits(vu);
      value_credited += vu;
    }
  };
  for (size_t a = 0; a < k; ++a) {
    const uint8_t c = active[a];
    if (linear_row != nullptr) {
      const int32_t count = win.count[c];
      const double share = tabled ? table.At(static_cast<int>(n), count).share
                                  : static_cast<double>(count) / touches;
      const CreditSum::Units units = tabled ? table.At(static_cast<int>(n), count).units
                                            : RoundSharePart(share * CreditSum::kUnitsPerOne);
      credit(linear_row, linear_credited, linear_value, c, share, units, a == linear_big);
    }
    if (decay_row != nullptr) {
      const double share = decay[a] / decay_total;
      credit(decay_row, decay_credited, decay_value, c, share,
             RoundSharePart(share * CreditSum::kUnitsPerOne), a == decay_big);
    }
    if (position_row != nullptr) {
      const double share = position[a] / position_total;
      credit(position_row, position_credited, position_value, c, share,
             RoundSharePart(share * CreditSum::kUnitsPerOne), c == position_big_channel);
    }
  }
  auto rest = [&](Credit* r, uint8_t big, CreditSum::Units credited,
                  ValueSum::Units value_credited) {
    if (r == nullptr) return;
    r[big].conversions.AddUnits(CreditSum::kOne - credited);
    if constexpr (kValue) r[big].value.AddUnits(value - value_credited);
  };
  rest(linear_row, active[linear_big], linear_credited, linear_value);
  rest(decay_row, active[decay_big], decay_credited, decay_value);
  rest(position_row, position_big_channel, position_credited, position_value);
}

void AttributionState::Merge(const AttributionState& other) {
  WINPATH_CHECK(cells_.size() == other.cells_.size() && totals_.size() == other.totals_.size());
  for (size_t i = 0; i < cells_.size(); ++i) {
    cells_[i].conversions.Add(other.cells_[i].conversions);
    cells_[i].value.Add(other.cells_[i].value);
  }
  for (size_t i = 0; i < totals_.size(); ++i) {
    totals_[i].conversions += other.totals_[i].conversions;
    totals_[i].unattributed += other.totals_[i].unattributed;
    totals_[i].value.Add(other.totals_[i].value);
    totals_[i].unattributed_value.Add(other.totals_[i].unattributed_value);
  }
}

AttributionResult AttributionState::Finalize() const {
  AttributionResult r;
  r.lookback = config_->lookback;
  r.half_life = config_->half_life;
  r.position_first = config_->position_first;
  r.position_last = config_->position_last;
  r.models = config_->models;
  for (size_t w = 0; w < config_->wins.size(); ++w) {
    AttributionWin out;
    out.win = config_->wins[w].name;
    out.conversions = totals_[w].conversions;
    out.value = totals_[w].value.value();
    out.unattributed = totals_[w].unattributed;
    out.unattributed_value = totals_[w].unattributed_value.value();
    out.attributed_value =
        ValueSum::FromUnits(totals_[w].value.units() - totals_[w].unattributed_value.units());
    for (size_t slot = 0; slot < config_->models.size(); ++slot) {
      AttributionModelCredits credits;
      credits.model = config_->models[slot];
      for (size_t c = 1; c < channel_stride_; ++c) {
        const Credit& cell = cells_[CellIndex(static_cast<int>(slot), w, static_cast<uint8_t>(c))];
        if (cell.conversions.is_zero() && cell.value.is_zero()) continue;
        AttributionCredit credit;
        credit.channel = config_->channel_names[c - 1];
        credit.conversions = cell.conversions.value();
        credit.value = cell.value.value();
        credits.channels.push_back(std::move(credit));
      }
      out.models.push_back(std::move(credits));
    }
    r.wins.push_back(std::move(out));
  }
  return r;
}

}  // namespace winpath
