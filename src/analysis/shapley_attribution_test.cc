// Shapley attribution: the published cases, the closed form against the coalition enumeration
// and against the textbook definition (average marginal contribution over all orderings) on
// random tables, exact totals, the ordered variant, and the refusals.
#include "analysis/shapley_attribution.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>

namespace winpath {
namespace {

JourneyPath Path(std::vector<uint16_t> channels, int64_t conversions, double value = 0,
                 int64_t nulls = 0) {
  return {std::move(channels), conversions, value, nulls};
}

std::map<std::string, double> Conversions(const ShapleyResult& r) {
  std::map<std::string, double> out;
  for (const ShapleyCredit& c : r.channels) out[c.channel] = c.conversions;
  return out;
}

PathTable RandomTable(std::mt19937* rng, int channels, int paths) {
  PathTable t;
  for (int c = 0; c < channels; ++c) t.channel_names.push_back("c" + std::to_string(c));
  for (int i = 0; i < paths; ++i) {
    JourneyPath p;
    const int len = 1 + static_cast<int>((*rng)() % 6);
    for (int k = 0; k < len; ++k) {
      p.channels.push_back(static_cast<uint16_t>((*rng)() % static_cast<uint32_t>(channels)));
    }
    p.conversions = static_cast<int64_t>((*rng)() % 4);
    p.value = p.conversions == 0 ? 0 : static_cast<double>((*rng)() % 10000) / 100.0 - 20;
    p.nulls = static_cast<int64_t>((*rng)() % 3);
    t.paths.push_back(std::move(p));
  }
  return t;
}

// The definition: phi_i = average over all orderings of the players of v(before i + i) -
// v(before i), with v(S) = conversions of the paths whose channel set lies inside S.
std::vector<double> ShapleyByOrderings(const PathTable& t) {
  const size_t n = t.channel_names.size();
  auto v = [&](uint32_t coalition) {
    double sum = 0;
    for (const JourneyPath& p : t.paths) {
      bool inside = true;
      for (uint16_t c : p.channels) inside = inside && ((coalition >> c) & 1) != 0;
      if (inside) sum += static_cast<double>(p.conversions);
    }
    return sum;
  };
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::vector<double> phi(n, 0);
  double orderings = 0;
  do {
    uint32_t coalition = 0;
    for (size_t i : order) {
      const double before = v(coalition);
      coalition |= 1u << i;
      phi[i] += v(coalition) - before;
    }
    ++orderings;
  } while (std::next_permutation(order.begin(), order.end()));
  for (double& x : phi) x /= orderings;
  return phi;
}

TEST(ShapleyTest, PublishedMixedPaths) {
  // eeghor/mta's test suite: "a" 4 and "a > b" 6 give a 7, b 3.
  PathTable t{{"a", "b"}, {Path({0}, 4), Path({0, 1}, 6)}};
  for (ShapleyMethod m : {ShapleyMethod::kClosedForm, ShapleyMethod::kEnumeration}) {
    auto r = ComputeShapley(t, m);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(Conversions(*r), (std::map<std::string, double>{{"a", 7.0}, {"b", 3.0}}));
  }
}

TEST(ShapleyTest, PublishedFourChannelPath) {
  PathTable t{{"a", "b", "c", "d"}, {Path({0, 1, 2, 3}, 10)}};
  auto r = ComputeShapley(t);
  ASSERT_TRUE(r.ok());
  for (const ShapleyCredit& c : r->channels) {
    EXPECT_EQ(c.conversions, 2.5) << c.channel;
  }
  EXPECT_EQ(r->max_position, 4);
}

TEST(ShapleyTest, ClosedFormMatchesEnumerationAndDefinition) {
  std::mt19937 rng(42);
  for (int round = 0; round < 60; ++round) {
    SCOPED_TRACE(round);
    const int channels = 1 + round % 10;
    const PathTable t = RandomTable(&rng, channels, 1 + static_cast<int>(rng() % 40));
    auto closed = ComputeShapley(t, ShapleyMethod::kClosedForm);
    auto enumerated = ComputeShapley(t, ShapleyMethod::kEnumeration);
    ASSERT_TRUE(closed.ok() && enumerated.ok());
    ASSERT_EQ(closed->channels.size(), enumerated->channels.size());
    const std::vector<double> reference =
        channels <= 7 ? ShapleyByOrderings(t) : std::vector<double>{};
    for (size_t i = 0; i < closed->channels.size(); ++i) {
      const ShapleyCredit& a = closed->channels[i];
      const ShapleyCredit& b = enumerated->channels[i];
      EXPECT_NEAR(a.conversions, b.conversions, 1e-9 * std::max(1.0, a.conversions));
      EXPECT_NEAR(a.value, b.value, 1e-9 * std::max(1.0, std::fabs(a.value)));
      if (!reference.empty()) {
        const size_t c = static_cast<size_t>(std::stoi(a.channel.substr(1)));
        EXPECT_NEAR(a.conversions, reference[c], 1e-9 * std::max(1.0, reference[c]));
      }
    }
  }
}

TEST(ShapleyTest, CreditsAddUpExactlyAndPositionsAddUpToCredits) {
  std::mt19937 rng(7);
  const PathTable t = RandomTable(&rng, 9, 500);
  auto r = ComputeShapley(t);
  ASSERT_TRUE(r.ok());
  double conversions = 0, value = 0;
  for (const ShapleyCredit& c : r->channels) {
    conversions += c.conversions;
    value += c.value;
    double by_position = 0;
    for (double x : c.conversions_by_position) by_position += x;
    EXPECT_NEAR(by_position, c.conversions, 1e-9 * std::max(1.0, c.conversions)) << c.channel;
    EXPECT_LE(static_cast<int64_t>(c.conversions_by_position.size()), r->max_position);
  }
  EXPECT_NEAR(conversions, static_cast<double>(r->conversions), 1e-9 * r->conversions);
  EXPECT_NEAR(value, r->value, 1e-9 * std::max(1.0, std::fabs(r->value)));
}

TEST(ShapleyTest, OrderedCreditsTheFirstAppearance) {
  // "a > b > a" 6: a first at position 1, b at 2; "b > a" 2: b at 1, a at 2.
  PathTable t{{"a", "b"}, {Path({0, 1, 0}, 6, 60), Path({1, 0}, 2, 20)}};
  auto r = ComputeShapley(t);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->channels.size(), 2u);
  EXPECT_EQ(r->channels[0].conversions_by_position, (std::vector<double>{3, 1}));
  EXPECT_EQ(r->channels[1].conversions_by_position, (std::vector<double>{1, 3}));
  EXPECT_EQ(r->channels[0].value_by_position, (std::vector<double>{30, 10}));
  EXPECT_EQ(r->channels[0].conversions, 4);
}

TEST(ShapleyTest, RepeatsDoNotChangeTheSet) {
  PathTable once{{"a", "b"}, {Path({0, 1}, 6)}};
  PathTable repeated{{"a", "b"}, {Path({0, 0, 1, 0}, 6)}};
  EXPECT_EQ(Conversions(*ComputeShapley(once)), Conversions(*ComputeShapley(repeated)));
}

TEST(ShapleyTest, NullsAreIgnoredButTheirChannelsListed) {
  PathTable t{{"a", "b", "c"}, {Path({0}, 4, 0, 9), Path({2, 1}, 0, 0, 5)}};
  auto r = ComputeShapley(t, ShapleyMethod::kEnumeration);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Conversions(*r), (std::map<std::string, double>{{"a", 4}, {"b", 0}, {"c", 0}}));
  EXPECT_EQ(r->nulls, 14);
  EXPECT_EQ(r->players, 1);
}

TEST(ShapleyTest, EmptyTable) {
  auto r = ComputeShapley(PathTable{}, ShapleyMethod::kEnumeration);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->channels.empty());
  EXPECT_EQ(r->conversions, 0);
}

TEST(ShapleyTest, NegativeCountsAreRefused) {
  PathTable t{{"a"}, {Path({0}, -1)}};
  EXPECT_EQ(ComputeShapley(t).status().code(), StatusCode::kInvalidArgument);
  PathTable nulls{{"a"}, {Path({0}, 1, 0, -2)}};
  EXPECT_EQ(ComputeShapley(nulls).status().code(), StatusCode::kInvalidArgument);
}

TEST(ShapleyTest, TooManyConversionsAreRefused) {
  PathTable t{
      {"a"},
      {Path({0}, int64_t{1} << 45), Path({0}, int64_t{1} << 45), Path({0}, int64_t{1} << 45)}};
  EXPECT_EQ(ComputeShapley(t).status().code(), StatusCode::kInvalidArgument);
}

TEST(ShapleyTest, EnumerationStopsAtTwentyOneChannelsClosedFormDoesNot) {
  PathTable t;
  JourneyPath p;
  for (uint16_t c = 0; c < 21; ++c) {
    t.channel_names.push_back("c" + std::to_string(c));
    p.channels.push_back(c);
  }
  p.conversions = 21;
  t.paths.push_back(p);
  EXPECT_EQ(ComputeShapley(t, ShapleyMethod::kEnumeration).status().code(),
            StatusCode::kInvalidArgument);
  auto r = ComputeShapley(t);
  ASSERT_TRUE(r.ok());
  for (const ShapleyCredit& c : r->channels) EXPECT_DOUBLE_EQ(c.conversions, 1.0);
  // 20 channels still enumerate.
  t.paths[0].channels.pop_back();
  auto twenty = ComputeShapley(t, ShapleyMethod::kEnumeration);
  ASSERT_TRUE(twenty.ok());
  EXPECT_NEAR(twenty->channels[0].conversions, 21.0 / 20, 1e-9);
}

TEST(ShapleyTest, MethodNamesRoundTrip) {
  for (ShapleyMethod m : {ShapleyMethod::kClosedForm, ShapleyMethod::kEnumeration}) {
    EXPECT_EQ(ParseShapleyMethod(ShapleyMethodName(m)), m);
  }
  EXPECT_FALSE(ParseShapleyMethod("markov").has_value());
}

}  // namespace
}  // namespace winpath
