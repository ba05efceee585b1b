#include "model/timestamp.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace winpath {
namespace {

// Reads exactly `n` digits at s[*pos]; returns false if they are not all digits.
bool ReadDigits(std::string_view s, size_t* pos, int n, int* out) {
  if (*pos + n > s.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    char c = s[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *out = v;
  return true;
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t y, unsigned m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

Status Expected(std::string_view text) {
  return Status::InvalidArgument("timestamp '" + std::string(text.substr(0, 64)) +
                                 "' is not ISO-8601 (like 2026-03-01T12:00:00Z) or epoch "
                                 "seconds/milliseconds");
}

Result<TimeMs> ParseIso(std::string_view s) {
  size_t p = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
  if (!ReadDigits(s, &p, 4, &year) || p >= s.size() || s[p++] != '-' ||
      !ReadDigits(s, &p, 2, &month) || p >= s.size() || s[p++] != '-' ||
      !ReadDigits(s, &p, 2, &day)) {
    return Expected(s);
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return Expected(s);
  int64_t offset_minutes = 0;
  if (p < s.size()) {
    if (s[p] != 'T' && s[p] != 't' && s[p] != ' ') return Expected(s);
    ++p;
    if (!ReadDigits(s, &p, 2, &hour) || p >= s.size() || s[p++] != ':' ||
        !ReadDigits(s, &p, 2, &minute)) {
      return Expected(s);
    }
    if (p < s.size() && s[p] == ':') {
      ++p;
      if (!ReadDigits(s, &p, 2, &second)) return Expected(s);
      if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
        ++p;
        int digits = 0;
        while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
          if (digits < 3) millis = millis * 10 + (s[p] - '0');
          ++digits;
          ++p;
        }
        if (digits == 0) return Expected(s);
        for (int d = digits; d < 3; ++d) millis *= 10;
      }
    }
    if (hour > 23 || minute > 59 || second > 60) return Expected(s);
    if (second == 60) second = 59;  // leap second: clamp, order is kept by the tie rule
    if (p < s.size()) {
      char z = s[p];
      if (z == 'Z' || z == 'z') {
        ++p;
      } else if (z == '+' || z == '-') {
        ++p;
        int oh, om = 0;
        if (!ReadDigits(s, &p, 2, &oh)) return Expected(s);
        if (p < s.size() && s[p] == ':') ++p;
        if (p < s.size() && !ReadDigits(s, &p, 2, &om)) return Expected(s);
        if (oh > 23 || om > 59) return Expected(s);
        offset_minutes = (oh * 60 + om) * (z == '+' ? 1 : -1);
      }
    }
    if (p != s.size()) return Expected(s);
  }
  int64_t days = DaysFromCivil(year, month, day);
  int64_t secs = days * 86400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
  return secs * 1000 + millis;
}

}  // namespace

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  // Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

TimeMs EpochNumberToMs(double number) {
  if (std::fabs(number) < 1e11) return static_cast<TimeMs>(std::llround(number * 1000.0));
  return static_cast<TimeMs>(std::llround(number));
}

Result<TimeMs> ParseTimestamp(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  if (text.empty()) return Status::InvalidArgument("timestamp is empty");
  bool numeric = true;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || c == '.' || c == '-')) {
      numeric = false;
      break;
    }
  }
  // "2026-03-01" has dashes too; a number has at most a leading one.
  if (numeric && text.find('-', 1) == std::string_view::npos) {
    double v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size()) return Expected(text);
    return EpochNumberToMs(v);
  }
  return ParseIso(text);
}

std::string FormatTimestamp(TimeMs t) {
  int64_t days = t >= 0 ? t / kMsPerDay : -((-t + kMsPerDay - 1) / kMsPerDay);
  int64_t rem = t - days * kMsPerDay;
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  int hh = static_cast<int>(rem / kMsPerHour);
  int mm = static_cast<int>(rem % kMsPerHour / kMsPerMinute);
  int ss = static_cast<int>(rem % kMsPerMinute / kMsPerSecond);
  int ms = static_cast<int>(rem % kMsPerSecond);
  char buf[40];
  if (ms != 0) {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ",
                  static_cast<long long>(y), m, d, hh, mm, ss, ms);
  } else {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02dZ", static_cast<long long>(y), m,
                  d, hh, mm, ss);
  }
  return buf;
}

}  // namespace winpath
