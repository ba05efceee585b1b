// FunnelMatcher: one person's funnel attempts (docs/analyses/funnel.md#attempts).
//
// Every event that reaches step 1 starts an attempt (any-order mode: every event that reaches
// any step). An attempt advances through the steps within its window [t0, t0 + window]; the
// person's level is the furthest step reached by any valid attempt, and the counted attempt is
// the earliest one reaching that level. The matcher reports the level, the counted attempt's
// step times, whether the person is still in progress at the data end, and whether every
// attempt was invalidated by an exclusion event.
//
// Cost: ordered and strict modes are one pass over the person's events plus O(1) amortized work
// per step event (attempts are kept as runs of equal level, see funnel_matcher.cc); any-order
// is O(step events x step events within one window). No allocation once the scratch buffers
// have grown to the largest person seen.
//
// Thread-safety: a matcher holds per-person scratch; use one per thread.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "analysis/funnel_step.h"
#include "model/person_view.h"
#include "model/timestamp.h"

namespace winpath {

enum class FunnelMode : uint8_t {
  kOrdered = 0,   // steps in order; other events may come between them
  kStrict = 1,    // steps in order; no other event of the person between consecutive steps
  kAnyOrder = 2,  // the steps in any order within the window; counts distinct steps reached
};

inline constexpr int kMaxFunnelSteps = 32;

struct FunnelMatcherConfig {
  std::vector<JourneyStep> steps;  // REQUIRES: 2..kMaxFunnelSteps, distinct bits
  FunnelMode mode = FunnelMode::kOrdered;
  TimeMs window = 30 * kMsPerDay;  // REQUIRES: > 0
  // excluded_name[id] != 0: events with that name id are exclusion events. May be shorter than
  // the number of event names (missing ids are not excluded); empty = no exclusions.
  std::vector<uint8_t> excluded_name;
  // First instant NOT covered by the data: an attempt whose window end t0 + window >= data_end
  // is still open.
  TimeMs data_end = 0;
};

// The outcome for one person.
struct FunnelOutcome {
  int level = 0;             // furthest step reached by a valid attempt; 0 = none
  bool excluded = false;     // attempts existed but exclusion events invalidated them all
  bool in_progress = false;  // level < steps and an attempt at `level` is still open
  uint32_t start = 0;        // event index (in the view) of the counted attempt's first event
  // times[k]: time the counted attempt reached step k + 1, for k < level.
  std::array<TimeMs, kMaxFunnelSteps> times{};
};

class FunnelMatcher {
 public:
  // REQUIRES: config satisfies FunnelMatcherConfig's REQUIRES; it must outlive the matcher.
  explicit FunnelMatcher(const FunnelMatcherConfig* config);

  // Computes the person's outcome. REQUIRES: events time-ordered (PersonView guarantees it).
  void Match(const PersonView& person, FunnelOutcome* out);

 private:
  // An event that reaches a step or is an exclusion event.
  struct StepEvent {
    uint32_t pos;    // index in the view
    uint32_t steps;  // bit s: the event reaches step s (occurrence applied)
    bool excluded;
    TimeMs time;
  };

  bool Collect(const PersonView& person);
  void RunOrdered();
  void RunStrict();
  void RunAnyOrder();
  void Finalize(int level, uint32_t first, uint32_t last);
  void Expire(TimeMs now);
  void FinishRuns();
  void TraceOrdered(FunnelOutcome* out) const;
  void TraceStrict(FunnelOutcome* out) const;
  void TraceAnyOrder(FunnelOutcome* out) const;

  const FunnelMatcherConfig* config_;
  int n_ = 0;               // number of steps
  uint32_t relevant_ = 0;   // OR of the steps' predicate bits
  uint32_t first_bit_ = 0;  // predicate bit of step 1
  std::vector<StepCounter> counters_;
  std::array<int8_t, 32> step_of_bit_;  // predicate bit -> step index, -1 = no step

  // Per-person scratch.
  std::vector<StepEvent> events_;
  std::vector<uint32_t> hits_;  // Collect: indices of the events to look at
  bool had_attempt_ = false;
  int best_level_ = 0;
  uint32_t best_first_ = 0, best_last_ = 0;  // indices into events_
  // Ordered mode: live attempts, as indices into events_ in start order; [head_, starts_.size())
  // is live, and levels are non-increasing along it, so the attempts of one level form a run.
  std::vector<uint32_t> starts_;
  size_t head_ = 0;
  std::array<uint32_t, kMaxFunnelSteps + 1> run_size_{};  // live attempts per level
  int top_ = 0;                                           // highest level with a live attempt
};

}  // namespace winpath
