// Attribution kernel: the kernel contract (random splits merge to one pass bit for bit, Merge
// leaves its argument alone, a copy of an empty state is empty), honest totals, and a
// differential test against a brute-force reading of docs/analyses/attribution.md.
#include "analysis/attribution.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <random>

#include "analysis/kernel_test_support.h"
#include "model/event_table.h"

namespace winpath {
namespace {

constexpr TimeMs kBase = 1767225600000LL;
constexpr TimeMs kLookback = 10 * kMsPerHour;
constexpr TimeMs kHalfLife = 3 * kMsPerHour;
const std::vector<std::string> kChannels = {"Direct", "B", "C", "D"};

using Row = KernelTestEvent;

std::vector<std::vector<Row>> RandomPersons(uint32_t seed, int persons, int max_events = 16) {
  return RandomTouchPersons(seed, persons, max_events, /*win_one_in=*/3);
}

EventTable BuildTable(const std::vector<std::vector<Row>>& persons) {
  return BuildKernelTestTable(persons, kChannels);
}

std::shared_ptr<const AttributionConfig> Config(double first = 0.4, double last = 0.4,
                                                TimeMs half_life = kHalfLife) {
  auto c = std::make_shared<AttributionConfig>();
  c->channel_names = kChannels;
  c->direct = {false, true, false, false, false};
  c->wins = {{"W0", 0}, {"W1", 1}};
  for (int m = 0; m < kNumAttributionModels; ++m)
    c->models.push_back(static_cast<AttributionModel>(m));
  c->lookback = kLookback;
  c->half_life = half_life;
  c->position_first = first;
  c->position_last = last;
  return c;
}

AttributionResult OnePass(const EventTable& table, const AttributionState& empty) {
  AttributionState s = empty;
  for (size_t p = 0; p < table.num_persons(); ++p) s.Add(table.person(p));
  return s.Finalize();
}

TEST(AttributionStateTest, RandomSplitsMergeToOnePass) {
  for (uint32_t seed = 1; seed <= 30; ++seed) {
    SCOPED_TRACE(seed);
    const EventTable table = BuildTable(RandomPersons(seed, 200));
    std::mt19937 rng(seed * 7919);
    ExpectRandomSplitMergesToOnePass(table, AttributionState(Config()), rng);
  }
}

TEST(AttributionStateTest, CopyOfEmptyStateIsEmpty) {
  const AttributionState empty(Config());
  AttributionState copy = empty;
  const AttributionResult r = copy.Finalize();
  EXPECT_EQ(r, empty.Finalize());
  ASSERT_EQ(r.wins.size(), 2u);
  for (const AttributionWin& w : r.wins) {
    EXPECT_EQ(w.conversions, 0);
    ASSERT_EQ(w.models.size(), 6u);
    for (const auto& m : w.models) EXPECT_TRUE(m.channels.empty());
  }
}

// --- Brute-force reference: the definitions of docs/analyses/attribution.md. ---

struct RefCredit {
  double conversions = 0, value = 0;
};
// (model, win, channel) -> credit
using RefCredits = std::map<std::tuple<int, int, int>, RefCredit>;

std::vector<double> ReferenceWeights(AttributionModel model, const std::vector<Row>& ev,
                                     const std::vector<int>& in, double f, double l,
                                     TimeMs half_life) {
  const size_t n = in.size();
  std::vector<double> w(n, 0.0);
  switch (model) {
    case AttributionModel::kFirstTouch: w.front() = 1; break;
    case AttributionModel::kLastTouch: w.back() = 1; break;
    case AttributionModel::kLastNonDirect: {
      size_t pick = n - 1;
      for (size_t i = 0; i < n; ++i) {
        if (ev[static_cast<size_t>(in[i])].channel != 1) pick = i;
      }
      w[pick] = 1;
      break;
    }
    case AttributionModel::kLinear:
      std::fill(w.begin(), w.end(), 1.0 / static_cast<double>(n));
      break;
    case AttributionModel::kTimeDecay: {
      // Relative to the latest touch: the same normalized weights, without underflow.
      const TimeMs latest = ev[static_cast<size_t>(in.back())].time;
      double sum = 0;
      for (size_t i = 0; i < n; ++i) {
        w[i] = std::exp2(-static_cast<double>(latest - ev[static_cast<size_t>(in[i])].time) /
                         static_cast<double>(half_life));
        sum += w[i];
      }
      for (double& x : w) x /= sum;
      break;
    }
    case AttributionModel::kPositionBased:
      if (n == 1) {
        w[0] = 1;
      } else if (n == 2) {
        w[0] = f + l == 0 ? 0.5 : f / (f + l);
        w[1] = f + l == 0 ? 0.5 : l / (f + l);
      } else {
        w.front() = f;
        w.back() = l;
        for (size_t i = 1; i + 1 < n; ++i) w[i] = (1 - f - l) / static_cast<double>(n - 2);
      }
      break;
  }
  return w;
}

void ReferencePerson(const std::vector<Row>& unsorted, double f, double l, TimeMs half_life,
                     RefCredits* credits, std::map<int, int>* unattributed) {
  std::vector<Row> ev = unsorted;
  std::stable_sort(ev.begin(), ev.end(),
                   [](const Row& a, const Row& b) { return a.time < b.time; });
  for (size_t j = 0; j < ev.size(); ++j) {
    for (int win = 0; win < 2; ++win) {
      if (((ev[j].mask >> win) & 1) == 0) continue;
      std::vector<int> in;
      for (size_t i = 0; i <= j; ++i) {
        if (ev[i].channel != 0 && ev[j].time - ev[i].time <= kLookback)
          in.push_back(static_cast<int>(i));
      }
      if (in.empty()) {
        ++(*unattributed)[win];
        continue;
      }
      for (int m = 0; m < kNumAttributionModels; ++m) {
        auto w = ReferenceWeights(static_cast<AttributionModel>(m), ev, in, f, l, half_life);
        for (size_t i = 0; i < in.size(); ++i) {
          RefCredit& c = (*credits)[{m, win, ev[static_cast<size_t>(in[i])].channel}];
          c.conversions += w[i];
          c.value += w[i] * ev[j].value.value_or(0);
        }
      }
    }
  }
}

void ExpectNear(double expected, double actual, const std::string& what) {
  EXPECT_NEAR(expected, actual, 1e-9 * std::max(1.0, std::fabs(expected))) << what;
}

void CheckAgainstReference(uint32_t seed, double f, double l, TimeMs half_life, int max_events) {
  const auto persons = RandomPersons(seed, 150, max_events);
  RefCredits ref;
  std::map<int, int> unattributed;
  for (const auto& p : persons) ReferencePerson(p, f, l, half_life, &ref, &unattributed);
  const AttributionResult r =
      OnePass(BuildTable(persons), AttributionState(Config(f, l, half_life)));
  for (int win = 0; win < 2; ++win) {
    const AttributionWin& got = r.wins[static_cast<size_t>(win)];
    EXPECT_EQ(got.unattributed, unattributed[win]) << "seed " << seed;
    for (int m = 0; m < kNumAttributionModels; ++m) {
      std::map<std::string, const AttributionCredit*> by_name;
      for (const auto& c : got.models[static_cast<size_t>(m)].channels) by_name[c.channel] = &c;
      for (int ch = 1; ch <= 4; ++ch) {
        const std::string what =
            "seed " + std::to_string(seed) + " win " + std::to_string(win) + " model " +
            std::string(AttributionModelName(static_cast<AttributionModel>(m))) + " channel " +
            kChannels[static_cast<size_t>(ch - 1)];
        auto it = ref.find({m, win, ch});
        auto got_it = by_name.find(kChannels[static_cast<size_t>(ch - 1)]);
        const double want_c = it == ref.end() ? 0 : it->second.conversions;
        const double want_v = it == ref.end() ? 0 : it->second.value;
        ExpectNear(want_c, got_it == by_name.end() ? 0 : got_it->second->conversions, what);
        ExpectNear(want_v, got_it == by_name.end() ? 0 : got_it->second->value, what + " value");
      }
    }
  }
}

TEST(AttributionStateTest, MatchesBruteForceReference) {
  for (uint32_t seed = 100; seed < 130; ++seed)
    CheckAgainstReference(seed, 0.4, 0.4, kHalfLife, 16);
}

TEST(AttributionStateTest, MatchesReferenceWithOtherWeightsAndLongPersons) {
  for (uint32_t seed = 200; seed < 210; ++seed)
    CheckAgainstReference(seed, 0.3, 0.5, kHalfLife, 80);
  for (uint32_t seed = 210; seed < 215; ++seed)
    CheckAgainstReference(seed, 0.0, 0.0, kHalfLife, 40);
  for (uint32_t seed = 215; seed < 220; ++seed)
    CheckAgainstReference(seed, 0.5, 0.5, kHalfLife, 40);
}

TEST(AttributionStateTest, TinyHalfLifeGivesTheLatestTouchEverything) {
  // 1 ms half-life over a 10h lookback: older touches underflow to weight 0, never NaN.
  for (uint32_t seed = 300; seed < 305; ++seed) CheckAgainstReference(seed, 0.4, 0.4, 1, 30);
}

// A view whose mask union claims a conversion it does not hold (a slice after the person's
// conversions, or a view built by hand with every bit) credits nothing and counts nothing.
TEST(AttributionStateTest, SupersetMaskUnionWithoutConversionsCreditsNothing) {
  const EventTable table = BuildTable({{{kBase, 1, 0, std::nullopt},
                                        {kBase + kMsPerHour, 0, 1, 5.0},
                                        {kBase + 2 * kMsPerHour, 2, 0, std::nullopt}}});
  PersonView after = table.person(0).Slice(2, 3);
  ASSERT_NE(after.mask_union & 1u, 0u);
  AttributionState s(Config());
  s.Add(after);
  PersonView by_hand = after;
  by_hand.mask_union = ~uint32_t{0};
  s.Add(by_hand);
  EXPECT_EQ(s.Finalize(), AttributionState(Config()).Finalize());
  s.Add(table.person(0));  // the whole person converts once
  EXPECT_EQ(s.Finalize().wins[0].conversions, 1);
}

TEST(AttributionStateTest, CreditsAddUpToAttributedConversions) {
  const AttributionResult r =
      OnePass(BuildTable(RandomPersons(42, 500)), AttributionState(Config()));
  for (const AttributionWin& w : r.wins) {
    ASSERT_GT(w.conversions, 0);
    ASSERT_GT(w.unattributed, 0);
    for (const auto& m : w.models) {
      double conversions = 0, value = 0;
      for (const auto& c : m.channels) {
        conversions += c.conversions;
        value += c.value;
      }
      EXPECT_NEAR(conversions, static_cast<double>(w.conversions - w.unattributed), 1e-9);
      EXPECT_NEAR(value, w.attributed_value, 1e-9 * w.value);
      EXPECT_NEAR(w.attributed_value + w.unattributed_value, w.value, 1e-9 * w.value);
    }
  }
}

TEST(AttributionStateTest, LongPersonStaysLinear) {
  // 400k events of one person, a conversion every 4th event, all in one lookback: the sliding
  // window keeps the cost O(events x channels), not O(conversions x touches).
  std::vector<std::vector<Row>> persons(1);
  for (int i = 0; i < 400000; ++i) {
    persons[0].push_back({kBase + i, static_cast<uint8_t>(1 + i % 4), i % 4 == 3 ? 1u : 0u, 1.0});
  }
  const EventTable table = BuildTable(persons);
  const auto start = std::chrono::steady_clock::now();
  const AttributionResult r = OnePass(table, AttributionState(Config()));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(r.wins[0].conversions, 100000);
  EXPECT_EQ(r.wins[0].unattributed, 0);
  EXPECT_LT(seconds, 5.0);  // quadratic would be ~1e10 steps
}

TEST(AttributionStateTest, ManyArrivalsBetweenMultiChannelConversions) {
  // 600 single-channel conversions, B and C by turns, each touch alone in its lookback: every
  // one is a new arrival in the window's channel list, which fills up and is compacted while
  // no multi-touch conversion tidies it. Then B, C, D in one lookback: the shares must still see
  // the channels in arrival order.
  std::vector<std::vector<Row>> persons(1);
  TimeMs t = kBase;
  for (int i = 0; i < 600; ++i) {
    persons[0].push_back({t, static_cast<uint8_t>(2 + i % 2), 1u, std::nullopt});
    t += 2 * kLookback;
  }
  for (uint8_t c : {2, 3, 4}) persons[0].push_back({t++, c, 0u, std::nullopt});
  persons[0].push_back({t, 0, 1u, std::nullopt});
  const AttributionResult r = OnePass(BuildTable(persons), AttributionState(Config()));
  const AttributionWin& w = r.wins[0];
  EXPECT_EQ(w.conversions, 601);
  const auto credit = [&](AttributionModel m, const std::string& channel) {
    for (const auto& c : w.models[static_cast<size_t>(m)].channels) {
      if (c.channel == channel) return c.conversions;
    }
    return 0.0;
  };
  EXPECT_DOUBLE_EQ(credit(AttributionModel::kLinear, "B"), 300 + 1.0 / 3);
  EXPECT_DOUBLE_EQ(credit(AttributionModel::kLinear, "D"), 1.0 / 3);
  EXPECT_DOUBLE_EQ(credit(AttributionModel::kPositionBased, "B"), 300.4);
  EXPECT_DOUBLE_EQ(credit(AttributionModel::kPositionBased, "C"), 300.2);
  EXPECT_DOUBLE_EQ(credit(AttributionModel::kPositionBased, "D"), 0.4);
  EXPECT_DOUBLE_EQ(credit(AttributionModel::kFirstTouch, "B"), 301);
  EXPECT_DOUBLE_EQ(credit(AttributionModel::kLastTouch, "D"), 1);
}

}  // namespace
}  // namespace winpath
