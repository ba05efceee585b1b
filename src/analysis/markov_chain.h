// MarkovChain: the absorbing Markov chain of order k estimated from a PathTable
// (docs/analyses/markov.md#chain).
//
// Transient states are the start state and one state per observed sequence of the last
// min(i, k) channels after the i-th touch of a journey; "(conversion)" and "(null)" are the
// absorbing states and are not numbered. A journey "a > b" with c conversions and n nulls adds
// c + n to the counts of start -> (a) and (a) -> (a, b), c to the conversions of state (a, b)
// and n to its nulls. Transition probabilities are counts divided by the state's outgoing total.
//
// With `collapse_repeats`, consecutive repeats of one channel count as one touch
// ("a > a > b" is "a > b"), as ChannelAttribution's markov_model does; without it a repeat is a
// transition like any other (a self-loop at order 1).
//
// Cost: O(total length of the distinct paths) expected time (two hash look-ups per touch), and
// memory O(states + transitions).
//
// Thread-safety: a plain value; Build is a pure function.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "model/path_table.h"

namespace winpath {

inline constexpr int kMarkovMaxOrder = 4;

struct MarkovChainOptions {
  int order = 1;  // REQUIRES: 1 <= order <= kMarkovMaxOrder
  bool collapse_repeats = true;
};

struct MarkovChain {
  static constexpr int32_t kStart = 0;

  // Per transient state s (state 0 is the start state):
  //   key[s]: the state's channels, oldest first, as (channel + 1) in 16-bit slots with the
  //           newest in the lowest slot; 0 for the start state.
  //   conversions[s], nulls[s], value[s]: journeys that ended in s, and their total win value.
  //   out[s]: every journey leaving s (transitions + conversions + nulls), > 0.
  std::vector<uint64_t> key;
  std::vector<int64_t> conversions;
  std::vector<int64_t> nulls;
  std::vector<double> value;
  std::vector<int64_t> out;
  // Transitions between transient states, grouped by source: those of s are
  // [edge_begin[s], edge_begin[s + 1]) in order of first appearance, each with its target
  // state and journey count.
  std::vector<int32_t> edge_begin;
  std::vector<int32_t> edge_target;
  std::vector<int64_t> edge_count;

  int order = 1;
  bool collapse_repeats = true;
  int64_t journeys = 0;  // conversions + nulls over the table
  int64_t total_conversions = 0;
  int64_t total_nulls = 0;
  double total_value = 0;

  int32_t num_states() const { return static_cast<int32_t>(key.size()); }
  // The channel indexes of state s, oldest first (empty for the start state).
  std::vector<uint16_t> StateChannels(int32_t s) const;
  // "(start)", or the channel names joined by " > " ("search > email").
  std::string StateName(int32_t s, const std::vector<std::string>& channel_names) const;
};

// Builds the chain of `table`; paths with no journeys (0 conversions, 0 nulls) add nothing.
// Returns InvalidArgument for a table that fails ValidatePathTable or names more than 65,535
// channels, OutOfRange when a count overflows int64.
// REQUIRES: 1 <= options.order <= kMarkovMaxOrder (the caller validates user input).
Result<MarkovChain> BuildMarkovChain(const PathTable& table, const MarkovChainOptions& options);

}  // namespace winpath
