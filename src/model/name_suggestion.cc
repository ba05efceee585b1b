#include "model/name_suggestion.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace winpath {
namespace {

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

template <typename Names>
std::string Suggest(std::string_view wrong, const Names& candidates) {
  int best = -1;
  std::string_view best_name;
  for (const auto& c : candidates) {
    std::string_view name(c);
    if (name == wrong) continue;  // an exact match is not a typo of itself
    int d = EditDistance(wrong, name);
    int limit = std::max<int>(1, static_cast<int>(std::min(wrong.size(), name.size())) / 3);
    if (d <= limit && (best < 0 || d < best)) {
      best = d;
      best_name = name;
    }
  }
  return std::string(best_name);
}

std::string Format(const std::string& suggestion) {
  return suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?";
}

}  // namespace

int EditDistance(std::string_view a, std::string_view b) {
  // Three rolling rows of the dynamic-programming table: names are short, so O(|a|*|b|) time
  // is nothing; the swap rule needs the row before the previous one.
  const size_t n = b.size();
  std::vector<int> before(n + 1), prev(n + 1), cur(n + 1);
  for (size_t j = 0; j <= n; ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (size_t j = 1; j <= n; ++j) {
      int cost = Lower(a[i - 1]) == Lower(b[j - 1]) ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && Lower(a[i - 1]) == Lower(b[j - 2]) &&
          Lower(a[i - 2]) == Lower(b[j - 1])) {
        cur[j] = std::min(cur[j], before[j - 2] + 1);
      }
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[n];
}

std::string SuggestName(std::string_view wrong, std::span<const std::string_view> candidates) {
  return Suggest(wrong, candidates);
}

std::string SuggestName(std::string_view wrong, std::span<const std::string> candidates) {
  return Suggest(wrong, candidates);
}

std::string DidYouMean(std::string_view wrong, std::span<const std::string_view> candidates) {
  return Format(SuggestName(wrong, candidates));
}

std::string DidYouMean(std::string_view wrong, std::span<const std::string> candidates) {
  return Format(SuggestName(wrong, candidates));
}

}  // namespace winpath
