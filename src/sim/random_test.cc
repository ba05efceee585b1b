#include "sim/random.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace winpath::sim {
namespace {

TEST(SplitMix64, MatchesReferenceOutput) {
  uint64_t state = 0;
  // First outputs of the reference splitmix64.c seeded with 0.
  EXPECT_EQ(SplitMix64(&state), 0xe220a8397b1dcdafULL);
  EXPECT_EQ(SplitMix64(&state), 0x6e789e6aa1b965f4ULL);
  EXPECT_EQ(SplitMix64(&state), 0x06c45d188009454fULL);
}

TEST(Rng, SameSeedSameStreamDifferentSeedDifferentStream) {
  Rng a(42), b(42), c(43);
  bool differs = false;
  for (int i = 0; i < 100; ++i) {
    uint64_t x = a.Next();
    EXPECT_EQ(x, b.Next());
    differs |= x != c.Next();
  }
  EXPECT_TRUE(differs);
}

TEST(Rng, XoshiroMatchesReferenceVector) {
  // xoshiro256** from state {1, 2, 3, 4} (Blackman & Vigna's reference code).
  Rng rng = Rng::FromState(1, 2, 3, 4);
  EXPECT_EQ(rng.Next(), 11520u);
  EXPECT_EQ(rng.Next(), 0u);
  EXPECT_EQ(rng.Next(), 1509978240u);
  EXPECT_EQ(rng.Next(), 1215971899390074240u);
}

TEST(MixSeed, OrderMattersAndIsInjectiveInSecondArgument) {
  EXPECT_NE(MixSeed(1, 2), MixSeed(2, 1));
  std::vector<uint64_t> seen;
  for (uint64_t i = 0; i < 1000; ++i) seen.push_back(MixSeed(7, i));
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(std::unique(seen.begin(), seen.end()), seen.end());
}

TEST(DeterministicMath, LogAndExpAgreeWithLibmToAFewUlp) {
  for (double x : {1e-300, 1e-10, 0.001, 0.1, 0.5, 0.70710678, 0.9999, 1.0, 1.0001, 2.0,
                   2.718281828, 10.0, 123456.789, 1e10, 1e300}) {
    EXPECT_NEAR(Log(x), std::log(x), 4e-16 * std::max(1.0, std::fabs(std::log(x)))) << x;
  }
  for (double x : {-700.0, -20.0, -1.0, -0.5, -1e-9, 0.0, 1e-9, 0.3, 0.5, 1.0, 2.5, 20.0, 700.0}) {
    EXPECT_NEAR(Exp(x), std::exp(x), 4e-16 * std::exp(x)) << x;
  }
  EXPECT_EQ(Log(1.0), 0.0);
  EXPECT_EQ(Exp(0.0), 1.0);
  EXPECT_EQ(Exp(-800), 0.0);
  EXPECT_TRUE(std::isinf(Exp(800)));
}

TEST(Rng, UniformAndBelowStayInRange) {
  Rng rng(1);
  for (int i = 0; i < 100000; ++i) {
    double u = rng.Uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    ASSERT_LT(rng.Below(7), 7u);
  }
  EXPECT_EQ(rng.Below(1), 0u);
}

TEST(Rng, DistributionsHaveTheirMoments) {
  Rng rng(2);
  const int n = 200000;
  double exp_sum = 0, norm_sum = 0, norm_sq = 0;
  int hits = 0;
  for (int i = 0; i < n; ++i) {
    exp_sum += rng.Exponential(3.0);
    double z = rng.Normal();
    norm_sum += z;
    norm_sq += z * z;
    hits += rng.Bernoulli(0.25);
  }
  EXPECT_NEAR(exp_sum / n, 3.0, 0.05);
  EXPECT_NEAR(norm_sum / n, 0.0, 0.01);
  EXPECT_NEAR(norm_sq / n, 1.0, 0.02);
  EXPECT_NEAR(static_cast<double>(hits) / n, 0.25, 0.005);
}

TEST(Rng, BernoulliEdgesAreCertain) {
  Rng rng(3);
  for (int i = 0; i < 1000; ++i) {
    EXPECT_FALSE(rng.Bernoulli(0.0));
    EXPECT_TRUE(rng.Bernoulli(1.0));
  }
}

TEST(Rng, ChooseFollowsWeightsAndNeverPicksZeroWeight) {
  Rng rng(4);
  const double w[4] = {1, 0, 3, 0};
  int counts[4] = {};
  for (int i = 0; i < 40000; ++i) ++counts[rng.Choose(w, 4, 4.0)];
  EXPECT_EQ(counts[1], 0);
  EXPECT_EQ(counts[3], 0);
  EXPECT_NEAR(counts[2] / 40000.0, 0.75, 0.01);
}

TEST(Rng, LogNormalMedian) {
  Rng rng(5);
  std::vector<double> v;
  for (int i = 0; i < 20001; ++i) v.push_back(rng.LogNormal(90, 0.5));
  std::nth_element(v.begin(), v.begin() + 10000, v.end());
  EXPECT_NEAR(v[10000], 90, 2);
}

}  // namespace
}  // namespace winpath::sim
