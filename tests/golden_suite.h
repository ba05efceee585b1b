// One golden test suite per analysis, without writing the loop four times.
//
//   Result<std::string> Run(const golden::GoldenCase&, const JourneyMap&, const EventTable&,
//                           ScanOptions);           // the analysis's JSON for the case
//   WINPATH_GOLDEN_SUITE(FunnelGolden, "funnel", 15, Run)
//
// defines, for every tests/golden/<dir>/*.golden file:
//   MatchesExpected           the JSON matches the expected output (golden::JsonMatches);
//   SameJsonOnAnyThreadCount  1, 2 and 3 threads give the same bytes (the kernel contract:
//                             any split of the persons merges to the one-pass result);
// and a check that the folder holds at least `min_cases` files. A non-OK Result from `run`
// renders as {"error": "<StatusCodeName>", "message": "..."}, so a case asserts a refusal by
// its code; a harness failure (unreadable file, bad map) fails the test.
#pragma once

#include <functional>
#include <string>

#include "golden_harness.h"
#include "query/run_kernel.h"

namespace winpath::golden {

using GoldenAnalysis = std::function<Result<std::string>(const GoldenCase&, const JourneyMap&,
                                                         const EventTable&, ScanOptions)>;

// Loads the case's map and table, runs `analysis` on `threads` threads (0 = the case's
// `threads:` header, default 1). Returns the JSON or the error JSON; a harness failure is a
// non-OK Result.
Result<std::string> RunGoldenCase(const GoldenCase& c, int threads, const GoldenAnalysis& analysis);

// "window_edge_inclusive" for ".../window-edge.inclusive.golden"-like paths.
std::string GoldenTestName(const ::testing::TestParamInfo<std::string>& info);

void ExpectGoldenMatches(const std::string& path, const GoldenAnalysis& analysis);
void ExpectSameJsonOnAnyThreadCount(const std::string& path, const GoldenAnalysis& analysis);

}  // namespace winpath::golden

#define WINPATH_GOLDEN_SUITE(Suite, dir, min_cases, run)                                       \
  class Suite : public ::testing::TestWithParam<std::string> {};                               \
  TEST_P(Suite, MatchesExpected) { ::winpath::golden::ExpectGoldenMatches(GetParam(), run); }  \
  TEST_P(Suite, SameJsonOnAnyThreadCount) {                                                    \
    ::winpath::golden::ExpectSameJsonOnAnyThreadCount(GetParam(), run);                        \
  }                                                                                            \
  INSTANTIATE_TEST_SUITE_P(Files, Suite,                                                       \
                           ::testing::ValuesIn(::winpath::golden::ListGoldenFiles(dir)),       \
                           ::winpath::golden::GoldenTestName);                                 \
  TEST(Suite##Files, AtLeast##min_cases##Cases) {                                              \
    EXPECT_GE(::winpath::golden::ListGoldenFiles(dir).size(), static_cast<size_t>(min_cases)); \
  }
