// Rendering of win-paths results: exact table text and JSON nulls. The JSON values themselves
// are pinned by tests/golden/win_paths/.
#include "report/win_paths_report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace winpath {
namespace {

WinPathsResult Sample() {
  WinPathsResult r;
  r.window = 7 * kMsPerDay;
  r.min_persons = 2;
  r.persons = 5;
  r.touched_persons = 4;
  r.wins = {"Buy"};
  WinPathsWin buy;
  buy.win = "Buy";
  buy.persons = 4;
  buy.reached = 2;
  buy.value = 30;
  buy.channels = {{"Email", 3, 2, 2.0 / 3, 30, 5400000.0}, {"Direct", 1, 0, 0, 0, std::nullopt}};
  buy.best =
      WinPathsBest{"Email", 2.0 / 3, std::nullopt, std::nullopt, std::nullopt, std::nullopt, false};
  r.views = {{WinPathsView::kFirstTouch, {buy}}};
  return r;
}

TEST(WinPathsReportTest, Table) {
  EXPECT_EQ(WinPathsToTable(Sample()),
            "Win paths: window 7d; 5 persons, 4 touched\n"
            "\n"
            "First touch -> Buy\n"
            "  channel        persons  reached  reach rate  value  median time to win\n"
            "  ----------------------------------------------------------------------\n"
            "  Email                3        2       66.7%  30.00                1.5h\n"
            "  Direct               1        0        0.0%   0.00                   -\n"
            "  (all touched)        4        2       50.0%  30.00\n"
            "  Best: Email 66.7% (the only channel with enough persons)\n");
}

TEST(WinPathsReportTest, JsonNulls) {
  WinPathsResult r = Sample();
  r.views[0].wins[0].best.reset();
  r.views[0].wins[0].persons = 0;
  const auto j = nlohmann::json::parse(WinPathsToJson(r));
  const auto& buy = j["views"]["first_touch"]["Buy"];
  EXPECT_TRUE(buy["best"].is_null());
  EXPECT_TRUE(buy["reach_rate"].is_null());
  EXPECT_TRUE(buy["reach_rate_lower"].is_null());  // no persons: no interval, no failed check
  EXPECT_TRUE(buy["reach_rate_upper"].is_null());
  EXPECT_TRUE(buy["channels"][1]["median_time_to_win_ms"].is_null());
  EXPECT_EQ(buy["channels"][0]["median_time_to_win_ms"], 5400000.0);
  EXPECT_EQ(j["window"], "7d");
  EXPECT_EQ(j["analysis"], "win_paths");
}

TEST(WinPathsReportTest, BestNoteWithRunnerUp) {
  WinPathsResult r = Sample();
  r.views[0].wins[0].best = WinPathsBest{"Email", 2.0 / 3, "Direct", 0.0, 200.0 / 3, 0.248, false};
  r.views[0].view = WinPathsView::kAnyTouch;
  const std::string table = WinPathsToTable(r);
  EXPECT_NE(table.find("Best: Email 66.7%, 66.7 pp over Direct 0.0% (p = 0.248, within noise at "
                       "0.05)\n"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("Channels overlap"), std::string::npos);
}

}  // namespace
}  // namespace winpath
