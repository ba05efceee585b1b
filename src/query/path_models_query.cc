#include "query/path_models_query.h"

namespace winpath {

Result<PathModelsResult> RunPathModel(const JourneyPathsResult& journeys, PathModel model,
                                      const PathModelsSpec& spec) {
  WINPATH_RETURN_IF_ERROR(ValidateMarkovConfig(spec.markov));
  PathModelsResult r;
  r.model = model;
  r.lookback = journeys.lookback;
  r.max_path_length = journeys.max_path_length;
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
    }
    r.wins.push_back(std::move(out));
  }
  return r;
}

}  // namespace winpath
