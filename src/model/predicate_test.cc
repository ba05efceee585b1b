#include "model/predicate.h"

#include <gtest/gtest.h>

namespace winpath {
namespace {

TEST(GlobMatchTest, Basics) {
  EXPECT_TRUE(GlobMatch("", ""));
  EXPECT_FALSE(GlobMatch("", "a"));
  EXPECT_TRUE(GlobMatch("*", ""));
  EXPECT_TRUE(GlobMatch("*", "anything at all"));
  EXPECT_TRUE(GlobMatch("**", "x"));
  EXPECT_FALSE(GlobMatch("?", ""));
  EXPECT_TRUE(GlobMatch("?", "a"));
  EXPECT_TRUE(GlobMatch("a?c", "abc"));
  EXPECT_FALSE(GlobMatch("a?c", "ac"));
  EXPECT_TRUE(GlobMatch("abc", "abc"));
  EXPECT_FALSE(GlobMatch("abc", "abcd"));
  EXPECT_FALSE(GlobMatch("abcd", "abc"));
}

TEST(GlobMatchTest, IsCaseInsensitive) {
  EXPECT_TRUE(GlobMatch("*.GOOGLE.*", "www.google.de"));
  EXPECT_TRUE(GlobMatch("nl-*", "NL-Spring"));
  EXPECT_TRUE(GlobMatch("Blog.Acme.IO", "blog.acme.io"));
}

TEST(GlobMatchTest, StarsBacktrack) {
  EXPECT_TRUE(GlobMatch("*.google.*", "www.google.com"));
  EXPECT_FALSE(GlobMatch("*.google.*", "google.com"));
  EXPECT_TRUE(GlobMatch("a*b*c", "aXbYc"));
  EXPECT_FALSE(GlobMatch("a*b*c", "aXcYb"));
  EXPECT_TRUE(GlobMatch("*a", "bba"));
  EXPECT_FALSE(GlobMatch("a*", "ba"));
  EXPECT_TRUE(GlobMatch("*ab", "aab"));
  EXPECT_TRUE(GlobMatch("a*ab", "aaab"));
  EXPECT_TRUE(GlobMatch("/pricing*", "/pricing/enterprise"));
  EXPECT_FALSE(GlobMatch("nl-*", "nl"));
  EXPECT_TRUE(GlobMatch("*?", "x"));
  EXPECT_FALSE(GlobMatch("*??", "x"));
}

RawEvent Sample() {
  RawEvent e;
  e.type = MessageType::kTrack;
  e.name = "purchase";
  e.campaign.source = "newsletter";
  e.campaign.medium = "email";
  e.referrer = "https://www.google.com/";
  e.properties = {{"plan", {"pro", std::nullopt}},
                  {"amount", {"49.5", 49.5}},
                  {"url", {"https://custom.example/x", std::nullopt}}};
  return e;
}

PropertyCondition Cond(std::string property, CompareOp op, std::vector<std::string> values = {},
                       double threshold = 0) {
  PropertyCondition c;
  c.property = std::move(property);
  c.op = op;
  c.values = std::move(values);
  c.threshold = threshold;
  return c;
}

TEST(PropertyConditionTest, EqualsAndNotEquals) {
  RawEvent e = Sample();
  EXPECT_TRUE(Cond("plan", CompareOp::kEquals, {"pro"}).Matches(e));
  EXPECT_TRUE(Cond("plan", CompareOp::kEquals, {"free", "pro"}).Matches(e));
  EXPECT_FALSE(Cond("plan", CompareOp::kEquals, {"Pro"}).Matches(e));  // exact
  EXPECT_FALSE(Cond("country", CompareOp::kEquals, {"DE"}).Matches(e));
  EXPECT_TRUE(Cond("amount", CompareOp::kEquals, {"49.5"}).Matches(e));  // text form
  EXPECT_FALSE(Cond("plan", CompareOp::kNotEquals, {"pro"}).Matches(e));
  EXPECT_TRUE(Cond("plan", CompareOp::kNotEquals, {"free"}).Matches(e));
  EXPECT_TRUE(Cond("country", CompareOp::kNotEquals, {"DE"}).Matches(e));  // absent: not equal
}

TEST(PropertyConditionTest, GlobAndExistence) {
  RawEvent e = Sample();
  EXPECT_TRUE(Cond("plan", CompareOp::kGlob, {"x*", "P*"}).Matches(e));
  EXPECT_FALSE(Cond("plan", CompareOp::kGlob, {"f*"}).Matches(e));
  EXPECT_FALSE(Cond("country", CompareOp::kGlob, {"*"}).Matches(e));
  EXPECT_TRUE(Cond("plan", CompareOp::kExists).Matches(e));
  EXPECT_FALSE(Cond("country", CompareOp::kExists).Matches(e));
  EXPECT_TRUE(Cond("country", CompareOp::kNotExists).Matches(e));
  EXPECT_FALSE(Cond("plan", CompareOp::kNotExists).Matches(e));
}

TEST(PropertyConditionTest, NumbersNeedANumericValue) {
  RawEvent e = Sample();
  EXPECT_TRUE(Cond("amount", CompareOp::kGreater, {}, 49).Matches(e));
  EXPECT_FALSE(Cond("amount", CompareOp::kGreater, {}, 49.5).Matches(e));
  EXPECT_TRUE(Cond("amount", CompareOp::kGreaterOrEqual, {}, 49.5).Matches(e));
  EXPECT_TRUE(Cond("amount", CompareOp::kLess, {}, 50).Matches(e));
  EXPECT_FALSE(Cond("amount", CompareOp::kLess, {}, 49.5).Matches(e));
  EXPECT_TRUE(Cond("amount", CompareOp::kLessOrEqual, {}, 49.5).Matches(e));
  EXPECT_FALSE(Cond("plan", CompareOp::kGreater, {}, -1e300).Matches(e));    // text only
  EXPECT_FALSE(Cond("country", CompareOp::kLess, {}, 1e300).Matches(e));     // absent
  EXPECT_FALSE(Cond("utm_source", CompareOp::kGreater, {}, -1).Matches(e));  // built-in text
}

TEST(PropertyConditionTest, BuiltInFields) {
  RawEvent e = Sample();
  EXPECT_TRUE(Cond("utm_source", CompareOp::kEquals, {"newsletter"}).Matches(e));
  EXPECT_TRUE(Cond("utm_medium", CompareOp::kEquals, {"email"}).Matches(e));
  EXPECT_TRUE(Cond("referrer", CompareOp::kGlob, {"*google*"}).Matches(e));
  EXPECT_TRUE(Cond("event", CompareOp::kEquals, {"purchase"}).Matches(e));
  EXPECT_TRUE(Cond("type", CompareOp::kEquals, {"track"}).Matches(e));
  EXPECT_FALSE(Cond("utm_campaign", CompareOp::kExists).Matches(e));
  // An empty built-in falls back to a custom property of the same name.
  EXPECT_TRUE(Cond("url", CompareOp::kEquals, {"https://custom.example/x"}).Matches(e));
  e.url = "https://acme.io/";
  EXPECT_TRUE(Cond("url", CompareOp::kEquals, {"https://acme.io/"}).Matches(e));
}

TEST(EventPredicateTest, EmptyPredicateMatchesNothing) {
  EventPredicate p;
  EXPECT_TRUE(p.empty());
  EXPECT_FALSE(p.Matches(Sample()));
  EXPECT_FALSE(p.Matches(RawEvent{}));
}

TEST(EventPredicateTest, NamesConditionsAndBoth) {
  RawEvent e = Sample();
  EventPredicate names;
  names.events = {"signed_up", "purchase"};
  EXPECT_TRUE(names.Matches(e));
  names.events = {"Purchase"};  // names are case-sensitive
  EXPECT_FALSE(names.Matches(e));

  EventPredicate where;
  where.where = {Cond("plan", CompareOp::kEquals, {"pro"})};
  EXPECT_FALSE(where.empty());
  EXPECT_TRUE(where.Matches(e));  // any event name

  EventPredicate both;
  both.events = {"purchase"};
  both.where = {Cond("plan", CompareOp::kEquals, {"pro"}),
                Cond("amount", CompareOp::kGreater, {}, 100)};
  EXPECT_FALSE(both.Matches(e));  // every condition must hold
  both.where[1].threshold = 10;
  EXPECT_TRUE(both.Matches(e));
  e.name = "refund";
  EXPECT_FALSE(both.Matches(e));
}

}  // namespace
}  // namespace winpath
