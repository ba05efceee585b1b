#include "analysis/markov_attribution.h"

#include <algorithm>
#include <cmath>

#include "analysis/markov_absorption.h"
#include "analysis/markov_chain.h"

namespace winpath {
namespace {

// 1 - without / with, snapped to 0 within rounding of the solve (a channel that carries no
// conversion probability gives 1 - 0.9999999999999998 otherwise) and clamped to [0, 1], its
// mathematical range when every pay-off is >= 0.
double RemovalEffect(double without, double with) {
  double re = 1.0 - without / with;
  if (std::fabs(re) < 1e-12) return 0;
  return std::clamp(re, 0.0, 1.0);
}

// For each channel, the states whose channels include it (once each).
std::vector<std::vector<int32_t>> StatesByChannel(const MarkovChain& chain, size_t channels) {
  std::vector<std::vector<int32_t>> by_channel(channels);
  for (int32_t s = 1; s < chain.num_states(); ++s) {
    std::vector<uint16_t> cs = chain.StateChannels(s);
    std::sort(cs.begin(), cs.end());
    cs.erase(std::unique(cs.begin(), cs.end()), cs.end());
    for (uint16_t c : cs) by_channel[c].push_back(s);
  }
  return by_channel;
}

bool ValueCreditDefined(const PathTable& table, const MarkovChain& chain) {
  for (const JourneyPath& p : table.paths) {
    if (p.value < 0) return false;
  }
  return chain.total_value > 0;
}

// Removal effects of every channel; credits are filled in by Normalize.
Status RemoveEachChannel(const PathTable& table, const MarkovChain& chain,
                         const MarkovAbsorption& all, bool with_value, MarkovResult* r) {
  std::vector<std::vector<int32_t>> by_channel = StatesByChannel(chain, table.channel_names.size());
  std::vector<uint8_t> removed(chain.num_states(), 0);
  for (size_t c = 0; c < table.channel_names.size(); ++c) {
    MarkovChannelCredit credit;
    credit.channel = table.channel_names[c];
    MarkovAbsorption without = all;
    if (!by_channel[c].empty()) {
      for (int32_t s : by_channel[c]) removed[s] = 1;
      Result<MarkovAbsorption> solved = SolveMarkovAbsorption(chain, removed);
      for (int32_t s : by_channel[c]) removed[s] = 0;
      if (!solved.ok()) return solved.status();
      without = *solved;
    }
    credit.conversion_probability_without = without.conversion_probability;
    credit.removal_effect =
        RemovalEffect(without.conversion_probability, all.conversion_probability);
    if (with_value) {
      credit.removal_effect_value = RemovalEffect(without.value_per_journey, all.value_per_journey);
    }
    r->channels.push_back(std::move(credit));
  }
  return Status::OK();
}

// Shares the totals out in proportion to the removal effects. Each sum is > 0: the first
// channel of a path that converts (with value > 0) has a removal effect > 0.
void Normalize(MarkovResult* r, bool with_value) {
  double sum = 0, sum_value = 0;
  for (const MarkovChannelCredit& c : r->channels) {
    sum += c.removal_effect;
    sum_value += c.removal_effect_value.value_or(0);
  }
  for (MarkovChannelCredit& c : r->channels) {
    c.conversions = sum > 0 ? static_cast<double>(r->conversions) * c.removal_effect / sum : 0;
    if (with_value) {
      c.value = sum_value > 0 ? r->value * *c.removal_effect_value / sum_value : 0;
    }
  }
}

void AddTransitions(const PathTable& table, const MarkovChain& chain, MarkovResult* r) {
  for (int32_t s = 0; s < chain.num_states(); ++s) {
    const std::string from = chain.StateName(s, table.channel_names);
    const double out = static_cast<double>(chain.out[s]);
    auto add = [&](std::string to, int64_t count) {
      r->transitions.push_back({from, std::move(to), count, static_cast<double>(count) / out});
    };
    for (int32_t e = chain.edge_begin[s]; e < chain.edge_begin[s + 1]; ++e) {
      add(chain.StateName(chain.edge_target[e], table.channel_names), chain.edge_count[e]);
    }
    if (chain.conversions[s] > 0) add("(conversion)", chain.conversions[s]);
    if (chain.nulls[s] > 0) add("(null)", chain.nulls[s]);
  }
}

}  // namespace

Status ValidateMarkovConfig(const MarkovConfig& config) {
  if (config.order < 1 || config.order > kMarkovMaxOrder) {
    return Status::InvalidArgument("markov order " + std::to_string(config.order) +
                                   " is out of range; expected 1 to " +
                                   std::to_string(kMarkovMaxOrder));
  }
  return Status::OK();
}

Result<MarkovResult> RunMarkovAttribution(const PathTable& table, const MarkovConfig& config) {
  WINPATH_RETURN_IF_ERROR(ValidateMarkovConfig(config));
  WINPATH_ASSIGN_OR_RETURN(MarkovChain chain,
                           BuildMarkovChain(table, {.order = config.order,
                                                    .collapse_repeats = config.collapse_repeats}));
  if (chain.total_conversions == 0) {
    return Status::FailedPrecondition("too few conversions for a Markov model: 0");
  }
  MarkovResult r;
  r.order = config.order;
  r.collapse_repeats = config.collapse_repeats;
  r.journeys = chain.journeys;
  r.conversions = chain.total_conversions;
  r.nulls = chain.total_nulls;
  r.value = chain.total_value;
  r.states = chain.num_states() - 1;
  WINPATH_ASSIGN_OR_RETURN(MarkovAbsorption all, SolveMarkovAbsorption(chain));
  r.conversion_probability = all.conversion_probability;
  const bool with_value = ValueCreditDefined(table, chain) && all.value_per_journey > 0;
  if (with_value) r.value_per_journey = all.value_per_journey;
  WINPATH_RETURN_IF_ERROR(RemoveEachChannel(table, chain, all, with_value, &r));
  Normalize(&r, with_value);
  if (config.include_transitions) AddTransitions(table, chain, &r);
  return r;
}

}  // namespace winpath
