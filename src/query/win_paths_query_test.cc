// RunWinPaths: spec checking (field named, valid values listed), defaults from the map, the scan
// options (threads, time range). Semantics are pinned by tests/golden/win_paths/.
#include "query/win_paths_query.h"

#include <gtest/gtest.h>

namespace winpath {
namespace {

constexpr TimeMs kT0 = 1767225600000LL;

JourneyMap TwoWinMap() {
  JourneyMap map;
  map.wins = DefaultWins();
  map.wins.resize(2);  // Buy (bit 0), Support (bit 1)
  map.windows.conversion = 2 * kMsPerDay;
  return map;
}

// p0: Email at 0, Buy at 1d. p1: Direct at 0, Buy at 3d (outside the map's 2d window).
EventTable Table() {
  EventTableBuilder b({"Email", "Direct"});
  const uint16_t visit = b.InternEventName("visit"), buy = b.InternEventName("purchase");
  const uint32_t p0 = b.InternPerson("p0"), p1 = b.InternPerson("p1");
  b.Add(p0, kT0, visit, 1, 0, 0);
  b.Add(p0, kT0 + kMsPerDay, buy, 0, 0, 1, 10.0);
  b.Add(p1, kT0, visit, 2, 0, 0);
  b.Add(p1, kT0 + 3 * kMsPerDay, buy, 0, 0, 1, 20.0);
  return std::move(b).Build().value();
}

TEST(RunWinPathsTest, UnknownWinNamesTheFieldAndListsTheWins) {
  WinPathsSpec spec;
  spec.wins = {"Buy", "Purchase"};
  auto r = RunWinPaths(Table(), TwoWinMap(), spec, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "wins: unknown win 'Purchase'; valid wins: 'Buy', 'Support'");
}

TEST(RunWinPathsTest, RejectsBadSpecs) {
  const EventTable table = Table();
  const JourneyMap map = TwoWinMap();
  auto code = [&](WinPathsSpec spec) {
    auto r = RunWinPaths(table, map, spec, {});
    return r.ok() ? StatusCode::kOk : r.status().code();
  };
  WinPathsSpec s;
  s.views = {"first_touch", "linear"};
  EXPECT_EQ(code(s), StatusCode::kInvalidArgument);
  s = {};
  s.views = {"any_touch", "any_touch"};
  EXPECT_EQ(code(s), StatusCode::kInvalidArgument);
  s = {};
  s.wins = {"Buy", "Buy"};
  EXPECT_EQ(code(s), StatusCode::kInvalidArgument);
  s = {};
  s.window = 0;
  EXPECT_EQ(code(s), StatusCode::kInvalidArgument);
  s = {};
  s.min_persons = -1;
  EXPECT_EQ(code(s), StatusCode::kInvalidArgument);
  s = {};
  s.significance = 1.5;
  EXPECT_EQ(code(s), StatusCode::kInvalidArgument);
  JourneyMap no_wins;
  auto r = RunWinPaths(table, no_wins, {}, {});
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

TEST(RunWinPathsTest, UnknownViewListsTheViews) {
  WinPathsSpec spec;
  spec.views = {"linear"};
  auto r = RunWinPaths(Table(), TwoWinMap(), spec, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "views: unknown view 'linear'; valid views: 'first_touch', 'last_touch', 'any_touch'");
}

TEST(RunWinPathsTest, DefaultsComeFromTheMap) {
  auto r = RunWinPaths(Table(), TwoWinMap(), {}, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->window, 2 * kMsPerDay);
  EXPECT_EQ(r->min_persons, 30);
  EXPECT_EQ(r->wins, (std::vector<std::string>{"Buy", "Support"}));
  ASSERT_EQ(r->views.size(), 3u);
  const WinPathsWin& buy = r->views[0].wins[0];
  EXPECT_EQ(buy.reached, 1);  // p1's purchase is 3d after its touch
  EXPECT_EQ(buy.value, 10.0);
  EXPECT_FALSE(buy.best.has_value());  // no channel has 30 persons
}

TEST(RunWinPathsTest, SpecWindowAndOrderOfWinsAndViews) {
  WinPathsSpec spec;
  spec.window = 3 * kMsPerDay;
  spec.wins = {"Support", "Buy"};
  spec.views = {"last_touch"};
  spec.min_persons = 1;
  auto r = RunWinPaths(Table(), TwoWinMap(), spec, {});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->views.size(), 1u);
  EXPECT_EQ(r->views[0].view, WinPathsView::kLastTouch);
  EXPECT_EQ(r->views[0].wins[0].win, "Support");
  EXPECT_EQ(r->views[0].wins[1].reached, 2);
  EXPECT_EQ(r->views[0].wins[1].value, 30.0);
}

TEST(RunWinPathsTest, ThreadCountDoesNotChangeTheResult) {
  WinPathsSpec spec;
  spec.min_persons = 1;
  ScanOptions one, four;
  one.threads = 1;
  four.threads = 4;
  EXPECT_EQ(RunWinPaths(Table(), TwoWinMap(), spec, one).value(),
            RunWinPaths(Table(), TwoWinMap(), spec, four).value());
}

TEST(RunWinPathsTest, TimeRangeHidesEventsOutsideIt) {
  ScanOptions scan;
  scan.from = kT0 + 1;  // both touches are at kT0: nobody is touched any more
  auto r = RunWinPaths(Table(), TwoWinMap(), {}, scan);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->persons, 2);
  EXPECT_EQ(r->touched_persons, 0);
}

}  // namespace
}  // namespace winpath
