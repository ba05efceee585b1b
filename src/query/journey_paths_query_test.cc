// RunJourneyPaths: spec checking (field named, valid values listed), the map's lookback as the
// default, the scan range. Semantics are pinned by tests/golden/journeys/.
#include "query/journey_paths_query.h"

#include <gtest/gtest.h>

#include "query/query_test_support.h"

namespace winpath {
namespace {

using query_test::kT0;
using query_test::OneWinMap;

// search at 0, email at 1d, purchase (100) at 1d; a second purchase (50) at 4d.
EventTable Table() { return query_test::OneBuyerTable({"search", "email"}); }

TEST(RunJourneyPathsTest, UnknownWinNamesTheFieldAndListsTheWins) {
  JourneyPathsSpec spec;
  spec.wins = {"Register"};
  auto r = RunJourneyPaths(Table(), OneWinMap(), spec, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("wins:"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("'Buy'"), std::string::npos) << r.status().message();
}

TEST(RunJourneyPathsTest, RejectsBadLookbackAndRepeatedWin) {
  JourneyPathsSpec spec;
  spec.lookback = 0;
  EXPECT_EQ(RunJourneyPaths(Table(), OneWinMap(), spec, {}).status().code(),
            StatusCode::kInvalidArgument);
  spec = {};
  spec.wins = {"Buy", "Buy"};
  EXPECT_EQ(RunJourneyPaths(Table(), OneWinMap(), spec, {}).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(RunJourneyPathsTest, DefaultsComeFromTheMap) {
  auto r = RunJourneyPaths(Table(), OneWinMap(), {}, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->lookback, 2 * kMsPerDay);
  ASSERT_EQ(r->wins.size(), 1u);
  const JourneyPathsWin& w = r->wins[0];
  EXPECT_EQ(w.win, "Buy");
  EXPECT_EQ(w.conversions, 2);
  EXPECT_EQ(w.unattributed, 1);  // the second purchase has no touch since the first
  EXPECT_EQ(w.unattributed_value, 50.0);
  ASSERT_EQ(w.paths.paths.size(), 1u);
  EXPECT_EQ(PathText(w.paths, w.paths.paths[0]), "search > email");
  EXPECT_EQ(w.paths.paths[0].value, 100.0);
}

TEST(RunJourneyPathsTest, TouchesBeforeTheScanRangeAreNotSeen) {
  ScanOptions scan;
  scan.from = kT0 + 1;
  scan.threads = 2;
  auto r = RunJourneyPaths(Table(), OneWinMap(), {}, scan);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->wins[0].paths.paths.size(), 1u);
  EXPECT_EQ(PathText(r->wins[0].paths, r->wins[0].paths.paths[0]), "email");
}

}  // namespace
}  // namespace winpath
