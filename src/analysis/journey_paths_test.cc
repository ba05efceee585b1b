// Journey-path kernel: the kernel contract (random splits merge to one pass bit for bit, Merge
// leaves its argument alone, a copy of an empty state is empty), honest totals, hand cases, and
// a differential test against a brute-force reading of docs/analyses/journeys.md.
#include "analysis/journey_paths.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "analysis/kernel_test_support.h"
#include "model/event_table.h"

namespace winpath {
namespace {

constexpr TimeMs kBase = 1767225600000LL;
constexpr TimeMs kLookback = 10 * kMsPerHour;
const std::vector<std::string> kChannels = {"a", "b", "c", "d"};

using Row = KernelTestEvent;

std::vector<std::vector<Row>> RandomPersons(uint32_t seed, int persons, int max_events = 16) {
  return RandomTouchPersons(seed, persons, max_events, /*win_one_in=*/4);
}

std::shared_ptr<const JourneyPathsConfig> Config() {
  auto c = std::make_shared<JourneyPathsConfig>();
  c->channel_names = kChannels;
  c->wins = {{"W0", 0}, {"W1", 1}};
  c->lookback = kLookback;
  return c;
}

JourneyPathsResult OnePass(const std::vector<std::vector<Row>>& persons) {
  const EventTable table = BuildKernelTestTable(persons, kChannels);
  JourneyPathsState s(Config());
  for (size_t p = 0; p < table.num_persons(); ++p) s.Add(table.person(p));
  return s.Finalize();
}

// "a > b" -> paths of win w, for hand cases.
std::map<std::string, JourneyPath> ByText(const JourneyPathsWin& w) {
  std::map<std::string, JourneyPath> out;
  for (const JourneyPath& p : w.paths.paths) out[PathText(w.paths, p)] = p;
  return out;
}

TEST(JourneyPathsStateTest, RandomSplitsMergeToOnePass) {
  for (uint32_t seed = 1; seed <= 30; ++seed) {
    SCOPED_TRACE(seed);
    const EventTable table = BuildKernelTestTable(RandomPersons(seed, 200), kChannels);
    std::mt19937 rng(seed * 7919);
    ExpectRandomSplitMergesToOnePass(table, JourneyPathsState(Config()), rng);
  }
}

TEST(JourneyPathsStateTest, CopyOfEmptyStateIsEmpty) {
  const JourneyPathsState empty(Config());
  JourneyPathsState copy = empty;
  const JourneyPathsResult r = copy.Finalize();
  EXPECT_EQ(r, empty.Finalize());
  ASSERT_EQ(r.wins.size(), 2u);
  for (const JourneyPathsWin& w : r.wins) {
    EXPECT_EQ(w.conversions, 0);
    EXPECT_TRUE(w.paths.paths.empty());
    EXPECT_TRUE(w.paths.channel_names.empty());
  }
}

TEST(JourneyPathsStateTest, TwoConversionsSplitTheJourneyAndNullsFollow) {
  // a, b, W0 (5), c, W0 (7), d, a: journeys "a > b" and "c" convert; "d > a" is null.
  const JourneyPathsResult r = OnePass({{{kBase, 1, 0, {}},
                                         {kBase + 1, 2, 0, {}},
                                         {kBase + 2, 0, 1, 5.0},
                                         {kBase + 3, 3, 0, {}},
                                         {kBase + 4, 0, 1, 7.0},
                                         {kBase + 5, 4, 0, {}},
                                         {kBase + 6, 1, 0, {}}}});
  const auto w0 = ByText(r.wins[0]);
  ASSERT_EQ(w0.size(), 3u);
  EXPECT_EQ(w0.at("a > b").conversions, 1);
  EXPECT_EQ(w0.at("a > b").value, 5.0);
  EXPECT_EQ(w0.at("c").conversions, 1);
  EXPECT_EQ(w0.at("c").value, 7.0);
  EXPECT_EQ(w0.at("d > a").nulls, 1);
  EXPECT_EQ(w0.at("d > a").conversions, 0);
  EXPECT_EQ(r.wins[0].null_journeys, 1);
  // W1 never converts: every touch is one null journey.
  const auto w1 = ByText(r.wins[1]);
  ASSERT_EQ(w1.size(), 1u);
  EXPECT_EQ(w1.at("a > b > c > d > a").nulls, 1);
}

TEST(JourneyPathsStateTest, LongJourneyKeepsItsLastTouches) {
  std::vector<Row> person;
  for (int i = 0; i < 100; ++i)
    person.push_back({kBase + i, static_cast<uint8_t>(1 + i % 4), 0, {}});
  person.push_back({kBase + 100, 0, 1, {}});
  const JourneyPathsResult r = OnePass({person});
  ASSERT_EQ(r.wins[0].paths.paths.size(), 1u);
  const JourneyPath& p = r.wins[0].paths.paths[0];
  ASSERT_EQ(p.channels.size(), kMaxJourneyTouches);
  EXPECT_EQ(p.channels.front(), 36 % 4);  // touch 36 of 0..99 is the first kept
  EXPECT_EQ(p.channels.back(), 99 % 4);
  EXPECT_EQ(r.wins[0].truncated, 1);
  EXPECT_EQ(r.wins[1].truncated, 1);  // the null journey of W1 is cut too
}

// --- Brute-force reference: the definitions of docs/analyses/journeys.md. ---

struct RefPath {
  int64_t conversions = 0, nulls = 0;
  double value = 0;
};
struct RefWin {
  std::map<std::vector<uint16_t>, RefPath> paths;
  int64_t conversions = 0, unattributed = 0, nulls = 0;
};

void ReferencePerson(const std::vector<Row>& unsorted, std::vector<RefWin>* wins) {
  std::vector<Row> ev = unsorted;
  std::stable_sort(ev.begin(), ev.end(),
                   [](const Row& a, const Row& b) { return a.time < b.time; });
  for (int w = 0; w < 2; ++w) {
    RefWin& out = (*wins)[static_cast<size_t>(w)];
    int64_t prev = -1;  // event index of the previous conversion of w
    for (size_t j = 0; j < ev.size(); ++j) {
      if (((ev[j].mask >> w) & 1) == 0) continue;
      ++out.conversions;
      std::vector<uint16_t> path;
      for (size_t i = static_cast<size_t>(prev + 1); i <= j; ++i) {
        if (ev[i].channel != 0 && ev[j].time - ev[i].time <= kLookback) {
          path.push_back(static_cast<uint16_t>(ev[i].channel - 1));
        }
      }
      prev = static_cast<int64_t>(j);
      if (path.empty()) {
        ++out.unattributed;
        continue;
      }
      if (path.size() > kMaxJourneyTouches) path.erase(path.begin(), path.end() - 64);
      out.paths[path].conversions += 1;
      out.paths[path].value += ev[j].value.value_or(0);
    }
    std::vector<uint16_t> tail;
    for (size_t i = static_cast<size_t>(prev + 1); i < ev.size(); ++i) {
      if (ev[i].channel != 0) tail.push_back(static_cast<uint16_t>(ev[i].channel - 1));
    }
    if (tail.size() > kMaxJourneyTouches) tail.erase(tail.begin(), tail.end() - 64);
    if (!tail.empty()) {
      ++out.paths[tail].nulls;
      ++out.nulls;
    }
  }
}

void CheckAgainstReference(uint32_t seed, int max_events) {
  const auto persons = RandomPersons(seed, 150, max_events);
  std::vector<RefWin> ref(2);
  for (const auto& p : persons) ReferencePerson(p, &ref);
  const JourneyPathsResult r = OnePass(persons);
  for (size_t w = 0; w < 2; ++w) {
    SCOPED_TRACE("seed " + std::to_string(seed) + " win " + std::to_string(w));
    const JourneyPathsWin& got = r.wins[w];
    EXPECT_EQ(got.conversions, ref[w].conversions);
    EXPECT_EQ(got.unattributed, ref[w].unattributed);
    EXPECT_EQ(got.null_journeys, ref[w].nulls);
    ASSERT_EQ(got.paths.paths.size(), ref[w].paths.size());
    EXPECT_TRUE(ValidatePathTable(got.paths).ok());
    size_t i = 0;
    for (const auto& [channels, want] : ref[w].paths) {  // std::map order = sorted order
      const JourneyPath& p = got.paths.paths[i++];
      std::vector<std::string> want_names, got_names;
      for (uint16_t c : channels) want_names.push_back(kChannels[c]);
      for (uint16_t c : p.channels) got_names.push_back(got.paths.channel_names[c]);
      EXPECT_EQ(got_names, want_names);
      EXPECT_EQ(p.conversions, want.conversions);
      EXPECT_EQ(p.nulls, want.nulls);
      EXPECT_NEAR(p.value, want.value, 1e-9 * std::max(1.0, std::fabs(want.value)));
    }
  }
}

TEST(JourneyPathsStateTest, MatchesBruteForceReference) {
  for (uint32_t seed = 100; seed < 140; ++seed) CheckAgainstReference(seed, 16);
}

TEST(JourneyPathsStateTest, MatchesReferenceOnLongPersons) {
  for (uint32_t seed = 200; seed < 210; ++seed) CheckAgainstReference(seed, 300);
}

TEST(JourneyPathsStateTest, TotalsAreHonest) {
  const JourneyPathsResult r = OnePass(RandomPersons(7, 500));
  for (const JourneyPathsWin& w : r.wins) {
    int64_t conversions = 0, nulls = 0;
    for (const JourneyPath& p : w.paths.paths) {
      conversions += p.conversions;
      nulls += p.nulls;
    }
    EXPECT_EQ(conversions, w.conversions - w.unattributed);
    EXPECT_EQ(nulls, w.null_journeys);
  }
}

}  // namespace
}  // namespace winpath
