#include "analysis/markov_attribution.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>

#include "analysis/markov_absorption.h"
#include "analysis/markov_chain.h"

namespace winpath {
namespace {

JourneyPath Path(std::vector<uint16_t> channels, int64_t conversions, int64_t nulls,
                 double value = 0) {
  return {std::move(channels), conversions, value, nulls};
}

// direct (2 conversions, 1 null), search > email (3, 2), search > social > email (5, 4).
PathTable PublishedCase() {
  PathTable t;
  t.channel_names = {"direct", "search", "email", "social"};
  t.paths = {Path({0}, 2, 1), Path({1, 2}, 3, 2), Path({1, 3, 2}, 5, 4)};
  return t;
}

const MarkovChannelCredit& Channel(const MarkovResult& r, const std::string& name) {
  for (const MarkovChannelCredit& c : r.channels) {
    if (c.channel == name) return c;
  }
  ADD_FAILURE() << "no channel " << name;
  return r.channels.front();
}

// An independent reference: states as vectors in a std::map, dense Gaussian elimination.
struct Reference {
  double p = 0;
  std::vector<double> removal_effects;
};

std::vector<double> DenseSolve(std::vector<std::vector<double>> a, std::vector<double> b) {
  const size_t n = b.size();
  for (size_t col = 0; col < n; ++col) {
    size_t pivot = col;
    for (size_t r = col + 1; r < n; ++r) {
      if (std::fabs(a[r][col]) > std::fabs(a[pivot][col])) pivot = r;
    }
    std::swap(a[col], a[pivot]);
    std::swap(b[col], b[pivot]);
    for (size_t r = 0; r < n; ++r) {
      if (r == col || a[r][col] == 0) continue;
      double f = a[r][col] / a[col][col];
      for (size_t k = col; k < n; ++k) a[r][k] -= f * a[col][k];
      b[r] -= f * b[col];
    }
  }
  for (size_t i = 0; i < n; ++i) b[i] /= a[i][i];
  return b;
}

double ReferenceP(const PathTable& t, int order, bool collapse, int removed) {
  using State = std::vector<uint16_t>;
  std::map<State, std::map<State, double>> edges;  // "conv" / "null" as 1-element sentinels
  const State kConv = {65535}, kNull = {65534};
  for (const JourneyPath& p : t.paths) {
    double w = static_cast<double>(p.conversions + p.nulls);
    if (w == 0) continue;
    State cur, history;
    for (uint16_t c : p.channels) {
      if (collapse && !history.empty() && history.back() == c) continue;
      history.push_back(c);
      State next(history.end() - std::min<size_t>(history.size(), order), history.end());
      edges[cur][next] += w;
      cur = next;
    }
    edges[cur][kConv] += static_cast<double>(p.conversions);
    edges[cur][kNull] += static_cast<double>(p.nulls);
  }
  std::map<State, size_t> index;
  for (const auto& [s, unused] : edges) index.emplace(s, index.size());
  auto gone = [&](const State& s) {
    return std::find(s.begin(), s.end(), removed) != s.end() && s != kConv && s != kNull;
  };
  std::vector<std::vector<double>> a(index.size(), std::vector<double>(index.size(), 0));
  std::vector<double> b(index.size(), 0);
  for (const auto& [s, out] : edges) {
    size_t i = index[s];
    a[i][i] += 1;
    double total = 0;
    for (const auto& [to, n] : out) total += n;
    for (const auto& [to, n] : out) {
      if (to == kConv) b[i] += n / total;
      if (to == kConv || to == kNull || gone(to) || gone(s)) continue;
      a[i][index[to]] -= n / total;
    }
    if (gone(s)) b[i] = 0;
  }
  return DenseSolve(a, b)[index[State{}]];
}

TEST(MarkovAttribution, PublishedCaseOrderOne) {
  Result<MarkovResult> r = RunMarkovAttribution(PublishedCase(), {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->journeys, 17);
  EXPECT_EQ(r->conversions, 10);
  EXPECT_EQ(r->nulls, 7);
  EXPECT_NEAR(r->conversion_probability, 10.0 / 17, 1e-15);
  EXPECT_EQ(r->states, 4);
  EXPECT_NEAR(Channel(*r, "direct").removal_effect, 1.0 / 5, 1e-14);
  EXPECT_NEAR(Channel(*r, "search").removal_effect, 4.0 / 5, 1e-14);
  EXPECT_NEAR(Channel(*r, "email").removal_effect, 4.0 / 5, 1e-14);
  EXPECT_NEAR(Channel(*r, "social").removal_effect, 18.0 / 35, 1e-14);
  EXPECT_NEAR(Channel(*r, "social").conversion_probability_without, 34.0 / 119, 1e-14);
  // Credits share 10 conversions in proportion 7 : 28 : 28 : 18 (over 81).
  EXPECT_NEAR(Channel(*r, "direct").conversions, 70.0 / 81, 1e-13);
  EXPECT_NEAR(Channel(*r, "social").conversions, 180.0 / 81, 1e-13);
  EXPECT_FALSE(r->value_per_journey.has_value());
  EXPECT_FALSE(Channel(*r, "direct").value.has_value());
}

TEST(MarkovAttribution, TransitionsAreCountsOverExits) {
  Result<MarkovResult> r = RunMarkovAttribution(PublishedCase(), {});
  ASSERT_TRUE(r.ok());
  std::vector<MarkovTransition> expected = {{"(start)", "direct", 3, 3.0 / 17},
                                            {"(start)", "search", 14, 14.0 / 17},
                                            {"direct", "(conversion)", 2, 2.0 / 3},
                                            {"direct", "(null)", 1, 1.0 / 3},
                                            {"search", "email", 5, 5.0 / 14},
                                            {"search", "social", 9, 9.0 / 14},
                                            {"email", "(conversion)", 8, 8.0 / 14},
                                            {"email", "(null)", 6, 6.0 / 14},
                                            {"social", "email", 9, 1.0}};
  EXPECT_EQ(r->transitions, expected);
  Result<MarkovResult> none = RunMarkovAttribution(PublishedCase(), {.include_transitions = false});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->transitions.empty());
}

TEST(MarkovAttribution, ConversionProbabilityIsConversionsOverJourneys) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 20; ++trial) {
    PathTable t;
    t.channel_names = {"a", "b", "c", "d"};
    for (int i = 0; i < 12; ++i) {
      std::vector<uint16_t> channels(1 + rng() % 6);
      for (uint16_t& c : channels) c = rng() % 4;
      t.paths.push_back(Path(channels, rng() % 5, rng() % 5));
    }
    t.paths.push_back(Path({0}, 1, 0));
    for (int order = 1; order <= 4; ++order) {
      Result<MarkovResult> r = RunMarkovAttribution(t, {.order = order});
      ASSERT_TRUE(r.ok());
      EXPECT_NEAR(r->conversion_probability,
                  static_cast<double>(r->conversions) / static_cast<double>(r->journeys), 1e-12);
    }
  }
}

TEST(MarkovAttribution, MatchesDenseReferenceOnRandomTables) {
  std::mt19937 rng(11);
  for (int trial = 0; trial < 30; ++trial) {
    PathTable t;
    t.channel_names = {"a", "b", "c", "d", "e"};
    for (int i = 0; i < 15; ++i) {
      std::vector<uint16_t> channels(1 + rng() % 7);
      for (uint16_t& c : channels) c = rng() % 5;
      t.paths.push_back(Path(channels, rng() % 4, rng() % 4));
    }
    t.paths.push_back(Path({1, 2}, 1, 0));
    for (int order = 1; order <= 4; ++order) {
      for (bool collapse : {true, false}) {
        Result<MarkovResult> r =
            RunMarkovAttribution(t, {.order = order, .collapse_repeats = collapse});
        ASSERT_TRUE(r.ok());
        double p = ReferenceP(t, order, collapse, -1);
        EXPECT_NEAR(r->conversion_probability, p, 1e-12);
        for (int c = 0; c < 5; ++c) {
          double without = ReferenceP(t, order, collapse, c);
          EXPECT_NEAR(r->channels[c].conversion_probability_without, without, 1e-12)
              << "order " << order << " collapse " << collapse << " channel " << c;
        }
      }
    }
  }
}

TEST(MarkovAttribution, CreditsSumToConversionsAndValue) {
  PathTable t = PublishedCase();
  t.paths[0].value = 20;
  t.paths[1].value = 90;
  t.paths[2].value = 50;
  Result<MarkovResult> r = RunMarkovAttribution(t, {.order = 2});
  ASSERT_TRUE(r.ok());
  double conversions = 0, value = 0;
  for (const MarkovChannelCredit& c : r->channels) {
    conversions += c.conversions;
    value += *c.value;
  }
  EXPECT_NEAR(conversions, 10, 1e-12);
  EXPECT_NEAR(value, 160, 1e-12);
  EXPECT_NEAR(*r->value_per_journey, 160.0 / 17, 1e-12);
}

TEST(MarkovAttribution, ValueWeightsByMeanValueAtTheLastState) {
  // "a" converts 1 of 2 journeys at value 10; "b" 1 of 2 at value 30. Removing "a" keeps 30 of
  // the 40 expected value: REv(a) = 1/4, REv(b) = 3/4, while RE(a) = RE(b) = 1/2.
  PathTable t;
  t.channel_names = {"a", "b"};
  t.paths = {Path({0}, 1, 1, 10), Path({1}, 1, 1, 30)};
  Result<MarkovResult> r = RunMarkovAttribution(t, {});
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->channels[0].removal_effect, 0.5);
  EXPECT_DOUBLE_EQ(*r->channels[0].removal_effect_value, 0.25);
  EXPECT_DOUBLE_EQ(*r->channels[1].removal_effect_value, 0.75);
  EXPECT_DOUBLE_EQ(*r->channels[0].value, 10);
  EXPECT_DOUBLE_EQ(*r->channels[1].value, 30);
}

TEST(MarkovAttribution, NegativeValueLeavesValueCreditUndefined) {
  PathTable t;
  t.channel_names = {"a", "b"};
  t.paths = {Path({0}, 1, 1, -10), Path({1}, 1, 1, 30)};
  Result<MarkovResult> r = RunMarkovAttribution(t, {});
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->value, 20);
  EXPECT_FALSE(r->value_per_journey.has_value());
  EXPECT_FALSE(r->channels[0].removal_effect_value.has_value());
  EXPECT_FALSE(r->channels[1].value.has_value());
  EXPECT_DOUBLE_EQ(r->channels[0].conversions, 1);
}

TEST(MarkovAttribution, RepeatsCollapseByDefault) {
  PathTable t;
  t.channel_names = {"a", "b"};
  t.paths = {Path({0, 0, 1}, 1, 0), Path({0}, 0, 1)};
  Result<MarkovResult> collapsed = RunMarkovAttribution(t, {});
  Result<MarkovResult> kept = RunMarkovAttribution(t, {.collapse_repeats = false});
  ASSERT_TRUE(collapsed.ok() && kept.ok());
  // Same removal effects at order 1; only the kept chain has the self-loop a -> a.
  EXPECT_DOUBLE_EQ(collapsed->channels[0].removal_effect, kept->channels[0].removal_effect);
  auto has_loop = [](const MarkovResult& r) {
    for (const MarkovTransition& tr : r.transitions) {
      if (tr.from == "a" && tr.to == "a") return true;
    }
    return false;
  };
  EXPECT_FALSE(has_loop(*collapsed));
  EXPECT_TRUE(has_loop(*kept));
}

TEST(MarkovAttribution, OrderTwoStatesAreTheLastTwoChannels) {
  Result<MarkovResult> r = RunMarkovAttribution(PublishedCase(), {.order = 2});
  ASSERT_TRUE(r.ok());
  // States: direct, search, search > email, search > social, social > email.
  EXPECT_EQ(r->states, 5);
  bool found = false;
  for (const MarkovTransition& tr : r->transitions) {
    if (tr.from == "search > social" && tr.to == "social > email") found = tr.count == 9;
  }
  EXPECT_TRUE(found);
}

TEST(MarkovAttribution, SingleChannelHasRemovalEffectOne) {
  PathTable t;
  t.channel_names = {"only"};
  t.paths = {Path({0}, 3, 1)};
  Result<MarkovResult> r = RunMarkovAttribution(t, {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->channels[0].removal_effect, 1);
  EXPECT_EQ(r->channels[0].conversion_probability_without, 0);
  EXPECT_EQ(r->channels[0].conversions, 3);
}

TEST(MarkovAttribution, ChannelNeverSeenOrOnlyInNullsGetsZero) {
  PathTable t;
  t.channel_names = {"a", "b", "unused", "zero_weight"};
  t.paths = {Path({0}, 2, 0), Path({1}, 0, 5), Path({3, 0}, 0, 0)};
  Result<MarkovResult> r = RunMarkovAttribution(t, {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->channels[0].removal_effect, 1);
  EXPECT_EQ(r->channels[1].removal_effect, 0);
  EXPECT_EQ(r->channels[2].removal_effect, 0);
  EXPECT_EQ(r->channels[3].removal_effect, 0);
  EXPECT_EQ(r->channels[0].conversions, 2);
  EXPECT_EQ(r->channels[2].conversions, 0);
  EXPECT_EQ(r->states, 2);  // the zero-weight path adds no state
}

TEST(MarkovAttribution, ChannelOnlyInNullsAfterConvertingChannel) {
  // b follows a only in journeys that do not convert: removing b changes nothing.
  PathTable t;
  t.channel_names = {"a", "b"};
  t.paths = {Path({0}, 2, 1), Path({0, 1}, 0, 3)};
  Result<MarkovResult> r = RunMarkovAttribution(t, {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->channels[1].removal_effect, 0);
  EXPECT_EQ(r->channels[0].conversions, 2);
}

TEST(MarkovAttribution, ZeroConversionsIsFailedPrecondition) {
  PathTable t;
  t.channel_names = {"a"};
  t.paths = {Path({0}, 0, 4)};
  Result<MarkovResult> r = RunMarkovAttribution(t, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(r.status().message(), "too few conversions for a Markov model: 0");
  Result<MarkovResult> empty = RunMarkovAttribution(PathTable{}, {});
  EXPECT_EQ(empty.status().code(), StatusCode::kFailedPrecondition);
}

TEST(MarkovAttribution, RejectsBadOrderAndBadTable) {
  for (int order : {0, 5, -1}) {
    Result<MarkovResult> r = RunMarkovAttribution(PublishedCase(), {.order = order});
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << order;
  }
  PathTable bad = PublishedCase();
  bad.paths[1].nulls = -1;
  EXPECT_EQ(RunMarkovAttribution(bad, {}).status().code(), StatusCode::kInvalidArgument);
  bad = PublishedCase();
  bad.paths[0].channels = {9};
  EXPECT_EQ(RunMarkovAttribution(bad, {}).status().code(), StatusCode::kInvalidArgument);
}

TEST(MarkovAttribution, CountOverflowIsOutOfRange) {
  PathTable t;
  t.channel_names = {"a"};
  t.paths = {Path({0}, INT64_MAX, 0), Path({0}, 1, 0)};
  EXPECT_EQ(RunMarkovAttribution(t, {}).status().code(), StatusCode::kOutOfRange);
  t.paths = {Path({0}, INT64_MAX, 1)};
  EXPECT_EQ(RunMarkovAttribution(t, {}).status().code(), StatusCode::kOutOfRange);
}

TEST(MarkovChain, StateKeysAndNames) {
  PathTable t = PublishedCase();
  Result<MarkovChain> chain = BuildMarkovChain(t, {.order = 3});
  ASSERT_TRUE(chain.ok());
  ASSERT_EQ(chain->num_states(), 6);  // start, direct, search, search>email, s>social, s>s>e
  EXPECT_EQ(chain->StateName(0, t.channel_names), "(start)");
  EXPECT_EQ(chain->StateName(5, t.channel_names), "search > social > email");
  EXPECT_EQ(chain->StateChannels(5), (std::vector<uint16_t>{1, 3, 2}));
  EXPECT_EQ(chain->out[0], 17);
}

TEST(MarkovAbsorption, LongSelfLoopIsSolvedExactly) {
  // One state that loops on itself 1,999 times per journey: P = conversions / journeys.
  PathTable t;
  t.channel_names = {"a"};
  t.paths = {Path(std::vector<uint16_t>(2000, 0), 1, 2)};
  Result<MarkovChain> chain = BuildMarkovChain(t, {.order = 1, .collapse_repeats = false});
  ASSERT_TRUE(chain.ok());
  Result<MarkovAbsorption> a = SolveMarkovAbsorption(*chain);
  ASSERT_TRUE(a.ok());
  EXPECT_NEAR(a->conversion_probability, 1.0 / 3, 1e-12);
}

TEST(MarkovAbsorption, IterativeSolveAgreesWithDirect) {
  std::mt19937 rng(5);
  PathTable t;
  for (int c = 0; c < 8; ++c) t.channel_names.push_back(std::string(1, static_cast<char>('a' + c)));
  for (int i = 0; i < 400; ++i) {
    std::vector<uint16_t> channels(1 + rng() % 9);
    for (uint16_t& c : channels) c = rng() % 8;
    t.paths.push_back(Path(channels, rng() % 3, rng() % 3, 0));
    t.paths.back().value = static_cast<double>(t.paths.back().conversions) * (rng() % 100);
  }
  Result<MarkovChain> chain = BuildMarkovChain(t, {.order = 3});
  ASSERT_TRUE(chain.ok());
  ASSERT_GT(chain->num_states(), 200);
  for (int c = -1; c < 8; ++c) {
    std::vector<uint8_t> removed(chain->num_states(), 0);
    for (int32_t s = 1; s < chain->num_states(); ++s) {
      for (uint16_t x : chain->StateChannels(s)) removed[s] |= x == c;
    }
    Result<MarkovAbsorption> direct =
        SolveMarkovAbsorption(*chain, removed, MarkovSolveMethod::kDirect);
    Result<MarkovAbsorption> iterative =
        SolveMarkovAbsorption(*chain, removed, MarkovSolveMethod::kIterative);
    ASSERT_TRUE(direct.ok() && iterative.ok()) << iterative.status().ToString();
    EXPECT_NEAR(direct->conversion_probability, iterative->conversion_probability, 1e-13);
    EXPECT_NEAR(direct->value_per_journey, iterative->value_per_journey,
                1e-13 * std::max(1.0, direct->value_per_journey));
    if (c == -1) {
      EXPECT_NEAR(iterative->conversion_probability,
                  static_cast<double>(chain->total_conversions) / chain->journeys, 1e-13);
    }
  }
}

}  // namespace
}  // namespace winpath
