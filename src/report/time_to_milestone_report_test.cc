// Rendering of time-to-milestone results: exact table text, nulls in JSON. The values
// themselves are pinned by tests/golden/time_to_milestone/.
#include "report/time_to_milestone_report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace winpath {
namespace {

// One person who reached `to` after 2h (S = 0 at the last step), one censored at 1d.
TimeToMilestoneResult Sample() {
  TimeToMilestoneResult r;
  r.from = "Trial";
  r.to = "Purchase";
  r.window = 7 * kMsPerDay;
  r.started = 2;
  r.reached = 1;
  r.censored_at_window_end = 1;
  r.event_times = 1;
  r.curve = {{0, 2, 0, 0, 1.0, 0.0, 1.0, 1.0}, {2 * kMsPerHour, 2, 1, 1, 0.5, 0.35, 0.1, 0.8}};
  r.percentiles = {{"p25", {0.25, 2 * kMsPerHour, 0, std::nullopt}},
                   {"median", {0.5, 2 * kMsPerHour, std::nullopt, std::nullopt}},
                   {"p75", {0.75, std::nullopt, std::nullopt, std::nullopt}},
                   {"p90", {0.9, std::nullopt, std::nullopt, std::nullopt}}};
  return r;
}

TEST(TimeToMilestoneReport, Table) {
  EXPECT_EQ(TimeToMilestoneToTable(Sample()),
            "Time to milestone: Trial → Purchase (window 7d)\n"
            "  time  at risk  reached  censored  share reached  95% CI\n"
            "  --------------------------------------------------------------\n"
            "  0s          2        0         0           0.0%  0.0% – 0.0%\n"
            "  2.0h        2        1         1          50.0%  20.0% – 90.0%\n"
            "  2 started at Trial, 1 reached Purchase; censored: 0 in progress, 1 at window end\n"
            "\n"
            "Time until a share reached Purchase\n"
            "  percentile           time  95% CI\n"
            "  -------------------------------------------\n"
            "  p25 (25%)            2.0h  0s – not reached\n"
            "  median (50%)         2.0h                 -\n"
            "  p75 (75%)     not reached                 -\n"
            "  p90 (90%)     not reached                 -\n");
}

TEST(TimeToMilestoneReport, JsonNullsNeverNaN) {
  TimeToMilestoneResult r = Sample();
  r.curve[1].survival = 0;
  r.curve[1].std_err = r.curve[1].lower = r.curve[1].upper = std::nullopt;
  const std::string text = TimeToMilestoneToJson(r);
  EXPECT_EQ(text.find("nan"), std::string::npos);
  const auto j = nlohmann::json::parse(text);
  EXPECT_EQ(j["analysis"], "time_to_milestone");
  EXPECT_TRUE(j["data_end"].is_null());
  EXPECT_EQ(j["curve"][1]["share_reached"], 1.0);
  EXPECT_TRUE(j["curve"][1]["share_reached_lower"].is_null());
  EXPECT_TRUE(j["curve"][1]["std_err"].is_null());
  // The share's interval is the survival interval complemented and swapped.
  EXPECT_EQ(j["curve"][0]["share_reached_upper"], 0.0);
  EXPECT_TRUE(j["percentiles"][2]["t_ms"].is_null());
  EXPECT_EQ(j["percentiles"][0]["lower_ms"], 0);
  EXPECT_TRUE(j["percentiles"][0]["upper_ms"].is_null());
}

}  // namespace
}  // namespace winpath
