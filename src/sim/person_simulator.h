// PersonSimulator: one person's journey — sessions, page views, milestones, wins, identify,
// dormancy, reactivation and referrals — drawn from the person's own random stream
// (docs/simulator.md#a-persons-journey). The same plan, seed and ordinal always give the same
// journey, whichever other persons are simulated, which makes counterfactual re-runs exact.
//
// Thread-safety: not thread-safe; one simulator per thread. The plan is shared read-only.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/journey_plan.h"
#include "sim/message_writer.h"
#include "sim/random.h"

namespace winpath::sim {

struct PersonSpec {
  uint64_t ordinal = 0;
  int acquisition = -1;   // forced acquisition channel, or -1 to draw it
  TimeMs arrival = -1;    // forced first-touch time, or -1 to draw it
  int64_t referrer = -1;  // ordinal of the person who referred this one, or -1
};

// What happened to one person, for statistics and the truth file.
struct PersonOutcome {
  int acquisition = -1;
  uint64_t events = 0, pages = 0, tracks = 0, identifies = 0;
  bool identified = false;
  uint32_t reactivations = 0;
  uint32_t win_reached = 0;        // bit w: reached win w
  uint32_t milestone_reached = 0;  // bit j: reached milestone j (its occurrence)
  uint64_t touched = 0;            // bit c: touched by channel c
  uint64_t applied = 0;            // bit c: channel c's multipliers drove some session
  std::array<uint64_t, 32> touched_before_win{};  // channels touched up to the first win event
  std::vector<TimeMs> referrals;  // first-touch times of the persons this one brought
};

// How a re-run differs from the person's real journey (the person's random stream is the same:
// common random numbers).
struct Counterfactual {
  int neutral = -1;  // channel whose multipliers count as 1 (-1 = none)
  // Channel that never touches the person (-1 = none): a person it would acquire never
  // arrives, and a later session it would bring does not happen (docs/simulator.md#truth-file).
  int removed = -1;
  // After such a missing session: false = the journey ends there (nobody comes back another
  // way: the removal a Markov removal effect describes); true = the person's next session is
  // drawn as if the gap went on (they may return through another channel).
  bool return_without = false;
};

class PersonSimulator {
 public:
  // `writer` may be null (count-only runs: counterfactuals, expected reach).
  PersonSimulator(const JourneyPlan& plan, MessageWriter* writer);

  // Simulates one person, as it happened (a default Counterfactual) or as it would have.
  void Run(const PersonSpec& spec, const Counterfactual& cf, PersonOutcome* out);

  // "u-<tag>-<ordinal>": the user id a person gets at identify.
  static std::string UserId(uint64_t seed, uint64_t ordinal);

 private:
  void Start(const PersonSpec& spec);
  void Session(int channel, int index);
  void PlanActions(const double* hazard);
  void PlanSteps(const double* hazard);
  void PlanOutcomes(const double* hazard, bool customer);
  void RunAction(int action);
  bool Emit(int template_id, const EventExtras& extras);
  void Identify();
  void EmitPage(int host);
  int NextChannel(bool* reactivation);
  int DrawChannel();
  TimeMs EventGap();
  uint32_t MaskOf(int template_id, const EventExtras& extras);

  const JourneyPlan& plan_;
  MessageWriter* writer_;
  Rng rng_{0};
  PersonIdentity id_;
  PersonOutcome* out_ = nullptr;
  uint64_t ordinal_ = 0;
  int neutral_ = -1;
  int removed_ = -1;
  bool return_without_ = false;
  int acquisition_ = -1;
  TimeMs t_ = 0;
  bool ended_ = false, customer_ = false, surveyed_ = false;
  int nps_ = 0;
  double value_level_ = 0;
  size_t chain_pos_ = 0;
  std::array<uint32_t, 32> counts_{};
  std::string referred_by_;
  std::vector<int> fired_;
  RawEvent scratch_;
};

}  // namespace winpath::sim
