#include "analysis/retention.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "analysis/kernel_test_support.h"
#include "model/event_table.h"

namespace winpath {
namespace {

// Monday 2026-01-05T00:00:00Z.
const TimeMs kMonday = DaysFromCivil(2026, 1, 5) * kMsPerDay;

TEST(RetentionPeriod, CalendarEdgesAreHalfOpenAtMidnightUtc) {
  using P = RetentionPeriod;
  EXPECT_EQ(CalendarPeriodOf(P::kDay, kMonday) - 1, CalendarPeriodOf(P::kDay, kMonday - 1));
  EXPECT_EQ(CalendarPeriodStart(P::kWeek, CalendarPeriodOf(P::kWeek, kMonday)), kMonday);
  EXPECT_EQ(CalendarPeriodOf(P::kWeek, kMonday + 7 * kMsPerDay - 1),
            CalendarPeriodOf(P::kWeek, kMonday));
  EXPECT_EQ(CalendarPeriodOf(P::kWeek, kMonday - 1) + 1, CalendarPeriodOf(P::kWeek, kMonday));
  EXPECT_EQ(CalendarPeriodLabel(P::kWeek, CalendarPeriodOf(P::kWeek, kMonday + kMsPerDay * 6)),
            "2026-01-05");
  const TimeMs feb = DaysFromCivil(2026, 2, 1) * kMsPerDay;
  EXPECT_EQ(CalendarPeriodOf(P::kMonth, feb) - 1, CalendarPeriodOf(P::kMonth, feb - 1));
  EXPECT_EQ(CalendarPeriodStart(P::kMonth, CalendarPeriodOf(P::kMonth, feb + 5)), feb);
  EXPECT_EQ(CalendarPeriodLabel(P::kMonth, CalendarPeriodOf(P::kMonth, feb)), "2026-02");
  // Before 1970: floor, not truncation.
  EXPECT_EQ(CalendarPeriodOf(P::kDay, -1), -1);
  EXPECT_EQ(CalendarPeriodOf(P::kMonth, -1), -1);
  EXPECT_EQ(CalendarPeriodLabel(P::kMonth, -1), "1969-12");
  EXPECT_EQ(CalendarPeriodLabel(P::kWeek, 0), "1969-12-29");
}

std::shared_ptr<RetentionConfig> WeekConfig(int rows, TimeMs data_end) {
  auto c = std::make_shared<RetentionConfig>();
  c->period = RetentionPeriod::kWeek;
  c->periods = 4;
  c->first_cohort = CalendarPeriodOf(RetentionPeriod::kWeek, kMonday);
  c->rows = rows;
  c->data_end = data_end;
  c->has_data_end = true;
  return c;
}

RetentionResult RunAll(const std::shared_ptr<RetentionConfig>& c, const EventTable& t) {
  RetentionState s(c);
  for (size_t p = 0; p < t.num_persons(); ++p) s.Add(t.person(p));
  return s.Finalize();
}

TEST(Retention, FirstTimeOnCountsEachReturnPeriodOnce) {
  const TimeMs w = 7 * kMsPerDay;
  // p0: weeks 0, 1, 1, 3; p1: week 0 only; p2: starts in week 1, returns in week 2.
  EventTable t = BuildKernelTestTable({{{kMonday, 0, 0, {}},
                                        {kMonday + w, 0, 0, {}},
                                        {kMonday + w + 5, 0, 0, {}},
                                        {kMonday + 3 * w, 0, 0, {}}},
                                       {{kMonday + 1, 0, 0, {}}},
                                       {{kMonday + w + 1, 0, 0, {}}, {kMonday + 2 * w, 0, 0, {}}}},
                                      {});
  const RetentionResult r = RunAll(WeekConfig(2, kMonday + 3 * w + 1), t);
  ASSERT_EQ(r.cohorts.size(), 2u);
  const RetentionCohort& a = r.cohorts[0];
  EXPECT_EQ(a.persons, 2);
  ASSERT_EQ(a.cells.size(), 4u);
  EXPECT_EQ(a.cells[1].returned, 1);
  EXPECT_EQ(a.cells[2].returned, 0);
  EXPECT_EQ(a.cells[3].returned, 1);
  EXPECT_TRUE(a.cells[2].complete);
  EXPECT_FALSE(a.cells[3].complete);  // week 3 runs past the data end
  const RetentionCohort& b = r.cohorts[1];
  EXPECT_EQ(b.persons, 1);
  ASSERT_EQ(b.cells.size(), 3u);  // week 4 had not begun
  EXPECT_EQ(b.cells[1].returned, 1);
  // Average of period 1: both cohorts complete: (1 + 1) / 3.
  EXPECT_EQ(r.average[1].persons, 3);
  EXPECT_EQ(r.average[1].returned, 2);
  // Period 3 is complete for no cohort.
  EXPECT_EQ(r.average[3].cohorts, 0);
  EXPECT_FALSE(r.average[3].rate.has_value());
}

TEST(Retention, EmptyStateFinalizesToEmptyRows) {
  auto c = WeekConfig(0, 0);
  c->has_data_end = false;
  RetentionState s(c);
  const RetentionResult r = s.Finalize();
  EXPECT_TRUE(r.cohorts.empty());
  EXPECT_EQ(r.persons, 0);
  EXPECT_FALSE(r.data_end.has_value());
}

// Persons with random events over up to ~4 months: bits 0 (purchase win, valued), 1 (milestone),
// channels 1..2 (2 = referral).
EventTable RandomTable(std::mt19937& rng, size_t persons) {
  std::vector<std::vector<KernelTestEvent>> rows(persons);
  for (auto& events : rows) {
    const size_t n = 1 + rng() % 8;
    TimeMs t = kMonday - 3 * kMsPerDay + static_cast<TimeMs>(rng() % (20 * kMsPerDay));
    for (size_t i = 0; i < n; ++i) {
      t += static_cast<TimeMs>(rng() % (14 * kMsPerDay)) * (rng() % 3 == 0 ? 0 : 1);
      // Midnight now and then: day, week and month edges.
      if (rng() % 4 == 0) t -= t % kMsPerDay;
      const uint32_t mask = static_cast<uint32_t>(rng() % 4);
      std::optional<double> value;
      if (mask & 1) value = static_cast<double>(rng() % 100) / 4.0;
      events.push_back({t, static_cast<uint8_t>(rng() % 3), mask, value});
    }
  }
  return BuildKernelTestTable(rows, {"Email", "Referral"});
}

// Random configs over the RandomTable persons: bit 0 = purchase win, bit 1 = milestone.
std::shared_ptr<RetentionConfig> RandomConfig(std::mt19937& rng) {
  auto c = WeekConfig(static_cast<int>(1 + rng() % 6), kMonday + 140 * kMsPerDay);
  c->type = rng() % 2 ? RetentionType::kRecurring : RetentionType::kFirstTime;
  c->measure = rng() % 2 ? RetentionMeasure::kOnOrAfter : RetentionMeasure::kOn;
  c->period = static_cast<RetentionPeriod>(rng() % 3);
  c->first_cohort = CalendarPeriodOf(c->period, kMonday) - 1;
  c->rolling = c->period != RetentionPeriod::kMonth && rng() % 2 == 0;
  c->periods = static_cast<int>(1 + rng() % 6);
  if (rng() % 2) c->start = JourneyStep{"m", 1, 1, rng() % 2 ? 1 : 2};
  if (rng() % 2) c->return_step = JourneyStep{"b", 0};
  c->purchase_bit = 0;
  c->referral = JourneyStep{"m", 1};
  c->referral_channel.assign(256, 0);
  c->referral_channel[2] = 1;
  c->referral_channel_names = {"Referral"};
  c->win_mask = 1;
  return c;
}

// The definitions of docs/analyses/retention.md, computed the slow, obvious way: per person,
// per membership, per period k, per event.
struct Reference {
  std::vector<int64_t> persons;
  std::vector<std::vector<int64_t>> returned;
  std::vector<std::vector<double>> value;  // per period, not cumulative
};

bool Reaches(const std::optional<JourneyStep>& step, const PersonView& p, size_t j) {
  if (!step) return true;
  int count = 0;
  for (size_t i = 0; i <= j; ++i) count += (p.mask[i] >> step->bit) & 1;
  return ((p.mask[j] >> step->bit) & 1) && count >= step->min_count && count <= step->max_count;
}

Reference BruteForce(const RetentionConfig& c, const EventTable& t) {
  const size_t n = static_cast<size_t>(c.periods), rows = static_cast<size_t>(c.rows);
  Reference ref{std::vector<int64_t>(rows), std::vector<std::vector<int64_t>>(rows),
                std::vector<std::vector<double>>(rows)};
  for (size_t r = 0; r < rows; ++r) ref.returned[r].assign(n, 0), ref.value[r].assign(n, 0);
  for (size_t pi = 0; pi < t.num_persons(); ++pi) {
    const PersonView p = t.person(pi);
    std::vector<int64_t> seen_periods;
    for (size_t i = 0; i < p.size(); ++i) {
      if (!Reaches(c.start, p, i)) continue;
      const int64_t period = CalendarPeriodOf(c.period, p.time[i]);
      if (std::find(seen_periods.begin(), seen_periods.end(), period) != seen_periods.end()) {
        continue;
      }
      seen_periods.push_back(period);
      const int64_t row = period - c.first_cohort;
      const TimeMs s = p.time[i];
      auto offset = [&](TimeMs time) -> int64_t {
        if (c.rolling) {
          const TimeMs len = RollingPeriodLength(c.period);
          return time >= s ? (time - s) / len : -1;
        }
        return CalendarPeriodOf(c.period, time) - period;
      };
      if (row >= 0 && row < c.rows) {
        const size_t r = static_cast<size_t>(row);
        ++ref.persons[r];
        ++ref.returned[r][0];
        for (size_t k = 1; k < n; ++k) {
          bool back = false;
          for (size_t j = 0; j < p.size(); ++j) {
            if (!Reaches(c.return_step, p, j)) continue;
            const int64_t o = offset(p.time[j]);
            back |= c.measure == RetentionMeasure::kOn ? o == static_cast<int64_t>(k)
                                                       : o >= static_cast<int64_t>(k);
          }
          ref.returned[r][k] += back;
        }
        for (size_t j = i; j < p.size(); ++j) {
          const int64_t o = offset(p.time[j]);
          if ((p.mask[j] & c.win_mask) && o >= 0 && o < static_cast<int64_t>(n)) {
            ref.value[r][static_cast<size_t>(o)] += p.ValueAt(j);
          }
        }
      }
      if (c.type == RetentionType::kFirstTime) break;
    }
  }
  return ref;
}

TEST(Retention, MatchesTheDefinitionsOnRandomPersons) {
  std::mt19937 rng(11);
  for (int round = 0; round < 200; ++round) {
    const EventTable t = RandomTable(rng, 1 + rng() % 30);
    const auto c = RandomConfig(rng);
    const RetentionResult got = RunAll(c, t);
    const Reference want = BruteForce(*c, t);
    ASSERT_EQ(got.cohorts.size(), static_cast<size_t>(c->rows));
    for (size_t r = 0; r < got.cohorts.size(); ++r) {
      const RetentionCohort& row = got.cohorts[r];
      ASSERT_EQ(row.persons, want.persons[r]) << "round " << round << " row " << r;
      double value = 0;
      for (size_t k = 0; k < row.cells.size(); ++k) {
        value += want.value[r][k];
        ASSERT_EQ(row.cells[k].returned, want.returned[r][k])
            << "round " << round << " row " << r << " period " << k;
        ASSERT_DOUBLE_EQ(row.cells[k].value, value) << "round " << round << " row " << r;
      }
      // Cells not shown had not begun: nothing can be counted there.
      for (size_t k = row.cells.size(); k < static_cast<size_t>(c->periods); ++k) {
        ASSERT_EQ(want.returned[r][k], 0) << "round " << round << " row " << r << " k " << k;
      }
    }
  }
}

TEST(Retention, MergeOfRandomSplitsEqualsOnePass) {
  std::mt19937 rng(7);
  for (int round = 0; round < 48; ++round) {
    const EventTable t = RandomTable(rng, 1 + rng() % 40);
    const auto c = RandomConfig(rng);
    RetentionState empty(c);
    ExpectRandomSplitMergesToOnePass(t, empty, rng);
  }
}

}  // namespace
}  // namespace winpath
