#include "analysis/kaplan_meier.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace winpath {
namespace {

// Freireich et al. (1963), remission times in weeks of the 21 leukemia patients on 6-MP
// ("+" = censored): 6 6 6 6+ 7 9+ 10 10+ 11+ 13 16 17+ 19+ 20+ 22 23 25+ 32+ 32+ 34+ 35+.
// The KM table of this sample is printed in Kleinbaum & Klein, "Survival Analysis", ch. 2, and
// in Collett, "Modelling Survival Data in Medical Research".
std::vector<SurvivalObservation> SixMp() {
  std::vector<SurvivalObservation> obs;
  for (int64_t t : {6, 6, 6, 7, 10, 13, 16, 22, 23}) obs.push_back({t, true});
  for (int64_t t : {6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35}) obs.push_back({t, false});
  return obs;
}

// The placebo group of the same trial: 21 relapses, no censoring.
std::vector<SurvivalObservation> Placebo() {
  std::vector<SurvivalObservation> obs;
  for (int64_t t : {1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23}) {
    obs.push_back({t, true});
  }
  return obs;
}

KaplanMeierPercentile Undefined(double q) { return {q, std::nullopt, std::nullopt, std::nullopt}; }

TEST(KaplanMeierTest, SixMpStepsByHand) {
  auto obs = SixMp();
  const KaplanMeierCurve c = EstimateKaplanMeier(obs);
  EXPECT_EQ(c.observations, 21);
  EXPECT_EQ(c.events, 9);
  EXPECT_EQ(c.censored_before_first_step, 0);
  ASSERT_EQ(c.steps.size(), 7u);
  const int64_t times[] = {6, 7, 10, 13, 16, 22, 23};
  const int64_t at_risk[] = {21, 17, 15, 12, 11, 7, 6};
  const int64_t events[] = {3, 1, 1, 1, 1, 1, 1};
  const int64_t censored[] = {1, 1, 2, 0, 3, 0, 5};  // in [t, next t)
  // S(t) as exact fractions: 18/21, then * 16/17, * 14/15, * 11/12, * 10/11, * 6/7, * 5/6.
  const double s[] = {18.0 / 21,
                      18.0 / 21 * 16 / 17,
                      18.0 / 21 * 16 / 17 * 14 / 15,
                      18.0 / 21 * 16 / 17 * 14 / 15 * 11 / 12,
                      18.0 / 21 * 16 / 17 * 14 / 15 * 11 / 12 * 10 / 11,
                      18.0 / 21 * 16 / 17 * 14 / 15 * 11 / 12 * 10 / 11 * 6 / 7,
                      18.0 / 21 * 16 / 17 * 14 / 15 * 11 / 12 * 10 / 11 * 6 / 7 * 5 / 6};
  for (size_t i = 0; i < 7; ++i) {
    SCOPED_TRACE(times[i]);
    EXPECT_EQ(c.steps[i].time, times[i]);
    EXPECT_EQ(c.steps[i].at_risk, at_risk[i]);
    EXPECT_EQ(c.steps[i].events, events[i]);
    EXPECT_EQ(c.steps[i].censored, censored[i]);
    EXPECT_NEAR(c.steps[i].survival, s[i], 1e-15);
  }
}

TEST(KaplanMeierTest, SixMpMatchesPublishedTable) {
  auto obs = SixMp();
  const KaplanMeierCurve c = EstimateKaplanMeier(obs);
  ASSERT_EQ(c.steps.size(), 7u);
  // The published table (S to 3 places, Greenwood SE to 4), and R's survfit(...,
  // conf.type = "log-log") 95% limits to 3 places.
  const double s[] = {0.857, 0.807, 0.753, 0.690, 0.627, 0.538, 0.448};
  const double se[] = {0.0764, 0.0869, 0.0963, 0.1068, 0.1141, 0.1282, 0.1346};
  const double lo[] = {0.620, 0.563, 0.503, 0.432, 0.368, 0.268, 0.188};
  const double hi[] = {0.952, 0.923, 0.889, 0.849, 0.805, 0.747, 0.680};
  for (size_t i = 0; i < 7; ++i) {
    SCOPED_TRACE(c.steps[i].time);
    EXPECT_NEAR(c.steps[i].survival, s[i], 5e-4);
    ASSERT_TRUE(c.steps[i].std_err && c.steps[i].lower && c.steps[i].upper);
    EXPECT_NEAR(*c.steps[i].std_err, se[i], 5e-5);
    EXPECT_NEAR(*c.steps[i].lower, lo[i], 5e-4);
    EXPECT_NEAR(*c.steps[i].upper, hi[i], 5e-4);
  }
  // Greenwood by hand at t = 6: S^2 * 3 / (21 * 18).
  EXPECT_NEAR(*c.steps[0].std_err, 18.0 / 21 * std::sqrt(3.0 / (21 * 18)), 1e-15);
  EXPECT_NEAR(c.z, 1.959963984540054, 1e-12);
}

TEST(KaplanMeierTest, SixMpPercentiles) {
  auto obs = SixMp();
  const KaplanMeierCurve c = EstimateKaplanMeier(obs);
  // Median 23 weeks, 95% CI 13 to not reached (as R's log-log limits).
  EXPECT_EQ(KaplanMeierPercentileOf(c, 0.5), (KaplanMeierPercentile{0.5, 23, 13, std::nullopt}));
  // S(10) = 0.753 > 0.75 >= S(13); intervals containing 0.75: t = 6 .. 16; at 22 it is < 0.75.
  EXPECT_EQ(KaplanMeierPercentileOf(c, 0.25), (KaplanMeierPercentile{0.25, 13, 6, 22}));
  // S never reaches 0.25, but the interval at 23 (0.188 .. 0.680) contains it.
  EXPECT_EQ(KaplanMeierPercentileOf(c, 0.75),
            (KaplanMeierPercentile{0.75, std::nullopt, 23, std::nullopt}));
  EXPECT_EQ(KaplanMeierPercentileOf(c, 0.9), Undefined(0.9));
}

TEST(KaplanMeierTest, PlaceboReachesZero) {
  auto obs = Placebo();
  const KaplanMeierCurve c = EstimateKaplanMeier(obs);
  ASSERT_EQ(c.steps.size(), 12u);
  const KaplanMeierStep& last = c.steps.back();
  EXPECT_EQ(last.time, 23);
  EXPECT_EQ(last.at_risk, 1);
  EXPECT_EQ(last.survival, 0.0);
  EXPECT_FALSE(last.std_err);  // Greenwood's d / (n (n - d)) is infinite
  EXPECT_FALSE(last.lower);
  EXPECT_FALSE(last.upper);
  // S(8) = 8/21 = 0.381: the median is 8, 95% CI 4 .. 11 (the log-log limits at 11 are
  // 0.117 .. 0.482, the first to exclude 0.5).
  EXPECT_NEAR(c.steps[5].survival, 8.0 / 21, 1e-15);
  EXPECT_EQ(KaplanMeierPercentileOf(c, 0.5), (KaplanMeierPercentile{0.5, 8, 4, 11}));
  EXPECT_EQ(KaplanMeierPercentileOf(c, 0.25), (KaplanMeierPercentile{0.25, 4, 1, 5}));
  // S(17) = 2/21 <= 0.1; intervals contain 0.1 from 12 to 22, and the one at 23 is null.
  EXPECT_EQ(KaplanMeierPercentileOf(c, 0.9), (KaplanMeierPercentile{0.9, 17, 12, 23}));
}

TEST(KaplanMeierTest, EventsBeforeCensoringsAtTheSameTime) {
  // The censoring is listed first; it still comes after the event at 5.
  std::vector<SurvivalObservation> obs = {{5, false}, {5, true}, {9, true}};
  const KaplanMeierCurve c = EstimateKaplanMeier(obs);
  ASSERT_EQ(c.steps.size(), 2u);
  EXPECT_EQ(c.steps[0].at_risk, 3);
  EXPECT_EQ(c.steps[0].events, 1);
  EXPECT_EQ(c.steps[0].censored, 1);
  EXPECT_DOUBLE_EQ(c.steps[0].survival, 2.0 / 3);
  EXPECT_EQ(c.steps[1].at_risk, 1);
  EXPECT_EQ(c.steps[1].survival, 0.0);
}

TEST(KaplanMeierTest, EmptyInput) {
  std::vector<SurvivalObservation> obs;
  const KaplanMeierCurve c = EstimateKaplanMeier(obs, {.confidence = 0.95, .step_at_zero = true});
  EXPECT_EQ(c.observations, 0);
  EXPECT_TRUE(c.steps.empty());
  EXPECT_EQ(KaplanMeierPercentileOf(c, 0.5), Undefined(0.5));
  EXPECT_EQ(SurvivalAt(c, 10), 1.0);
}

TEST(KaplanMeierTest, AllCensored) {
  std::vector<SurvivalObservation> obs = {{0, false}, {3, false}, {3, false}};
  KaplanMeierCurve c = EstimateKaplanMeier(obs);
  EXPECT_TRUE(c.steps.empty());
  EXPECT_EQ(c.censored_before_first_step, 3);
  c = EstimateKaplanMeier(obs, {.confidence = 0.95, .step_at_zero = true});
  ASSERT_EQ(c.steps.size(), 1u);
  EXPECT_EQ(c.steps[0], (KaplanMeierStep{0, 3, 0, 3, 1.0, 0.0, 1.0, 1.0}));
  EXPECT_EQ(KaplanMeierPercentileOf(c, 0.5), Undefined(0.5));
}

TEST(KaplanMeierTest, StepAtZero) {
  // An event at 0 is the zero step itself.
  std::vector<SurvivalObservation> obs = {{0, true}, {0, false}, {4, true}, {6, false}};
  KaplanMeierCurve c = EstimateKaplanMeier(obs, {.confidence = 0.95, .step_at_zero = true});
  ASSERT_EQ(c.steps.size(), 2u);
  EXPECT_EQ(c.steps[0].time, 0);
  EXPECT_EQ(c.steps[0].events, 1);
  EXPECT_EQ(c.steps[0].censored, 1);
  EXPECT_DOUBLE_EQ(c.steps[0].survival, 0.75);
  // Otherwise a step at 0 with S = 1 holds the censorings before the first event.
  obs = {{2, false}, {4, true}, {6, false}};
  c = EstimateKaplanMeier(obs, {.confidence = 0.95, .step_at_zero = true});
  ASSERT_EQ(c.steps.size(), 2u);
  EXPECT_EQ(c.steps[0], (KaplanMeierStep{0, 3, 0, 1, 1.0, 0.0, 1.0, 1.0}));
  EXPECT_EQ(c.steps[1].at_risk, 2);
  EXPECT_EQ(c.censored_before_first_step, 0);
}

TEST(KaplanMeierTest, PercentileAtExactlyOneMinusQ) {
  // S(2) = 3/4 * 2/3, a rounding error away from 1/2 in doubles: the median is 2, not 3.
  std::vector<SurvivalObservation> obs = {{1, true}, {2, true}, {3, true}, {4, true}};
  const KaplanMeierCurve c = EstimateKaplanMeier(obs);
  EXPECT_EQ(KaplanMeierPercentileOf(c, 0.5).time, 2);
  EXPECT_EQ(KaplanMeierPercentileOf(c, 0.25).time, 1);
  EXPECT_EQ(KaplanMeierPercentileOf(c, 0.9).time, 4);
}

TEST(KaplanMeierTest, SameBitsForAnyInputOrder) {
  auto obs = SixMp();
  const KaplanMeierCurve expected = EstimateKaplanMeier(obs);
  std::mt19937 rng(7);
  for (int round = 0; round < 20; ++round) {
    std::shuffle(obs.begin(), obs.end(), rng);
    EXPECT_EQ(EstimateKaplanMeier(obs), expected);
  }
}

TEST(KaplanMeierTest, ConfidenceLevelSetsZ) {
  auto obs = SixMp();
  const KaplanMeierCurve c90 = EstimateKaplanMeier(obs, {.confidence = 0.90});
  EXPECT_NEAR(c90.z, 1.6448536269514722, 1e-12);
  const KaplanMeierCurve c95 = EstimateKaplanMeier(obs);
  EXPECT_GT(*c90.steps[0].lower, *c95.steps[0].lower);
  EXPECT_LT(*c90.steps[0].upper, *c95.steps[0].upper);
}

TEST(KaplanMeierTest, SurvivalAtIsRightContinuous) {
  auto obs = SixMp();
  const KaplanMeierCurve c = EstimateKaplanMeier(obs);
  EXPECT_EQ(SurvivalAt(c, 5), 1.0);
  EXPECT_EQ(SurvivalAt(c, 6), c.steps[0].survival);
  EXPECT_EQ(SurvivalAt(c, 9), c.steps[1].survival);
  EXPECT_EQ(SurvivalAt(c, 100), c.steps[6].survival);
}

TEST(KaplanMeierTest, CoarsenKeepsExactValuesAtRunEnds) {
  std::vector<SurvivalObservation> obs;
  for (int64_t t = 1; t <= 10; ++t) obs.push_back({t, true});
  obs.push_back({3, false});
  obs.push_back({11, false});
  KaplanMeierCurve c = EstimateKaplanMeier(obs, {.confidence = 0.95, .step_at_zero = true});
  ASSERT_EQ(c.steps.size(), 11u);
  EXPECT_EQ(CoarsenKaplanMeierSteps(c.steps, 11), c.steps);
  // 10 steps after the first in 3 runs of ceil(10 / 3) = 4: times 1-4, 5-8, 9-10.
  const std::vector<KaplanMeierStep> out = CoarsenKaplanMeierSteps(c.steps, 4);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[0], c.steps[0]);
  EXPECT_EQ(out[1].time, 4);
  EXPECT_EQ(out[1].at_risk, 12);
  EXPECT_EQ(out[1].events, 4);
  EXPECT_EQ(out[1].censored, 1);
  EXPECT_EQ(out[1].survival, c.steps[4].survival);
  EXPECT_EQ(out[1].lower, c.steps[4].lower);
  EXPECT_EQ(out[2].time, 8);
  EXPECT_EQ(out[2].at_risk, 7);
  EXPECT_EQ(out[3].time, 10);
  EXPECT_EQ(out[3].at_risk, 3);
  EXPECT_EQ(out[3].events, 2);
  EXPECT_EQ(out[3].censored, 1);
  for (size_t i = 1; i < out.size(); ++i) {
    EXPECT_EQ(out[i].at_risk, out[i - 1].at_risk - out[i - 1].events - out[i - 1].censored);
  }
}

}  // namespace
}  // namespace winpath
