// ReachPairMatcher: whether one person went from one milestone (or win) to another within a
// window — the shared definition of the gaps (docs/analyses/gaps.md#cohort) and drivers
// (docs/analyses/drivers.md#cohort) analyses.
//
// - The `from` event is the person's FIRST event that reaches `from` (its occurrence applied,
//   as in the funnel: milestone occurrence n = the n-th matching event; "n+" = also the n-th).
// - The `to` event is the first event after it, in event order (time, then input order), that
//   reaches `to`, with `to`'s occurrences counted from the person's first event.
// - The person converted when that event exists and time(to) <= time(from) + window.
// - The window is open when time(from) + window >= data_end (the first instant not covered by
//   the data): the person could still convert in data not seen yet.
//
// This is FunnelMatcher (funnel_matcher.h) in ordered mode with the two steps and step 1
// limited to its first reaching event; reach_pair_matcher_test.cc checks the two agree. It adds
// what the funnel does not report: the positions of both events.
//
// Cost: one pass over the person's events, none when no event has `from`'s bit; no allocation.
// Thread-safety: a matcher holds no per-person state; share the config read-only.
#pragma once

#include <cstdint>

#include "analysis/funnel_step.h"
#include "model/person_view.h"
#include "model/timestamp.h"

namespace winpath {

struct ReachPairConfig {
  JourneyStep from;  // REQUIRES: from.bit != to.bit
  JourneyStep to;
  TimeMs window = 30 * kMsPerDay;  // REQUIRES: > 0
  TimeMs data_end = 0;
};

struct ReachPairOutcome {
  bool reached = false;      // the person has a `from` event
  bool converted = false;    // ...and a `to` event after it within the window
  bool window_open = false;  // ...and from_time + window >= data_end
  uint32_t from_pos = 0;     // index in the view of the `from` event (when reached)
  uint32_t to_pos = 0;       // index of the `to` event (when converted)
  TimeMs from_time = 0, to_time = 0;
};

class ReachPairMatcher {
 public:
  // REQUIRES: `config` outlives the matcher.
  explicit ReachPairMatcher(const ReachPairConfig* config) : config_(config) {}

  // REQUIRES: events time-ordered (PersonView guarantees it).
  void Match(const PersonView& person, ReachPairOutcome* out) const {
    Match(person, MaskUnion(person), out);
  }
  // The same, given MaskUnion(person): callers matching several pairs compute it once.
  void Match(const PersonView& person, uint32_t mask_union, ReachPairOutcome* out) const;

  // The OR of the person's predicate masks (one vectorizable pass).
  static uint32_t MaskUnion(const PersonView& person) {
    uint32_t any = 0;
    for (const uint32_t m : person.mask) any |= m;
    return any;
  }

 private:
  const ReachPairConfig* config_;
};

}  // namespace winpath
