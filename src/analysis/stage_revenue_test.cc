#include "analysis/stage_revenue.h"

#include <gtest/gtest.h>

#include <random>

#include "analysis/kernel_test_support.h"

namespace winpath {
namespace {

constexpr TimeMs kDay = kMsPerDay;
constexpr TimeMs kMonday = 1767571200000LL;  // 2026-01-05T00:00:00Z

// Win bit 0 (Buy, carries values); milestone bits: 1 prospect, 2 customer (1st purchase),
// 3 repeat customer (2nd purchase), 4 promoter. Channel 2 ("Referral") is the referral channel.
constexpr uint32_t kBuy = 1u | 4u | 8u;  // a purchase matches Buy, Purchase, Repeat purchase

std::shared_ptr<StageRevenueConfig> Config(TimeMs start, TimeMs end) {
  auto c = std::make_shared<StageRevenueConfig>();
  c->grid = PeriodGrid(PeriodKind::kWeek, start, end);
  c->rules = {{1, 1, 1}, {2, 1, 2}, {3, 2, 3}, {4, 1, 4}};
  c->win_bits = 1u;
  c->referral_channel.assign(256, 0);
  c->referral_channel[2] = 1;
  return c;
}

StageRevenueResult RunKernelOn(const std::shared_ptr<StageRevenueConfig>& c,
                               const std::vector<std::vector<KernelTestEvent>>& persons) {
  EventTable table = BuildKernelTestTable(persons, {"Email", "Referral"});
  StageRevenueState state(c);
  for (size_t p = 0; p < table.num_persons(); ++p) state.Add(table.person(p));
  return state.Finalize();
}

TEST(StageRevenueTest, ValueGoesToTheStageAfterTheEvent) {
  auto c = Config(kMonday, kMonday + 14 * kDay);
  // p0: a prospect buys (customer revenue 10), buys again next week (repeat revenue 20), then
  // refers and buys (promoter revenue 5). p1 arrives by referral and buys at once.
  StageRevenueResult r = RunKernelOn(
      c, {{{kMonday, 0, 2, std::nullopt},
           {kMonday + kDay, 0, kBuy, 10.0},
           {kMonday + 8 * kDay, 0, kBuy, 20.0},
           {kMonday + 9 * kDay, 0, 16, std::nullopt},
           {kMonday + 10 * kDay, 0, kBuy, 5.0}},
          {{kMonday + 2 * kDay, 2, 0, std::nullopt}, {kMonday + 3 * kDay, 0, kBuy, 7.5}}});
  ASSERT_EQ(r.periods.size(), 2u);
  EXPECT_EQ(r.periods[0].revenue,
            (std::array<double, kFlywheelStates>{0, 0, 17.5, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(r.periods[1].revenue,
            (std::array<double, kFlywheelStates>{0, 0, 0, 20, 5, 0, 0, 0, 0, 0}));
  // Raises: both first purchases (prospect->customer, stranger->customer) and the 2nd purchase
  // (customer->repeat); the promoter's purchase raises nothing.
  EXPECT_EQ(r.periods[0].raise_revenue, (std::array<double, kFlywheelStates>{0, 0, 17.5}));
  EXPECT_EQ(r.periods[1].raise_revenue, (std::array<double, kFlywheelStates>{0, 0, 0, 20, 0}));
  EXPECT_EQ(r.periods[0].referred_new, 1);
  EXPECT_EQ(r.periods[1].referred_new, 0);
}

TEST(StageRevenueTest, HistoryDecidesTheStageButEarnsNothing) {
  auto c = Config(kMonday + 7 * kDay, kMonday + 14 * kDay);
  // The first purchase (before the period) makes a customer; the second is repeat revenue.
  StageRevenueResult r =
      RunKernelOn(c, {{{kMonday, 2, kBuy, 10.0}, {kMonday + 8 * kDay, 0, kBuy, 4.0}}});
  ASSERT_EQ(r.periods.size(), 1u);
  EXPECT_EQ(r.periods[0].revenue[3], 4.0);
  EXPECT_EQ(r.periods[0].revenue[2], 0.0);
  EXPECT_EQ(r.periods[0].referred_new, 0);  // arrived before the period
}

TEST(StageRevenueTest, ValuesOfNonWinsAreNotRevenue) {
  auto c = Config(kMonday, kMonday + 7 * kDay);
  StageRevenueResult r = RunKernelOn(c, {{{kMonday, 0, 4, 99.0}}});  // a customer milestone, no win
  EXPECT_EQ(r.periods[0].revenue, (std::array<double, kFlywheelStates>{}));
}

TEST(StageRevenueTest, EmptyGridAndNoReferralChannels) {
  auto c = Config(kMonday, kMonday + 7 * kDay);
  c->referral_channel.clear();
  StageRevenueResult r = RunKernelOn(c, {{{kMonday, 2, kBuy, 3.0}}});
  EXPECT_EQ(r.periods[0].referred_new, 0);
  auto empty = std::make_shared<StageRevenueConfig>();
  StageRevenueState state(empty);
  EXPECT_TRUE(state.Finalize().periods.empty());
}

TEST(StageRevenueTest, RandomSplitsMergeToOnePass) {
  std::mt19937_64 rng(5);
  for (int round = 0; round < 50; ++round) {
    std::vector<std::vector<KernelTestEvent>> persons(1 + rng() % 30);
    for (auto& events : persons) {
      TimeMs t = kMonday + static_cast<TimeMs>(rng() % (20 * kDay));
      for (size_t k = 0, n = 1 + rng() % 8; k < n; ++k) {
        const uint32_t mask = static_cast<uint32_t>(rng() % 32);
        const std::optional<double> v =
            (mask & 1u) ? std::optional<double>(0.01 * static_cast<double>(rng() % 10000))
                        : std::nullopt;
        events.push_back({t, static_cast<uint8_t>(rng() % 3), mask, v});
        t += static_cast<TimeMs>(rng() % (3 * kDay));
      }
    }
    auto c = Config(kMonday + 3 * kDay, kMonday + 60 * kDay);
    EventTable table = BuildKernelTestTable(persons, {"Email", "Referral"});
    StageRevenueState empty(c);
    ExpectRandomSplitMergesToOnePass(table, empty, rng);
  }
}

}  // namespace
}  // namespace winpath
