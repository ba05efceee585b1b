// Drivers: which touchpoints are over- or under-represented among the persons who went from
// milestone A to milestone B within a window, compared with those who did not — per
// touchpoint the share of each group who had it, the odds ratio with a Woolf interval, Fisher's
// exact test, and Benjamini–Hochberg q-values across the touchpoints. Exact semantics:
// docs/analyses/drivers.md.
//
// DriversState is an analysis kernel (kernel.h): Add one person at a time, Merge partial
// states, Finalize into a DriversResult that carries names.
//
// Cost: Add is one ReachPairMatcher pass plus one pass over the person's period; a touchpoint
// is counted once per person with a generation stamp per node (no clearing, no allocation).
// Memory: 2 counters + 1 stamp per node (channels or event names).
//
// Thread-safety: a state is used by one thread at a time; the config is shared read-only.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/odds_ratio.h"
#include "analysis/paths.h"
#include "analysis/reach_pair_matcher.h"
#include "model/person_view.h"

namespace winpath {

enum class DriverVerdict : uint8_t {
  kTooRare = 0,       // fewer persons than min_support had it: not tested
  kNoDifference = 1,  // q >= alpha (or no odds ratio: one group is empty)
  kOver = 2,          // q < alpha and odds ratio > 1: more common among converters
  kUnder = 3,         // q < alpha and odds ratio < 1: less common among converters
};

// "too rare", "no clear difference", "over-represented", "under-represented".
std::string_view DriverVerdictName(DriverVerdict verdict);

struct DriversConfig {
  ReachPairConfig pair;  // A = pair.from, B = pair.to, the window and the data end
  bool has_data_end = false;
  PathNodeKind node = PathNodeKind::kChannel;
  // Name of node id k: channel id c is node_names[c] (node_names[0] unused); event name id k.
  std::vector<std::string> node_names;
  int64_t min_support = 30;  // REQUIRES: >= 1
  double alpha = 0.05;       // REQUIRES: in (0, 1)
  double confidence = 0.95;  // REQUIRES: in (0, 1)
};

struct DriverRow {
  std::string touchpoint;
  int64_t support = 0;                          // persons of the cohort who had it: a + c
  int64_t converted_with = 0;                   // a: converters who had it
  int64_t not_converted_with = 0;               // c: non-converters who had it
  std::optional<double> share_converted;        // a / converters; null when no converters
  std::optional<double> share_not_converted;    // c / non-converters; null when none
  std::optional<OddsRatioEstimate> odds_ratio;  // converters vs non-converters; null when too
                                                // rare or a group is empty
  std::optional<double> p_value;                // Fisher, two-sided; null when too rare
  std::optional<double> q_value;                // BH across the tested touchpoints
  DriverVerdict verdict = DriverVerdict::kTooRare;
  bool operator==(const DriverRow&) const = default;
};

struct DriversResult {
  std::string from, to;
  TimeMs window = 0;
  PathNodeKind node = PathNodeKind::kChannel;
  std::optional<TimeMs> data_end;
  int64_t min_support = 0;
  double alpha = 0.05, confidence = 0.95;
  int64_t reached = 0;      // persons who reached A
  int64_t in_progress = 0;  // of them, window open at the data end: left out
  int64_t persons = 0;      // the cohort: reached - in_progress = converted + not_converted
  int64_t converted = 0;    // reached B after A within the window
  int64_t not_converted = 0;
  // Touchpoints with support >= min_support: odds ratio descending (over-represented first),
  // then support descending, then name; rows without an odds ratio last.
  std::vector<DriverRow> touchpoints;
  // Touchpoints with 0 < support < min_support: support descending, then name.
  std::vector<DriverRow> too_rare;
  bool operator==(const DriversResult&) const = default;
};

class DriversState {
 public:
  // REQUIRES: config satisfies the REQUIRES above (the query layer checks them).
  explicit DriversState(std::shared_ptr<const DriversConfig> config);

  void Add(const PersonView& person);
  // REQUIRES: `other` was built from the same config.
  void Merge(const DriversState& other);
  DriversResult Finalize() const;

 private:
  DriverRow Row(size_t node) const;

  std::shared_ptr<const DriversConfig> config_;
  int64_t reached_ = 0, in_progress_ = 0, converted_ = 0, not_converted_ = 0;
  std::vector<int64_t> with_converted_;      // [node]
  std::vector<int64_t> with_not_converted_;  // [node]
  // Scratch: stamp_[node] == generation_ when the current person already had the node.
  std::vector<uint32_t> stamp_;
  uint32_t generation_ = 0;
};

}  // namespace winpath
