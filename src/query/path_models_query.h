// RunPathModels: the path-based attribution models (Markov chain, Shapley value) over an
// EventTable — journeys extracted per win (docs/analyses/journeys.md), then each model fitted
// to each win's path table (docs/analyses/markov.md, docs/analyses/shapley.md).
//
// A win whose journeys cannot carry a model (no conversions at all) is not an error: its entry
// says why it was skipped, so `analyze --analysis all` still answers for the other wins.
//
// Thread-safety: reads the table and map concurrently from options.threads threads; both must
// stay unchanged during the call.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/journey_paths.h"
#include "analysis/markov_attribution.h"
#include "analysis/shapley_attribution.h"
#include "base/result.h"
#include "model/event_table.h"
#include "model/journey_map.h"
#include "query/journey_paths_query.h"
#include "query/run_kernel.h"

namespace winpath {

enum class PathModel : uint8_t { kMarkov, kShapley };

struct PathModelsSpec {
  JourneyPathsSpec journeys;  // wins and lookback
  MarkovConfig markov;        // order, repeats; used by kMarkov
  ShapleyMethod shapley = ShapleyMethod::kClosedForm;
  // Bootstrap intervals of the conversion credits: every replicate redraws each path's
  // conversions and nulls as Poisson(observed count) — the Poisson bootstrap over journeys —
  // and refits the model; the interval is the replicates' quantiles at `confidence`.
  bool intervals = false;
  int replicates = 200;      // REQUIRES: 10..10000
  double confidence = 0.95;  // REQUIRES: in (0, 1)
};

struct PathCreditInterval {
  std::string channel;
  double conversions_lower = 0, conversions_upper = 0;
  bool operator==(const PathCreditInterval&) const = default;
};

struct PathModelWin {
  JourneyPathsWin journeys;  // counts and the path table the models read
  std::optional<MarkovResult> markov;
  std::optional<ShapleyResult> shapley;
  std::string skipped;  // why the model has no result for this win ("" when it has one)
  // With spec.intervals: one per channel of the result, in its order; else empty.
  std::vector<PathCreditInterval> intervals;
  bool operator==(const PathModelWin&) const = default;
};

struct PathModelsResult {
  PathModel model = PathModel::kMarkov;
  TimeMs lookback = 0;
  int64_t max_path_length = 0;
  double confidence = 0.95;        // of `intervals`
  std::vector<PathModelWin> wins;  // in spec order (default: map order)
  bool operator==(const PathModelsResult&) const = default;
};

// Fits `model` to every selected win. InvalidArgument for a bad spec (unknown win, lookback <=
// 0, Markov order outside 1..4, enumeration over too many channels); a win without conversions
// is skipped with the model's FailedPrecondition message.
Result<PathModelsResult> RunPathModel(const JourneyPathsResult& journeys, PathModel model,
                                      const PathModelsSpec& spec);

}  // namespace winpath
