// RunAttribution: spec checking (field named, valid values listed), defaults from the map, the
// direct channel, the scan options. Semantics are pinned by tests/golden/attribution/.
#include "query/attribution_query.h"

#include <gtest/gtest.h>

#include "query/query_test_support.h"

namespace winpath {
namespace {

using query_test::kT0;
using query_test::OneWinMap;

// search at 0, DIRECT at 1d, purchase (100) at 1d; a second purchase (50) at 4d.
EventTable Table() { return query_test::OneBuyerTable({"search", "DIRECT"}); }

TEST(RunAttributionTest, UnknownModelNamesTheFieldAndListsTheModels) {
  AttributionSpec spec;
  spec.models = {"linear", "markov"};
  auto r = RunAttribution(Table(), OneWinMap(), spec, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(),
            "models: unknown model 'markov'; valid models: 'first_touch', 'last_touch', "
            "'last_non_direct', 'linear', 'time_decay', 'position_based'");
}

TEST(RunAttributionTest, RejectsBadSpecs) {
  const EventTable table = Table();
  const JourneyMap map = OneWinMap();
  auto code = [&](AttributionSpec spec) {
    auto r = RunAttribution(table, map, spec, {});
    return r.ok() ? StatusCode::kOk : r.status().code();
  };
  AttributionSpec s;
  s.models = {"linear", "linear"};
  EXPECT_EQ(code(s), StatusCode::kInvalidArgument);
  s = {};
  s.wins = {"Register"};
  EXPECT_EQ(code(s), StatusCode::kInvalidArgument);
  s = {};
  s.lookback = 0;
  EXPECT_EQ(code(s), StatusCode::kInvalidArgument);
  s = {};
  s.half_life = -5;
  EXPECT_EQ(code(s), StatusCode::kInvalidArgument);
  s = {};
  s.position_first = -0.1;
  EXPECT_EQ(code(s), StatusCode::kInvalidArgument);
  s = {};
  s.position_last = 0.7;  // 0.4 + 0.7 > 1
  EXPECT_EQ(code(s), StatusCode::kInvalidArgument);
  s = {};
  s.position_first = 0.5;
  s.position_last = 0.5;  // exactly 1 is allowed: the middle gets nothing
  EXPECT_EQ(code(s), StatusCode::kOk);
}

TEST(RunAttributionTest, PositionWeightsMessageNamesBothFields) {
  AttributionSpec spec;
  spec.position_first = 0.6;
  spec.position_last = 0.6;
  auto r = RunAttribution(Table(), OneWinMap(), spec, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().rfind("position_first, position_last:", 0), 0u)
      << r.status().message();
}

TEST(RunAttributionTest, DefaultsComeFromTheMap) {
  auto r = RunAttribution(Table(), OneWinMap(), {}, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->lookback, 2 * kMsPerDay);
  EXPECT_EQ(r->half_life, kMsPerDay);
  ASSERT_EQ(r->models.size(), 6u);
  ASSERT_EQ(r->wins.size(), 1u);
  const AttributionWin& buy = r->wins[0];
  EXPECT_EQ(buy.conversions, 2);
  EXPECT_EQ(buy.unattributed, 1);  // the 4d purchase has no touch in its 2d lookback
  EXPECT_EQ(buy.unattributed_value, 50.0);
  EXPECT_EQ(buy.attributed_value, 100.0);
}

TEST(RunAttributionTest, DirectChannelIsMatchedCaseInsensitively) {
  AttributionSpec spec;
  spec.models = {"last_touch", "last_non_direct"};
  auto r = RunAttribution(Table(), OneWinMap(), spec, {});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->wins[0].models[0].channels.size(), 1u);
  EXPECT_EQ(r->wins[0].models[0].channels[0].channel, "DIRECT");
  ASSERT_EQ(r->wins[0].models[1].channels.size(), 1u);
  EXPECT_EQ(r->wins[0].models[1].channels[0].channel, "search");
  spec.direct_channel = "none";
  r = RunAttribution(Table(), OneWinMap(), spec, {});
  EXPECT_EQ(r->wins[0].models[1].channels[0].channel, "DIRECT");
}

TEST(RunAttributionTest, ThreadCountDoesNotChangeTheResult) {
  ScanOptions one, four;
  one.threads = 1;
  four.threads = 4;
  EXPECT_EQ(RunAttribution(Table(), OneWinMap(), {}, one).value(),
            RunAttribution(Table(), OneWinMap(), {}, four).value());
}

TEST(RunAttributionTest, TimeRangeHidesTouchesBeforeIt) {
  ScanOptions scan;
  scan.from = kT0 + 1;  // the search touch is outside: only DIRECT remains
  AttributionSpec spec;
  spec.models = {"first_touch"};
  auto r = RunAttribution(Table(), OneWinMap(), spec, scan);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->wins[0].models[0].channels.size(), 1u);
  EXPECT_EQ(r->wins[0].models[0].channels[0].channel, "DIRECT");
}

}  // namespace
}  // namespace winpath
