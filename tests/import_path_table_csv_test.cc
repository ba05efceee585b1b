// Reading path tables from CSV in ChannelAttribution's shape (ingest/path_table_csv.h).
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "ingest/path_table_csv.h"

namespace winpath {
namespace {

PathTable Parse(std::string_view text, const PathTableCsvOptions& options = {}) {
  Result<PathTable> t = ParsePathTableCsv(text, "paths.csv", options);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? *t : PathTable{};
}

Status Error(std::string_view text, const PathTableCsvOptions& options = {}) {
  Result<PathTable> t = ParsePathTableCsv(text, "paths.csv", options);
  EXPECT_FALSE(t.ok());
  return t.ok() ? Status::OK() : t.status();
}

TEST(PathTableCsv, ReadsChannelAttributionShape) {
  PathTable t = Parse(
      "path,total_conversions,total_conversion_value,total_null\n"
      "search > email,3,30.5,2\n"
      "direct,2,20,1\n");
  EXPECT_EQ(t.channel_names, (std::vector<std::string>{"search", "email", "direct"}));
  ASSERT_EQ(t.paths.size(), 2u);
  // Sorted by channel indexes: [0, 1] before [2].
  EXPECT_EQ(t.paths[0], (JourneyPath{{0, 1}, 3, 30.5, 2}));
  EXPECT_EQ(t.paths[1], (JourneyPath{{2}, 2, 20, 1}));
}

TEST(PathTableCsv, ValueAndNullColumnsAreOptional) {
  PathTable t = Parse("total_conversions,PATH\n4,a > b\n");
  ASSERT_EQ(t.paths.size(), 1u);
  EXPECT_EQ(t.paths[0], (JourneyPath{{0, 1}, 4, 0, 0}));
}

TEST(PathTableCsv, SamePathTwiceIsSummed) {
  PathTable t = Parse(
      "path,total_conversions,total_conversion_value,total_null\n"
      "a > b,1,10,1\n"
      "b,0,0,3\n"
      "a>b,2,15,0\n");
  ASSERT_EQ(t.paths.size(), 2u);
  EXPECT_EQ(t.paths[0], (JourneyPath{{0, 1}, 3, 25, 1}));
  EXPECT_EQ(t.paths[1], (JourneyPath{{1}, 0, 0, 3}));
}

TEST(PathTableCsv, ConfigurableColumnsAndSeparator) {
  PathTableCsvOptions o;
  o.path_column = "journey";
  o.conversions_column = "conv";
  o.value_column = "revenue";
  o.nulls_column = "lost";
  o.separator = "|";
  PathTable t = Parse("journey,conv,revenue,lost\n\" Organic Search | Email \",1,5,0\n", o);
  EXPECT_EQ(t.channel_names, (std::vector<std::string>{"Organic Search", "Email"}));
  ASSERT_EQ(t.paths.size(), 1u);
  EXPECT_EQ(t.paths[0].value, 5);
}

TEST(PathTableCsv, QuotedFieldsCrlfAndBlankLines) {
  PathTable t = Parse("path,total_conversions\r\n\r\n\"a, inc > b\",2\r\n\r\n");
  EXPECT_EQ(t.channel_names, (std::vector<std::string>{"a, inc", "b"}));
  EXPECT_EQ(t.paths[0].conversions, 2);
}

TEST(PathTableCsv, WholeNumbersWrittenAsDecimals) {
  PathTable t = Parse("path,total_conversions,total_null\na,3.0,2\n");
  EXPECT_EQ(t.paths[0].conversions, 3);
}

TEST(PathTableCsv, ErrorsNameFileLineFieldAndExpectation) {
  const std::string header = "path,total_conversions,total_conversion_value,total_null\n";
  struct Case {
    std::string rows;
    std::string message;
  };
  std::vector<Case> cases = {
      {"a,-1,0,0\n", "paths.csv:2:total_conversions: negative count -1; expected >= 0"},
      {"a,1,0,-3\n", "paths.csv:2:total_null: negative count -3; expected >= 0"},
      {"a,two,0,0\n", "paths.csv:2:total_conversions: expected a whole number >= 0, got 'two'"},
      {"a,1.5,0,0\n", "paths.csv:2:total_conversions: expected a whole number >= 0, got '1.5'"},
      {"a,1,abc,0\n", "paths.csv:2:total_conversion_value: expected a number, got 'abc'"},
      {"a,1,inf,0\n", "paths.csv:2:total_conversion_value: expected a number, got 'inf'"},
      {"a,0,5,1\n",
       "paths.csv:2:total_conversion_value: value without conversions; expected 0 when "
       "total_conversions is 0"},
      {"b,1,0,0\n ,1,0,0\n", "paths.csv:3:path: empty path; expected 'a > b > c'"},
      {"a >  > b,1,0,0\n",
       "paths.csv:2:path: empty channel name in 'a >  > b'; expected names separated by '>'"},
      {"a,1,0\n", "paths.csv:2:row: expected 4 fields, got 3"},
  };
  for (const Case& c : cases) {
    Status s = Error(header + c.rows);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << c.rows;
    EXPECT_EQ(s.message(), c.message) << c.rows;
  }
}

TEST(PathTableCsv, MissingHeaderColumnsOrEmptyFile) {
  Status s = Error("route,total_conversions\na,1\n");
  EXPECT_EQ(s.message(),
            "paths.csv:1:header: expected columns 'path' and 'total_conversions' (optional: "
            "'total_conversion_value', 'total_null')");
  EXPECT_EQ(Error("").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Error("path,total_conversions\n\"a,1\n").code(), StatusCode::kInvalidArgument);
}

TEST(PathTableCsv, HeaderOnlyIsAnEmptyTable) {
  PathTable t = Parse("path,total_conversions\n");
  EXPECT_TRUE(t.paths.empty());
  EXPECT_TRUE(t.channel_names.empty());
}

TEST(PathTableCsv, ReadsFileAndReportsMissingFile) {
  std::string path = ::testing::TempDir() + "/path_table_csv_test.csv";
  {
    std::ofstream f(path);
    f << "path,total_conversions,total_null\nsearch > email,1,1\n";
  }
  Result<PathTable> t = ReadPathTableCsv(path);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->paths.size(), 1u);
  std::remove(path.c_str());
  EXPECT_EQ(ReadPathTableCsv(path).status().code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace winpath
