// BuildMultipliers: the planted channel effects (docs/simulator.md#planted-effects).

#include <fmt/format.h>

#include <algorithm>

#include "sim/journey_plan.h"
#include "sim/random.h"

namespace winpath::sim {

namespace {

constexpr double kSpecialtyMin = 2.0, kSpecialtyMax = 3.0;   // a channel's strong win
constexpr double kOtherMin = 0.5, kOtherMax = 1.25;          // its other wins (log-uniform)
constexpr double kMilestoneMin = 0.8, kMilestoneMax = 1.25;  // milestones without a win
constexpr double kTopMargin = 1.25;  // the best channel for a win beats the second by this

// Rounded to 2 decimals so the truth file shows exactly the multipliers in force.
double Round2(double v) { return static_cast<double>(static_cast<int64_t>(v * 100 + 0.5)) / 100; }

double LogUniform(Rng& rng, double lo, double hi) {
  return Round2(Exp(rng.Range(Log(lo), Log(hi))));
}

// Targets some action's hazard depends on, wins first.
std::vector<int> UsedTargets(const JourneyPlan& plan) {
  std::vector<int> used;
  for (const Action& a : plan.actions) {
    if (a.target >= 0 && std::find(used.begin(), used.end(), a.target) == used.end()) {
      used.push_back(a.target);
    }
  }
  std::sort(used.begin(), used.end());
  return used;
}

void DrawMultipliers(JourneyPlan* plan, const std::vector<int>& used, Rng& rng) {
  size_t n_targets = plan->targets.size();
  std::vector<int> win_targets;
  for (int t : used) {
    if (t < plan->win_count) win_targets.push_back(t);
  }
  // Every channel but Direct specialises in one win, in a drawn order, so each win gets its
  // own strong channels.
  std::vector<size_t> order;
  for (size_t c = 0; c < plan->channels.size(); ++c) {
    if (!plan->channels[c].direct) order.push_back(c);
  }
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.Below(i)]);
  for (size_t k = 0; k < order.size(); ++k) {
    size_t c = order[k];
    int specialty = win_targets.empty() ? -1 : win_targets[k % win_targets.size()];
    for (int t : used) {
      double m = t == specialty        ? Round2(rng.Range(kSpecialtyMin, kSpecialtyMax))
                 : t < plan->win_count ? LogUniform(rng, kOtherMin, kOtherMax)
                                       : LogUniform(rng, kMilestoneMin, kMilestoneMax);
      plan->multiplier[c * n_targets + static_cast<size_t>(t)] = m;
    }
  }
  for (int t : win_targets) {
    double* top = nullptr;
    double second = 0;
    for (size_t c : order) {
      double* m = &plan->multiplier[c * n_targets + static_cast<size_t>(t)];
      if (top == nullptr || *m > *top) {
        if (top != nullptr) second = *top;
        top = m;
      } else {
        second = std::max(second, *m);
      }
    }
    if (top != nullptr && *top < kTopMargin * second) *top = Round2(kTopMargin * second + 0.005);
  }
}

Status ApplyEffects(JourneyPlan* plan, const std::vector<int>& used) {
  for (const PlantedEffect& e : plan->options.effects) {
    int c = -1;
    for (size_t i = 0; i < plan->channels.size(); ++i) {
      if (plan->channels[i].name == e.channel) c = static_cast<int>(i);
    }
    if (c < 0) {
      std::string names;
      for (const Channel& ch : plan->channels) names += (names.empty() ? "" : ", ") + ch.name;
      return Status::InvalidArgument(fmt::format(
          "simulate: effect names channel '{}', which the simulation does not have ({})", e.channel,
          names));
    }
    auto it = std::find(plan->targets.begin(), plan->targets.end(), e.target);
    int t = it == plan->targets.end() ? -1 : static_cast<int>(it - plan->targets.begin());
    if (t < 0 || std::find(used.begin(), used.end(), t) == used.end()) {
      return Status::InvalidArgument(fmt::format(
          "simulate: effect target '{}' is not a win or a milestone with a hazard of its own "
          "(a milestone reached through a win takes that win's multiplier)",
          e.target));
    }
    if (!(e.multiplier >= 0) || e.multiplier > 1000) {
      return Status::InvalidArgument(
          fmt::format("simulate: effect multiplier must be in [0, 1000], got {}", e.multiplier));
    }
    plan->multiplier[static_cast<size_t>(c) * plan->targets.size() + static_cast<size_t>(t)] =
        e.multiplier;
  }
  return Status::OK();
}

}  // namespace

Status BuildMultipliers(JourneyPlan* plan, uint64_t seed) {
  Rng rng(seed);
  size_t n_targets = plan->targets.size();
  plan->multiplier.assign(plan->channels.size() * n_targets, 1.0);
  std::vector<int> used = UsedTargets(*plan);
  DrawMultipliers(plan, used, rng);
  WINPATH_RETURN_IF_ERROR(ApplyEffects(plan, used));
  size_t n_actions = plan->actions.size();
  plan->base_hazard.resize(n_actions);
  plan->hazard.resize(plan->channels.size() * n_actions);
  for (size_t a = 0; a < n_actions; ++a) {
    const Action& action = plan->actions[a];
    plan->base_hazard[a] = action.base;
    double log_stay = Log(1 - action.base);
    for (size_t c = 0; c < plan->channels.size(); ++c) {
      double m = action.target < 0 ? 1.0 : plan->Multiplier(c, static_cast<size_t>(action.target));
      // A multiplier scales the hazard: P(step in a session) = 1 - (1 - base)^m.
      plan->hazard[c * n_actions + a] = 1 - Exp(m * log_stay);
    }
  }
  return Status::OK();
}

}  // namespace winpath::sim
