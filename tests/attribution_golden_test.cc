// Golden cases for heuristic attribution (docs/analyses/attribution.md): every
// tests/golden/attribution/*.golden file is one test. Header keys: map (the cases use
// attribution.yaml), models, wins, lookback, half_life, position_first, position_last,
// direct_channel. A case whose spec is invalid expects {"error": "<StatusCodeName>"}.
#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "golden_harness.h"
#include "golden_specs.h"
#include "query/attribution_query.h"
#include "report/attribution_report.h"

namespace winpath {
namespace {

// The case's output JSON, or {"error": code} when the analysis refuses the spec.
std::string RunCase(const golden::GoldenCase& c, int threads) {
  auto map = golden::LoadGoldenMap(c);
  EXPECT_TRUE(map.ok()) << map.status().ToString();
  if (!map.ok()) return "";
  auto table = golden::BuildGoldenTable(c, *map);
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  if (!table.ok()) return "";
  auto spec = golden::AttributionSpecFromHeader(c);
  EXPECT_TRUE(spec.ok()) << spec.status().ToString();
  if (!spec.ok()) return "";
  ScanOptions scan;
  scan.threads = threads;
  auto result = RunAttribution(*table, *map, *spec, scan);
  if (!result.ok()) {
    return "{\"error\": \"" + std::string(StatusCodeName(result.status().code())) + "\"}";
  }
  return AttributionToJson(*result);
}

class AttributionGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(AttributionGolden, MatchesExpected) {
  auto c = golden::ReadGoldenFile(GetParam());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  SCOPED_TRACE(c->path + ": " + c->title);
  EXPECT_TRUE(golden::JsonMatches(c->expected, RunCase(*c, 1)));
}

// The kernel contract, on every golden: any split of the persons merges to the same bytes.
TEST_P(AttributionGolden, SameJsonOnAnyThreadCount) {
  auto c = golden::ReadGoldenFile(GetParam());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  const std::string one = RunCase(*c, 1);
  EXPECT_EQ(one, RunCase(*c, 2));
  EXPECT_EQ(one, RunCase(*c, 3));
}

std::string CaseName(const ::testing::TestParamInfo<std::string>& info) {
  std::string stem = info.param.substr(info.param.find_last_of('/') + 1);
  stem = stem.substr(0, stem.find('.'));
  for (char& ch : stem) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return stem;
}

INSTANTIATE_TEST_SUITE_P(Files, AttributionGolden,
                         ::testing::ValuesIn(golden::ListGoldenFiles("attribution")), CaseName);

TEST(AttributionGoldenFiles, AtLeastTenCases) {
  EXPECT_GE(golden::ListGoldenFiles("attribution").size(), 10u);
}

}  // namespace
}  // namespace winpath
