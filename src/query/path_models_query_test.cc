#include "query/path_models_query.h"

#include <gtest/gtest.h>

namespace winpath {
namespace {

// The published case: "direct" 2 conversions 1 null, "search > email" 3 / 2,
// "search > social > email" 5 / 4 — scaled up so the bootstrap has something to vary.
JourneyPathsResult Journeys(int64_t scale) {
  JourneyPathsResult r;
  JourneyPathsWin w;
  w.win = "Buy";
  w.paths.channel_names = {"direct", "search", "email", "social"};
  w.paths.paths = {{{0}, 2 * scale, 20.0 * scale, 1 * scale},
                   {{1, 2}, 3 * scale, 30.0 * scale, 2 * scale},
                   {{1, 3, 2}, 5 * scale, 50.0 * scale, 4 * scale}};
  w.conversions = 10 * scale;
  r.wins.push_back(w);
  return r;
}

TEST(PathModelsQueryTest, PublishedCaseThroughTheQuery) {
  auto r = RunPathModel(Journeys(1), PathModel::kMarkov, PathModelsSpec{});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->wins[0].markov.has_value());
  EXPECT_NEAR(r->wins[0].markov->channels[3].removal_effect, 18.0 / 35, 1e-12);
  EXPECT_TRUE(r->wins[0].intervals.empty());  // only on request
}

TEST(PathModelsQueryTest, BootstrapIntervalsHoldTheCreditAndAreReproducible) {
  PathModelsSpec spec;
  spec.intervals = true;
  for (PathModel model : {PathModel::kMarkov, PathModel::kShapley}) {
    auto a = RunPathModel(Journeys(100), model, spec);
    auto b = RunPathModel(Journeys(100), model, spec);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(*a, *b);
    const PathModelWin& w = a->wins[0];
    ASSERT_EQ(w.intervals.size(), 4u);
    for (size_t c = 0; c < 4; ++c) {
      const double credit = model == PathModel::kMarkov ? w.markov->channels[c].conversions
                                                        : w.shapley->channels[c].conversions;
      EXPECT_LT(w.intervals[c].conversions_lower, credit) << c;
      EXPECT_GT(w.intervals[c].conversions_upper, credit) << c;
      EXPECT_EQ(w.intervals[c].channel, w.journeys.paths.channel_names[c]);
    }
  }
}

TEST(PathModelsQueryTest, MoreJourneysGiveNarrowerIntervals) {
  PathModelsSpec spec;
  spec.intervals = true;
  auto small = RunPathModel(Journeys(20), PathModel::kShapley, spec);
  auto large = RunPathModel(Journeys(2000), PathModel::kShapley, spec);
  ASSERT_TRUE(small.ok() && large.ok());
  // Relative width of the "direct" credit: ~1/sqrt(n).
  auto width = [](const PathModelWin& w, double scale) {
    return (w.intervals[0].conversions_upper - w.intervals[0].conversions_lower) / scale;
  };
  EXPECT_LT(width(large->wins[0], 2000), width(small->wins[0], 20) / 5);
}

TEST(PathModelsQueryTest, WinWithoutConversionsIsSkippedNotAnError) {
  JourneyPathsResult j = Journeys(1);
  for (JourneyPath& p : j.wins[0].paths.paths) p.conversions = 0, p.value = 0;
  j.wins[0].conversions = 0;
  for (PathModel model : {PathModel::kMarkov, PathModel::kShapley}) {
    auto r = RunPathModel(j, model, PathModelsSpec{});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_FALSE(r->wins[0].skipped.empty());
  }
}

TEST(PathModelsQueryTest, BadSpecsAreInvalidArgument) {
  PathModelsSpec spec;
  spec.markov.order = 5;
  EXPECT_EQ(RunPathModel(Journeys(1), PathModel::kMarkov, spec).status().code(),
            StatusCode::kInvalidArgument);
  PathModelsSpec few;
  few.intervals = true;
  few.replicates = 3;
  EXPECT_EQ(RunPathModel(Journeys(1), PathModel::kShapley, few).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace winpath
