// Markov-chain attribution (removal effects) over a PathTable, solved exactly
// (docs/analyses/markov.md).
//
//   P          probability that a journey of the order-k chain (markov_chain.h) ends in
//              "(conversion)"; with every path counted, P = conversions / journeys.
//   P(-x)      the same with channel x removed: every transition into a state whose channels
//              include x goes to "(null)".
//   RE(x)      removal effect = 1 - P(-x) / P, in [0, 1].
//   credit(x)  conversions * RE(x) / sum of RE over the channels.
//   value      the same with conversions weighted by win value: a conversion from state s pays
//              the mean value of the conversions observed there; V, V(-x), REv(x) = 1 - V(-x)/V,
//              value credit = total value * REv(x) / sum of REv. Defined only when every path's
//              value is >= 0 and the total value is > 0 (otherwise null).
//
// Unlike ChannelAttribution's markov_model, which estimates P(-x) by Monte Carlo simulation,
// P and P(-x) are solved from the chain's linear system (markov_absorption.h), so results are
// exact and the same on every run.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "model/path_table.h"

namespace winpath {

struct MarkovConfig {
  int order = 1;                    // states are the last `order` channels; 1..4
  bool collapse_repeats = true;     // "a > a > b" counts as "a > b" (ChannelAttribution's rule)
  bool include_transitions = true;  // fill MarkovResult::transitions
};

// OK, or InvalidArgument naming the bad field and the allowed range.
Status ValidateMarkovConfig(const MarkovConfig& config);

struct MarkovChannelCredit {
  std::string channel;
  double removal_effect = 0;                   // RE(x), in [0, 1]
  double conversion_probability_without = 0;   // P(-x)
  double conversions = 0;                      // credited conversions
  std::optional<double> removal_effect_value;  // REv(x); null when value credit is undefined
  std::optional<double> value;                 // credited value; null likewise
  bool operator==(const MarkovChannelCredit&) const = default;
};

// One transition of the estimated chain. `from` is "(start)" or a state name ("search > email"
// at order 2); `to` is a state name, "(conversion)" or "(null)".
struct MarkovTransition {
  std::string from;
  std::string to;
  int64_t count = 0;       // journeys that made this transition
  double probability = 0;  // count / journeys leaving `from`
  bool operator==(const MarkovTransition&) const = default;
};

struct MarkovResult {
  int order = 1;
  bool collapse_repeats = true;
  int64_t journeys = 0;  // conversions + nulls
  int64_t conversions = 0;
  int64_t nulls = 0;
  double value = 0;                         // total win value
  double conversion_probability = 0;        // P
  std::optional<double> value_per_journey;  // V; null when value credit is undefined
  int64_t states = 0;                       // channel states of the chain (start not counted)
  // One entry per channel of the table, in the table's channel order; a channel on no path
  // with journeys has removal effect 0.
  std::vector<MarkovChannelCredit> channels;
  // Grouped by source state in order of first appearance; within a source, channel states in
  // order of first appearance, then "(conversion)", then "(null)". Empty unless
  // config.include_transitions.
  std::vector<MarkovTransition> transitions;
  bool operator==(const MarkovResult&) const = default;
};

// Fits the chain of `table` and credits its channels. Errors:
//   InvalidArgument     the config (ValidateMarkovConfig) or the table (ValidatePathTable)
//   FailedPrecondition  no conversions in the table: "too few conversions for a Markov model: 0"
//   OutOfRange          journey counts overflow int64
//   Internal / ResourceExhausted from the linear solve (markov_absorption.h)
Result<MarkovResult> RunMarkovAttribution(const PathTable& table, const MarkovConfig& config);

}  // namespace winpath
