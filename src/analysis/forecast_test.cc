#include "analysis/forecast.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <random>

namespace winpath {
namespace {

constexpr size_t kProspect = 1, kCustomer = 2, kRepeat = 3, kPromoter = 4, kDormantCustomer = 7;

FlywheelPeriod Period(std::vector<FlywheelFlow> flows, std::array<int64_t, kFlywheelStates> persons,
                      int64_t new_persons) {
  FlywheelPeriod p;
  p.flows = std::move(flows);
  p.persons = persons;
  p.new_persons = new_persons;
  return p;
}

// Two periods of a prospect -> customer -> dormant customer chain (docs: the hand computation
// in the comments of each test).
//   start:    prospect 10
//   period 0: prospect->customer 2, new->prospect 4; end: prospect 12, customer 2
//   period 1: prospect->customer 3, customer->dormant_customer 1, new->prospect 2;
//             end: prospect 11, customer 4, dormant customer 1
// Exposures: prospect 10+4 + 12+2 = 28, customer 0+2 + 2+3 = 7, dormant customer 0+1 = 1.
FlywheelResult TwoPeriods() {
  FlywheelResult r;
  r.persons_at_start[kProspect] = 10;
  r.periods.push_back(Period({{"prospect", "customer", 2}, {"new", "prospect", 4}},
                             {0, 12, 2, 0, 0, 0, 0, 0, 0, 0}, 4));
  r.periods.push_back(Period(
      {{"prospect", "customer", 3}, {"customer", "dormant_customer", 1}, {"new", "prospect", 2}},
      {0, 11, 4, 0, 0, 0, 0, 1, 0, 0}, 2));
  return r;
}

StageRevenueResult TwoPeriodsRevenue() {
  StageRevenueResult r;
  r.periods.resize(2);
  r.periods[0].revenue[kCustomer] = 20;
  r.periods[1].revenue[kCustomer] = 50;
  r.periods[1].referred_new = 1;
  return r;
}

ForecastModel TwoPeriodModel() {
  return EstimateForecastModel(TwoPeriods(), TwoPeriodsRevenue(), 2);
}

std::vector<ForecastPoint> Project(const ForecastModel& m, int64_t horizon) {
  auto r = ProjectForecast(m, horizon);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : std::vector<ForecastPoint>{};
}

TEST(ForecastTest, EstimatesPooledRatesFromExposures) {
  const ForecastModel m = TwoPeriodModel();
  EXPECT_DOUBLE_EQ(m.move[kProspect][kCustomer], 5.0 / 28);
  EXPECT_DOUBLE_EQ(m.stay[kProspect], 23.0 / 28);
  EXPECT_DOUBLE_EQ(m.move[kCustomer][kDormantCustomer], 1.0 / 7);
  EXPECT_DOUBLE_EQ(m.stay[kCustomer], 6.0 / 7);
  EXPECT_DOUBLE_EQ(m.stay[kDormantCustomer], 1.0);
  EXPECT_DOUBLE_EQ(m.stay[kPromoter], 1.0);                     // never exposed: no outflow
  EXPECT_DOUBLE_EQ(m.revenue_per_person[kCustomer], 70.0 / 6);  // at the ends: 2 + 4
  EXPECT_DOUBLE_EQ(m.entry[kProspect], 1.0);
  EXPECT_DOUBLE_EQ(m.arrivals, 3.0);  // (4 + 2) / 2: fewer fit periods than K
  EXPECT_DOUBLE_EQ(m.referral_share, 1.0 / 6);
  EXPECT_EQ(m.start, (StateVector{0, 11, 4, 0, 0, 0, 0, 1, 0, 0}));
  for (size_t i = 0; i < kFlywheelStates; ++i) {
    const double row = std::accumulate(m.move[i].begin(), m.move[i].end(), m.stay[i]);
    EXPECT_NEAR(row, 1.0, 1e-15) << i;
  }
}

TEST(ForecastTest, ArrivalsAreTheMeanOfTheLastKPeriods) {
  FlywheelResult f;
  StageRevenueResult r;
  for (int64_t n : {100, 1, 2, 3, 4}) {
    f.periods.push_back(Period({{"new", "stranger", n}}, {}, n));
    r.periods.emplace_back();
  }
  // Persons at the ends are left 0 on purpose: the estimate must stay finite anyway.
  const ForecastModel m = EstimateForecastModel(f, r, 5);
  EXPECT_DOUBLE_EQ(m.arrivals, 3.0);  // (2 + 3 + 4) / 3
  EXPECT_DOUBLE_EQ(EstimateForecastModel(f, r, 1).arrivals, 100.0);
}

// Period 1 by hand: b = start + 3 arrivals into prospect = (prospect 14, customer 4, dc 1).
// E_prospect = 14; E_customer = 4 + 14 * 5/28 = 6.5; E_dc = 1 + 6.5 / 7.
// End: prospect 14 * 23/28 = 11.5, customer 6.5 * 6/7 = 39/7, dc = 13.5 / 7;
// revenue 39/7 customers * 70/6 = 65.
TEST(ForecastTest, ProjectsOnePeriodAsComputedByHand) {
  const std::vector<ForecastPoint> p = Project(TwoPeriodModel(), 2);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_NEAR(p[0].persons[kProspect], 11.5, 1e-12);
  EXPECT_NEAR(p[0].persons[kCustomer], 39.0 / 7, 1e-12);
  EXPECT_NEAR(p[0].persons[kDormantCustomer], 13.5 / 7, 1e-12);
  EXPECT_NEAR(p[0].customers, 39.0 / 7, 1e-12);
  EXPECT_EQ(p[0].promoters, 0.0);
  EXPECT_NEAR(p[0].revenue, 65.0, 1e-12);
  EXPECT_EQ(p[0].arrivals, 3.0);
  EXPECT_NEAR(p[1].cumulative_revenue, p[0].revenue + p[1].revenue, 1e-12);
}

TEST(ForecastTest, PersonsAreConserved) {
  const ForecastModel m = TwoPeriodModel();
  const std::vector<ForecastPoint> p = Project(m, 24);
  double total = std::accumulate(m.start.begin(), m.start.end(), 0.0);
  for (const ForecastPoint& x : p) {
    total += x.arrivals;
    EXPECT_NEAR(std::accumulate(x.persons.begin(), x.persons.end(), 0.0), total, 1e-9);
  }
}

TEST(ForecastTest, ZeroLeversGiveTheBaselineExactly) {
  const ForecastModel m = TwoPeriodModel();
  EXPECT_EQ(ApplyLevers(m, ForecastLevers{}), m);
  ForecastLevers zero_step{.step_from = 1, .step_to = 2, .step = 0};
  auto c = CompareForecast(m, zero_step, 12);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->baseline, c->scenario);
  EXPECT_EQ(c->cumulative_revenue.absolute, 0.0);
  EXPECT_EQ(c->cumulative_revenue.relative, 0.0);
}

// Retention +50 %: customer -> dormant 1/7 becomes 1/14, stay 13/14; period 1's customers are
// 6.5 * 13/14.
TEST(ForecastTest, RetentionLeverAsComputedByHand) {
  const ForecastModel m = ApplyLevers(TwoPeriodModel(), {.retention = 0.5});
  EXPECT_DOUBLE_EQ(m.move[kCustomer][kDormantCustomer], 1.0 / 14);
  EXPECT_DOUBLE_EQ(m.stay[kCustomer], 13.0 / 14);
  EXPECT_NEAR(Project(m, 1)[0].customers, 6.5 * 13 / 14, 1e-12);
}

// A chain with every customer state, dormancy and reactivation (to the same stage and higher).
ForecastModel RichModel() {
  ForecastModel m;
  auto set = [&](size_t from, size_t to, double p) { m.move[from][to] = p; };
  set(0, 1, 0.3), set(0, 5, 0.2);
  set(1, 2, 0.2), set(1, 4, 0.02), set(1, 6, 0.1);
  set(2, 3, 0.15), set(2, 4, 0.05), set(2, 7, 0.2);
  set(3, 4, 0.05), set(3, 8, 0.1);
  set(4, 9, 0.15);
  set(5, 0, 0.05), set(6, 1, 0.05), set(7, 2, 0.1), set(7, 4, 0.01), set(8, 3, 0.1);
  set(9, 4, 0.2);
  for (size_t i = 0; i < kFlywheelStates; ++i) {
    m.stay[i] = 1 - std::accumulate(m.move[i].begin(), m.move[i].end(), 0.0);
  }
  m.entry = {0.7, 0.2, 0.1, 0, 0, 0, 0, 0, 0, 0};
  m.arrivals = 1000;
  m.referral_share = 0.1;
  m.revenue_per_person = {0, 0, 30, 45, 50, 0, 0, 0, 0, 0};
  m.start = {500, 400, 300, 100, 50, 200, 200, 300, 50, 20};
  return m;
}

TEST(ForecastTest, RetentionNeverLowersCustomers) {
  for (const ForecastModel& m : {TwoPeriodModel(), RichModel()}) {
    for (double x : {0.01, 0.05, 0.2, 0.5, 1.0}) {
      auto c = CompareForecast(m, {.retention = x}, 36);
      ASSERT_TRUE(c.ok());
      for (size_t h = 0; h < c->baseline.size(); ++h) {
        EXPECT_GE(c->scenario[h].customers, c->baseline[h].customers) << x << " " << h;
        EXPECT_GE(c->scenario[h].cumulative_revenue, c->baseline[h].cumulative_revenue);
      }
      EXPECT_GT(c->customers.absolute, 0) << x;
    }
  }
}

TEST(ForecastTest, StepLeverIsCappedSoTheRowSumsToOne) {
  const ForecastModel base = TwoPeriodModel();
  ForecastModel m = ApplyLevers(base, {.step_from = 1, .step_to = 2, .step = 10});
  EXPECT_DOUBLE_EQ(m.move[kProspect][kCustomer], 1.0);  // 55/28 capped at 5/28 + 23/28
  EXPECT_EQ(m.stay[kProspect], 0.0);
  m = ApplyLevers(base, {.step_from = 1, .step_to = 2, .step = 0.4});
  EXPECT_DOUBLE_EQ(m.move[kProspect][kCustomer], 7.0 / 28);
  EXPECT_DOUBLE_EQ(m.stay[kProspect], 21.0 / 28);
  m = ApplyLevers(base, {.step_from = 1, .step_to = 2, .step = -1});
  EXPECT_EQ(m.move[kProspect][kCustomer], 0.0);
  EXPECT_DOUBLE_EQ(m.stay[kProspect], 1.0);
  // Retention -100 % doubles churn, capped the same way.
  m = ApplyLevers(RichModel(), {.retention = -1});
  EXPECT_DOUBLE_EQ(m.move[kPromoter][9], 0.3);
  EXPECT_DOUBLE_EQ(m.stay[kPromoter], 0.7);
}

TEST(ForecastTest, ReferralLeverScalesReferralArrivals) {
  const ForecastModel m = ApplyLevers(TwoPeriodModel(), {.referral = 1.0});
  EXPECT_DOUBLE_EQ(m.arrivals, 3.5);  // 3 * (5/6 + 1/6 * 2)
  EXPECT_DOUBLE_EQ(m.referral_share, 2.0 / 7);
  const ForecastModel none = ApplyLevers(TwoPeriodModel(), {.referral = -1.0});
  EXPECT_DOUBLE_EQ(none.arrivals, 2.5);
  EXPECT_EQ(none.referral_share, 0.0);
}

TEST(ForecastTest, EmptyInputProjectsZerosWithoutNaN) {
  const ForecastModel m = EstimateForecastModel(FlywheelResult{}, StageRevenueResult{}, 0);
  for (size_t i = 0; i < kFlywheelStates; ++i) EXPECT_EQ(m.stay[i], 1.0);
  EXPECT_EQ(m.arrivals, 0.0);
  EXPECT_EQ(m.referral_share, 0.0);
  auto c = CompareForecast(m, {.retention = 0.05, .referral = 0.1}, 3);
  ASSERT_TRUE(c.ok());
  for (const ForecastPoint& p : c->scenario) {
    EXPECT_EQ(p, ForecastPoint{});
  }
  EXPECT_FALSE(c->cumulative_revenue.relative.has_value());
  EXPECT_EQ(Project(m, 0).size(), 0u);
}

TEST(ForecastTest, ACycleThatKeepsNobodyIsRefused) {
  ForecastModel m;
  m.stay.fill(1);
  m.move[kCustomer][kDormantCustomer] = 1, m.stay[kCustomer] = 0;
  m.move[kDormantCustomer][kCustomer] = 1, m.stay[kDormantCustomer] = 0;
  m.start[kCustomer] = 1;
  auto r = ProjectForecast(m, 1);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
}

// Random data-shaped chains (rows from counts) never give NaN or negative persons, and the
// projection is deterministic.
TEST(ForecastTest, RandomChainsStayFiniteAndDeterministic) {
  std::mt19937_64 rng(3);
  for (int round = 0; round < 200; ++round) {
    ForecastModel m;
    for (size_t i = 0; i < kFlywheelStates; ++i) {
      double total = 1 + static_cast<double>(rng() % 50);
      for (size_t j = 0; j < kFlywheelStates; ++j) {
        if (i != j && rng() % 3 == 0) m.move[i][j] = static_cast<double>(rng() % 10);
        total += m.move[i][j];
      }
      for (double& p : m.move[i]) p /= total;
      m.stay[i] = 1 - std::accumulate(m.move[i].begin(), m.move[i].end(), 0.0);
      m.start[i] = static_cast<double>(rng() % 1000);
      m.revenue_per_person[i] = static_cast<double>(rng() % 100);
    }
    m.entry[rng() % kFlywheelStates] = 1;
    m.arrivals = static_cast<double>(rng() % 500);
    const auto a = Project(m, 24), b = Project(m, 24);
    ASSERT_EQ(a, b);
    for (const ForecastPoint& p : a) {
      for (double x : p.persons) ASSERT_TRUE(std::isfinite(x) && x >= 0);
      ASSERT_TRUE(std::isfinite(p.revenue));
    }
  }
}

TEST(ForecastTest, DifferenceOfAZeroBaselineHasNoPercentage) {
  EXPECT_EQ(Difference(0, 5).absolute, 5.0);
  EXPECT_FALSE(Difference(0, 5).relative.has_value());
  EXPECT_DOUBLE_EQ(*Difference(200, 250).relative, 0.25);
}

}  // namespace
}  // namespace winpath
