#include "analysis/period_grid.h"

#include <gtest/gtest.h>

namespace winpath {
namespace {

TimeMs At(const char* iso) { return ParseTimestamp(iso).value(); }

TEST(PeriodGridTest, IsoWeeksStartOnMonday) {
  // 2026-01-01 is a Thursday; its ISO week starts on Monday 2025-12-29.
  PeriodGrid g(PeriodKind::kWeek, At("2026-01-01T12:00:00Z"), At("2026-01-20T00:00:00Z"));
  EXPECT_EQ(g.size(), 4);  // weeks of Dec 29, Jan 5, Jan 12, Jan 19
  EXPECT_EQ(g.Start(0), At("2025-12-29T00:00:00Z"));
  EXPECT_EQ(g.Label(1), "2026-01-05");
  EXPECT_EQ(g.Index(At("2026-01-04T23:59:59.999Z")), 0);
  EXPECT_EQ(g.Index(At("2026-01-05T00:00:00Z")), 1);  // Monday 00:00 UTC opens the next week
  EXPECT_EQ(g.Index(At("2025-12-28T23:59:59.999Z")), -1);
}

TEST(PeriodGridTest, DaysAndNegativeTimes) {
  PeriodGrid g(PeriodKind::kDay, -1, 1);  // the last ms of 1969 and the first of 1970
  EXPECT_EQ(g.size(), 2);
  EXPECT_EQ(g.Start(0), -kMsPerDay);
  EXPECT_EQ(g.Index(-kMsPerDay), 0);
  EXPECT_EQ(g.Index(-kMsPerDay - 1), -1);
  EXPECT_EQ(g.Index(0), 1);
  EXPECT_EQ(g.Label(0), "1969-12-31");
}

TEST(PeriodGridTest, MonthsHaveCalendarLengths) {
  PeriodGrid g(PeriodKind::kMonth, At("2024-01-31T00:00:00Z"), At("2024-03-01T00:00:00Z"));
  EXPECT_EQ(g.size(), 2);  // January and February (end is exclusive)
  EXPECT_EQ(g.Start(1), At("2024-02-01T00:00:00Z"));
  EXPECT_EQ(g.Start(2), At("2024-03-01T00:00:00Z"));  // leap February
  EXPECT_EQ(g.Start(-1), At("2023-12-01T00:00:00Z"));
  EXPECT_EQ(g.Start(11), At("2024-12-01T00:00:00Z"));
  EXPECT_EQ(g.Start(12), At("2025-01-01T00:00:00Z"));
  EXPECT_EQ(g.Index(At("2024-02-29T23:59:59Z")), 1);
  EXPECT_EQ(g.Index(At("2023-11-15T00:00:00Z")), -2);
  EXPECT_EQ(g.Label(1), "2024-02");
}

TEST(PeriodGridTest, IndexAndStartAgreeEverywhere) {
  for (PeriodKind kind : {PeriodKind::kDay, PeriodKind::kWeek, PeriodKind::kMonth}) {
    PeriodGrid g(kind, At("2026-03-15T00:00:00Z"), At("2026-03-16T00:00:00Z"));
    for (int64_t i = -30; i < 30; ++i) {
      EXPECT_EQ(g.Index(g.Start(i)), i);
      EXPECT_EQ(g.Index(g.Start(i) - 1), i - 1);
    }
  }
}

TEST(PeriodGridTest, FloorDivRoundsDown) {
  EXPECT_EQ(FloorDiv(7, 2), 3);
  EXPECT_EQ(FloorDiv(-7, 2), -4);
  EXPECT_EQ(FloorDiv(-8, 2), -4);
  EXPECT_EQ(FloorDiv(0, 5), 0);
}

}  // namespace
}  // namespace winpath
