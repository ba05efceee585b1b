#include "analysis/reach_pair_matcher.h"

namespace winpath {

void ReachPairMatcher::Match(const PersonView& person, uint32_t mask_union,
                             ReachPairOutcome* out) const {
  *out = ReachPairOutcome();
  // Most persons never reach `from`: the OR of their masks rules them out.
  if ((mask_union & (1u << config_->from.bit)) == 0) return;
  const uint32_t* mask = person.mask.data();
  const size_t size = person.size();

  StepCounter from(config_->from), to(config_->to);
  size_t i = 0;
  for (; i < size; ++i) {
    to.Feed(mask[i]);  // `to` occurrences count from the person's first event
    if (from.Feed(mask[i])) break;
  }
  if (i == size) return;  // matching events, but not the occurrence that reaches `from`
  out->reached = true;
  out->from_pos = static_cast<uint32_t>(i);
  out->from_time = person.time[i];
  const TimeMs window_end = out->from_time + config_->window;
  out->window_open = window_end >= config_->data_end;
  for (size_t j = i + 1; j < size; ++j) {
    if (!to.Feed(mask[j])) continue;
    // The first later `to` event decides: a later one would be later still.
    if (person.time[j] <= window_end) {
      out->converted = true;
      out->to_pos = static_cast<uint32_t>(j);
      out->to_time = person.time[j];
    }
    return;
  }
}

}  // namespace winpath
