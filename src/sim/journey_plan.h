// JourneyPlan: everything the simulator derives from a journey map and the options before it
// simulates anyone — the channels and their touches, the message templates, the actions a person
// can take (milestone steps, wins, post-purchase outcomes), the planted multipliers and the
// per-session probabilities they produce. The generative model itself is documented in
// docs/simulator.md; the constants live in ModelParams.
//
// Thread-safety: immutable after BuildPlan; share by const reference.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "model/journey_map.h"
#include "sim/event_synthesis.h"
#include "sim/simulator.h"

namespace winpath::sim {

inline constexpr size_t kMaxSimChannels = 64;

// The constants of the generative model (docs/simulator.md lists each with its meaning).
struct ModelParams {
  double page_continue = 0.6;  // after each page view another one follows with this probability
  int max_pages = 20;
  double event_gap_min_s = 5;  // gap between events of a session: min + Exp(mean)
  double event_gap_mean_s = 50;
  double active_gap_mean_days = 4;  // gap between sessions of an active person (capped, see doc)
  double churn_prospect = 0.3;      // after a session, a non-customer goes dormant
  double churn_customer = 0.18;
  double reactivate_identified = 0.35;  // a dormant person comes back (email)
  double reactivate_anonymous = 0.12;   // (ads)
  double dormant_extra_mean = 0.5;      // dormant gap = dormant_after * (1.05 + Exp(this))
  double referral_accept = 0.6;         // a referral brings a new person
  double referral_delay_mean_days = 3;
  double promoter_share = 0.45, passive_share = 0.30;  // NPS 9-10, 7-8 (rest 0-6)
  double referral_factor_promoter = 2.5, referral_factor_passive = 0.8,
         referral_factor_detractor = 0.2;
  // Base per-session probabilities (before channel multipliers).
  double first_step = 0.08;        // first milestone (opt-in)
  double pre_step = 0.30;          // each further pre-purchase milestone
  double same_session_step = 0.3;  // factor on a further step in the session of a step
  double core_step = 0.22;         // the core purchase after pre-purchase milestones
  double core_only = 0.04;         // the core purchase when the map has no pre-purchase milestone
  double standalone_win = 0.05;
  double repeat = 0.10;
  double survey = 0.25;
  double referral = 0.06;
  double post = 0.08;
  double value_sigma_person = 0.4;  // lognormal spread of a person's spending level
  double value_sigma_event = 0.3;   // and of each purchase around it
  int max_sessions = 300;
};

struct Channel {
  std::string name;          // the channel the importer assigns to this channel's touches
  bool event_touch = false;  // touches are track events (sales/service rules), not landing pages
  bool direct = false;
  bool from_map = false;  // declared by a map rule (else a default group)
  // Landing template id per path (-1 = no touch for that path); event touches use landing[0].
  std::vector<int> landing;
  int host = 0;       // pages of a session started by this channel are on hosts[host]
  double weight = 0;  // share of arriving persons acquired by this channel (normalised)
};

enum class ActionKind : uint8_t { kStep, kWin, kRepeat, kSurvey, kReferral, kPost };

struct Action {
  ActionKind kind = ActionKind::kStep;
  std::string name;
  int template_id = 0;
  int bit = -1;     // predicate bit the action reaches (-1 = none, e.g. a synthetic survey)
  int target = -1;  // predicate bit whose multiplier applies (-1 = none)
  int occurrence = 1;
  double base = 0;
  bool identifies = false;
};

struct Dimension {
  std::string name;
  std::vector<std::string> values;
  std::vector<double> weights;
  double weight_sum = 0;
};

struct JourneyPlan {
  const JourneyMap* map = nullptr;
  SimulationOptions options;
  ModelParams params;
  TimeMs end = 0;
  TimeMs session_timeout = 0, active_gap_mean = 0, dormant_after = 0;

  std::vector<std::string> hosts;  // hosts[0] is the main site
  std::vector<std::string> paths;
  std::vector<double> landing_path_weights;
  double landing_path_sum = 0;

  std::vector<SynthesizedEvent> templates;
  std::vector<uint32_t> masks;        // per template: JourneyMap::MatchMask
  std::vector<int> template_channel;  // per template: channel its event touches, or -1
  // Per template: some predicate tests its value property, so the mask depends on the amount.
  std::vector<uint8_t> value_sensitive;
  std::vector<std::vector<int>> page_template;  // [host][path]

  std::vector<Channel> channels;
  double weight_sum = 0;
  int direct = -1, email = -1, ads = -1, referral = -1;  // role channels (-1 = none)
  std::vector<int> event_touch_channels;

  std::vector<Action> actions;  // steps first, in journey order
  size_t num_steps = 0;
  int customer_action = -1;  // reaching it makes the person a customer
  int win_count = 0;

  std::vector<std::string> targets;  // predicate names: wins, then milestones
  std::vector<double> multiplier;    // [channel * targets.size() + target]
  std::vector<double> hazard;        // [channel * actions.size() + action]
  std::vector<double> base_hazard;   // [action]

  std::vector<Dimension> dimensions;
  std::vector<std::string> warnings;

  double Multiplier(size_t channel, size_t target) const {
    return multiplier[channel * targets.size() + target];
  }
  const double* Hazards(size_t channel) const { return hazard.data() + channel * actions.size(); }
  int AddTemplate(SynthesizedEvent event);
};

// Derives the plan. Errors as Simulate (simulator.h).
Result<JourneyPlan> BuildPlan(const JourneyMap& map, const SimulationOptions& options);

// Channel set-up (channel_set.cc): fills hosts/page templates' landing variants, channels,
// roles and acquisition weights. REQUIRES: plan.hosts and plan.paths set.
Status BuildChannels(JourneyPlan* plan, uint64_t seed);

// Fills plan.template_channel: landing templates touch their channel; any other template
// touches the channel whose map rule claims it first, if that channel is simulated.
void AssignTemplateChannels(JourneyPlan* plan);

// Draws (then overrides from options.effects) the multipliers and computes the hazards.
Status BuildMultipliers(JourneyPlan* plan, uint64_t seed);

}  // namespace winpath::sim
