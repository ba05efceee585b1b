#include "report/text_table.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace winpath {
namespace {

// Display width of UTF-8 text: count code points, not bytes.
size_t Width(const std::string& s) {
  size_t w = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++w;
  }
  return w;
}

bool LooksNumeric(const std::string& s) {
  if (s.empty() || s == "-") return !s.empty();
  bool digit = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (!(c == '.' || c == ',' || c == '%' || c == '-' || c == '+' || c == 'x' || c == 's' ||
                 c == 'm' || c == 'h' || c == 'd' || c == ' ' || c == '$' || c == '~')) {
      return false;
    }
  }
  return digit;
}

std::string Pad(const std::string& s, size_t width, bool right) {
  size_t w = Width(s);
  if (w >= width) return s;
  std::string pad(width - w, ' ');
  return right ? pad + s : s + pad;
}

std::string GroupThousands(long long v) {
  bool neg = v < 0;
  std::string digits = std::to_string(neg ? -v : v);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return neg ? "-" + out : out;
}

}  // namespace

std::string TextTable::Render() const {
  size_t cols = header_.size();
  for (const auto& r : rows_) cols = std::max(cols, r.size());
  std::vector<size_t> width(cols, 0);
  auto measure = [&](const std::vector<std::string>& r) {
    for (size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], Width(r[i]));
  };
  measure(header_);
  for (const auto& r : rows_) measure(r);
  std::string out;
  if (!title_.empty()) out += title_ + "\n";
  auto line = [&](const std::vector<std::string>& r, bool header) {
    std::string l;
    for (size_t i = 0; i < cols; ++i) {
      std::string cell = i < r.size() ? r[i] : "";
      bool right = !header ? LooksNumeric(cell) && i > 0 : false;
      if (header && i > 0) {
        // Header cells follow the alignment of their column's first row.
        right = !rows_.empty() && i < rows_[0].size() && LooksNumeric(rows_[0][i]);
      }
      l += (i ? "  " : "") + Pad(cell, width[i], right);
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += "  " + l + "\n";
  };
  if (!header_.empty()) {
    line(header_, true);
    size_t total = 0;
    for (size_t i = 0; i < cols; ++i) total += width[i] + (i ? 2 : 0);
    out += "  " + std::string(total, '-') + "\n";
  }
  for (const auto& r : rows_) line(r, false);
  if (rows_.empty()) out += "  (no rows)\n";
  for (const auto& n : notes_) out += "  " + n + "\n";
  return out;
}

std::string FormatCount(double n) {
  if (std::isnan(n)) return "-";
  if (std::fabs(n - std::round(n)) < 1e-9) return GroupThousands(std::llround(n));
  return FormatFixed(n, 2);
}

std::string FormatFixed(double x, int decimals) {
  if (std::isnan(x) || std::isinf(x)) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  std::string s(buf);
  size_t dot = s.find('.');
  std::string whole = dot == std::string::npos ? s : s.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : s.substr(dot);
  bool neg = !whole.empty() && whole[0] == '-';
  long long w = std::llabs(std::stoll(whole));
  return (neg ? "-" : "") + GroupThousands(w) + frac;
}

std::string FormatPercent(double fraction, int decimals) {
  if (std::isnan(fraction) || std::isinf(fraction)) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f%%", decimals, fraction * 100.0);
  return buf;
}

std::string FormatMoney(double amount) { return FormatFixed(amount, 2); }

std::string FormatElapsed(double ms) {
  if (std::isnan(ms) || ms < 0) return "-";
  char buf[64];
  double s = ms / 1000.0;
  if (s < 90)
    std::snprintf(buf, sizeof buf, "%.0fs", s);
  else if (s < 90 * 60)
    std::snprintf(buf, sizeof buf, "%.0fm", s / 60);
  else if (s < 36 * 3600)
    std::snprintf(buf, sizeof buf, "%.1fh", s / 3600);
  else
    std::snprintf(buf, sizeof buf, "%.1fd", s / 86400);
  return buf;
}

}  // namespace winpath
