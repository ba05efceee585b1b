// Shapley and path-table rendering: the JSON fields and the table's rows and position columns.
#include "report/shapley_report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "report/path_table_report.h"

namespace winpath {
namespace {

ShapleyResult Example() {
  PathTable t{{"a", "b"}, {{{0}, 4, 40, 0}, {{0, 1}, 6, 60, 3}}};
  return ComputeShapley(t).value();
}

TEST(ShapleyReportTest, JsonHasCreditsSharesAndPositions) {
  const nlohmann::json j = nlohmann::json::parse(ShapleyToJson(Example()));
  EXPECT_EQ(j["analysis"], "shapley");
  EXPECT_EQ(j["method"], "closed_form");
  EXPECT_EQ(j["conversions"], 10);
  EXPECT_EQ(j["nulls"], 3);
  ASSERT_EQ(j["channels"].size(), 2u);
  EXPECT_EQ(j["channels"][0]["channel"], "a");
  EXPECT_EQ(j["channels"][0]["conversions"], 7.0);
  EXPECT_EQ(j["channels"][0]["share"], 0.7);
  EXPECT_EQ(j["channels"][0]["value"], 70.0);
  EXPECT_EQ(j["channels"][1]["conversions_by_position"], nlohmann::json::parse("[0.0, 3.0]"));
}

TEST(ShapleyReportTest, TableListsChannelsByCreditWithATotal) {
  const std::string text = ShapleyToTable(Example(), "Buy");
  EXPECT_NE(text.find("Buy: Shapley value (closed_form), 10 conversions on 2 paths"),
            std::string::npos)
      << text;
  EXPECT_LT(text.find("\n  a "), text.find("\n  b ")) << text;
  EXPECT_NE(text.find("\n  a "), std::string::npos) << text;
  EXPECT_NE(text.find("pos 2"), std::string::npos) << text;
  EXPECT_NE(text.find("total"), std::string::npos) << text;
  EXPECT_NE(text.find("3 journeys without a conversion"), std::string::npos) << text;
}

TEST(ShapleyReportTest, EmptyResultRendersWithoutRows) {
  const ShapleyResult r = ComputeShapley(PathTable{}).value();
  EXPECT_EQ(nlohmann::json::parse(ShapleyToJson(r))["channels"].size(), 0u);
  EXPECT_EQ(ShapleyToTable(r).find("total"), std::string::npos);
}

TEST(PathTableReportTest, PathsAsText) {
  PathTable t{{"a", "b"}, {{{0, 1, 1}, 2, 5.5, 1}}};
  const nlohmann::json j = nlohmann::json::parse(PathTableToJson(t));
  EXPECT_EQ(j["channels"], nlohmann::json::parse(R"(["a", "b"])"));
  EXPECT_EQ(j["paths"][0]["path"], "a > b > b");
  EXPECT_EQ(j["paths"][0]["conversions"], 2);
  EXPECT_EQ(j["paths"][0]["value"], 5.5);
  EXPECT_EQ(j["paths"][0]["nulls"], 1);
}

}  // namespace
}  // namespace winpath
