#include "model/name_suggestion.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace winpath {
namespace {

TEST(NameSuggestionTest, EditDistance) {
  EXPECT_EQ(EditDistance("", ""), 0);
  EXPECT_EQ(EditDistance("abc", ""), 3);
  EXPECT_EQ(EditDistance("", "ab"), 2);
  EXPECT_EQ(EditDistance("Trail", "Trial"), 1);  // one swap
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3);
  EXPECT_EQ(EditDistance("milestone", "milestones"), 1);
  EXPECT_EQ(EditDistance("ABC", "abc"), 0);  // case-insensitive
  EXPECT_EQ(EditDistance("Signup", "Sign up"), 1);
  EXPECT_EQ(EditDistance("ca", "abc"), 3);  // optimal string alignment, not full Damerau
}

TEST(NameSuggestionTest, SuggestsTheClosestLikelyTypo) {
  const std::vector<std::string> names = {"Trial", "Webinar", "Subscription", "Renewal"};
  EXPECT_EQ(SuggestName("Trail", names), "Trial");
  EXPECT_EQ(SuggestName("trial", names), "Trial");
  EXPECT_EQ(SuggestName("Subscribtion", names), "Subscription");
  EXPECT_EQ(SuggestName("Webniar", names), "Webinar");
  EXPECT_EQ(SuggestName("Referral", names), "");
  EXPECT_EQ(SuggestName("Trial", names), "");  // exact: not a typo
  EXPECT_EQ(SuggestName("x", names), "");
}

TEST(NameSuggestionTest, ThresholdGrowsWithLength) {
  const std::string_view keys[] = {"ab", "conversion"};
  EXPECT_EQ(SuggestName("cd", keys), "");                    // 2 edits on 2 letters: no
  EXPECT_EQ(SuggestName("ax", keys), "ab");                  // 1 edit always allowed
  EXPECT_EQ(SuggestName("convresoin", keys), "conversion");  // 2 edits on 10 letters
  EXPECT_EQ(SuggestName("conv", keys), "");
}

TEST(NameSuggestionTest, FirstOfEquallyCloseWins) {
  const std::string_view ops[] = {"gt", "ge", "lt", "le"};
  EXPECT_EQ(SuggestName("gx", ops), "gt");
  EXPECT_EQ(DidYouMean("gx", ops), "; did you mean 'gt'?");
  EXPECT_EQ(DidYouMean("zzzz", ops), "");
}

}  // namespace
}  // namespace winpath
