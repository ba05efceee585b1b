#include "model/timestamp.h"

#include <gtest/gtest.h>

namespace winpath {
namespace {

TimeMs Parse(std::string_view text) {
  Result<TimeMs> t = ParseTimestamp(text);
  EXPECT_TRUE(t.ok()) << text << ": " << t.status().ToString();
  return t.ok() ? *t : -1;
}

TEST(TimestampTest, ParsesIso8601Forms) {
  EXPECT_EQ(Parse("2026-03-01T12:00:00Z"), 1772366400000);
  EXPECT_EQ(Parse("2026-03-01t12:00:00z"), 1772366400000);
  EXPECT_EQ(Parse("2026-03-01 12:00:00"), 1772366400000);
  EXPECT_EQ(Parse("2026-03-01T12:00"), 1772366400000);
  EXPECT_EQ(Parse("2026-03-01"), 1772323200000);
  EXPECT_EQ(Parse("2026-03-01T12:00:00.123+02:00"), 1772359200123);
  EXPECT_EQ(Parse("2026-03-01T12:00:00-05:30"), 1772386200000);
  EXPECT_EQ(Parse("2026-03-01T12:00:00+0200"), 1772359200000);
  EXPECT_EQ(Parse("2026-03-01T12:00:00+02"), 1772359200000);
  EXPECT_EQ(Parse("2024-02-29T23:59:59Z"), 1709251199000);
  EXPECT_EQ(Parse("1969-12-31T23:59:59Z"), -1000);
}

TEST(TimestampTest, FractionsKeepMillisecondsOnly) {
  EXPECT_EQ(Parse("2026-03-01T12:00:00.5Z"), 1772366400500);
  EXPECT_EQ(Parse("2026-03-01T12:00:00,25Z"), 1772366400250);
  EXPECT_EQ(Parse("2026-03-01T12:00:00.123456789Z"), 1772366400123);
}

TEST(TimestampTest, LeapSecondIsClampedToTheMinute) {
  EXPECT_EQ(Parse("2016-12-31T23:59:60Z"), Parse("2016-12-31T23:59:59Z"));
}

TEST(TimestampTest, EpochNumbers) {
  EXPECT_EQ(Parse("1772366400"), 1772366400000);     // seconds
  EXPECT_EQ(Parse("1772366400000"), 1772366400000);  // milliseconds
  EXPECT_EQ(Parse("1772366400.25"), 1772366400250);
  EXPECT_EQ(Parse("  1772366400\t"), 1772366400000);
  EXPECT_EQ(Parse("0"), 0);
  EXPECT_EQ(Parse("-1"), -1000);
  EXPECT_EQ(EpochNumberToMs(99999999999.0), 99999999999000);  // just below 1e11: seconds
  EXPECT_EQ(EpochNumberToMs(1e11), 100000000000);             // from 1e11 on: milliseconds
}

TEST(TimestampTest, RejectsWhatIsNeitherIsoNorEpoch) {
  for (const char* bad :
       {"", "   ", "abc", "2026-13-01", "2026-00-10", "2026-02-29", "2026-04-31", "2026-3-1",
        "2026-03-01T24:00:00Z", "2026-03-01T12:60:00Z", "2026-03-01T12:00:00Q",
        "2026-03-01T12:00:00.Z", "2026-03-01T12", "2026-03-01X12:00:00", "1772366400x", "1.2.3",
        "2026-03-01T12:00:00+25:00"}) {
    Result<TimeMs> t = ParseTimestamp(bad);
    EXPECT_FALSE(t.ok()) << "'" << bad << "' parsed as " << (t.ok() ? *t : 0);
    if (!t.ok()) {
      EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
    }
  }
}

TEST(TimestampTest, Formats) {
  EXPECT_EQ(FormatTimestamp(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatTimestamp(1772366400000), "2026-03-01T12:00:00Z");
  EXPECT_EQ(FormatTimestamp(1772359200123), "2026-03-01T10:00:00.123Z");
  EXPECT_EQ(FormatTimestamp(-1000), "1969-12-31T23:59:59Z");
  EXPECT_EQ(FormatTimestamp(-1), "1969-12-31T23:59:59.999Z");
}

TEST(TimestampTest, FormatThenParseRoundTrips) {
  for (TimeMs t : {TimeMs{0}, TimeMs{-1}, TimeMs{1}, kMinPlausibleTime, TimeMs{951868800000},
                   TimeMs{1709251199999}, TimeMs{4102444800000}, TimeMs{-86400000}}) {
    EXPECT_EQ(Parse(FormatTimestamp(t)), t) << FormatTimestamp(t);
  }
  for (TimeMs t = -400 * kMsPerDay; t < 400 * 366 * kMsPerDay; t += 7 * kMsPerDay + 12345) {
    ASSERT_EQ(Parse(FormatTimestamp(t)), t) << FormatTimestamp(t);
  }
}

TEST(TimestampTest, CivilDays) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(2026, 1, 1) * kMsPerDay, 1767225600000);
  for (int64_t days = -800000; days <= 800000; days += 997) {
    int64_t y;
    unsigned m, d;
    CivilFromDays(days, &y, &m, &d);
    ASSERT_EQ(DaysFromCivil(y, m, d), days);
    ASSERT_GE(m, 1u);
    ASSERT_LE(m, 12u);
    ASSERT_GE(d, 1u);
    ASSERT_LE(d, 31u);
  }
}

}  // namespace
}  // namespace winpath
