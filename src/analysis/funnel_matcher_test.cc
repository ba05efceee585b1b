#include "analysis/funnel_matcher.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace winpath {
namespace {

// One person's events as plain columns; view() borrows them.
struct Person {
  std::vector<TimeMs> time;
  std::vector<uint16_t> name;
  std::vector<uint8_t> channel, flags;
  std::vector<uint32_t> mask;
  void Add(TimeMs t, uint32_t m, uint16_t n = 0) {
    time.push_back(t);
    mask.push_back(m);
    name.push_back(n);
    channel.push_back(0);
    flags.push_back(0);
  }
  PersonView view() const {
    PersonView v;
    v.time = time;
    v.name = name;
    v.channel = channel;
    v.flags = flags;
    v.mask = mask;
    return v;
  }
};

JourneyStep Step(int bit, int32_t min = 1, int32_t max = INT32_MAX) {
  return JourneyStep{"s" + std::to_string(bit), bit, min, max};
}

FunnelMatcherConfig Config(std::vector<JourneyStep> steps, FunnelMode mode, TimeMs window,
                           TimeMs data_end = 1000000) {
  FunnelMatcherConfig c;
  c.steps = std::move(steps);
  c.mode = mode;
  c.window = window;
  c.data_end = data_end;
  return c;
}

FunnelOutcome MatchPerson(const FunnelMatcherConfig& c, const Person& p) {
  FunnelMatcher m(&c);
  FunnelOutcome out;
  m.Match(p.view(), &out);
  return out;
}

TEST(FunnelMatcher, OrderedAllowsEventsBetween) {
  auto c = Config({Step(0), Step(1), Step(2)}, FunnelMode::kOrdered, 100);
  Person p;
  p.Add(10, 1);
  p.Add(11, 0);
  p.Add(20, 2);
  p.Add(30, 8);
  p.Add(40, 4);
  FunnelOutcome o = MatchPerson(c, p);
  EXPECT_EQ(o.level, 3);
  EXPECT_EQ(o.start, 0u);
  EXPECT_EQ(o.times[0], 10);
  EXPECT_EQ(o.times[1], 20);
  EXPECT_EQ(o.times[2], 40);
  EXPECT_FALSE(o.in_progress);
}

TEST(FunnelMatcher, WindowEdgeIsInclusive) {
  auto c = Config({Step(0), Step(1)}, FunnelMode::kOrdered, 100);
  Person in, out;
  in.Add(0, 1);
  in.Add(100, 2);
  out.Add(0, 1);
  out.Add(101, 2);
  EXPECT_EQ(MatchPerson(c, in).level, 2);
  EXPECT_EQ(MatchPerson(c, out).level, 1);
}

TEST(FunnelMatcher, StrictStopsAtAnyOtherEvent) {
  auto c = Config({Step(0), Step(1)}, FunnelMode::kStrict, 100);
  Person p;
  p.Add(0, 1);
  p.Add(1, 0);  // a page view
  p.Add(2, 2);
  EXPECT_EQ(MatchPerson(c, p).level, 1);
  Person q;
  q.Add(0, 1);
  q.Add(2, 2);
  EXPECT_EQ(MatchPerson(c, q).level, 2);
}

TEST(FunnelMatcher, ReentryCountsTheAttemptThatGetsFurthest) {
  auto c = Config({Step(0), Step(1), Step(2)}, FunnelMode::kOrdered, 10);
  Person p;
  p.Add(0, 1);
  p.Add(5, 2);
  p.Add(20, 1);  // the first window closed at 10
  p.Add(22, 2);
  p.Add(25, 4);
  FunnelOutcome o = MatchPerson(c, p);
  EXPECT_EQ(o.level, 3);
  EXPECT_EQ(o.start, 2u);
  EXPECT_EQ(o.times[0], 20);
  EXPECT_EQ(o.times[2], 25);
}

TEST(FunnelMatcher, EarliestAttemptReachingTheLevelGivesTheTimes) {
  auto c = Config({Step(0), Step(1)}, FunnelMode::kOrdered, 100);
  Person p;
  p.Add(0, 1);
  p.Add(10, 1);
  p.Add(30, 2);
  FunnelOutcome o = MatchPerson(c, p);
  EXPECT_EQ(o.level, 2);
  EXPECT_EQ(o.start, 0u);
  EXPECT_EQ(o.times[1] - o.times[0], 30);
}

TEST(FunnelMatcher, OneEventAdvancesOneStep) {
  // Both steps match the same event: two such events are needed.
  auto c = Config({Step(0), Step(1)}, FunnelMode::kOrdered, 100);
  Person once;
  once.Add(0, 3);
  EXPECT_EQ(MatchPerson(c, once).level, 1);
  Person twice;
  twice.Add(0, 3);
  twice.Add(0, 3);
  EXPECT_EQ(MatchPerson(c, twice).level, 2);
}

TEST(FunnelMatcher, OccurrenceTwoNeedsTheSecondMatchingEvent) {
  // Step 1: first purchase (bit 0, occurrence 1); step 2: second purchase (bit 1, occurrence 2).
  auto c = Config({Step(0, 1, 1), Step(1, 2, 2)}, FunnelMode::kOrdered, 100);
  Person p;
  p.Add(0, 3);
  p.Add(5, 3);
  FunnelOutcome o = MatchPerson(c, p);
  EXPECT_EQ(o.level, 2);
  EXPECT_EQ(o.times[1], 5);
}

TEST(FunnelMatcher, ExclusionVoidsOpenAttemptsOnly) {
  auto c = Config({Step(0), Step(1)}, FunnelMode::kOrdered, 10);
  c.excluded_name = {0, 1};  // name 1 is excluded
  Person p;
  p.Add(0, 1);
  p.Add(5, 0, 1);  // voids the attempt at 0
  p.Add(8, 2);
  FunnelOutcome o = MatchPerson(c, p);
  EXPECT_EQ(o.level, 0);
  EXPECT_TRUE(o.excluded);

  Person q;
  q.Add(0, 1);
  q.Add(20, 0, 1);  // the attempt's window closed at 10: it stays valid at level 1
  FunnelOutcome r = MatchPerson(c, q);
  EXPECT_EQ(r.level, 1);
  EXPECT_FALSE(r.excluded);
}

TEST(FunnelMatcher, InProgressWhenTheWindowOutlivesTheData) {
  auto c = Config({Step(0), Step(1)}, FunnelMode::kOrdered, 10, /*data_end=*/15);
  Person p;
  p.Add(5, 1);  // window end 15 >= data end 15: still open
  EXPECT_TRUE(MatchPerson(c, p).in_progress);
  Person q;
  q.Add(4, 1);  // window end 14: closed
  EXPECT_FALSE(MatchPerson(c, q).in_progress);
}

TEST(FunnelMatcher, AnyOrderCountsDistinctSteps) {
  auto c = Config({Step(0), Step(1), Step(2)}, FunnelMode::kAnyOrder, 10);
  Person p;
  p.Add(0, 4);
  p.Add(1, 4);
  p.Add(2, 1);
  FunnelOutcome o = MatchPerson(c, p);
  EXPECT_EQ(o.level, 2);
  EXPECT_EQ(o.times[0], 0);
  EXPECT_EQ(o.times[1], 2);
}

// ---- Reference: every attempt simulated on its own, straight from the documented rules. ----

struct Ref {
  int level = 0;
  bool excluded = false, in_progress = false;
  uint32_t start = 0;
  std::vector<TimeMs> times;
};

Ref Reference(const FunnelMatcherConfig& c, const Person& p) {
  const size_t n = c.steps.size(), size = p.time.size();
  std::vector<std::vector<bool>> reach(size, std::vector<bool>(n));
  for (size_t s = 0; s < n; ++s) {
    int count = 0;
    for (size_t i = 0; i < size; ++i) {
      if ((p.mask[i] >> c.steps[s].bit) & 1u) {
        ++count;
        reach[i][s] = count >= c.steps[s].min_count && count <= c.steps[s].max_count;
      }
    }
  }
  auto excluded = [&](size_t j) {
    return p.name[j] < c.excluded_name.size() && c.excluded_name[p.name[j]] != 0;
  };
  Ref best;
  bool had = false;
  TimeMs latest_best_t0 = 0;
  for (size_t i = 0; i < size; ++i) {
    bool starts = c.mode == FunnelMode::kAnyOrder
                      ? std::find(reach[i].begin(), reach[i].end(), true) != reach[i].end()
                      : reach[i][0];
    if (!starts) continue;
    had = true;
    const TimeMs t0 = p.time[i];
    std::vector<TimeMs> times;
    std::vector<bool> got(n);
    bool valid = true;
    if (c.mode == FunnelMode::kAnyOrder) {
      for (size_t j = i; j < size && p.time[j] - t0 <= c.window && times.size() < n; ++j) {
        if (j > i && excluded(j)) {
          valid = false;
          break;
        }
        for (size_t s = 0; s < n; ++s) {
          if (reach[j][s] && !got[s]) {
            got[s] = true;
            times.push_back(p.time[j]);
            break;
          }
        }
      }
    } else {
      times.push_back(t0);
      for (size_t j = i + 1; j < size && p.time[j] - t0 <= c.window && times.size() < n; ++j) {
        if (excluded(j)) {
          valid = false;
          break;
        }
        if (reach[j][times.size()]) {
          times.push_back(p.time[j]);
        } else if (c.mode == FunnelMode::kStrict) {
          break;
        }
      }
    }
    if (!valid) continue;
    const int level = static_cast<int>(times.size());
    if (level > best.level) {
      best.level = level;
      best.start = static_cast<uint32_t>(i);
      best.times = times;
      latest_best_t0 = t0;
    } else if (level == best.level) {
      latest_best_t0 = t0;
    }
  }
  best.excluded = had && best.level == 0;
  best.in_progress =
      best.level > 0 && best.level < static_cast<int>(n) && latest_best_t0 + c.window >= c.data_end;
  return best;
}

TEST(FunnelMatcher, MatchesTheReferenceOnRandomPersons) {
  std::mt19937_64 rng(20260101);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  for (int round = 0; round < 20000; ++round) {
    const int n = pick(2, 4);
    std::vector<JourneyStep> steps;
    for (int s = 0; s < n; ++s) {
      const int kind = pick(0, 3);
      const int occ = pick(1, 2);
      steps.push_back(kind == 0 ? Step(s) : kind == 1 ? Step(s, occ, occ) : Step(s, occ));
    }
    const FunnelMode mode = static_cast<FunnelMode>(pick(0, 2));
    auto c = Config(steps, mode, pick(0, 12), pick(5, 40));
    if (pick(0, 1)) c.excluded_name = {0, 1};
    Person p;
    TimeMs t = pick(0, 3);
    const int events = pick(0, 25);
    for (int e = 0; e < events; ++e) {
      t += pick(0, 1) ? 0 : pick(1, 5);
      uint32_t m = 0;
      for (int b = 0; b < n; ++b) {
        if (pick(0, 3) == 0) m |= 1u << b;
      }
      p.Add(t, m, pick(0, 9) == 0 ? 1 : 0);
    }
    FunnelOutcome got = MatchPerson(c, p);
    Ref want = Reference(c, p);
    SCOPED_TRACE("round " + std::to_string(round) + " mode " + std::to_string(int(mode)));
    ASSERT_EQ(got.level, want.level);
    ASSERT_EQ(got.excluded, want.excluded);
    ASSERT_EQ(got.in_progress, want.in_progress);
    if (want.level == 0) continue;
    ASSERT_EQ(got.start, want.start);
    for (int k = 0; k < want.level; ++k) ASSERT_EQ(got.times[k], want.times[k]) << "step " << k;
  }
}

}  // namespace
}  // namespace winpath
