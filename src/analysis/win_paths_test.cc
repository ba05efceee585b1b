// Win-paths kernel: the kernel contract (random splits merge to one pass, Merge leaves its
// argument alone, a copy of an empty state is empty) and a differential test against a
// brute-force reading of docs/analyses/win-paths.md on random persons.
#include "analysis/win_paths.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <tuple>

#include "analysis/kernel_test_support.h"
#include "model/event_table.h"

namespace winpath {
namespace {

constexpr TimeMs kBase = 1767225600000LL;
constexpr TimeMs kWindow = 10 * kMsPerHour;

using Row = KernelTestEvent;

// Random persons with many equal timestamps, repeated channels, untouched persons, win events
// that are touches, and values that are not binary fractions.
std::vector<std::vector<Row>> RandomPersons(uint32_t seed, int persons) {
  std::mt19937 rng(seed);
  std::vector<std::vector<Row>> out(static_cast<size_t>(persons));
  for (auto& rows : out) {
    const int n = static_cast<int>(rng() % 14);
    TimeMs t = kBase + static_cast<TimeMs>(rng() % 1000);
    for (int i = 0; i < n; ++i) {
      // Steps of 0 (ties) up to ~16h, so window edges (10h) are crossed both ways.
      t += static_cast<TimeMs>(rng() % 4 == 0 ? 0 : (rng() % 17) * kMsPerHour / 2);
      Row r{t, static_cast<uint8_t>(rng() % 3 == 0 ? 0 : 1 + rng() % 4), 0, std::nullopt};
      if (rng() % 3 == 0) r.mask = 1u << (rng() % 3);
      if (rng() % 9 == 0) r.mask |= 1u << (rng() % 3);
      if (r.mask != 0 && rng() % 2 == 0) r.value = static_cast<double>(rng() % 10000) / 100.0;
      rows.push_back(r);
    }
  }
  return out;
}

EventTable BuildTable(const std::vector<std::vector<Row>>& persons) {
  return BuildKernelTestTable(persons, {"A", "B", "C", "D"});
}

std::shared_ptr<const WinPathsConfig> Config(std::vector<WinPathsView> views = {
                                                 WinPathsView::kFirstTouch,
                                                 WinPathsView::kLastTouch,
                                                 WinPathsView::kAnyTouch}) {
  auto c = std::make_shared<WinPathsConfig>();
  c->channel_names = {"A", "B", "C", "D"};
  c->wins = {{"W0", 0}, {"W1", 1}, {"W2", 2}};
  c->views = std::move(views);
  c->window = kWindow;
  c->min_persons = 3;
  return c;
}

WinPathsResult OnePass(const EventTable& table, const WinPathsState& empty) {
  WinPathsState s = empty;
  for (size_t p = 0; p < table.num_persons(); ++p) s.Add(table.person(p));
  return s.Finalize();
}

TEST(WinPathsStateTest, RandomSplitsMergeToOnePass) {
  for (uint32_t seed = 1; seed <= 30; ++seed) {
    SCOPED_TRACE(seed);
    const EventTable table = BuildTable(RandomPersons(seed, 200));
    std::mt19937 rng(seed * 7919);
    ExpectRandomSplitMergesToOnePass(table, WinPathsState(Config()), rng);
  }
}

// Channel ids from 64 up take the kernel's multi-word channel sets: the same persons on
// channels 65..68 of a 68-channel table give the same result as on channels 1..4.
TEST(WinPathsStateTest, ChannelIdsAbove63GiveTheSameResult) {
  std::vector<std::string> names;
  for (int c = 1; c <= 64; ++c) names.push_back("unused" + std::to_string(c));
  for (const char* name : {"A", "B", "C", "D"}) names.emplace_back(name);
  auto wide = std::make_shared<WinPathsConfig>(*Config());
  wide->channel_names = names;
  for (uint32_t seed = 200; seed < 210; ++seed) {
    SCOPED_TRACE(seed);
    auto persons = RandomPersons(seed, 150);
    const WinPathsResult narrow = OnePass(BuildTable(persons), WinPathsState(Config()));
    for (auto& rows : persons) {
      for (Row& r : rows) r.channel = r.channel == 0 ? 0 : static_cast<uint8_t>(r.channel + 64);
    }
    const EventTable table = BuildKernelTestTable(persons, names);
    EXPECT_EQ(OnePass(table, WinPathsState(wide)), narrow);
    std::mt19937 rng(seed);
    ExpectRandomSplitMergesToOnePass(table, WinPathsState(wide), rng);
  }
}

TEST(WinPathsStateTest, CopyOfEmptyStateIsEmpty) {
  const WinPathsState empty(Config());
  WinPathsState copy = empty;
  const WinPathsResult r = copy.Finalize();
  EXPECT_EQ(r, empty.Finalize());
  EXPECT_EQ(r.persons, 0);
  ASSERT_EQ(r.views.size(), 3u);
  for (const auto& v : r.views) {
    ASSERT_EQ(v.wins.size(), 3u);
    for (const auto& w : v.wins) {
      EXPECT_TRUE(w.channels.empty());
      EXPECT_FALSE(w.best.has_value());
    }
  }
}

// --- Brute-force reference: the definitions of docs/analyses/win-paths.md, quadratic. ---

struct RefCell {
  int64_t persons = 0, reached = 0;
  ValueSum value;
  std::vector<TimeMs> times;
};
// (view, win, channel) -> cell; (view, win, 0) holds the per-win totals.
using RefCells = std::map<std::tuple<int, int, int>, RefCell>;

void Credit(RefCells* cells, int view, int win, int channel, bool reached, TimeMs ttw,
            ValueSum::Units value) {
  RefCell& c = (*cells)[{view, win, channel}];
  ++c.persons;
  if (reached) {
    ++c.reached;
    c.times.push_back(ttw);
  }
  c.value.AddUnits(value);
}

void ReferencePerson(const std::vector<Row>& unsorted, RefCells* cells) {
  std::vector<Row> ev = unsorted;
  std::stable_sort(ev.begin(), ev.end(),
                   [](const Row& a, const Row& b) { return a.time < b.time; });
  const int n = static_cast<int>(ev.size());
  std::vector<int> touches;
  for (int i = 0; i < n; ++i) {
    if (ev[i].channel != 0) touches.push_back(i);
  }
  if (touches.empty()) return;
  auto units = [&](int j) { return ValueSum::ToUnits(ev[j].value.value_or(0)); };
  auto in_window = [&](int i, int j) { return i <= j && ev[j].time - ev[i].time <= kWindow; };
  for (int w = 0; w < 3; ++w) {
    auto is_win = [&](int j) { return (ev[j].mask >> w) & 1; };
    // First touch.
    const int f = touches.front();
    bool reached = false;
    TimeMs ttw = 0;
    ValueSum::Units value = 0;
    for (int j = 0; j < n; ++j) {
      if (!is_win(j) || !in_window(f, j)) continue;
      if (!reached) ttw = ev[j].time - ev[f].time;
      reached = true;
      value += units(j);
    }
    Credit(cells, 0, w, ev[f].channel, reached, ttw, value);
    Credit(cells, 0, w, 0, reached, 0, value);
    // Last touch: the first win event with any touch in the window before it.
    int e = -1;
    for (int j = 0; j < n && e < 0; ++j) {
      for (int i : touches) {
        if (is_win(j) && in_window(i, j)) e = j;
      }
    }
    if (e < 0) {
      Credit(cells, 1, w, ev[touches.back()].channel, false, 0, 0);
      Credit(cells, 1, w, 0, false, 0, 0);
    } else {
      int d = -1;
      for (int i : touches) {
        if (i <= e) d = i;
      }
      value = 0;
      for (int j = 0; j < n; ++j) {
        if (is_win(j) && in_window(d, j)) value += units(j);
      }
      Credit(cells, 1, w, ev[d].channel, true, ev[e].time - ev[d].time, value);
      Credit(cells, 1, w, 0, true, 0, value);
    }
    // Any touch, per channel, and the once-per-person total.
    for (int c = 1; c <= 4; ++c) {
      bool touched = false;
      reached = false;
      value = 0;
      for (int j = 0; j < n; ++j) {
        int latest = -1;
        for (int i : touches) {
          if (ev[i].channel == c && i <= j) latest = i;
        }
        touched = touched || (ev[j].channel == c);
        if (latest < 0 || !is_win(j) || !in_window(latest, j)) continue;
        if (!reached) ttw = ev[j].time - ev[latest].time;
        reached = true;
        value += units(j);
      }
      if (touched) Credit(cells, 2, w, c, reached, ttw, value);
    }
    reached = false;
    value = 0;
    for (int j = 0; j < n; ++j) {
      bool any = false;
      for (int i : touches) any = any || (is_win(j) && in_window(i, j));
      if (!any) continue;
      reached = true;
      value += units(j);
    }
    Credit(cells, 2, w, 0, reached, 0, value);
  }
}

std::optional<double> Median(std::vector<TimeMs> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  const size_t m = v.size() / 2;
  if (v.size() % 2) return static_cast<double>(v[m]);
  return (static_cast<double>(v[m - 1]) + static_cast<double>(v[m])) / 2;
}

TEST(WinPathsStateTest, MatchesBruteForceReference) {
  const std::vector<std::string> names = {"A", "B", "C", "D"};
  for (uint32_t seed = 100; seed < 140; ++seed) {
    const auto persons = RandomPersons(seed, 120);
    RefCells ref;
    for (const auto& p : persons) ReferencePerson(p, &ref);
    const WinPathsResult r = OnePass(BuildTable(persons), WinPathsState(Config()));
    ASSERT_EQ(r.views.size(), 3u);
    for (int view = 0; view < 3; ++view) {
      for (int w = 0; w < 3; ++w) {
        const WinPathsWin& got = r.views[static_cast<size_t>(view)].wins[static_cast<size_t>(w)];
        const RefCell& total = ref[{view, w, 0}];
        EXPECT_EQ(got.persons, total.persons) << "seed " << seed << " view " << view;
        EXPECT_EQ(got.reached, total.reached) << "seed " << seed << " view " << view;
        EXPECT_EQ(got.value, total.value.value()) << "seed " << seed << " view " << view;
        size_t k = 0;
        for (int c = 1; c <= 4; ++c) {
          auto it = ref.find({view, w, c});
          if (it == ref.end()) continue;
          ASSERT_LT(k, got.channels.size());
          const WinPathsCell& cell = got.channels[k++];
          SCOPED_TRACE("seed " + std::to_string(seed) + " view " + std::to_string(view) + " win " +
                       std::to_string(w) + " channel " + names[c - 1]);
          EXPECT_EQ(cell.channel, names[static_cast<size_t>(c - 1)]);
          EXPECT_EQ(cell.persons, it->second.persons);
          EXPECT_EQ(cell.reached, it->second.reached);
          EXPECT_EQ(cell.value, it->second.value.value());
          EXPECT_EQ(cell.median_time_to_win_ms, Median(it->second.times));
        }
        EXPECT_EQ(k, got.channels.size());
      }
    }
  }
}

TEST(WinPathsStateTest, ViewsCanBeSelected) {
  const auto persons = RandomPersons(7, 50);
  const EventTable table = BuildTable(persons);
  const WinPathsResult all = OnePass(table, WinPathsState(Config()));
  const WinPathsResult any_only = OnePass(table, WinPathsState(Config({WinPathsView::kAnyTouch})));
  ASSERT_EQ(any_only.views.size(), 1u);
  EXPECT_EQ(any_only.views[0], all.views[2]);
}

TEST(WinPathsStateTest, TimeRangeSliceUsesTheRightValues) {
  // A person sliced by a scan range keeps the values of the events inside it.
  std::vector<std::vector<Row>> persons = {{{kBase, 1, 0, std::nullopt},
                                            {kBase + 1, 0, 1, 5.0},
                                            {kBase + 2, 2, 0, std::nullopt},
                                            {kBase + 3, 0, 1, 7.0}}};
  const EventTable table = BuildTable(persons);
  WinPathsState s{Config({WinPathsView::kFirstTouch})};
  s.Add(table.person(0).TimeRange(kBase + 2, kBase + 10));
  const WinPathsResult r = s.Finalize();
  ASSERT_EQ(r.views[0].wins[0].channels.size(), 1u);
  EXPECT_EQ(r.views[0].wins[0].channels[0].channel, "B");
  EXPECT_EQ(r.views[0].wins[0].channels[0].value, 7.0);
}

TEST(WinPathsStateTest, BestChannelNeedsMinPersons) {
  // A: 2 of 3 reach; B: 1 of 1 (below min_persons 3); C: 0 of 3.
  std::vector<std::vector<Row>> persons;
  auto add = [&](uint8_t channel, bool win) {
    std::vector<Row> p = {{kBase, channel, 0, std::nullopt}};
    if (win) p.push_back({kBase + 1, 0, 1, std::nullopt});
    persons.push_back(p);
  };
  add(1, true), add(1, true), add(1, false), add(2, true), add(3, false), add(3, false),
      add(3, false);
  const WinPathsResult r =
      OnePass(BuildTable(persons), WinPathsState(Config({WinPathsView::kFirstTouch})));
  const auto& best = r.views[0].wins[0].best;
  ASSERT_TRUE(best.has_value());
  EXPECT_EQ(best->channel, "A");
  EXPECT_EQ(best->runner_up, "C");
  EXPECT_DOUBLE_EQ(*best->margin_pp, 200.0 / 3);
}

}  // namespace
}  // namespace winpath
