#include "model/duration.h"

#include <gtest/gtest.h>

namespace winpath {
namespace {

TimeMs Parse(std::string_view text) {
  Result<TimeMs> d = ParseDuration(text);
  EXPECT_TRUE(d.ok()) << text << ": " << d.status().ToString();
  return d.ok() ? *d : -1;
}

TEST(DurationTest, ParsesEveryUnitAndSums) {
  EXPECT_EQ(Parse("30d"), 30 * kMsPerDay);
  EXPECT_EQ(Parse("12h"), 12 * kMsPerHour);
  EXPECT_EQ(Parse("45m"), 45 * kMsPerMinute);
  EXPECT_EQ(Parse("5min"), 5 * kMsPerMinute);
  EXPECT_EQ(Parse("90s"), 90 * kMsPerSecond);
  EXPECT_EQ(Parse("2w"), 14 * kMsPerDay);
  EXPECT_EQ(Parse("500ms"), 500);
  EXPECT_EQ(Parse("1d12h"), 36 * kMsPerHour);
  EXPECT_EQ(Parse("1h30m15s"), kMsPerHour + 30 * kMsPerMinute + 15 * kMsPerSecond);
  EXPECT_EQ(Parse("0d1s"), kMsPerSecond);
}

TEST(DurationTest, RejectsNumbersWithoutUnitsAndOtherMistakes) {
  for (const char* bad :
       {"", "30", "d", "30x", "-1d", "1.5d", "30 d", "30D", "d30", "1000000001d", "1d 2h"}) {
    Result<TimeMs> d = ParseDuration(bad);
    EXPECT_FALSE(d.ok()) << "'" << bad << "' parsed as " << (d.ok() ? *d : 0);
    if (!d.ok()) {
      EXPECT_EQ(d.status().code(), StatusCode::kInvalidArgument);
      EXPECT_NE(d.status().message().find("like 30d"), std::string::npos);
    }
  }
}

TEST(DurationTest, RejectsZero) {
  Result<TimeMs> d = ParseDuration("0d");
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("greater than zero"), std::string::npos);
  EXPECT_FALSE(ParseDuration("0ms").ok());
}

TEST(DurationTest, Formats) {
  EXPECT_EQ(FormatDuration(0), "0s");
  EXPECT_EQ(FormatDuration(-5), "0s");
  EXPECT_EQ(FormatDuration(5400000), "1h30m");
  EXPECT_EQ(FormatDuration(30 * kMsPerDay), "30d");
  EXPECT_EQ(FormatDuration(10 * kMsPerDay), "10d");
  EXPECT_EQ(FormatDuration(14 * kMsPerDay), "14d");  // days are the largest unit shown
  EXPECT_EQ(FormatDuration(1500), "1s500ms");
  EXPECT_EQ(FormatDuration(kMsPerDay + kMsPerHour + kMsPerMinute + kMsPerSecond + 1),
            "1d1h1m1s1ms");
}

TEST(DurationTest, FormatThenParseRoundTrips) {
  for (TimeMs ms : {TimeMs{1}, TimeMs{999}, kMsPerSecond, 7 * kMsPerDay, 8 * kMsPerDay,
                    30 * kMsPerMinute, 90 * kMsPerDay, 365 * kMsPerDay + 1}) {
    EXPECT_EQ(Parse(FormatDuration(ms)), ms) << FormatDuration(ms);
  }
}

}  // namespace
}  // namespace winpath
