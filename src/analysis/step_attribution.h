// Transition-level attribution: for each step of a journey (milestone A -> milestone B, in the
// order the spec lists them), which channels moved persons from A to B. A person makes the
// step when they reach B after reaching A, within the window; the touches between the two
// (after A's event, up to and including B's event) share that one step by three models side
// by side: first touch, last touch and linear. Exact semantics:
// docs/analyses/step-attribution.md.
//
// StepAttributionState is an analysis kernel (kernel.h). Credits are fixed point (exact_sum.h)
// and every step's shares add up to exactly one, so any split of persons merged in any order
// gives bit-identical results.
//
// Cost: Add is one pass over the person's events to find where each step is reached, then one
// pass over the events between consecutive reached steps: O(events) per person. No allocation
// once the scratch buffers have grown. Memory: transitions x channels cells of 56 bytes.
//
// Thread-safety: a state is used by one thread at a time; the config is shared read-only.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "analysis/exact_sum.h"
#include "analysis/funnel_step.h"
#include "model/person_view.h"
#include "model/timestamp.h"

namespace winpath {

struct StepAttributionConfig {
  // Channel id c >= 1 is channel_names[c - 1] (EventTable::channel_names()).
  std::vector<std::string> channel_names;
  std::vector<JourneyStep> steps;  // REQUIRES: size >= 2; transition i is steps[i] -> steps[i+1]
  TimeMs window = 30 * kMsPerDay;  // REQUIRES: > 0; B at most this long after A (inclusive)
};

struct StepChannelCredit {
  std::string channel;
  int64_t persons = 0;     // persons who made the step with at least one touch of the channel
  double first_touch = 0;  // steps credited to the channel by each model
  double last_touch = 0;
  double linear = 0;
  bool operator==(const StepChannelCredit&) const = default;
};

struct StepTransition {
  std::string from, to;
  int64_t reached_from = 0;  // persons who reached `from`
  int64_t made = 0;          // of them, persons who reached `to` after it within the window
  int64_t unattributed = 0;  // persons who made the step without any touch in between
  std::vector<StepChannelCredit> channels;  // channels with any touch, in channel-id order
  bool operator==(const StepTransition&) const = default;
};

struct StepAttributionResult {
  TimeMs window = 0;
  std::vector<StepTransition> transitions;
  bool operator==(const StepAttributionResult&) const = default;
};

class StepAttributionState {
 public:
  explicit StepAttributionState(std::shared_ptr<const StepAttributionConfig> config);

  void Add(const PersonView& person);
  // Adds `other`'s counts and credits; `other` is unchanged.
  void Merge(const StepAttributionState& other);
  StepAttributionResult Finalize() const;

 private:
  struct Cell {  // one transition x channel
    CreditSum first, last, linear;
    int64_t persons = 0;
  };
  struct Counts {
    int64_t reached_from = 0, made = 0, unattributed = 0;
  };

  void CreditStep(size_t transition, const PersonView& person, size_t a, size_t b);

  std::shared_ptr<const StepAttributionConfig> config_;
  size_t channels_ = 0;      // channel ids 0..channels_-1 (0 is never credited)
  std::vector<Cell> cells_;  // [transition * channels_ + channel]
  std::vector<Counts> counts_;
  uint32_t step_bits_ = 0;  // OR of the steps' predicate bits
  // Scratch, reused across persons.
  std::vector<int64_t> reach_;  // event index where the person reaches step s, or -1
  std::vector<int32_t> seen_;   // per channel: how many touches in the current step
};

}  // namespace winpath
