// GapsToJson / DriversToJson / the tables: "no data" is null and says so, never NaN.
#include "report/gaps_report.h"

#include <gtest/gtest.h>

#include "report/drivers_report.h"

namespace winpath {
namespace {

GapsResult OneTargetWithoutData() {
  GapsResult r;
  r.test = "exact";
  GapsTargetResult& t = r.targets.emplace_back();
  t.from = "Trial";
  t.to = "Purchase";
  t.within = kMsPerDay;
  t.expected_rate = 0.25;
  return r;
}

TEST(GapsReport, NoDataIsNullNeverNaN) {
  const std::string json = GapsToJson(OneTargetWithoutData());
  EXPECT_NE(json.find("\"actual_rate\":null"), std::string::npos) << json;
  EXPECT_NE(json.find("\"q_value\":null"), std::string::npos);
  EXPECT_NE(json.find("\"verdict\":\"no data\""), std::string::npos);
  EXPECT_EQ(json.find("NaN"), std::string::npos);
  EXPECT_EQ(json.find("nan"), std::string::npos);
  const std::string table = GapsToTable(OneTargetWithoutData());
  EXPECT_NE(table.find("Trial → Purchase"), std::string::npos) << table;
  EXPECT_NE(table.find("no data"), std::string::npos);
  EXPECT_NE(table.find("in progress and not counted"), std::string::npos);
}

TEST(GapsReport, TinyPValuesAndSignedGaps) {
  GapsResult r = OneTargetWithoutData();
  GapsTargetResult& t = r.targets[0];
  t.persons = 100;
  t.converted = 5;
  t.actual_rate = 0.05;
  t.interval = ProportionInterval{0.02, 0.11};
  t.gap = -0.2;
  t.p_value = 1e-9;
  t.q_value = 0.0123;
  t.verdict = GapVerdict::kBelowTarget;
  const std::string table = GapsToTable(r);
  EXPECT_NE(table.find("<0.0001"), std::string::npos) << table;
  EXPECT_NE(table.find("0.0123"), std::string::npos);
  EXPECT_NE(table.find("-20.0 pp"), std::string::npos);
  EXPECT_NE(table.find("below target"), std::string::npos);
}

TEST(DriversReport, CorrectedOddsRatioIsMarkedAndTooRareListed) {
  DriversResult r;
  r.from = "Trial";
  r.to = "Purchase";
  r.window = kMsPerDay;
  DriverRow& row = r.touchpoints.emplace_back();
  row.touchpoint = "Email";
  row.odds_ratio = OddsRatioEstimate{81, 1.3, 5046.3, true};
  row.p_value = 0.0286;
  row.q_value = 0.0286;
  row.verdict = DriverVerdict::kOver;
  DriverRow& rare = r.too_rare.emplace_back();
  rare.touchpoint = "Display";
  rare.support = 2;
  const std::string table = DriversToTable(r);
  EXPECT_NE(table.find("81.00*"), std::string::npos) << table;
  EXPECT_NE(table.find("too rare"), std::string::npos);
  const std::string json = DriversToJson(r);
  EXPECT_NE(json.find("\"corrected\":true"), std::string::npos) << json;
  EXPECT_NE(json.find("\"too_rare\":[{\"touchpoint\":\"Display\""), std::string::npos);
}

}  // namespace
}  // namespace winpath
