// Channel assignment: map rules, the default (GA4-like) groups, own-site referrers and
// session-start Direct (docs/analyses/touchpoints.md).
#include <gtest/gtest.h>

#include "ingest/channel_assigner.h"
#include "ingest/default_channel_grouping.h"
#include "model/channel_groups.h"

namespace winpath {
namespace {

TEST(DefaultChannelGroup, EachGroup) {
  struct Case {
    const char* source;
    const char* medium;
    const char* referrer_host;  // external referrer host, or ""
    bool has_utm;
    const char* group;
  };
  const Case cases[] = {
      {"google", "cpc", "", true, "Paid Search"},
      {"Bing", "PPC", "", true, "Paid Search"},
      {"", "paid_search", "www.bing.com", true, "Paid Search"},  // source from the referrer
      {"facebook", "paid_social", "", true, "Paid Social"},
      {"linkedin", "retargeting", "", true, "Paid Social"},
      {"", "", "www.google.co.uk", false, "Organic Search"},
      {"duckduckgo", "", "", true, "Organic Search"},
      {"spring", "organic", "", true, "Organic Search"},
      {"", "", "t.co", false, "Organic Social"},
      {"", "", "x.com", false, "Organic Social"},
      {"", "", "l.facebook.com", false, "Organic Social"},
      {"", "sm", "", true, "Organic Social"},
      {"partner", "social-network", "", true, "Organic Social"},
      {"newsletter", "email", "", true, "Email"},
      {"e-mail", "", "", true, "Email"},
      {"crm", "newsletter", "", true, "Email"},
      {"e mail", "blast", "", true, "Email"},
      {"partner", "affiliate", "", true, "Affiliate"},
      {"adnet", "banner", "", true, "Display"},
      {"adnet", "cpm", "", true, "Display"},  // paid medium, but not a search/social source
      {"blog", "referral", "", true, "Referral"},
      {"", "", "news.ycombinator.com", false, "Referral"},
      {"criteo", "cpc", "", true, "Other"},
      {"partner", "", "", true, "Other"},
      {"", "", "mask.com", false, "Referral"},  // "ask" must be a whole token
      {"", "", "ask.com", false, "Organic Search"},
      {"", "", "x.company.com", false, "Referral"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(DefaultChannelGroup(c.source, c.medium, c.referrer_host, c.has_utm), c.group)
        << c.source << "/" << c.medium << "/" << c.referrer_host;
  }
}

TEST(DefaultChannelGroup, PaidMediumPattern) {
  for (const char* m : {"cpc", "CPC", "ppc", "retargeting", "paid", "paidsearch", "cpv", "ecpm"}) {
    EXPECT_TRUE(IsPaidMedium(m)) << m;
  }
  for (const char* m : {"", "email", "organic", "retarget", "unpaid", "ppcx"}) {
    EXPECT_FALSE(IsPaidMedium(m)) << m;
  }
}

JourneyMap RulesMap() {
  JourneyMap map;
  map.site_hosts = {"example.com"};
  auto rule = [&](std::string channel) -> ChannelRule& {
    map.channels.emplace_back();
    map.channels.back().channel = std::move(channel);
    return map.channels.back();
  };
  rule("Newsletter").utm_medium = {"email", "e-mail"};
  rule("Blog").property = {"blog.*"};
  rule("Sales").event = {"demo_booked"};
  rule("Partner").referrer = {"*.partner.com", "partner.com"};
  PropertyCondition pro;
  pro.property = "plan";
  pro.values = {"pro"};
  rule("Pro").where = {pro};
  rule("Nothing");  // names no field: matches nothing
  return map;
}

RawEvent Event(std::string name, MessageType type = MessageType::kTrack) {
  RawEvent e;
  e.type = type;
  e.name = std::move(name);
  return e;
}

TEST(ChannelAssigner, ChannelIdsFollowChannelNames) {
  JourneyMap map = RulesMap();
  ChannelAssigner a(map);
  std::vector<std::string> names = map.ChannelNames();
  ASSERT_EQ(names.size(), 6u + kDefaultChannelGroups.size());
  EXPECT_EQ(a.ChannelId("Newsletter"), 1);
  EXPECT_EQ(a.ChannelId("Direct"), 7);
  EXPECT_EQ(a.direct_channel(), 7);
  EXPECT_EQ(a.ChannelId("Other"), 16);
  EXPECT_EQ(a.ChannelId("Nope"), kNoChannel);
}

TEST(ChannelAssigner, MapRules) {
  JourneyMap map = RulesMap();
  ChannelAssigner a(map);
  RawEvent e = Event("page_view", MessageType::kPage);
  e.campaign.medium = "EMAIL";  // globs are case-insensitive
  e.property = "blog.example.com";
  EXPECT_EQ(a.Classify(e), a.ChannelId("Newsletter"));  // the first matching rule wins
  e.campaign.medium.clear();
  EXPECT_EQ(a.Classify(e), a.ChannelId("Blog"));  // rules apply without acquisition data
  EXPECT_EQ(a.Classify(Event("demo_booked")), a.ChannelId("Sales"));
  RawEvent partner = Event("page_view", MessageType::kPage);
  partner.referrer = "https://www.Partner.com/deals";
  EXPECT_EQ(a.Classify(partner), a.ChannelId("Partner"));
  partner.referrer = "https://partner.com/";
  EXPECT_EQ(a.Classify(partner), a.ChannelId("Partner"));
  RawEvent plan = Event("upgrade");
  plan.properties.push_back({"plan", {"pro", std::nullopt}});
  EXPECT_EQ(a.Classify(plan), a.ChannelId("Pro"));
  plan.properties[0].second.text = "free";
  EXPECT_EQ(a.Classify(plan), kNoChannel);  // memo keyed by the `where` field's value too
  EXPECT_EQ(a.Classify(Event("button_clicked")), kNoChannel);
}

TEST(ChannelAssigner, AcquisitionDataGetsDefaultGroups) {
  JourneyMap map = RulesMap();
  ChannelAssigner a(map);
  RawEvent e = Event("page_view", MessageType::kPage);
  e.url = "https://example.com/pricing";
  e.referrer = "https://www.google.com/";
  EXPECT_EQ(a.Classify(e), a.ChannelId("Organic Search"));
  e.campaign.source = "google";
  e.campaign.medium = "cpc";
  EXPECT_EQ(a.Classify(e), a.ChannelId("Paid Search"));
  RawEvent track = Event("signed_up");
  track.campaign.source = "partner";
  track.campaign.medium = "affiliate";
  EXPECT_EQ(a.Classify(track), a.ChannelId("Affiliate"));  // any event, not only page views
  RawEvent term_only = Event("x");
  term_only.campaign.term = "shoes";
  EXPECT_EQ(a.Classify(term_only), a.ChannelId("Other"));
}

TEST(ChannelAssigner, OwnSitesAreNotReferrers) {
  JourneyMap map = RulesMap();
  ChannelAssigner a(map);
  RawEvent e = Event("page_view", MessageType::kPage);
  for (const char* own : {"https://example.com/a", "https://www.example.com/b",
                          "https://shop.example.com/c", "https://EXAMPLE.com:443/d"}) {
    e.referrer = own;
    EXPECT_EQ(a.Classify(e), kNoChannel) << own;
  }
  e.referrer = "https://notexample.com/";
  EXPECT_EQ(a.Classify(e), a.ChannelId("Referral"));
  // Without site_hosts, the page's own host still counts as internal.
  JourneyMap bare;
  ChannelAssigner b(bare);
  RawEvent f = Event("page_view", MessageType::kPage);
  f.url = "https://www.foo.org/a";
  f.referrer = "https://foo.org/b";
  EXPECT_EQ(b.Classify(f), kNoChannel);
  f.referrer = "https://bar.org/";
  EXPECT_EQ(b.Classify(f), b.ChannelId("Referral"));
}

TEST(ChannelAssigner, NoDefaultGroupingMeansOther) {
  JourneyMap map;
  map.default_grouping = DefaultGrouping::kNone;
  ChannelAssigner a(map);
  RawEvent e = Event("page_view", MessageType::kPage);
  e.referrer = "https://www.google.com/";
  EXPECT_EQ(a.Classify(e), a.ChannelId("Other"));
  e.referrer.clear();
  EXPECT_EQ(a.Classify(e), kNoChannel);
}

TEST(ChannelAssigner, MemoizesByTuple) {
  JourneyMap map;
  ChannelAssigner a(map);
  for (int i = 0; i < 1000; ++i) {
    RawEvent e = Event("e" + std::to_string(i));  // names are not read: no rule uses them
    e.campaign.source = i % 2 ? "google" : "bing";
    e.campaign.medium = "cpc";
    EXPECT_EQ(a.Classify(e), a.ChannelId("Paid Search"));
  }
  EXPECT_EQ(a.memo_size(), 2u);
}

TEST(MarkSessions, DirectForSessionStartingPageViews) {
  const TimeMs m = kMsPerMinute;
  std::vector<TimeMs> time = {0, 10 * m, 40 * m, 70 * m + 1, 71 * m, 200 * m, 300 * m};
  std::vector<uint8_t> flags = {kEventFlagPageView, kEventFlagPageView, kEventFlagPageView,
                                kEventFlagPageView, kEventFlagPageView, 0,
                                kEventFlagPageView};
  std::vector<uint8_t> channel = {0, 0, 0, 0, 0, 0, 5};
  MarkSessions(time, flags, channel, 30 * m, 1);
  // 0: first event; 2: gap exactly 30m is the same session; 3: 30m + 1ms starts one;
  // 5: a track event starts a session but is no touch; 6: keeps its own channel.
  std::vector<uint8_t> starts;
  for (uint8_t f : flags) starts.push_back((f & kEventFlagSessionStart) ? 1 : 0);
  EXPECT_EQ(starts, (std::vector<uint8_t>{1, 0, 0, 1, 0, 1, 1}));
  EXPECT_EQ(channel, (std::vector<uint8_t>{1, 0, 0, 1, 0, 0, 5}));
  EXPECT_EQ(flags[0], kEventFlagPageView | kEventFlagSessionStart);
}

TEST(MarkSessions, EmptyPerson) {
  std::vector<TimeMs> time;
  std::vector<uint8_t> flags, channel;
  MarkSessions(time, flags, channel, kMsPerMinute, 1);
  EXPECT_TRUE(flags.empty());
}

}  // namespace
}  // namespace winpath
