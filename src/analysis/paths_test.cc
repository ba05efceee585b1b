#include "analysis/paths.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "analysis/paths_flow.h"
#include "model/event_table.h"

namespace winpath {
namespace {

// Channels A, B, C (ids 1..3); predicate bit 0 = "from", bit 1 = "to"; event names e0..e3.
struct Row {
  std::string person;
  TimeMs time;
  uint32_t mask = 0;
  uint8_t channel = 0;
  int name = 0;
};

EventTable Table(const std::vector<Row>& rows) {
  EventTableBuilder b({"A", "B", "C"});
  for (int n = 0; n < 4; ++n) b.InternEventName("e" + std::to_string(n));
  for (const Row& r : rows) {
    b.Add(b.InternPerson(r.person), r.time, static_cast<uint16_t>(r.name), r.channel, 0, r.mask);
  }
  auto t = std::move(b).Build();
  EXPECT_TRUE(t.ok());
  return std::move(t).value();
}

std::shared_ptr<PathsConfig> MakeConfig(bool from, bool to, TimeMs window = 100, int top = 10,
                                        int max_steps = 6,
                                        PathNodeKind node = PathNodeKind::kChannel) {
  auto c = std::make_shared<PathsConfig>();
  if (from) c->from = JourneyStep{"From", 0};
  if (to) c->to = JourneyStep{"To", 1};
  c->window = window;
  c->top = top;
  c->max_steps = max_steps;
  c->node = node;
  c->node_names = node == PathNodeKind::kChannel ? std::vector<std::string>{"", "A", "B", "C"}
                                                 : std::vector<std::string>{"e0", "e1", "e2", "e3"};
  return c;
}

template <typename State, typename Config>
auto RunAll(const std::shared_ptr<Config>& c, const EventTable& t) {
  State s(c);
  for (size_t p = 0; p < t.num_persons(); ++p) s.Add(t.person(p));
  return s.Finalize();
}

TEST(Paths, CollapsesRepeatsAndSplitsConverted) {
  EventTable t = Table({{"a", 0, 1},
                        {"a", 1, 0, 1},
                        {"a", 2, 0, 1},
                        {"a", 3, 0, 2},
                        {"a", 4, 2},
                        {"b", 0, 1},
                        {"b", 1, 0, 1},
                        {"b", 2, 0, 2},
                        {"c", 0, 0, 3}});  // c never reaches `from`
  PathsResult r = RunAll<PathsState>(MakeConfig(true, true), t);
  EXPECT_EQ(r.persons, 2);
  EXPECT_EQ(r.converted, 1);
  ASSERT_EQ(r.paths.size(), 1u);
  EXPECT_EQ(r.paths[0].nodes, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(r.paths[0].persons, 2);
  EXPECT_EQ(r.paths[0].converted, 1);
}

TEST(Paths, LongPathsKeepFirstAndLastSteps) {
  std::vector<Row> rows = {{"a", 0, 1}};
  for (int i = 0; i < 7; ++i) rows.push_back({"a", 1 + i, 0, static_cast<uint8_t>(1 + i % 3)});
  EventTable t = Table(rows);
  PathsResult r = RunAll<PathsState>(MakeConfig(true, false, 100, 10, 5), t);
  ASSERT_EQ(r.paths.size(), 1u);
  // A B C A B C A -> first 3, ellipsis, last 2.
  EXPECT_EQ(r.paths[0].nodes, (std::vector<std::string>{"A", "B", "C", "…", "C", "A"}));
  EXPECT_TRUE(r.paths[0].truncated);
}

TEST(Paths, OtherRowMakesTotalsAddUp) {
  EventTable t = Table({{"a", 0, 1},
                        {"a", 1, 0, 1},
                        {"b", 0, 1},
                        {"b", 1, 0, 2},
                        {"c", 0, 1},
                        {"c", 1, 0, 2},
                        {"d", 0, 1},
                        {"d", 1, 0, 3}});
  PathsResult r = RunAll<PathsState>(MakeConfig(true, false, 100, 1), t);
  ASSERT_EQ(r.paths.size(), 1u);
  EXPECT_EQ(r.paths[0].nodes, (std::vector<std::string>{"B"}));
  EXPECT_EQ(r.other_paths, 2);
  EXPECT_EQ(r.other_persons, 2);
  EXPECT_EQ(r.paths[0].persons + r.other_persons, r.persons);
}

TEST(Flow, EveryStepSumsToTheAnchorPersons) {
  auto c = std::make_shared<FlowConfig>();
  c->anchor = "e0";
  c->anchor_event = 0;
  c->depth = 3;
  c->width = 1;
  c->node = PathNodeKind::kEvent;
  c->node_names = {"e0", "e1", "e2", "e3"};
  EventTable t = Table({{"a", 0, 0, 0, 0},
                        {"a", 1, 0, 0, 1},
                        {"a", 2, 0, 0, 1},
                        {"a", 3, 0, 0, 2},
                        {"b", 0, 0, 0, 0},
                        {"b", 1, 0, 0, 3},
                        {"c", 0, 0, 0, 0},
                        {"c", 1, 0, 0, 1}});
  FlowResult r = RunAll<FlowState>(c, t);
  EXPECT_EQ(r.persons, 3);
  ASSERT_EQ(r.steps.size(), 4u);
  for (const auto& step : r.steps) {
    int64_t sum = 0;
    for (const FlowNode& n : step) sum += n.persons;
    EXPECT_EQ(sum, 3);
  }
  // Step 1: e1 (2 persons) is the top node; e3 becomes "other".
  ASSERT_EQ(r.steps[1].size(), 2u);
  EXPECT_EQ(r.steps[1][0].name, "e1");
  EXPECT_EQ(r.steps[1][1].kind, FlowNodeKind::kOther);
  // Step 2: a -> e2 (top), b and c -> drop-off.
  ASSERT_EQ(r.steps[2].size(), 2u);
  EXPECT_EQ(r.steps[2][1].kind, FlowNodeKind::kDropOff);
  EXPECT_EQ(r.steps[2][1].persons, 2);
}

// Random persons, random splits, merged in random order == one pass.
TEST(PathsAndFlow, MergeOfRandomSplitsEqualsOnePass) {
  std::mt19937_64 rng(11);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  for (int round = 0; round < 80; ++round) {
    std::vector<Row> rows;
    const int persons = pick(0, 30);
    for (int p = 0; p < persons; ++p) {
      const int events = pick(1, 10);
      for (int e = 0; e < events; ++e) {
        rows.push_back({"p" + std::to_string(p), pick(0, 50), static_cast<uint32_t>(pick(0, 3)),
                        static_cast<uint8_t>(pick(0, 3)), pick(0, 3)});
      }
    }
    EventTable t = Table(rows);
    const auto node = static_cast<PathNodeKind>(pick(0, 1));
    auto pc = MakeConfig(pick(0, 1) == 1, true, pick(1, 60), pick(1, 4), pick(1, 4), node);
    if (pick(0, 1) && pc->from) pc->to.reset();
    auto fc = std::make_shared<FlowConfig>();
    fc->anchor = "e1";
    fc->anchor_event = 1;
    fc->previous = pick(0, 1) == 1;
    fc->depth = pick(1, 4);
    fc->width = pick(1, 3);
    fc->node = node;
    fc->node_names = pc->node_names;

    const int parts = pick(1, 5);
    std::vector<PathsState> ps(static_cast<size_t>(parts), PathsState(pc));
    std::vector<FlowState> fs(static_cast<size_t>(parts), FlowState(fc));
    for (size_t p = 0; p < t.num_persons(); ++p) {
      const size_t k = static_cast<size_t>(pick(0, parts - 1));
      ps[k].Add(t.person(p));
      fs[k].Add(t.person(p));
    }
    std::shuffle(ps.begin(), ps.end(), rng);
    std::shuffle(fs.begin(), fs.end(), rng);
    PathsState pm(pc);
    FlowState fm(fc);
    for (const auto& s : ps) pm.Merge(s);
    for (const auto& s : fs) fm.Merge(s);
    PathsResult p1 = RunAll<PathsState>(pc, t);
    FlowResult f1 = RunAll<FlowState>(fc, t);
    ASSERT_EQ(pm.Finalize(), p1) << "round " << round;
    ASSERT_EQ(fm.Finalize(), f1) << "round " << round;
    // Invariants: path rows add up; every flow step adds up to the anchor persons.
    int64_t rows_sum = p1.other_persons;
    for (const PathRow& row : p1.paths) rows_sum += row.persons;
    ASSERT_EQ(rows_sum, p1.persons);
    for (const auto& step : f1.steps) {
      int64_t sum = 0;
      for (const FlowNode& n : step) sum += n.persons;
      ASSERT_EQ(sum, f1.persons);
    }
    for (size_t s = 0; s + 1 < f1.steps.size(); ++s) {
      int64_t sum = 0;
      for (const FlowLink& l : f1.links) sum += l.step == static_cast<int>(s) ? l.persons : 0;
      ASSERT_EQ(sum, f1.persons);
    }
  }
}

}  // namespace
}  // namespace winpath
