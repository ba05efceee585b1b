#include "analysis/stage_revenue.h"

#include <algorithm>
#include <bit>
#include <utility>

#include "analysis/value_cursor.h"

namespace winpath {

StageRevenueState::StageRevenueState(std::shared_ptr<const StageRevenueConfig> config)
    : config_(std::move(config)) {
  for (const FlywheelRule& r : config_->rules) rule_bits_ |= 1u << r.bit;
  const size_t periods = static_cast<size_t>(config_->grid.size());
  revenue_.assign(periods * kFlywheelStages, 0);
  raise_revenue_.assign(periods * kFlywheelStages, 0);
  referred_.assign(periods, 0);
}

int StageRevenueState::StageAfter(int stage, uint32_t m) {
  for (uint32_t c = m & rule_bits_; c != 0; c &= c - 1) ++counts_[std::countr_zero(c)];
  for (const FlywheelRule& r : config_->rules) {
    if (r.stage > stage && ((m >> r.bit) & 1u) &&
        counts_[static_cast<size_t>(r.bit)] >= r.min_count) {
      stage = r.stage;
    }
  }
  return stage;
}

void StageRevenueState::Add(const PersonView& person) {
  const PeriodGrid& g = config_->grid;
  if (person.empty() || g.empty()) return;
  counts_.fill(0);
  const int64_t first = g.Index(person.time[0]);
  const std::vector<uint8_t>& referral = config_->referral_channel;
  if (first >= 0 && first < g.size() && !referral.empty() && referral[person.channel[0]] != 0) {
    ++referred_[static_cast<size_t>(first)];
  }
  ValueCursor values(person);
  int stage = 0;
  for (size_t i = 0; i < person.size(); ++i) {
    const uint32_t m = person.mask[i];
    const int before = i == 0 ? -1 : stage;
    if ((m & rule_bits_) != 0) stage = StageAfter(stage, m);
    if ((m & config_->win_bits) == 0) continue;
    const ValueSum::Units units = values.UnitsAt(i);
    if (units == 0) continue;
    const int64_t p = g.Index(person.time[i]);
    // History before the first period decides the stage but earns nothing reported.
    if (p < 0 || p >= g.size()) continue;
    const size_t slot = static_cast<size_t>(p) * kFlywheelStages + static_cast<size_t>(stage);
    revenue_[slot] += units;
    if (stage > before) raise_revenue_[slot] += units;
  }
}

void StageRevenueState::Merge(const StageRevenueState& other) {
  for (size_t i = 0; i < revenue_.size(); ++i) {
    revenue_[i] += other.revenue_[i];
    raise_revenue_[i] += other.raise_revenue_[i];
  }
  for (size_t i = 0; i < referred_.size(); ++i) referred_[i] += other.referred_[i];
}

StageRevenueResult StageRevenueState::Finalize() const {
  StageRevenueResult r;
  r.periods.resize(referred_.size());
  for (size_t p = 0; p < r.periods.size(); ++p) {
    for (size_t s = 0; s < kFlywheelStages; ++s) {
      r.periods[p].revenue[s] = ValueSum::FromUnits(revenue_[p * kFlywheelStages + s]);
      r.periods[p].raise_revenue[s] = ValueSum::FromUnits(raise_revenue_[p * kFlywheelStages + s]);
    }
    r.periods[p].referred_new = referred_[p];
  }
  return r;
}

}  // namespace winpath
