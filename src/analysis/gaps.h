// Gaps: for every target rate the journey map states ("Trial -> Purchase 25% within 30d"), the
// rate persons actually reached, a Wilson interval, the gap, an exact binomial test against the
// target, Benjamini–Hochberg q-values across the targets, and a verdict. Exact semantics:
// docs/analyses/gaps.md.
//
// GapsState is an analysis kernel (kernel.h): Add one person at a time, Merge partial states,
// Finalize into a GapsResult that carries names, so report/ needs no table.
//
// Cost: Add computes the OR of the person's masks once, then one ReachPairMatcher pass per
// target whose `from` bit is in it (reach_pair_matcher.h). Memory: 4 counters per target.
//
// Thread-safety: a state is used by one thread at a time; the config is shared read-only.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/funnel_step.h"
#include "analysis/reach_pair_matcher.h"
#include "analysis/wilson_interval.h"
#include "model/person_view.h"
#include "model/timestamp.h"

namespace winpath {

enum class GapVerdict : uint8_t {
  kNoData = 0,    // nobody's window closed: no rate to compare
  kTooFew = 1,    // not significant, and n·p0 < 10 or n·(1 − p0) < 10 (0 < p0 < 1)
  kOnTarget = 2,  // not significant (q >= alpha) with enough persons
  kBelowTarget = 3,
  kAboveTarget = 4,
};

// "no data", "too few persons to tell", "on target", "below target", "above target".
std::string_view GapVerdictName(GapVerdict verdict);

// Persons with fewer expected conversions or non-conversions than this cannot show a gap.
inline constexpr double kMinExpectedCount = 10;

struct GapsTargetConfig {
  JourneyStep from, to;            // REQUIRES: different bits
  TimeMs within = 30 * kMsPerDay;  // REQUIRES: > 0
  double expected_rate = 0;        // REQUIRES: in [0, 1]
  // Only persons whose first touch (first event with a channel, in the scan) has this channel
  // id; 0 = everyone.
  uint8_t channel = 0;
  std::string channel_name;  // "" when channel is 0
};

struct GapsConfig {
  std::vector<GapsTargetConfig> targets;
  TimeMs data_end = 0;        // first instant not covered by the data
  bool has_data_end = false;  // false when the table is empty
  double alpha = 0.05;        // REQUIRES: in (0, 1); q < alpha is a gap
  double confidence = 0.95;   // REQUIRES: in (0, 1); of the Wilson interval
};

struct GapsTargetResult {
  std::string from, to;
  std::string channel;  // first-touch channel the target is about; "" = everyone
  TimeMs within = 0;
  double expected_rate = 0;
  int64_t reached = 0;      // persons who reached `from`
  int64_t in_progress = 0;  // of them, window still open at the data end (not in `persons`)
  int64_t in_progress_converted = 0;  // of the in-progress persons, converted already
  int64_t persons = 0;                // n: reached with the window closed = reached - in_progress
  int64_t converted = 0;              // x: of the n persons, reached `to` within the window
  // Null when n = 0.
  std::optional<double> actual_rate;  // x / n
  std::optional<ProportionInterval> interval;
  std::optional<double> gap;      // actual_rate - expected_rate
  std::optional<double> p_value;  // exact binomial, two-sided
  std::optional<double> q_value;  // BH across the targets with n > 0
  GapVerdict verdict = GapVerdict::kNoData;
  bool operator==(const GapsTargetResult&) const = default;
};

struct GapsResult {
  std::optional<TimeMs> data_end;
  double alpha = 0.05, confidence = 0.95;
  std::string test;                       // kExactBinomialTestMethod
  std::vector<GapsTargetResult> targets;  // in map order
  bool operator==(const GapsResult&) const = default;
};

class GapsState {
 public:
  // REQUIRES: config satisfies the REQUIRES above (the query layer checks them).
  explicit GapsState(std::shared_ptr<const GapsConfig> config);

  void Add(const PersonView& person);
  // REQUIRES: `other` was built from the same config.
  void Merge(const GapsState& other);
  GapsResult Finalize() const;

 private:
  struct Counts {
    int64_t reached = 0, in_progress = 0, in_progress_converted = 0, converted = 0;
  };

  std::shared_ptr<const GapsConfig> config_;
  // One per target, built once from the config and shared by copies of the state.
  std::shared_ptr<const std::vector<ReachPairConfig>> pairs_;
  std::vector<Counts> counts_;
};

}  // namespace winpath
