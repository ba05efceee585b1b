#include "query/path_models_query.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "query/nearest_rank.h"

namespace winpath {
namespace {

// Conversion credit per channel name of one fit, or a non-OK status.
Result<std::vector<std::pair<std::string, double>>> Credits(const PathTable& table, PathModel model,
                                                            const PathModelsSpec& spec) {
  std::vector<std::pair<std::string, double>> out;
  if (model == PathModel::kMarkov) {
    WINPATH_ASSIGN_OR_RETURN(MarkovResult m, RunMarkovAttribution(table, spec.markov));
    for (const MarkovChannelCredit& c : m.channels) out.emplace_back(c.channel, c.conversions);
  } else {
    WINPATH_ASSIGN_OR_RETURN(ShapleyResult s, ComputeShapley(table, spec.shapley));
    for (const ShapleyCredit& c : s.channels) out.emplace_back(c.channel, c.conversions);
  }
  return out;
}

// The Poisson bootstrap of `table` (docs/analyses/markov.md#intervals). A replicate without
// any conversion cannot be fitted and counts as 0 credit for every channel.
std::vector<PathCreditInterval> BootstrapIntervals(const PathTable& table, PathModel model,
                                                   const PathModelsSpec& spec,
                                                   const std::vector<std::string>& channels,
                                                   uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::vector<double>> draws(channels.size());
  PathTable replicate = table;
  for (int b = 0; b < spec.replicates; ++b) {
    for (size_t i = 0; i < table.paths.size(); ++i) {
      const JourneyPath& p = table.paths[i];
      JourneyPath& r = replicate.paths[i];
      r.conversions =
          p.conversions > 0
              ? std::poisson_distribution<int64_t>(static_cast<double>(p.conversions))(rng)
              : 0;
      r.nulls =
          p.nulls > 0 ? std::poisson_distribution<int64_t>(static_cast<double>(p.nulls))(rng) : 0;
      r.value = p.conversions > 0 ? p.value * static_cast<double>(r.conversions) /
                                        static_cast<double>(p.conversions)
                                  : 0;
    }
    auto credits = Credits(replicate, model, spec);
    for (size_t c = 0; c < channels.size(); ++c) {
      double x = 0;
      if (credits.ok()) {
        for (const auto& [name, credit] : *credits) {
          if (name == channels[c]) x = credit;
        }
      }
      draws[c].push_back(x);
    }
  }
  std::vector<PathCreditInterval> out;
  for (size_t c = 0; c < channels.size(); ++c) {
    std::sort(draws[c].begin(), draws[c].end());
    out.push_back({channels[c], NearestRankQuantile(draws[c], (1 - spec.confidence) / 2),
                   NearestRankQuantile(draws[c], (1 + spec.confidence) / 2)});
  }
  return out;
}

}  // namespace

Result<PathModelsResult> RunPathModel(const JourneyPathsResult& journeys, PathModel model,
                                      const PathModelsSpec& spec) {
  WINPATH_RETURN_IF_ERROR(ValidateMarkovConfig(spec.markov));
  if (spec.intervals && (spec.replicates < 10 || spec.replicates > 10000)) {
    return Status::InvalidArgument("replicates: must be in 10..10000, got " +
                                   std::to_string(spec.replicates));
  }
  if (spec.intervals && !(spec.confidence > 0 && spec.confidence < 1)) {
    return Status::InvalidArgument("confidence: must be in (0, 1), e.g. 0.95");
  }
  PathModelsResult r;
  r.model = model;
  r.lookback = journeys.lookback;
  r.max_path_length = journeys.max_path_length;
  r.confidence = spec.confidence;
  for (const JourneyPathsWin& w : journeys.wins) {
    PathModelWin out;
    out.journeys = w;
    Status status;
    if (model == PathModel::kMarkov) {
      Result<MarkovResult> m = RunMarkovAttribution(w.paths, spec.markov);
      if (m.ok()) out.markov = std::move(*m);
      status = m.status();
    } else if (w.conversions - w.unattributed == 0) {
      status = Status::FailedPrecondition("no conversion with a touch to share");
    } else {
      Result<ShapleyResult> s = ComputeShapley(w.paths, spec.shapley);
      if (s.ok()) out.shapley = std::move(*s);
      status = s.status();
    }
    if (status.code() == StatusCode::kFailedPrecondition) {
      out.skipped = status.message();
    } else if (!status.ok()) {
      return status.WithPrefix("win '" + w.win + "'");
    } else if (spec.intervals) {
      std::vector<std::string> channels;
      if (out.markov) {
        for (const MarkovChannelCredit& c : out.markov->channels) channels.push_back(c.channel);
      } else {
        for (const ShapleyCredit& c : out.shapley->channels) channels.push_back(c.channel);
      }
      // One stream per win, the same on every run.
      out.intervals =
          BootstrapIntervals(w.paths, model, spec, channels, 0x77696e70617468ULL + r.wins.size());
    }
    r.wins.push_back(std::move(out));
  }
  return r;
}

}  // namespace winpath
