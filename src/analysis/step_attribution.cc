#include "analysis/step_attribution.h"

namespace winpath {

StepAttributionState::StepAttributionState(std::shared_ptr<const StepAttributionConfig> config)
    : config_(std::move(config)),
      channels_(config_->channel_names.size() + 1),
      cells_((config_->steps.size() - 1) * channels_),
      counts_(config_->steps.size() - 1),
      reach_(config_->steps.size(), -1),
      seen_(channels_, 0) {
  for (const JourneyStep& s : config_->steps) step_bits_ |= 1u << s.bit;
}

void StepAttributionState::Add(const PersonView& person) {
  const size_t n = person.size();
  const std::vector<JourneyStep>& steps = config_->steps;
  uint32_t any = 0;
  for (size_t i = 0; i < n; ++i) any |= person.mask[i];
  if ((any & step_bits_) == 0) return;  // reaches no step: nothing to count
  // Where each step is reached: the event whose matching count first enters the step's
  // occurrence range (funnel_step.h).
  for (size_t s = 0; s < steps.size(); ++s) {
    StepCounter counter(steps[s]);
    reach_[s] = -1;
    if ((any & (1u << steps[s].bit)) == 0) continue;
    for (size_t i = 0; i < n; ++i) {
      if (counter.Feed(person.mask[i])) {
        reach_[s] = static_cast<int64_t>(i);
        break;
      }
    }
  }
  for (size_t t = 0; t + 1 < steps.size(); ++t) {
    const int64_t a = reach_[t], b = reach_[t + 1];
    if (a < 0) continue;
    ++counts_[t].reached_from;
    if (b <= a || person.time[static_cast<size_t>(b)] - person.time[static_cast<size_t>(a)] >
                      config_->window) {
      continue;
    }
    ++counts_[t].made;
    CreditStep(t, person, static_cast<size_t>(a), static_cast<size_t>(b));
  }
}

// Credits one made step: the touches are events a+1..b (B's own event included: a purchase
// arriving from an email link is its own last touch; A's event moved the person to A, not on).
void StepAttributionState::CreditStep(size_t t, const PersonView& person, size_t a, size_t b) {
  int64_t touches = 0;
  size_t first = 0, last = 0;
  for (size_t i = a + 1; i <= b; ++i) {
    const uint8_t c = person.channel[i];
    if (c == 0) continue;
    if (touches == 0) first = i;
    last = i;
    ++touches;
    ++seen_[c];
  }
  if (touches == 0) {
    ++counts_[t].unattributed;
    return;
  }
  Cell* row = cells_.data() + t * channels_;
  row[person.channel[first]].first.AddUnits(CreditSum::kOne);
  row[person.channel[last]].last.AddUnits(CreditSum::kOne);
  // Linear: every touch gets kOne / touches units; the remainder goes one unit each to the
  // earliest touches, so the step's shares add up to exactly one.
  const CreditSum::Units each = CreditSum::kOne / touches;
  int64_t extra = static_cast<int64_t>(CreditSum::kOne - each * touches);
  for (size_t i = a + 1; i <= b; ++i) {
    const uint8_t c = person.channel[i];
    if (c == 0) continue;
    row[c].linear.AddUnits(each + (extra > 0 ? 1 : 0));
    --extra;
    if (seen_[c] != 0) {  // count the person once per channel, then clear the scratch
      ++row[c].persons;
      seen_[c] = 0;
    }
  }
}

void StepAttributionState::Merge(const StepAttributionState& other) {
  for (size_t i = 0; i < cells_.size(); ++i) {
    cells_[i].first.Add(other.cells_[i].first);
    cells_[i].last.Add(other.cells_[i].last);
    cells_[i].linear.Add(other.cells_[i].linear);
    cells_[i].persons += other.cells_[i].persons;
  }
  for (size_t t = 0; t < counts_.size(); ++t) {
    counts_[t].reached_from += other.counts_[t].reached_from;
    counts_[t].made += other.counts_[t].made;
    counts_[t].unattributed += other.counts_[t].unattributed;
  }
}

StepAttributionResult StepAttributionState::Finalize() const {
  StepAttributionResult r;
  r.window = config_->window;
  const std::vector<JourneyStep>& steps = config_->steps;
  for (size_t t = 0; t + 1 < steps.size(); ++t) {
    StepTransition tr;
    tr.from = steps[t].name;
    tr.to = steps[t + 1].name;
    tr.reached_from = counts_[t].reached_from;
    tr.made = counts_[t].made;
    tr.unattributed = counts_[t].unattributed;
    for (size_t c = 1; c < channels_; ++c) {
      const Cell& cell = cells_[t * channels_ + c];
      if (cell.persons == 0) continue;
      tr.channels.push_back({config_->channel_names[c - 1], cell.persons, cell.first.value(),
                             cell.last.value(), cell.linear.value()});
    }
    r.transitions.push_back(std::move(tr));
  }
  return r;
}

}  // namespace winpath
