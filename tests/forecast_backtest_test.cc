// The forecast against the simulator: a simulated SaaS company (examples/saas.yaml, 100,000
// arriving persons over 2025, seed 1) is fitted on its first 8 months and forecast for the last
// 4; the backtest's mean absolute percentage errors (customers, promoters, revenue) are
// printed and the customer error is bounded. The measured errors and the reasoning behind the
// bounds: docs/analyses/forecast.md#backtest.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "ingest/importer.h"
#include "model/journey_map_loader.h"
#include "query/forecast_query.h"
#include "report/forecast_report.h"
#include "simulated_company.h"

namespace winpath {
namespace {

constexpr TimeMs kStart = 1735689600000LL;  // 2025-01-01: the whole year lies in the past
constexpr TimeMs kSplit = 1756684800000LL;  // 2025-09-01
constexpr TimeMs kEnd = 1767225600000LL;    // 2026-01-01

class ForecastBacktestTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto map = testing::LoadSaasMap();
    ASSERT_TRUE(map.ok()) << map.status().ToString();
    map_ = new JourneyMap(std::move(*map));
    SimulationOptions o = testing::SimulatedYear(100000);
    ASSERT_EQ(o.start, kStart);
    o.counterfactual = false;
    auto table = testing::SimulateAndImport(*map_, o, "forecast_backtest");
    ASSERT_TRUE(table.ok()) << table.status().ToString();
    table_ = new EventTable(std::move(*table));
  }
  static void TearDownTestSuite() {
    delete table_;
    delete map_;
  }

  static Result<ForecastBacktestResult> Backtest() {
    ForecastSpec spec;
    spec.period = PeriodKind::kMonth;
    ScanOptions scan;
    scan.to = kEnd;
    return RunForecastBacktest(*table_, *map_, spec, kSplit, scan);
  }

  static JourneyMap* map_;
  static EventTable* table_;
};

JourneyMap* ForecastBacktestTest::map_ = nullptr;
EventTable* ForecastBacktestTest::table_ = nullptr;

TEST_F(ForecastBacktestTest, FourMonthsAfterEightAreForecastWithinTheBound) {
  ASSERT_NE(table_, nullptr);
  auto r = Backtest();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::printf("%s\n", ForecastBacktestToTable(*r).c_str());
  EXPECT_EQ(r->model.fit_periods, 8);
  ASSERT_EQ(r->periods.size(), 4u);
  EXPECT_EQ(r->periods.front().label, "2025-09");
  EXPECT_EQ(r->periods.back().label, "2025-12");
  for (const ForecastBacktestPeriod& p : r->periods) EXPECT_TRUE(p.complete) << p.label;
  ASSERT_TRUE(r->mape_customers && r->mape_promoters && r->mape_revenue);
  std::printf("MAPE customers %.4f promoters %.4f revenue %.4f\n", *r->mape_customers,
              *r->mape_promoters, *r->mape_revenue);
  // Measured (docs/analyses/forecast.md#backtest): customers 9.4 %, promoters 20.0 %, revenue
  // 3.0 % for this seed; over seeds 1-8 customers 6.0-9.4 %, promoters 15-25 %, revenue 3-12 %,
  // and the same at 300,000 persons: the error is the model's bias (dormancy 90 days after the
  // last event is not a constant monthly hazard), not sampling noise. The bounds sit above the
  // worst seed so that a regression in the estimate, not a seed, trips them.
  EXPECT_LT(*r->mape_customers, 0.12);
  EXPECT_LT(*r->mape_promoters, 0.30);
  EXPECT_LT(*r->mape_revenue, 0.15);
  // The fit skips the warm-up (Jan-Mar lie within the first 90 days: nobody can be dormant).
  EXPECT_EQ(r->model.rate_periods, 5);
}

// The forecast from all 12 months: +5 % retention never lowers customers or revenue on a
// chain estimated from real-looking data, and the effect line says what it does.
TEST_F(ForecastBacktestTest, RetentionLeverOnTheSimulatedCompany) {
  ASSERT_NE(table_, nullptr);
  ForecastSpec spec;
  spec.levers.retention = 0.05;
  ScanOptions scan;
  scan.to = kEnd;
  auto r = RunForecast(*table_, *map_, spec, scan);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::printf("%s\n", ForecastToTable(*r).c_str());
  ASSERT_EQ(r->periods.size(), 12u);
  EXPECT_EQ(r->periods.front().label, "2026-01");
  for (const ForecastPeriod& p : r->periods) {
    EXPECT_GE(p.scenario.customers, p.baseline.customers) << p.label;
    EXPECT_GE(p.scenario.cumulative_revenue, p.baseline.cumulative_revenue) << p.label;
  }
  ASSERT_TRUE(r->cumulative_revenue.relative.has_value());
  EXPECT_GT(*r->cumulative_revenue.relative, 0);
  EXPECT_EQ(ForecastEffectLine(*r).rfind("+5.0% retention: +", 0), 0u) << ForecastEffectLine(*r);
}

}  // namespace
}  // namespace winpath
