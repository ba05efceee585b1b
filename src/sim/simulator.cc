#include "sim/simulator.h"

#include <deque>
#include <optional>
#include <ostream>

#include "sim/journey_plan.h"
#include "sim/message_writer.h"
#include "sim/person_simulator.h"
#include "sim/truth_recorder.h"

namespace winpath {

namespace {

using sim::PersonOutcome;
using sim::PersonSpec;

// Virtual persons for expected reach get ordinals far above any real person's.
constexpr uint64_t kSampleOrdinalBase = uint64_t{1} << 62;
// Referral chains are cut when referred persons outnumber arriving ones by this much.
constexpr uint64_t kMaxReferredFactor = 4;

void CountOutcome(const PersonOutcome& o, bool referred, SimulationStats* stats) {
  ++stats->persons;
  stats->referred_persons += referred;
  stats->identified_persons += o.identified;
  stats->events += o.events;
  stats->page_messages += o.pages;
  stats->track_messages += o.tracks;
  stats->identify_messages += o.identifies;
  stats->reactivations += o.reactivations;
  for (size_t w = 0; w < stats->win_converters.size(); ++w) {
    stats->win_converters[w] += (o.win_reached >> w) & 1u;
  }
}

// One Simulate call: persons in ordinal order, then the persons they referred, first come
// first served (a deterministic order, so ordinals and output never depend on timing).
class SimulationRun {
 public:
  SimulationRun(const sim::JourneyPlan& plan, std::ostream* out, bool truth)
      : plan_(plan),
        writer_(plan, out),
        simulator_(plan, &writer_),
        counterfactual_(plan, nullptr) {
    if (truth) truth_.emplace(plan);
  }

  Status Run(SimulationStats* stats) {
    const SimulationOptions& o = plan_.options;
    writer_.WriteHeader();
    next_ordinal_ = o.persons;
    max_ordinal_ = o.persons + kMaxReferredFactor * o.persons + 1000;
    for (uint64_t i = 0; i < o.persons; ++i) {
      PersonSpec spec;
      spec.ordinal = i;
      SimulatePerson(spec, stats);
    }
    while (!referred_.empty()) {
      PersonSpec spec = referred_.front();
      referred_.pop_front();
      SimulatePerson(spec, stats);
    }
    WINPATH_RETURN_IF_ERROR(writer_.Finish());
    stats->bytes = writer_.bytes();
    return Status::OK();
  }

  // The truth JSON; REQUIRES: constructed with truth, Run done.
  std::string Truth(const SimulationStats& stats) {
    SampleExpectedReach();
    return truth_->ToJson(stats);
  }

 private:
  void SimulatePerson(const PersonSpec& spec, SimulationStats* stats) {
    simulator_.Run(spec, sim::Counterfactual{}, &outcome_);
    CountOutcome(outcome_, spec.referrer >= 0, stats);
    for (TimeMs arrival : outcome_.referrals) {
      if (next_ordinal_ >= max_ordinal_) break;
      PersonSpec child;
      child.ordinal = next_ordinal_++;
      child.acquisition = plan_.referral >= 0 ? plan_.referral : plan_.direct;
      child.arrival = arrival;
      child.referrer = static_cast<int64_t>(spec.ordinal);
      referred_.push_back(child);
    }
    if (!truth_) return;
    truth_->AddPerson(outcome_);
    if (!plan_.options.counterfactual) return;
    // Neutralising a channel whose multipliers never applied would replay the same journey.
    for (uint64_t bits = outcome_.applied; bits != 0; bits &= bits - 1) {
      int c = __builtin_ctzll(bits);
      if (plan_.channels[static_cast<size_t>(c)].direct) continue;  // multipliers are all 1
      counterfactual_.Run(spec, sim::Counterfactual{.neutral = c}, &neutral_);
      truth_->AddCounterfactual(c, outcome_, neutral_);
    }
    // Without each channel that touched the person at all (Direct included), both readings.
    for (uint64_t bits = outcome_.touched; bits != 0; bits &= bits - 1) {
      int c = __builtin_ctzll(bits);
      for (bool return_without : {false, true}) {
        counterfactual_.Run(spec, {.removed = c, .return_without = return_without}, &neutral_);
        truth_->AddRemoval(c, return_without, outcome_, neutral_);
      }
    }
  }

  void SampleExpectedReach() {
    uint64_t n = plan_.options.truth_samples;
    for (size_t c = 0; c < plan_.channels.size(); ++c) {
      if (plan_.channels[c].weight <= 0) continue;
      for (uint64_t k = 0; k < n; ++k) {
        PersonSpec spec;
        spec.ordinal = kSampleOrdinalBase + c * n + k;
        spec.acquisition = static_cast<int>(c);
        counterfactual_.Run(spec, sim::Counterfactual{}, &neutral_);
        truth_->AddSample(static_cast<int>(c), neutral_);
      }
    }
  }

  const sim::JourneyPlan& plan_;
  sim::MessageWriter writer_;
  sim::PersonSimulator simulator_;
  sim::PersonSimulator counterfactual_;  // count-only: counterfactuals and virtual persons
  std::optional<sim::TruthRecorder> truth_;
  std::deque<PersonSpec> referred_;
  uint64_t next_ordinal_ = 0, max_ordinal_ = 0;
  PersonOutcome outcome_, neutral_;
};

}  // namespace

Result<SimulationStats> Simulate(const JourneyMap& map, const SimulationOptions& options,
                                 std::ostream& out, std::ostream* truth_json) {
  WINPATH_ASSIGN_OR_RETURN(sim::JourneyPlan plan, sim::BuildPlan(map, options));
  SimulationStats stats;
  for (const sim::Channel& ch : plan.channels) stats.channels.push_back(ch.name);
  for (const Win& w : map.wins) stats.wins.push_back(w.name);
  stats.win_converters.assign(map.wins.size(), 0);
  stats.warnings = plan.warnings;
  SimulationRun run(plan, &out, truth_json != nullptr);
  WINPATH_RETURN_IF_ERROR(run.Run(&stats));
  if (truth_json != nullptr) {
    std::string json = run.Truth(stats);
    if (!truth_json->write(json.data(), static_cast<std::streamsize>(json.size())) ||
        !truth_json->flush()) {
      return Status::IoError("simulate: writing the truth file failed");
    }
  }
  return stats;
}

}  // namespace winpath
