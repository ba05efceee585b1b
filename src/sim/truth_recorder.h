// TruthRecorder: the ground truth of a simulation — planted multipliers, what each channel's
// persons actually did, the expected reach estimated from virtual persons, and the exact
// incremental conversions from counterfactual re-runs — written as the truth JSON file
// (docs/simulator.md#truth-file).
//
// Thread-safety: not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/journey_plan.h"
#include "sim/person_simulator.h"

namespace winpath::sim {

class TruthRecorder {
 public:
  explicit TruthRecorder(const JourneyPlan& plan);

  // A simulated (written) person.
  void AddPerson(const PersonOutcome& o);
  // The same person re-run with `channel`'s multipliers set to 1.
  void AddCounterfactual(int channel, const PersonOutcome& actual, const PersonOutcome& neutral);
  // The same person re-run without `channel` (Counterfactual::removed, ::return_without).
  void AddRemoval(int channel, bool return_without, const PersonOutcome& actual,
                  const PersonOutcome& without);
  // A virtual person acquired by `channel` (expected reach; never written).
  void AddSample(int channel, const PersonOutcome& o);

  // Per win, channels ordered by expected first-touch reach (acquisition channels only).
  std::vector<std::vector<int>> ExpectedRanking() const;

  std::string ToJson(const SimulationStats& stats) const;

 private:
  static bool Reached(const PersonOutcome& o, size_t target, size_t wins);
  double ExpectedReach(size_t channel, size_t target) const;
  void AppendMultipliers(std::string* out) const;
  void AppendRates(std::string* out) const;
  void AppendRankings(std::string* out) const;
  void AppendCounts(std::string* out) const;
  void AppendRemoval(std::string* out, bool return_without) const;

  const JourneyPlan& plan_;
  size_t channels_, wins_, targets_;
  std::vector<uint64_t> acquired_, acquired_reached_;   // [c], [c * targets + t]
  std::vector<uint64_t> touched_, touched_converters_;  // [c], [c * wins + w]
  std::vector<uint64_t> cf_actual_, cf_neutral_;        // [c * wins + w]
  // [c * wins + w]; [0] the journey ends at a missing session, [1] the person may return.
  std::vector<uint64_t> rm_actual_, rm_without_[2];
  std::vector<uint64_t> samples_, sample_reached_;  // [c], [c * targets + t]
  std::vector<uint64_t> reached_;                   // [t]
};

}  // namespace winpath::sim
