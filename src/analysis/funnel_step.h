// JourneyStep: a milestone or a win as the funnel and paths analyses match it — the
// predicate bit the event table stores, plus the occurrence range that milestones add
// ("2nd purchase" = the person's 2nd matching event; "2+" = the 2nd or any later one).
//
// Occurrences are counted per person over the events the scan shows (the whole history unless
// the scan has a time range), in event order: time, then input order for equal times.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <limits>
#include <string>

namespace winpath {

struct JourneyStep {
  std::string name;
  int bit = 0;  // predicate bit in PersonView::mask; REQUIRES: in [0, 32)
  // The k-th matching event of the person reaches the step iff min_count <= k <= max_count.
  // A win: [1, max]; a milestone with occurrence n: [n, n], or [n, max] with or_later.
  int32_t min_count = 1;
  int32_t max_count = std::numeric_limits<int32_t>::max();
  bool operator==(const JourneyStep&) const = default;
};

// Counts one person's matching events for one step; reset per person.
class StepCounter {
 public:
  explicit StepCounter(const JourneyStep& step)
      : bit_(1u << step.bit), min_(step.min_count), max_(step.max_count) {}
  void Reset() { count_ = 0; }
  // Feeds the next event's mask; true when this event reaches the step.
  bool Feed(uint32_t mask) {
    if ((mask & bit_) == 0) return false;
    ++count_;
    return count_ >= min_ && count_ <= max_;
  }

 private:
  uint32_t bit_;
  int32_t min_, max_;
  int32_t count_ = 0;
};

}  // namespace winpath
