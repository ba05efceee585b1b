// docs/api.md cannot drift from the code: every ```json block there that follows a line
//
//   <!-- example: <result> <golden file, relative to the repository root> -->
//
// is checked against the JSON the code renders for that golden case (spec from the case's
// header, golden_specs.h). Keys must be the same at every object level, recursively; values may
// differ (they are pinned by the golden tests). <result> names the place of the object in the
// output of `winpath analyze --format json` (summary, winpaths, funnel, paths.between,
// paths.flow, attribution, transitions, markov, shapley, time_to_milestone, gaps, drivers,
// retention, flywheel, lifecycle), or a result nested in one (markov.result, shapley.result: the
// model's own result, rendered from a case's `journeys:` block), or a result no command prints
// yet (journey_paths). Every ```json block of the page must be such an example, and every result
// must have one.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "golden_harness.h"
#include "golden_specs.h"
#include "period_golden_header.h"
#include "report/attribution_report.h"
#include "report/drivers_report.h"
#include "report/flywheel_report.h"
#include "report/forecast_report.h"
#include "report/funnel_report.h"
#include "report/gaps_report.h"
#include "report/lifecycle_report.h"
#include "report/markov_report.h"
#include "report/path_models_report.h"
#include "report/path_table_report.h"
#include "report/paths_report.h"
#include "report/retention_report.h"
#include "report/shapley_report.h"
#include "report/step_attribution_report.h"
#include "report/summary_report.h"
#include "report/time_to_milestone_report.h"
#include "report/win_paths_report.h"

namespace winpath {
namespace {

using nlohmann::json;

const std::vector<std::string>& ResultNames() {
  static const std::vector<std::string> names = {
      "summary",           "winpaths",    "funnel",         "paths.between",
      "paths.flow",        "attribution", "transitions",    "markov",
      "markov.result",     "shapley",     "shapley.result", "journey_paths",
      "time_to_milestone", "gaps",        "drivers",        "retention",
      "flywheel",          "lifecycle",   "forecast",       "forecast.backtest"};
  return names;
}

struct DocExample {
  int line = 0;  // 1-based line of the marker in docs/api.md
  std::string result;
  std::string golden;  // relative to the repository root
  std::string json;
};

std::string ApiDocPath() { return std::string(WINPATH_SOURCE_DIR) + "/docs/api.md"; }

Result<std::string> ReadText(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::IoError("cannot open " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

// "<!-- example: R G -->" -> {R, G}; false when the line is not a marker.
bool ParseMarker(const std::string& line, std::string* result, std::string* golden) {
  const std::string open = "<!-- example:", close = "-->";
  const std::string t = Trim(line);
  if (t.rfind(open, 0) != 0 || t.size() < open.size() + close.size() ||
      t.compare(t.size() - close.size(), close.size(), close) != 0) {
    return false;
  }
  std::istringstream words(t.substr(open.size(), t.size() - open.size() - close.size()));
  std::string extra;
  return static_cast<bool>(words >> *result >> *golden) && !(words >> extra);
}

// The tagged examples of a markdown text, in page order. A marker must be followed (blank
// lines allowed) by a ```json block; a ```json block without a marker is an error too, so no
// JSON on the page escapes the check.
Result<std::vector<DocExample>> ParseExamples(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::vector<DocExample> out;
  std::optional<DocExample> pending;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string where = "docs/api.md:" + std::to_string(i + 1);
    const std::string t = Trim(lines[i]);
    DocExample e;
    if (ParseMarker(lines[i], &e.result, &e.golden)) {
      if (pending) return Status::InvalidArgument(where + ": marker without a ```json block");
      e.line = static_cast<int>(i + 1);
      pending = e;
      continue;
    }
    if (t.rfind("<!-- example", 0) == 0) {
      return Status::InvalidArgument(where + ": expected '<!-- example: <result> <golden> -->'");
    }
    if (t == "```json") {
      if (!pending) return Status::InvalidArgument(where + ": ```json block without a marker");
      size_t j = i + 1;
      for (; j < lines.size() && Trim(lines[j]) != "```"; ++j) pending->json += lines[j] + "\n";
      if (j == lines.size()) return Status::InvalidArgument(where + ": unclosed ```json block");
      out.push_back(std::move(*pending));
      pending.reset();
      i = j;
      continue;
    }
    if (pending && !t.empty()) {
      return Status::InvalidArgument(where + ": expected a ```json block after the marker");
    }
  }
  if (pending) return Status::InvalidArgument("docs/api.md: marker at the end of the page");
  return out;
}

// Differences of shape between a documented and an actual JSON value, one line each. Objects
// must have the same keys; arrays are compared element-wise, and elements beyond the shorter
// array against the other's first element; scalars (null included) match any scalar.
void ShapeDiff(const json& doc, const json& actual, const std::string& where,
               std::vector<std::string>* diffs) {
  if (doc.is_object() && actual.is_object()) {
    for (const auto& [key, value] : doc.items()) {
      if (!actual.contains(key)) {
        diffs->push_back(where + "." + key + ": documented, not in the output");
      } else {
        ShapeDiff(value, actual.at(key), where + "." + key, diffs);
      }
    }
    for (const auto& [key, value] : actual.items()) {
      if (!doc.contains(key)) diffs->push_back(where + "." + key + ": in the output, undocumented");
    }
    return;
  }
  if (doc.is_array() && actual.is_array()) {
    if (doc.empty() || actual.empty()) return;
    const size_t n = std::max(doc.size(), actual.size());
    for (size_t i = 0; i < n; ++i) {
      const size_t d = i < doc.size() ? i : 0, a = i < actual.size() ? i : 0;
      ShapeDiff(doc[d], actual[a], where + "[" + std::to_string(i) + "]", diffs);
    }
    return;
  }
  const bool doc_nested = doc.is_structured(), actual_nested = actual.is_structured();
  if (doc_nested || actual_nested) {
    diffs->push_back(where + ": documented " + std::string(doc.type_name()) + ", output has " +
                     actual.type_name());
  }
}

// The path-based results: the models over a case's `journeys:` block (markov.result,
// shapley.result), or over the journeys of its events (journey_paths, and markov / shapley as
// `winpath analyze` runs them). nullopt for another result.
std::optional<Result<std::string>> RenderPathResult(const std::string& result,
                                                    const golden::GoldenCase& c,
                                                    const JourneyMap& map, const EventTable& table,
                                                    const ScanOptions& scan) {
  if (result == "markov.result") {
    WINPATH_ASSIGN_OR_RETURN(PathTable paths, golden::BuildGoldenPathTable(c));
    WINPATH_ASSIGN_OR_RETURN(MarkovConfig config, golden::MarkovConfigFromHeader(c));
    WINPATH_ASSIGN_OR_RETURN(MarkovResult r, RunMarkovAttribution(paths, config));
    return MarkovToJson(r);
  }
  if (result == "shapley.result") {
    WINPATH_ASSIGN_OR_RETURN(PathTable paths, golden::BuildGoldenPathTable(c));
    WINPATH_ASSIGN_OR_RETURN(ShapleyMethod method, golden::ShapleyMethodFromHeader(c));
    WINPATH_ASSIGN_OR_RETURN(ShapleyResult r, ComputeShapley(paths, method));
    return ShapleyToJson(r);
  }
  if (result != "journey_paths" && result != "markov" && result != "shapley") return std::nullopt;
  WINPATH_ASSIGN_OR_RETURN(PathModelsSpec spec, golden::PathModelsSpecFromHeader(c));
  WINPATH_ASSIGN_OR_RETURN(JourneyPathsResult journeys,
                           RunJourneyPaths(table, map, spec.journeys, scan));
  if (result == "journey_paths") return JourneyPathsToJson(journeys);
  const PathModel model = result == "markov" ? PathModel::kMarkov : PathModel::kShapley;
  WINPATH_ASSIGN_OR_RETURN(PathModelsResult r, RunPathModel(journeys, model, spec));
  return PathModelsToJson(r);
}

// The analyses of one pair of milestones and of targets. nullopt for another result.
std::optional<Result<std::string>> RenderPairResult(const std::string& result,
                                                    const golden::GoldenCase& c,
                                                    const JourneyMap& map, const EventTable& table,
                                                    const ScanOptions& scan) {
  if (result == "time_to_milestone") {
    WINPATH_ASSIGN_OR_RETURN(ScanOptions range, golden::TimeToMilestoneScanFromHeader(c, scan));
    WINPATH_ASSIGN_OR_RETURN(TimeToMilestoneSpec spec, golden::TimeToMilestoneSpecFromHeader(c));
    WINPATH_ASSIGN_OR_RETURN(TimeToMilestoneResult r, RunTimeToMilestone(table, map, spec, range));
    return TimeToMilestoneToJson(r);
  }
  if (result == "gaps") {
    WINPATH_ASSIGN_OR_RETURN(ScanOptions range, golden::GapsScanFromHeader(c, scan));
    WINPATH_ASSIGN_OR_RETURN(GapsSpec spec, golden::GapsSpecFromHeader(c));
    WINPATH_ASSIGN_OR_RETURN(GapsResult r, RunGaps(table, map, spec, range));
    return GapsToJson(r);
  }
  if (result == "drivers") {
    WINPATH_ASSIGN_OR_RETURN(ScanOptions range, golden::DriversScanFromHeader(c, scan));
    WINPATH_ASSIGN_OR_RETURN(DriversSpec spec, golden::DriversSpecFromHeader(c));
    WINPATH_ASSIGN_OR_RETURN(DriversResult r, RunDrivers(table, map, spec, range));
    return DriversToJson(r);
  }
  return std::nullopt;
}

// The analyses of periods. nullopt for another result.
std::optional<Result<std::string>> RenderPeriodResult(const std::string& result,
                                                      const golden::GoldenCase& c,
                                                      const JourneyMap& map,
                                                      const EventTable& table,
                                                      const ScanOptions& scan) {
  if (result == "retention") {
    WINPATH_ASSIGN_OR_RETURN(ScanOptions range, golden::ScanRangeFromHeader(c, scan));
    WINPATH_ASSIGN_OR_RETURN(RetentionSpec spec, golden::RetentionSpecFromHeader(c));
    WINPATH_ASSIGN_OR_RETURN(RetentionResult r, RunRetention(table, map, spec, range));
    return RetentionToJson(r);
  }
  if (result == "flywheel") {
    WINPATH_ASSIGN_OR_RETURN(ScanOptions range, golden::PeriodScanFromHeader(c, scan));
    WINPATH_ASSIGN_OR_RETURN(FlywheelSpec spec, golden::FlywheelSpecFromHeader(c));
    WINPATH_ASSIGN_OR_RETURN(FlywheelResult r, RunFlywheel(table, map, spec, range));
    return FlywheelToJson(r);
  }
  if (result == "forecast" || result == "forecast.backtest") {
    WINPATH_ASSIGN_OR_RETURN(ScanOptions range, golden::PeriodScanFromHeader(c, scan));
    WINPATH_ASSIGN_OR_RETURN(ForecastSpec spec, golden::ForecastSpecFromHeader(c));
    if (result == "forecast.backtest") {
      WINPATH_ASSIGN_OR_RETURN(TimeMs split, golden::PeriodHeaderTime(c.Get("split")));
      WINPATH_ASSIGN_OR_RETURN(ForecastBacktestResult r,
                               RunForecastBacktest(table, map, spec, split, range));
      return ForecastBacktestToJson(r);
    }
    WINPATH_ASSIGN_OR_RETURN(ForecastResult r, RunForecast(table, map, spec, range));
    return ForecastToJson(r);
  }
  if (result == "lifecycle") {
    WINPATH_ASSIGN_OR_RETURN(ScanOptions range, golden::PeriodScanFromHeader(c, scan));
    WINPATH_ASSIGN_OR_RETURN(LifecycleSpec spec, golden::LifecycleSpecFromHeader(c));
    WINPATH_ASSIGN_OR_RETURN(LifecycleResult r, RunLifecycle(table, map, spec, range));
    return LifecycleToJson(r);
  }
  return std::nullopt;
}

// The results of the first analyses. nullopt for another result.
std::optional<Result<std::string>> RenderFirstResult(const std::string& result,
                                                     const golden::GoldenCase& c,
                                                     const JourneyMap& map, const EventTable& table,
                                                     const ScanOptions& scan) {
  if (result == "summary") {
    // A golden table is built in memory: no import happened, so the import counts are zero.
    return DataSummaryToJson(SummarizeData(table, map, ImportSummary{}));
  }
  if (result == "winpaths") {
    WINPATH_ASSIGN_OR_RETURN(WinPathsSpec spec, golden::WinPathsSpecFromHeader(c));
    WINPATH_ASSIGN_OR_RETURN(WinPathsResult r, RunWinPaths(table, map, spec, scan));
    return WinPathsToJson(r);
  }
  if (result == "funnel") {
    WINPATH_ASSIGN_OR_RETURN(FunnelSpec spec, golden::FunnelSpecFromHeader(c));
    WINPATH_ASSIGN_OR_RETURN(ScanOptions funnel_scan, golden::FunnelScanFromHeader(c));
    WINPATH_ASSIGN_OR_RETURN(FunnelResult r, RunFunnel(table, map, spec, funnel_scan));
    return FunnelToJson(r);
  }
  if (result == "paths.between") {
    WINPATH_ASSIGN_OR_RETURN(PathsSpec spec, golden::PathsSpecFromHeader(c));
    WINPATH_ASSIGN_OR_RETURN(PathsResult r, RunPaths(table, map, spec, scan));
    return PathsToJson(r);
  }
  if (result == "paths.flow") {
    WINPATH_ASSIGN_OR_RETURN(FlowSpec spec, golden::FlowSpecFromHeader(c));
    WINPATH_ASSIGN_OR_RETURN(FlowResult r, RunFlow(table, map, spec, scan));
    return FlowToJson(r);
  }
  if (result == "attribution") {
    WINPATH_ASSIGN_OR_RETURN(AttributionSpec spec, golden::AttributionSpecFromHeader(c));
    WINPATH_ASSIGN_OR_RETURN(AttributionResult r, RunAttribution(table, map, spec, scan));
    return AttributionToJson(r);
  }
  if (result == "transitions") {
    WINPATH_ASSIGN_OR_RETURN(StepAttributionSpec spec, golden::TransitionsSpecFromHeader(c));
    WINPATH_ASSIGN_OR_RETURN(StepAttributionResult r, RunStepAttribution(table, map, spec, scan));
    return StepAttributionToJson(r);
  }
  return std::nullopt;
}

// The JSON the code renders for `result` on the golden case at `golden`.
Result<std::string> RenderExample(const std::string& result, const std::string& golden) {
  WINPATH_ASSIGN_OR_RETURN(golden::GoldenCase c,
                           golden::ReadGoldenFile(std::string(WINPATH_SOURCE_DIR) + "/" + golden));
  WINPATH_ASSIGN_OR_RETURN(JourneyMap map, golden::LoadGoldenMap(c));
  WINPATH_ASSIGN_OR_RETURN(EventTable table, golden::BuildGoldenTable(c, map));
  ScanOptions scan;
  scan.threads = 1;
  for (auto* render : {RenderFirstResult, RenderPathResult, RenderPairResult, RenderPeriodResult}) {
    if (std::optional<Result<std::string>> json = render(result, c, map, table, scan)) {
      return *std::move(json);
    }
  }
  return Status::InvalidArgument("unknown result '" + result + "'");
}

std::vector<DocExample> PageExamples() {
  Result<std::string> text = ReadText(ApiDocPath());
  if (!text.ok()) return {};
  Result<std::vector<DocExample>> examples = ParseExamples(*text);
  return examples.ok() ? *examples : std::vector<DocExample>{};
}

std::vector<std::string> Diffs(const std::string& doc, const std::string& actual) {
  std::vector<std::string> diffs;
  ShapeDiff(json::parse(doc), json::parse(actual), "$", &diffs);
  return diffs;
}

// --- The page ---------------------------------------------------------------------------------

TEST(ApiDocsPage, ExamplesParse) {
  Result<std::string> text = ReadText(ApiDocPath());
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  Result<std::vector<DocExample>> examples = ParseExamples(*text);
  ASSERT_TRUE(examples.ok()) << examples.status().ToString();
  EXPECT_GE(examples->size(), ResultNames().size());
}

TEST(ApiDocsPage, EveryResultHasAnExample) {
  std::set<std::string> seen;
  for (const DocExample& e : PageExamples()) {
    EXPECT_NE(std::find(ResultNames().begin(), ResultNames().end(), e.result), ResultNames().end())
        << "docs/api.md:" << e.line << ": unknown result " << e.result;
    seen.insert(e.result);
  }
  for (const std::string& name : ResultNames()) EXPECT_TRUE(seen.count(name)) << name;
}

// One test for all examples, not a parameterized one: the page is read when the test runs, so a
// changed page is checked without rebuilding (gtest_discover_tests lists cases at build time).
TEST(ApiDocsPage, EveryExampleHasTheKeysOfTheCode) {
  const std::vector<DocExample> examples = PageExamples();
  ASSERT_FALSE(examples.empty());
  for (const DocExample& e : examples) {
    SCOPED_TRACE("docs/api.md:" + std::to_string(e.line) + ": " + e.result + " " + e.golden);
    json doc;
    try {
      doc = json::parse(e.json);
    } catch (const std::exception& ex) {
      ADD_FAILURE() << "the example is not JSON: " << ex.what();
      continue;
    }
    Result<std::string> actual = RenderExample(e.result, e.golden);
    if (!actual.ok()) {
      ADD_FAILURE() << actual.status().ToString();
      continue;
    }
    std::vector<std::string> diffs;
    ShapeDiff(doc, json::parse(*actual), "$", &diffs);
    std::string all;
    for (const std::string& d : diffs) all += "\n  " + d;
    // The output in the renderer's key order, ready to paste into the page.
    EXPECT_TRUE(diffs.empty()) << "key differences:" << all << "\nactual:\n"
                               << nlohmann::ordered_json::parse(*actual).dump(2);
  }
}

// --- The checker itself: it must be able to fail ------------------------------------------------

TEST(ApiDocsShapeDiff, IgnoresValuesAndArrayLengths) {
  EXPECT_TRUE(Diffs(R"({"a": 1, "b": [{"x": 1}], "c": null, "d": "s"})",
                    R"({"a": 2.5, "b": [{"x": 7}, {"x": 8}], "c": 3, "d": null})")
                  .empty());
  EXPECT_TRUE(Diffs(R"({"b": []})", R"({"b": [{"x": 1}]})").empty());
}

TEST(ApiDocsShapeDiff, ReportsMissingAndExtraKeysAtAnyDepth) {
  EXPECT_EQ(Diffs(R"({"a": 1, "gone": 2})", R"({"a": 1, "new": 3})"),
            (std::vector<std::string>{"$.gone: documented, not in the output",
                                      "$.new: in the output, undocumented"}));
  EXPECT_EQ(Diffs(R"({"o": {"p": [{"x": 1, "y": 2}]}})", R"({"o": {"p": [{"x": 1}]}})"),
            (std::vector<std::string>{"$.o.p[0].y: documented, not in the output"}));
  // An element beyond the documented ones is checked against the first documented element.
  EXPECT_EQ(Diffs(R"([{"x": 1}])", R"([{"x": 1}, {"z": 2}])"),
            (std::vector<std::string>{"$[1].x: documented, not in the output",
                                      "$[1].z: in the output, undocumented"}));
}

TEST(ApiDocsShapeDiff, ReportsNestingMismatch) {
  EXPECT_EQ(Diffs(R"({"best": null})", R"({"best": {"channel": "Email"}})"),
            (std::vector<std::string>{"$.best: documented null, output has object"}));
  EXPECT_EQ(Diffs(R"({"steps": [[]]})", R"({"steps": [{}]})"),
            (std::vector<std::string>{"$.steps[0]: documented array, output has object"}));
}

TEST(ApiDocsParse, FindsTaggedBlocks) {
  auto examples = ParseExamples(
      "# t\n<!-- example: funnel tests/golden/funnel/a.golden -->\n\n```json\n{\"a\": 1}\n```\n"
      "```text\nnot json\n```\n");
  ASSERT_TRUE(examples.ok()) << examples.status().ToString();
  ASSERT_EQ(examples->size(), 1u);
  EXPECT_EQ((*examples)[0].line, 2);
  EXPECT_EQ((*examples)[0].result, "funnel");
  EXPECT_EQ((*examples)[0].golden, "tests/golden/funnel/a.golden");
  EXPECT_EQ((*examples)[0].json, "{\"a\": 1}\n");
}

TEST(ApiDocsParse, RejectsUntaggedOrBrokenBlocks) {
  EXPECT_FALSE(ParseExamples("```json\n{}\n```\n").ok());
  EXPECT_FALSE(ParseExamples("<!-- example: funnel a.golden -->\ntext\n```json\n{}\n```\n").ok());
  EXPECT_FALSE(ParseExamples("<!-- example: funnel -->\n```json\n{}\n```\n").ok());
  EXPECT_FALSE(ParseExamples("<!-- example: funnel a.golden -->\n```json\n{}\n").ok());
  EXPECT_FALSE(ParseExamples("<!-- example: funnel a.golden -->\n").ok());
}

TEST(ApiDocsRender, UnknownResultIsAnError) {
  auto r = RenderExample("bogus", "tests/golden/funnel/one_person.golden");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace winpath
