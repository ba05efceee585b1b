// "Did you mean 'Trial'?" — finding the intended name behind a near-miss in a journey map
// (a typo'd key, milestone, win or stage name).
//
// Thread-safety: pure functions.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace winpath {

// Optimal-string-alignment distance (Levenshtein plus swaps of two adjacent characters),
// compared case-insensitively: "Trail" -> "Trial" is 1, "Signup" -> "sign up" is 1.
int EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `wrong` when it is close enough to be a likely typo (distance at
// most max(1, shorter length / 3)), the first of equally close ones; empty when none is.
std::string SuggestName(std::string_view wrong, std::span<const std::string_view> candidates);
std::string SuggestName(std::string_view wrong, std::span<const std::string> candidates);

// "; did you mean 'X'?" for the suggestion, or "" when there is none. Ready to append to a
// message.
std::string DidYouMean(std::string_view wrong, std::span<const std::string_view> candidates);
std::string DidYouMean(std::string_view wrong, std::span<const std::string> candidates);

}  // namespace winpath
