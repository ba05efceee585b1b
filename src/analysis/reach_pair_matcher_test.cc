#include "analysis/reach_pair_matcher.h"

#include <gtest/gtest.h>

#include <random>

#include "analysis/funnel_matcher.h"
#include "analysis/kernel_test_support.h"

namespace winpath {
namespace {

constexpr uint32_t kFrom = 1u << 0, kTo = 1u << 1;

ReachPairConfig Config(TimeMs window, TimeMs data_end, int to_occurrence = 1) {
  ReachPairConfig c;
  c.from = {"A", 0, 1, 1};
  c.to = {"B", 1, to_occurrence, to_occurrence};
  c.window = window;
  c.data_end = data_end;
  return c;
}

ReachPairOutcome MatchOne(const ReachPairConfig& c, const std::vector<KernelTestEvent>& events) {
  const EventTable t = BuildKernelTestTable({events}, {"Email"});
  ReachPairOutcome out;
  ReachPairMatcher(&c).Match(t.person(0), &out);
  return out;
}

TEST(ReachPairMatcher, WindowEdgeIsInclusive) {
  const ReachPairConfig c = Config(100, 10'000);
  auto in = MatchOne(c, {{0, 0, kFrom}, {100, 0, kTo}});
  EXPECT_TRUE(in.converted);
  EXPECT_EQ(in.to_pos, 1u);
  EXPECT_EQ(in.to_time, 100);
  EXPECT_FALSE(MatchOne(c, {{0, 0, kFrom}, {101, 0, kTo}}).converted);
}

TEST(ReachPairMatcher, FirstFromOnlyAndToMustComeAfter) {
  const ReachPairConfig c = Config(100, 10'000);
  // The second `from` event would convert, but only the first counts.
  auto out = MatchOne(c, {{0, 0, kFrom}, {500, 0, kFrom}, {550, 0, kTo}});
  EXPECT_TRUE(out.reached);
  EXPECT_EQ(out.from_pos, 0u);
  EXPECT_FALSE(out.converted);
  // One event reaching both is the `from` event, not the `to` event.
  EXPECT_FALSE(MatchOne(c, {{0, 0, kFrom | kTo}}).converted);
  EXPECT_FALSE(MatchOne(c, {{5, 0, kTo}}).reached);
}

TEST(ReachPairMatcher, ToOccurrencesCountFromTheFirstEvent) {
  // `to` = 1st B event: a B before A means no later event is the 1st.
  EXPECT_FALSE(MatchOne(Config(100, 10'000), {{0, 0, kTo}, {1, 0, kFrom}, {2, 0, kTo}}).converted);
  // `to` = 2nd B event: the one before A counts as the 1st.
  auto out = MatchOne(Config(100, 10'000, 2), {{0, 0, kTo}, {1, 0, kFrom}, {2, 0, kTo}});
  EXPECT_TRUE(out.converted);
  EXPECT_EQ(out.to_pos, 2u);
}

TEST(ReachPairMatcher, WindowOpenAtDataEnd) {
  EXPECT_TRUE(MatchOne(Config(100, 200), {{100, 0, kFrom}}).window_open);  // 200 >= 200
  EXPECT_FALSE(MatchOne(Config(100, 201), {{100, 0, kFrom}}).window_open);
  EXPECT_TRUE(MatchOne(Config(100, 200), {{100, 0, kFrom}, {150, 0, kTo}}).window_open);
}

// The definition is the funnel's: FunnelMatcher, ordered, two steps, step 1 limited to its
// first reaching event, gives the same level, step-2 time and in-progress flag.
TEST(ReachPairMatcher, AgreesWithFunnelMatcher) {
  std::mt19937 rng(7);
  for (int round = 0; round < 300; ++round) {
    const int to_occurrence = 1 + static_cast<int>(rng() % 2);
    const ReachPairConfig c = Config(1 + rng() % 50, 60 + rng() % 80, to_occurrence);
    FunnelMatcherConfig f;
    f.steps = {c.from, c.to};
    f.window = c.window;
    f.data_end = c.data_end;
    std::vector<std::vector<KernelTestEvent>> persons(20);
    for (auto& events : persons) {
      const int n = static_cast<int>(rng() % 8);
      for (int k = 0; k < n; ++k) {
        events.push_back({static_cast<TimeMs>(rng() % 100), 0, static_cast<uint32_t>(rng() % 4)});
      }
    }
    const EventTable t = BuildKernelTestTable(persons, {"Email"});
    FunnelMatcher funnel(&f);
    ReachPairMatcher pair(&c);
    for (size_t p = 0; p < t.num_persons(); ++p) {
      FunnelOutcome fo;
      ReachPairOutcome po;
      funnel.Match(t.person(p), &fo);
      pair.Match(t.person(p), &po);
      ASSERT_EQ(fo.level >= 1, po.reached) << round << " " << p;
      ASSERT_EQ(fo.level == 2, po.converted) << round << " " << p;
      ASSERT_EQ(fo.in_progress, po.reached && !po.converted && po.window_open);
      if (po.converted) {
        ASSERT_EQ(fo.times[1], po.to_time);
      }
      if (po.reached) {
        ASSERT_EQ(fo.times[0], po.from_time);
      }
    }
  }
}

}  // namespace
}  // namespace winpath
