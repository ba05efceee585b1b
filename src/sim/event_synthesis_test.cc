#include "sim/event_synthesis.h"

#include <gtest/gtest.h>

#include "model/channel_groups.h"
#include "sim/sim_test_util.h"

namespace winpath::sim {
namespace {

using testing::Events;
using testing::Where;

constexpr std::string_view kHost = "www.example.com";

const PropertyValue* Prop(const RawEvent& e, std::string_view key) { return e.FindProperty(key); }

TEST(InstantiateGlob, DropsStarsAndFillsSeparatorsAndQuestionMarks) {
  EXPECT_EQ(InstantiateGlob("email"), "email");
  EXPECT_EQ(InstantiateGlob("*email*"), "email");
  EXPECT_EQ(InstantiateGlob("webinar-*"), "webinar-x");
  EXPECT_EQ(InstantiateGlob("nl_*"), "nl_x");
  EXPECT_EQ(InstantiateGlob("a?c"), "axc");
  EXPECT_EQ(InstantiateGlob("*"), "x");
  EXPECT_EQ(InstantiateGlob(""), "x");
  for (std::string_view g : {"*email*", "webinar-*", "a?c", "*", "x*y*z"}) {
    EXPECT_TRUE(GlobMatch(g, InstantiateGlob(g))) << g;
  }
}

TEST(InstantiateHostGlob, MakesPlausibleHosts) {
  EXPECT_EQ(InstantiateHostGlob("*.google.*"), "www.google.com");
  EXPECT_EQ(InstantiateHostGlob("*.partnerstack.com"), "www.partnerstack.com");
  EXPECT_EQ(InstantiateHostGlob("lnkd.in"), "lnkd.in");
  EXPECT_TRUE(GlobMatch("*.pricerunner.*", InstantiateHostGlob("*.pricerunner.*")));
}

TEST(UrlHost, ExtractsTheHost) {
  EXPECT_EQ(UrlHost("https://a.b.com/x?y=1"), "a.b.com");
  EXPECT_EQ(UrlHost("https://a.b.com"), "a.b.com");
  EXPECT_EQ(UrlHost("http://h:8080/"), "h");
  EXPECT_EQ(UrlHost("/relative"), "");
  EXPECT_EQ(UrlHost(""), "");
}

TEST(SnakeCase, NormalisesNames) {
  EXPECT_EQ(SnakeCase("Repeat purchase"), "repeat_purchase");
  EXPECT_EQ(SnakeCase("  A--B  "), "a_b");
  EXPECT_EQ(SnakeCase("!!"), "event");
}

TEST(SynthesizeEvent, UsesFirstEventNameAsTrack) {
  Result<SynthesizedEvent> s =
      SynthesizeEvent(Events({"purchase", "order_completed"}), "Buy", "", kHost);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->event.type, MessageType::kTrack);
  EXPECT_EQ(s->event.name, "purchase");
  EXPECT_TRUE(s->event.properties.empty());
}

TEST(SynthesizeEvent, SatisfiesEveryOperator) {
  EventPredicate p = Events({"x"});
  p.where = {Where("plan", CompareOp::kEquals, {"pro", "team"}),
             Where("team", CompareOp::kNotEquals, {"true", "other"}),
             Where("source", CompareOp::kGlob, {"news*"}),
             Where("amount", CompareOp::kGreater, {}, 10),
             Where("seats", CompareOp::kLessOrEqual, {}, 5),
             Where("coupon", CompareOp::kExists),
             Where("fraud", CompareOp::kNotExists)};
  Result<SynthesizedEvent> s = SynthesizeEvent(p, "X", "", kHost);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  const RawEvent& e = s->event;
  EXPECT_TRUE(p.Matches(e));
  EXPECT_EQ(Prop(e, "plan")->text, "pro");
  EXPECT_EQ(Prop(e, "team")->text, "other_x");
  EXPECT_EQ(Prop(e, "source")->text, "news");
  EXPECT_EQ(Prop(e, "amount")->text, "11");
  EXPECT_EQ(*Prop(e, "amount")->number, 11);
  EXPECT_EQ(Prop(e, "seats")->text, "5");
  EXPECT_EQ(Prop(e, "coupon")->text, "1");
  EXPECT_EQ(Prop(e, "fraud"), nullptr);
}

TEST(SynthesizeEvent, NotEqualsFalseBecomesTrue) {
  EventPredicate p = Events({"review_submitted"});
  p.where = {Where("public", CompareOp::kNotEquals, {"false"})};
  Result<SynthesizedEvent> s = SynthesizeEvent(p, "Testimonial", "", kHost);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(Prop(s->event, "public")->text, "true");
}

TEST(SynthesizeEvent, EqualsSkipsExcludedValues) {
  EventPredicate p = Events({"x"});
  p.where = {Where("plan", CompareOp::kEquals, {"free", "pro"}),
             Where("plan", CompareOp::kNotEquals, {"free"})};
  Result<SynthesizedEvent> s = SynthesizeEvent(p, "X", "", kHost);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(Prop(s->event, "plan")->text, "pro");
}

TEST(SynthesizeEvent, NumericIntervalPicksTheMiddleOrTheBound) {
  EventPredicate p = Events({"x"});
  p.where = {Where("n", CompareOp::kGreaterOrEqual, {}, 10), Where("n", CompareOp::kLess, {}, 20)};
  Result<SynthesizedEvent> s = SynthesizeEvent(p, "X", "", kHost);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(Prop(s->event, "n")->text, "15");
  p.where = {Where("n", CompareOp::kLess, {}, 0.5)};
  s = SynthesizeEvent(p, "X", "", kHost);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(Prop(s->event, "n")->text, "-0.5");
}

TEST(SynthesizeEvent, ValuePropertyGetsARangeAndAPlaceholder) {
  EventPredicate p = Events({"subscription_started"});
  p.where = {Where("amount", CompareOp::kGreater, {}, 0)};
  Result<SynthesizedEvent> s = SynthesizeEvent(p, "Subscription", "amount", kHost);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->value_property, "amount");
  EXPECT_GT(s->value_min, 0.0);
  EXPECT_LT(s->value_min, 1e-300);
  EXPECT_EQ(s->value_max, std::numeric_limits<double>::infinity());
  EXPECT_TRUE(p.Matches(s->event));

  Result<SynthesizedEvent> plain = SynthesizeEvent(Events({"purchase"}), "Buy", "revenue", kHost);
  ASSERT_TRUE(plain.ok());
  ASSERT_NE(Prop(plain->event, "revenue"), nullptr);
  EXPECT_EQ(*Prop(plain->event, "revenue")->number, 1);
  EXPECT_EQ(plain->value_min, 0);
}

TEST(SynthesizeEvent, ContradictionsAreInvalidArgument) {
  EventPredicate p = Events({"x"});
  p.where = {Where("plan", CompareOp::kEquals, {"pro"}),
             Where("plan", CompareOp::kNotEquals, {"pro"})};
  Result<SynthesizedEvent> s = SynthesizeEvent(p, "Upgrade", "", kHost);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.status().message().find("Upgrade"), std::string::npos);

  p.where = {Where("n", CompareOp::kGreater, {}, 5), Where("n", CompareOp::kLess, {}, 5)};
  EXPECT_FALSE(SynthesizeEvent(p, "X", "", kHost).ok());
  p.where = {Where("v", CompareOp::kGreater, {}, 5), Where("v", CompareOp::kLess, {}, 3)};
  EXPECT_FALSE(SynthesizeEvent(p, "X", "v", kHost).ok());
}

TEST(SynthesizeEvent, UrlConditionsMakePages) {
  EventPredicate p;
  p.where = {Where("url", CompareOp::kGlob, {"*/pricing*"})};
  Result<SynthesizedEvent> s = SynthesizeEvent(p, "Viewed pricing", "", kHost);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->event.type, MessageType::kPage);
  EXPECT_EQ(s->event.name, "page_view");
  EXPECT_EQ(s->event.url, "https://www.example.com/pricing");
  EXPECT_EQ(s->event.property, "www.example.com");

  EventPredicate named = Events({"page_view"});
  s = SynthesizeEvent(named, "Visit", "", kHost);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->event.type, MessageType::kPage);
}

TEST(SynthesizeEvent, NamelessPredicateWithoutUrlIsTrackNamedAfterOwner) {
  EventPredicate p;
  p.where = {Where("plan", CompareOp::kEquals, {"enterprise"})};
  Result<SynthesizedEvent> s = SynthesizeEvent(p, "Enterprise deal", "", kHost);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->event.type, MessageType::kTrack);
  EXPECT_EQ(s->event.name, "enterprise_deal");
}

TEST(SynthesizeEvent, BuiltinFieldsAndType) {
  EventPredicate p = Events({"Pricing"});
  p.where = {Where("type", CompareOp::kEquals, {"page"}),
             Where("utm_source", CompareOp::kEquals, {"google"}),
             Where("referrer", CompareOp::kGlob, {"*bing*"}),
             Where("property", CompareOp::kEquals, {"shop.example.com"})};
  Result<SynthesizedEvent> s = SynthesizeEvent(p, "X", "", kHost);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->event.type, MessageType::kPage);
  EXPECT_EQ(s->event.name, "Pricing");
  EXPECT_EQ(s->event.campaign.source, "google");
  EXPECT_EQ(s->event.referrer, "https://bing/");
  EXPECT_EQ(s->event.property, "shop.example.com");
}

ChannelRule Rule(std::string channel) {
  ChannelRule r;
  r.channel = std::move(channel);
  return r;
}

TEST(SynthesizeTouch, UtmRuleGivesLandingPageWithQuery) {
  ChannelRule r = Rule("Newsletter");
  r.utm_medium = {"email"};
  r.utm_source = {"newsletter", "nl-*"};
  Result<RawEvent> e = SynthesizeTouch(r, kHost, "/pricing");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->type, MessageType::kPage);
  EXPECT_EQ(e->url, "https://www.example.com/pricing?utm_source=newsletter&utm_medium=email");
  EXPECT_EQ(e->campaign.source, "newsletter");
  EXPECT_EQ(e->campaign.medium, "email");
  EXPECT_TRUE(e->referrer.empty());
  EXPECT_TRUE(ChannelRuleMatches(r, *e));
}

TEST(SynthesizeTouch, ReferrerPropertyAndEventRules) {
  ChannelRule partner = Rule("Partner");
  partner.referrer = {"*.g2.com"};
  Result<RawEvent> e = SynthesizeTouch(partner, kHost, "/");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->referrer, "https://www.g2.com/");
  EXPECT_EQ(e->url, "https://www.example.com/");

  ChannelRule blog = Rule("Blog");
  blog.property = {"blog.example.com"};
  e = SynthesizeTouch(blog, kHost, "/blog/x");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->url, "https://blog.example.com/blog/x");
  EXPECT_EQ(e->property, "blog.example.com");

  ChannelRule sales = Rule("Sales");
  sales.event = {"demo_call", "consultation_held"};
  sales.where = {Where("team", CompareOp::kEquals, {"sales"})};
  e = SynthesizeTouch(sales, kHost, "/");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->type, MessageType::kTrack);
  EXPECT_EQ(e->name, "demo_call");
  EXPECT_EQ(e->FindProperty("team")->text, "sales");
  EXPECT_TRUE(e->url.empty());
  EXPECT_TRUE(ChannelRuleMatches(sales, *e));
}

TEST(SynthesizeTouch, UnsatisfiableRuleIsInvalidArgument) {
  ChannelRule r = Rule("Broken");
  r.where = {Where("a", CompareOp::kExists), Where("a", CompareOp::kNotExists)};
  Result<RawEvent> e = SynthesizeTouch(r, kHost, "/");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), StatusCode::kInvalidArgument);
}

TEST(ChannelRuleMatches, AbsentFieldsNeverMatchAndEmptyRulesMatchNothing) {
  RawEvent e;
  e.type = MessageType::kPage;
  e.url = "https://www.example.com/";
  FillPropertyFromUrl(&e);
  ChannelRule any_source = Rule("A");
  any_source.utm_source = {"*"};
  EXPECT_FALSE(ChannelRuleMatches(any_source, e));
  EXPECT_FALSE(ChannelRuleMatches(Rule("Empty"), e));
  e.campaign.source = "Google";
  EXPECT_TRUE(ChannelRuleMatches(any_source, e));
  ChannelRule exact = Rule("B");
  exact.utm_source = {"google"};
  EXPECT_TRUE(ChannelRuleMatches(exact, e));  // globs are case-insensitive
}

// The default groups' acquisition fields, checked against the rules as the simulator's brief
// states them (docs/simulator.md#channels), independently of how they were built.
std::string StatedGroup(const RawEvent& e) {
  const std::string& s = e.campaign.source;
  const std::string& m = e.campaign.medium;
  std::string_view host = UrlHost(e.referrer);
  if (s.empty() && m.empty()) {
    if (e.referrer.empty()) return "Direct";
    if (host == "www.google.com") return "Organic Search";
    if (host == "www.facebook.com") return "Organic Social";
    if (host == "partner-blog.example.org") return "Referral";
    return "?";
  }
  if (!e.referrer.empty()) return "?";
  if (s == "google" && m == "cpc") return "Paid Search";
  if (s == "facebook" && m == "paid_social") return "Paid Social";
  if (s == "newsletter" && m == "email") return "Email";
  if (s == "adnetwork" && m == "display") return "Display";
  if (s == "partner" && m == "affiliate") return "Affiliate";
  if (s == "misc" && m == "other") return "Other";
  return "?";
}

TEST(DefaultGroupTouch, EveryGroupLandsInItselfByTheStatedRules) {
  for (std::string_view group : kDefaultChannelGroups) {
    RawEvent e = DefaultGroupTouch(group, kHost, "/features");
    EXPECT_EQ(e.type, MessageType::kPage) << group;
    EXPECT_EQ(StatedGroup(e), group);
    EXPECT_EQ(e.property, "www.example.com");
    // The url carries the same utm parameters as the campaign.
    if (!e.campaign.source.empty()) {
      EXPECT_NE(e.url.find("utm_source=" + e.campaign.source), std::string::npos) << e.url;
      EXPECT_NE(e.url.find("utm_medium=" + e.campaign.medium), std::string::npos) << e.url;
    } else {
      EXPECT_EQ(e.url, "https://www.example.com/features") << group;
    }
  }
  EXPECT_EQ(StatedGroup(DefaultGroupTouch("No such group", kHost, "/")), "Other");
}

}  // namespace
}  // namespace winpath::sim
