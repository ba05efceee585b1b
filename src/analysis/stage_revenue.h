// Stage revenue: the per-period measures the forecast (analysis/forecast.h) needs beyond the
// flywheel's counts — the win values earned per period by persons in each flywheel stage, and
// how many persons first arrived in each period through a referral channel.
//
// A win value (an event matching any win and carrying a value) is credited to the stage the
// person is in **after** the event, under the flywheel's stage rules (FlywheelRule: the stage
// only rises; a milestone with occurrence n is reached by the n-th match): the purchase that
// makes a prospect a customer is customer revenue. An event always makes a dormant person
// active again, so dormant states never earn revenue. Semantics: docs/analyses/forecast.md.
//
// StageRevenueState is an analysis kernel (kernel.h) and must see each person's whole history
// up to the data end (like the flywheel: the stage before the first period decides).
// Values are summed exactly (ValueSum), so any split of the persons merges to the same bits.
//
// Cost: one pass per person; an event costs a mask test unless it carries a counted bit.
// Thread-safety: a state is used by one thread at a time; the config is shared read-only.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "analysis/exact_sum.h"
#include "analysis/flywheel.h"
#include "analysis/period_grid.h"
#include "model/person_view.h"

namespace winpath {

struct StageRevenueConfig {
  PeriodGrid grid;                  // the reported periods; grid.end() is the data end
  std::vector<FlywheelRule> rules;  // the flywheel's stage rules (FlywheelRules)
  uint32_t win_bits = 0;            // mask bits of the map's wins
  // referral_channel[c] != 0: a person whose first event has channel id c arrived by referral.
  // Empty = no referral channel.
  std::vector<uint8_t> referral_channel;
};

struct StageRevenuePeriod {
  // Win values earned in the period by persons in each state after the event (dormant: 0).
  std::array<double, kFlywheelStates> revenue{};
  // The part of `revenue` earned by events that raise the stage (or are a person's first).
  std::array<double, kFlywheelStates> raise_revenue{};
  int64_t referred_new = 0;  // persons whose first event is in the period, on a referral channel
  bool operator==(const StageRevenuePeriod&) const = default;
};

struct StageRevenueResult {
  std::vector<StageRevenuePeriod> periods;  // one per grid period
  bool operator==(const StageRevenueResult&) const = default;
};

class StageRevenueState {
 public:
  // REQUIRES: rules satisfy FlywheelRule's REQUIRES.
  explicit StageRevenueState(std::shared_ptr<const StageRevenueConfig> config);

  // REQUIRES: the person's events all lie before the data end.
  void Add(const PersonView& person);
  // REQUIRES: `other` was built from the same config.
  void Merge(const StageRevenueState& other);
  StageRevenueResult Finalize() const;

 private:
  // The stage after the event with mask `m`, from `stage` before it; counts occurrences.
  int StageAfter(int stage, uint32_t m);

  std::shared_ptr<const StageRevenueConfig> config_;
  uint32_t rule_bits_ = 0;
  // [period * kFlywheelStages + stage], in ValueSum units.
  std::vector<ValueSum::Units> revenue_, raise_revenue_;
  std::vector<int64_t> referred_;  // per period

  std::array<int32_t, 32> counts_{};  // per-person scratch: matches per predicate bit
};

}  // namespace winpath
