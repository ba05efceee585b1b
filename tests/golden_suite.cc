#include "golden_suite.h"

#include <cctype>
#include <nlohmann/json.hpp>

namespace winpath::golden {

Result<std::string> RunGoldenCase(const GoldenCase& c, int threads,
                                  const GoldenAnalysis& analysis) {
  WINPATH_ASSIGN_OR_RETURN(JourneyMap map, LoadGoldenMap(c));
  WINPATH_ASSIGN_OR_RETURN(EventTable table, BuildGoldenTable(c, map));
  ScanOptions scan;
  scan.threads = threads > 0 ? threads : std::stoi(c.Get("threads", "1"));
  Result<std::string> json = analysis(c, map, table, scan);
  if (json.ok()) return json;
  nlohmann::json j;
  j["error"] = std::string(StatusCodeName(json.status().code()));
  j["message"] = json.status().message();
  return j.dump();
}

std::string GoldenTestName(const ::testing::TestParamInfo<std::string>& info) {
  std::string stem = info.param.substr(info.param.find_last_of('/') + 1);
  stem = stem.substr(0, stem.size() - std::string(".golden").size());
  for (char& ch : stem) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return stem;
}

void ExpectGoldenMatches(const std::string& path, const GoldenAnalysis& analysis) {
  Result<GoldenCase> c = ReadGoldenFile(path);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  SCOPED_TRACE(c->path + ": " + c->title);
  Result<std::string> actual = RunGoldenCase(*c, 0, analysis);
  ASSERT_TRUE(actual.ok()) << actual.status().ToString();
  EXPECT_TRUE(JsonMatches(c->expected, *actual));
}

void ExpectSameJsonOnAnyThreadCount(const std::string& path, const GoldenAnalysis& analysis) {
  Result<GoldenCase> c = ReadGoldenFile(path);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  Result<std::string> one = RunGoldenCase(*c, 1, analysis);
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  for (int threads : {2, 3}) {
    Result<std::string> many = RunGoldenCase(*c, threads, analysis);
    ASSERT_TRUE(many.ok()) << many.status().ToString();
    EXPECT_EQ(*one, *many) << threads << " threads";
  }
}

}  // namespace winpath::golden
