#include "analysis/retention.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace winpath {
namespace {

constexpr TimeMs kNever = std::numeric_limits<TimeMs>::max();

std::optional<double> Ratio(int64_t num, int64_t den) {
  if (den <= 0) return std::nullopt;
  return static_cast<double>(num) / static_cast<double>(den);
}

// The first of the sorted `times` at or after `t`: a forward scan for the few events most
// persons have (predictable branches), a binary search for long histories.
std::span<const TimeMs>::iterator FirstAtOrAfter(std::span<const TimeMs> times, TimeMs t) {
  constexpr size_t kLinearScanMax = 32;
  if (times.size() > kLinearScanMax) return std::lower_bound(times.begin(), times.end(), t);
  auto it = times.begin();
  while (it != times.end() && *it < t) ++it;
  return it;
}

}  // namespace

std::string_view RetentionTypeName(RetentionType type) {
  return type == RetentionType::kRecurring ? "recurring" : "first_time";
}

std::string_view RetentionMeasureName(RetentionMeasure measure) {
  return measure == RetentionMeasure::kOnOrAfter ? "on_or_after" : "on";
}

RetentionState::RetentionState(std::shared_ptr<const RetentionConfig> config)
    : config_(std::move(config)), n_(static_cast<size_t>(config_->periods)) {
  const RetentionConfig& c = *config_;
  if (c.rolling) rolling_length_ = RollingPeriodLength(c.period);
  if (c.period != RetentionPeriod::kMonth) fixed_length_ = RollingPeriodLength(c.period);
  // Row r's period k is [bounds_[r + k], bounds_[r + k + 1]); the last row needs n_ + 1 more.
  bounds_.resize(static_cast<size_t>(c.rows) + n_ + 1);
  for (size_t i = 0; i < bounds_.size(); ++i) {
    bounds_[i] = CalendarPeriodStart(c.period, c.first_cohort + static_cast<int64_t>(i));
  }
}

// Lazily, so that the copies of the empty state the scan makes cost nothing until used.
void RetentionState::Allocate() {
  if (allocated_) return;
  allocated_ = true;
  const size_t rows = static_cast<size_t>(config_->rows);
  for (auto* v : {&persons_, &buyers_, &repeat_buyers_, &referrers_, &referred_, &new_persons_,
                  &new_referred_}) {
    v->assign(rows, 0);
  }
  min_start_.assign(rows, kNever);
  max_start_.assign(rows, std::numeric_limits<TimeMs>::min());
  returned_.assign(rows * n_, 0);
  value_.assign(rows * n_, 0);
}

void RetentionState::Add(const PersonView& p) {
  if (p.empty() || config_->rows == 0) return;
  Allocate();
  const int64_t first_row = RowOf(p.time[0]);
  CollectMemberships(p, first_row);
  bool referred = false;
  if (!config_->referral_channel.empty()) {
    for (uint8_t ch : p.channel) {
      if (ch == kNoChannel) continue;
      referred = config_->referral_channel[ch] != 0;
      break;
    }
  }
  AddArrival(first_row, referred);
  if (members_.empty()) return;
  const std::span<const TimeMs> returns = CollectReturns(p);
  Facts facts = CollectFacts(p);
  facts.referred = referred;
  for (const Membership& m : members_) AddMembership(p, m, returns, facts);
}

// Row of the calendar period holding `t`: -1 before the first row, rows at or after the last
// one's end. From the precomputed bounds, because the civil-date arithmetic of a month was the
// largest single cost of the scan.
int64_t RetentionState::RowOf(TimeMs t) const {
  const size_t rows = static_cast<size_t>(config_->rows);
  if (t < bounds_[0]) return -1;
  if (t >= bounds_[rows]) return static_cast<int64_t>(rows);
  if (fixed_length_ > 0) return (t - bounds_[0]) / fixed_length_;
  // Months: a guess from the mean month length is off by at most one; the bounds correct it.
  constexpr TimeMs kMeanMonth = 2629746000;  // 365.2425 days / 12
  size_t row = std::min(rows - 1, static_cast<size_t>((t - bounds_[0]) / kMeanMonth));
  while (t < bounds_[row]) --row;
  while (t >= bounds_[row + 1]) ++row;
  return static_cast<int64_t>(row);
}

void RetentionState::CollectMemberships(const PersonView& p, int64_t first_row) {
  const RetentionConfig& c = *config_;
  const bool first_time = c.type == RetentionType::kFirstTime;
  members_.clear();
  std::optional<StepCounter> counter;
  if (c.start) counter.emplace(*c.start);
  const size_t n = p.size();
  TimeMs period_end = std::numeric_limits<TimeMs>::min();
  for (size_t j = 0; j < n; ++j) {
    if (counter && !counter->Feed(p.mask[j])) continue;
    const TimeMs t = p.time[j];
    // Recurring: only the first start event of each period opens a membership.
    if (t < period_end) continue;
    const int64_t row = j == 0 ? first_row : RowOf(t);
    if (row >= c.rows) break;
    if (row < 0) {
      if (first_time) {
        ++before_range_;
        break;
      }
      period_end = bounds_[0];
      continue;
    }
    period_end = bounds_[static_cast<size_t>(row) + 1];
    members_.push_back({static_cast<int32_t>(row), static_cast<uint32_t>(j), t});
    if (first_time) break;
  }
}

std::span<const TimeMs> RetentionState::CollectReturns(const PersonView& p) {
  if (!config_->return_step) return p.time;
  returns_scratch_.clear();
  StepCounter counter(*config_->return_step);
  for (size_t j = 0; j < p.size(); ++j) {
    if (counter.Feed(p.mask[j])) returns_scratch_.push_back(p.time[j]);
  }
  return returns_scratch_;
}

RetentionState::Facts RetentionState::CollectFacts(const PersonView& p) const {
  const RetentionConfig& c = *config_;
  Facts f{kNever, kNever, kNever, false};
  const uint32_t buy = c.purchase_bit >= 0 ? 1u << c.purchase_bit : 0;
  const uint32_t ref = c.referral ? 1u << c.referral->bit : 0;
  uint32_t any = 0;
  for (uint32_t m : p.mask) any |= m;
  if ((any & (buy | ref)) == 0) return f;
  std::optional<StepCounter> counter;
  if (c.referral) counter.emplace(*c.referral);
  for (size_t j = 0; j < p.size(); ++j) {
    const uint32_t m = p.mask[j];
    if ((m & buy) && f.second_buy == kNever) {
      (f.first_buy == kNever ? f.first_buy : f.second_buy) = p.time[j];
    }
    if (counter && counter->Feed(m) && f.referral == kNever) f.referral = p.time[j];
    if (f.second_buy != kNever && (!counter || f.referral != kNever)) break;
  }
  return f;
}

void RetentionState::AddArrival(int64_t row, bool referred) {
  const RetentionConfig& c = *config_;
  if (row < 0) {
    ++new_before_range_;
  } else if (row < c.rows) {
    ++new_persons_[static_cast<size_t>(row)];
    if (referred) ++new_referred_[static_cast<size_t>(row)];
  }
}

void RetentionState::AddMembership(const PersonView& p, const Membership& m,
                                   std::span<const TimeMs> returns, const Facts& f) {
  const RetentionConfig& c = *config_;
  const size_t r = static_cast<size_t>(m.row);
  int64_t* returned = &returned_[r * n_];
  ++persons_[r];
  min_start_[r] = std::min(min_start_[r], m.start);
  max_start_[r] = std::max(max_start_[r], m.start);
  ++returned[0];
  if (n_ > 1 && !returns.empty()) {
    if (c.measure == RetentionMeasure::kOn) {
      CountOn(m, returns, returned);
    } else {
      const int last = LastPeriod(m, returns.back());
      for (int k = 1; k <= last; ++k) ++returned[k];
    }
  }
  const TimeMs horizon =
      c.rolling ? m.start + static_cast<TimeMs>(n_) * rolling_length_ : bounds_[r + n_];
  if (c.win_mask != 0 && !p.value_pos.empty()) AddValues(p, m, horizon);
  if (f.first_buy < horizon) ++buyers_[r];
  if (f.second_buy < horizon) ++repeat_buyers_[r];
  if (f.referral < horizon) ++referrers_[r];
  if (f.referred) ++referred_[r];
}

// Marks each period 1 .. n-1 holding at least one return event once.
void RetentionState::CountOn(const Membership& m, std::span<const TimeMs> returns,
                             int64_t* returned) const {
  const size_t r = static_cast<size_t>(m.row);
  if (config_->rolling) {
    const TimeMs len = rolling_length_;
    auto it = FirstAtOrAfter(returns, m.start + len);
    TimeMs last = 0;
    for (; it != returns.end(); ++it) {
      const TimeMs k = (*it - m.start) / len;
      if (k >= static_cast<TimeMs>(n_)) break;
      if (k != last) ++returned[k], last = k;
    }
    return;
  }
  const TimeMs end = bounds_[r + n_];
  auto it = FirstAtOrAfter(returns, bounds_[r + 1]);
  size_t q = r + 1, last = r;
  for (; it != returns.end() && *it < end; ++it) {
    while (*it >= bounds_[q + 1]) ++q;
    if (q != last) ++returned[q - r], last = q;
  }
}

// The period of `t` relative to the membership, capped at n - 1; 0 before period 1.
int RetentionState::LastPeriod(const Membership& m, TimeMs t) const {
  const TimeMs cap = static_cast<TimeMs>(n_) - 1;
  if (config_->rolling) {
    if (t < m.start) return 0;
    return static_cast<int>(std::min(cap, (t - m.start) / rolling_length_));
  }
  const auto first = bounds_.begin() + m.row;
  if (t < first[1]) return 0;
  if (t >= first[static_cast<ptrdiff_t>(n_)]) return static_cast<int>(cap);
  return static_cast<int>(std::upper_bound(first + 1, first + static_cast<ptrdiff_t>(n_), t) -
                          first - 1);
}

// Win values of the events from the start event on (event order) and before the horizon, each
// in the period it falls in; Finalize accumulates them over the periods.
void RetentionState::AddValues(const PersonView& p, const Membership& m, TimeMs horizon) {
  const uint32_t wins = config_->win_mask;
  const size_t r = static_cast<size_t>(m.row);
  ValueSum::Units* value = &value_[r * n_];
  const auto& pos = p.value_pos;
  size_t v = static_cast<size_t>(std::lower_bound(pos.begin(), pos.end(), p.offset + m.index) -
                                 pos.begin());
  size_t q = r;
  for (; v < pos.size(); ++v) {
    const size_t j = pos[v] - p.offset;
    if (j >= p.size()) break;
    if ((p.mask[j] & wins) == 0) continue;
    const TimeMs t = p.time[j];
    if (t >= horizon) break;
    size_t k = 0;
    if (config_->rolling) {
      k = static_cast<size_t>((t - m.start) / rolling_length_);
    } else {
      while (t >= bounds_[q + 1]) ++q;
      k = q - r;
    }
    value[k] += ValueSum::ToUnits(p.value_amount[v]);
  }
}

void RetentionState::Merge(const RetentionState& other) {
  if (!other.allocated_) return;
  Allocate();
  auto add = [](std::vector<int64_t>& a, const std::vector<int64_t>& b) {
    for (size_t i = 0; i < a.size(); ++i) a[i] += b[i];
  };
  add(persons_, other.persons_);
  add(buyers_, other.buyers_);
  add(repeat_buyers_, other.repeat_buyers_);
  add(referrers_, other.referrers_);
  add(referred_, other.referred_);
  add(new_persons_, other.new_persons_);
  add(new_referred_, other.new_referred_);
  add(returned_, other.returned_);
  for (size_t i = 0; i < value_.size(); ++i) value_[i] += other.value_[i];
  for (size_t r = 0; r < min_start_.size(); ++r) {
    min_start_[r] = std::min(min_start_[r], other.min_start_[r]);
    max_start_[r] = std::max(max_start_[r], other.max_start_[r]);
  }
  new_before_range_ += other.new_before_range_;
  before_range_ += other.before_range_;
}

void RetentionState::FinalizeCells(size_t r, RetentionCohort* out) const {
  const RetentionConfig& c = *config_;
  // Rolling periods differ per member: a cell is shown once the earliest member's period k has
  // begun, and complete once the latest member's has ended. An empty row uses its bounds.
  const bool members = out->persons > 0;
  const TimeMs lo = members ? min_start_[r] : bounds_[r];
  const TimeMs hi = members ? max_start_[r] : bounds_[r + 1] - 1;
  ValueSum::Units value = 0;
  for (size_t k = 0; k < n_; ++k) {
    const TimeMs k_ms = static_cast<TimeMs>(k);
    const TimeMs begin = c.rolling ? lo + k_ms * rolling_length_ : bounds_[r + k];
    const TimeMs end = c.rolling ? hi + (k_ms + 1) * rolling_length_ : bounds_[r + k + 1];
    if (begin >= c.data_end) break;
    RetentionCell& cell = out->cells.emplace_back();
    cell.period = static_cast<int>(k);
    cell.returned = allocated_ ? returned_[r * n_ + k] : 0;
    cell.rate = Ratio(cell.returned, out->persons);
    cell.complete = end <= c.data_end;
    if (allocated_) value += value_[r * n_ + k];
    cell.value = ValueSum::FromUnits(value);
    if (members) cell.value_per_person = cell.value / static_cast<double>(out->persons);
  }
}

RetentionCohort RetentionState::FinalizeRow(int row, int64_t existing) const {
  const RetentionConfig& c = *config_;
  const size_t r = static_cast<size_t>(row);
  RetentionCohort out;
  out.label = CalendarPeriodLabel(c.period, c.first_cohort + row);
  out.start = bounds_[r];
  out.persons = allocated_ ? persons_[r] : 0;
  FinalizeCells(r, &out);
  if (c.purchase_bit >= 0) {
    out.buyers = allocated_ ? buyers_[r] : 0;
    out.repeat_buyers = allocated_ ? repeat_buyers_[r] : 0;
    out.repeat_purchase_rate = Ratio(*out.repeat_buyers, *out.buyers);
  }
  if (c.referral) {
    out.referrers = allocated_ ? referrers_[r] : 0;
    out.referral_rate = Ratio(*out.referrers, out.persons);
  }
  if (allocated_) {
    out.referred = referred_[r];
    out.new_persons = new_persons_[r];
    out.new_referred = new_referred_[r];
  }
  out.existing_persons = existing;
  if (!c.referral_channel_names.empty()) {
    out.viral_coefficient = Ratio(out.new_referred, existing);
  }
  return out;
}

std::vector<RetentionAverage> RetentionState::FinalizeAverage(
    const std::vector<RetentionCohort>& rows) const {
  std::vector<RetentionAverage> out(n_);
  for (size_t k = 0; k < n_; ++k) {
    RetentionAverage& a = out[k];
    a.period = static_cast<int>(k);
    for (const RetentionCohort& row : rows) {
      if (row.persons == 0 || row.cells.size() <= k || !row.cells[k].complete) continue;
      ++a.cohorts;
      a.persons += row.persons;
      a.returned += row.cells[k].returned;
    }
    a.rate = Ratio(a.returned, a.persons);
  }
  return out;
}

RetentionResult RetentionState::Finalize() const {
  const RetentionConfig& c = *config_;
  RetentionResult r;
  r.type = c.type;
  r.measure = c.measure;
  r.period = c.period;
  r.rolling = c.rolling;
  r.periods = c.periods;
  r.start = c.start_name;
  r.return_event = c.return_name;
  r.purchase = c.purchase_name;
  r.referral = c.referral_name;
  r.referral_channels = c.referral_channel_names;
  if (c.has_data_end) r.data_end = c.data_end;
  r.persons_before_range = before_range_;
  int64_t existing = new_before_range_;
  for (int row = 0; row < c.rows; ++row) {
    RetentionCohort& out = r.cohorts.emplace_back(FinalizeRow(row, existing));
    existing += out.new_persons;
    r.persons += out.persons;
  }
  r.average = FinalizeAverage(r.cohorts);
  return r;
}

}  // namespace winpath
