#include "model/dictionary.h"

#include <gtest/gtest.h>

#include <string>

namespace winpath {
namespace {

TEST(DictionaryTest, InternsToDenseIdsInOrderOfFirstUse) {
  Dictionary d;
  EXPECT_EQ(d.size(), 0u);
  EXPECT_EQ(d.Intern("purchase"), 0u);
  EXPECT_EQ(d.Intern("signed_up"), 1u);
  EXPECT_EQ(d.Intern("purchase"), 0u);
  EXPECT_EQ(d.Intern(""), 2u);
  EXPECT_EQ(d.Intern("Purchase"), 3u);  // case-sensitive
  EXPECT_EQ(d.size(), 4u);
  EXPECT_EQ(d.Name(1), "signed_up");
  EXPECT_EQ(d.names(), (std::vector<std::string>{"purchase", "signed_up", "", "Purchase"}));
}

TEST(DictionaryTest, FindDoesNotIntern) {
  Dictionary d;
  EXPECT_FALSE(d.Find("x").has_value());
  EXPECT_EQ(d.size(), 0u);
  d.Intern("x");
  ASSERT_TRUE(d.Find("x").has_value());
  EXPECT_EQ(*d.Find("x"), 0u);
  EXPECT_FALSE(d.Find("y").has_value());
}

TEST(DictionaryTest, IdsSurviveGrowth) {
  Dictionary d;
  for (int i = 0; i < 20000; ++i) ASSERT_EQ(d.Intern("name-" + std::to_string(i)), uint32_t(i));
  for (int i = 0; i < 20000; ++i) {
    std::string key = "name-" + std::to_string(i);
    ASSERT_EQ(d.Find(key), uint32_t(i));
    ASSERT_EQ(d.Name(i), key);
  }
  EXPECT_EQ(d.size(), 20000u);
}

TEST(DictionaryTest, CopiesAreIndependent) {
  Dictionary a;
  a.Intern("x");
  Dictionary b = a;
  b.Intern("y");
  EXPECT_EQ(a.size(), 1u);
  EXPECT_FALSE(a.Find("y").has_value());
  EXPECT_EQ(b.Find("x"), 0u);
  EXPECT_EQ(b.Find("y"), 1u);
}

}  // namespace
}  // namespace winpath
