// Rendering of attribution results: exact table text and JSON totals. The JSON values
// themselves are pinned by tests/golden/attribution/.
#include "report/attribution_report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace winpath {
namespace {

AttributionResult Sample() {
  AttributionResult r;
  r.lookback = 30 * kMsPerDay;
  r.half_life = 7 * kMsPerDay;
  r.position_first = 0.4;
  r.position_last = 0.4;
  r.models = {AttributionModel::kFirstTouch, AttributionModel::kLinear};
  AttributionWin buy;
  buy.win = "Buy";
  buy.conversions = 3;
  buy.value = 60;
  buy.unattributed = 1;
  buy.unattributed_value = 10;
  buy.attributed_value = 50;
  buy.models = {{AttributionModel::kFirstTouch, {{"search", 2, 50}}},
                {AttributionModel::kLinear, {{"search", 1.5, 30}, {"email", 0.5, 20}}}};
  r.wins = {buy};
  return r;
}

TEST(AttributionReportTest, Table) {
  EXPECT_EQ(AttributionToTable(Sample()),
            "Attribution: lookback 30d, time-decay half-life 7d, position-based 40% first / 40% "
            "last\n"
            "\n"
            "Buy: 3 conversions, credited by model\n"
            "  channel         first_touch  linear\n"
            "  -----------------------------------\n"
            "  search                 2.00    1.50\n"
            "  email                  0.00    0.50\n"
            "  (unattributed)         1.00    1.00\n"
            "  total                  3.00    3.00\n"
            "  (unattributed): conversions without a touch in the 30d lookback\n"
            "\n"
            "Buy: value credited\n"
            "  channel         first_touch  linear\n"
            "  -----------------------------------\n"
            "  search                50.00   30.00\n"
            "  email                  0.00   20.00\n"
            "  (unattributed)        10.00   10.00\n"
            "  total                 60.00   60.00\n");
}

TEST(AttributionReportTest, JsonTotals) {
  const auto j = nlohmann::json::parse(AttributionToJson(Sample()));
  EXPECT_EQ(j["analysis"], "attribution");
  EXPECT_EQ(j["models"], nlohmann::json::array({"first_touch", "linear"}));
  const auto& buy = j["wins"]["Buy"];
  EXPECT_EQ(buy["conversions"], 3);
  EXPECT_EQ(buy["attributed"], 2);
  EXPECT_EQ(buy["attributed_value"], 50.0);
  EXPECT_EQ(buy["unattributed"], 1);
  EXPECT_EQ(buy["models"]["linear"][1]["channel"], "email");
  EXPECT_EQ(buy["models"]["linear"][1]["conversions"], 0.5);
  EXPECT_EQ(j["position_based"]["first"], 0.4);
}

}  // namespace
}  // namespace winpath
