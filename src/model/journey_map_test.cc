#include "model/journey_map.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/channel_groups.h"
#include "model/journey_map_loader.h"

namespace winpath {

void PrintTo(DiagnosticCode code, std::ostream* os);  // journey_map_loader_test.cc

namespace {

Milestone MakeMilestone(std::string name, MilestonePhase phase, std::string event,
                        int occurrence = 1) {
  Milestone m;
  m.name = std::move(name);
  m.phase = phase;
  m.predicate.events = {std::move(event)};
  m.occurrence = occurrence;
  return m;
}

// A valid map built in code: default wins; Trial | Purchase | Repeat purchase.
JourneyMap MakeMap() {
  JourneyMap map;
  map.name = "Code map";
  map.wins = DefaultWins();
  map.milestones = {MakeMilestone("Trial", MilestonePhase::kPre, "trial_started"),
                    MakeMilestone("Purchase", MilestonePhase::kCore, "purchase"),
                    MakeMilestone("Repeat purchase", MilestonePhase::kPost, "purchase", 2)};
  map.milestones[1].value_property = "revenue";
  map.stages.customer = {"Purchase"};
  map.stages.repeat_customer = {"Repeat purchase"};
  Target t;
  t.from = "Trial";
  t.to = "Purchase";
  t.rate = 0.25;
  map.targets = {t};
  return map;
}

std::vector<DiagnosticCode> Codes(const JourneyMap& map) {
  std::vector<DiagnosticCode> codes;
  for (const Diagnostic& d : CheckJourneyMap(map)) codes.push_back(d.code);
  return codes;
}

TEST(JourneyMapTest, LookupsAndBits) {
  JourneyMap map = MakeMap();
  EXPECT_EQ(map.FindWin("Support"), 1);
  EXPECT_EQ(map.FindWin("support"), -1);  // names are exact
  EXPECT_EQ(map.FindMilestone("Repeat purchase"), 2);
  EXPECT_EQ(map.FindMilestone("Nope"), -1);
  EXPECT_EQ(map.CoreMilestone(), 1);
  EXPECT_EQ(map.num_predicates(), 6u);
  EXPECT_EQ(map.win_bit(2), 2);
  EXPECT_EQ(map.milestone_bit(0), 3);
  EXPECT_EQ(MilestonePhaseName(MilestonePhase::kPost), "post");
}

TEST(JourneyMapTest, MatchMaskAndValue) {
  JourneyMap map = MakeMap();
  RawEvent purchase;
  purchase.name = "purchase";
  purchase.properties = {{"revenue", {"20", 20.0}}};
  uint32_t mask = map.MatchMask(purchase);
  // Buy (win 0), Purchase (milestone 1) and Repeat purchase (milestone 2): occurrence is
  // applied later, per person.
  EXPECT_EQ(mask, (1u << 0) | (1u << 4) | (1u << 5));
  EXPECT_EQ(map.EventValue(purchase, mask), 20.0);
  EXPECT_FALSE(map.EventValue(purchase, 0).has_value());
  RawEvent trial;
  trial.name = "trial_started";
  EXPECT_EQ(map.MatchMask(trial), 1u << 3);
  EXPECT_FALSE(map.EventValue(trial, map.MatchMask(trial)).has_value());
  RawEvent other;
  other.name = "page_view";
  EXPECT_EQ(map.MatchMask(other), 0u);
}

TEST(JourneyMapTest, ChannelNamesPutMapChannelsFirstAndMergeDefaultGroups) {
  JourneyMap map = MakeMap();
  ChannelRule blog, email;
  blog.channel = "Blog";
  blog.property = {"blog.acme.io"};
  email.channel = "Email";
  email.utm_medium = {"email"};
  map.channels = {blog, email, blog};
  std::vector<std::string> names = map.ChannelNames();
  ASSERT_EQ(names.size(), 1 + kDefaultChannelGroups.size());
  EXPECT_EQ(names[0], "Blog");
  EXPECT_EQ(names[1], "Email");
  EXPECT_EQ(names[2], "Direct");
}

TEST(JourneyMapTest, DefaultWins) {
  std::vector<Win> wins = DefaultWins();
  ASSERT_EQ(wins.size(), 3u);
  EXPECT_EQ(wins[0].name, "Buy");
  EXPECT_EQ(wins[0].value_property, "revenue");
  EXPECT_EQ(wins[1].name, "Support");
  EXPECT_EQ(wins[2].name, "Register");
  for (const Win& w : wins) EXPECT_FALSE(w.predicate.empty());
}

TEST(ValidateJourneyMapTest, ValidMapIsOk) {
  JourneyMap map = MakeMap();
  EXPECT_TRUE(ValidateJourneyMap(map).ok()) << ValidateJourneyMap(map).ToString();
  EXPECT_TRUE(CheckJourneyMap(map).empty());
}

TEST(ValidateJourneyMapTest, ReportsTheFirstErrorWithLocation) {
  JourneyMap map = MakeMap();
  map.source_path = "map.yaml";
  map.milestones[1].phase = MilestonePhase::kPost;  // no core left
  map.milestones[1].location = {7, 3};
  Status s = ValidateJourneyMap(map);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message().rfind("map.yaml: the journey has no core milestone", 0), 0u) << s.message();
  map = MakeMap();
  map.source_path = "map.yaml";
  map.targets[0].rate = 0;
  map.targets[0].location = {12, 5};
  s = ValidateJourneyMap(map);
  EXPECT_EQ(s.message().rfind("map.yaml:12:5: the rate of target 1 is 0%", 0), 0u) << s.message();
}

TEST(ValidateJourneyMapTest, EachRuleHasItsCode) {
  using C = DiagnosticCode;
  struct Case {
    const char* what;
    void (*change)(JourneyMap&);
    std::vector<DiagnosticCode> codes;
  };
  const Case cases[] = {
      {"no name", [](JourneyMap& m) { m.name.clear(); }, {C::kMissingKey}},
      {"currency", [](JourneyMap& m) { m.currency = "Euro"; }, {C::kBadValue}},
      {"window", [](JourneyMap& m) { m.windows.session_timeout = 0; }, {C::kBadDuration}},
      {"dormant", [](JourneyMap& m) { m.stages.dormant_after = -1; }, {C::kBadDuration}},
      {"no core",
       [](JourneyMap& m) { m.milestones[1].phase = MilestonePhase::kPost; },
       {C::kMissingCore}},
      {"two cores",
       [](JourneyMap& m) { m.milestones[2].phase = MilestonePhase::kCore; },
       {C::kMissingCore}},
      {"order",
       [](JourneyMap& m) { m.milestones[0].phase = MilestonePhase::kPost; },
       {C::kMissingCore}},
      {"duplicate", [](JourneyMap& m) { m.wins[2].name = "trial"; }, {C::kDuplicateName}},
      {"unnamed win", [](JourneyMap& m) { m.wins[1].name.clear(); }, {C::kMissingKey}},
      {"empty predicate",
       [](JourneyMap& m) { m.milestones[0].predicate.events.clear(); },
       {C::kEmptyPredicate}},
      {"occurrence", [](JourneyMap& m) { m.milestones[2].occurrence = 0; }, {C::kBadOccurrence}},
      {"stage", [](JourneyMap& m) { m.stages.promoter = {"Referal"}; }, {C::kUnknownName}},
      {"target name", [](JourneyMap& m) { m.targets[0].to = "Purchas"; }, {C::kUnknownName}},
      {"self", [](JourneyMap& m) { m.targets[0].to = "Trial"; }, {C::kSelfTarget}},
      {"no from", [](JourneyMap& m) { m.targets[0].from.clear(); }, {C::kMissingKey}},
      {"rate 0", [](JourneyMap& m) { m.targets[0].rate = 0; }, {C::kBadRate}},
      {"rate > 1", [](JourneyMap& m) { m.targets[0].rate = 1.0001; }, {C::kBadRate}},
      {"within", [](JourneyMap& m) { m.targets[0].within = 0; }, {C::kBadDuration}},
      {"dimensions",
       [](JourneyMap& m) { m.dimensions = {"a", "b", "c", "d", "e", "f", "g", "h", "i"}; },
       {C::kTooManyDimensions}},
      {"dimension twice",
       [](JourneyMap& m) {
         m.dimensions = {"plan", "plan"};
       },
       {C::kDuplicateName}},
      {"empty rule",
       [](JourneyMap& m) {
         m.channels.emplace_back();
         m.channels.back().channel = "All";
       },
       {C::kEmptyChannelRule}},
      {"empty condition values",
       [](JourneyMap& m) {
         PropertyCondition c;
         c.property = "plan";
         m.milestones[0].predicate.where = {c};
       },
       {C::kMissingKey}},
  };
  for (const Case& c : cases) {
    JourneyMap map = MakeMap();
    c.change(map);
    EXPECT_EQ(Codes(map), c.codes) << c.what;
    EXPECT_FALSE(ValidateJourneyMap(map).ok()) << c.what;
  }
}

TEST(ValidateJourneyMapTest, PredicateLimitIsExactly32) {
  JourneyMap map = MakeMap();
  while (map.num_predicates() < static_cast<size_t>(kMaxPredicates)) {
    map.milestones.push_back(
        MakeMilestone("Post " + std::to_string(map.num_predicates()), MilestonePhase::kPost, "x"));
  }
  EXPECT_TRUE(ValidateJourneyMap(map).ok()) << ValidateJourneyMap(map).ToString();
  map.milestones.push_back(MakeMilestone("One too many", MilestonePhase::kPost, "x"));
  EXPECT_EQ(Codes(map), std::vector<DiagnosticCode>{DiagnosticCode::kTooManyPredicates});
}

TEST(ValidateJourneyMapTest, ExactlyEightDimensionsAreFine) {
  JourneyMap map = MakeMap();
  map.dimensions = {"a", "b", "c", "d", "e", "f", "g", "h"};
  EXPECT_TRUE(ValidateJourneyMap(map).ok());
}

TEST(ValidateJourneyMapTest, WarningsDoNotFailValidation) {
  JourneyMap map = MakeMap();
  map.targets[0].from = "Repeat purchase";  // after Purchase in the journey
  std::vector<Diagnostic> d = CheckJourneyMap(map);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_TRUE(d[0].warning);
  EXPECT_EQ(d[0].code, DiagnosticCode::kBackwardTarget);
  EXPECT_TRUE(ValidateJourneyMap(map).ok());
}

TEST(ValidateJourneyMapTest, TargetsBetweenWinsHaveNoJourneyOrder) {
  JourneyMap map = MakeMap();
  map.targets[0].from = "Register";
  map.targets[0].to = "Trial";
  EXPECT_TRUE(CheckJourneyMap(map).empty());
}

ChannelRule Rule(std::string name) {
  ChannelRule r;
  r.channel = std::move(name);
  return r;
}

bool Shadowed(const ChannelRule& earlier, const ChannelRule& later) {
  JourneyMap map = MakeMap();
  map.channels = {earlier, later};
  std::vector<Diagnostic> d = CheckJourneyMap(map);
  return d.size() == 1 && d[0].code == DiagnosticCode::kShadowedChannelRule && d[0].warning;
}

TEST(ValidateJourneyMapTest, ShadowedChannelRules) {
  ChannelRule email = Rule("Email");
  email.utm_medium = {"email", "newsletter"};
  ChannelRule same = email;
  same.channel = "Same";
  EXPECT_TRUE(Shadowed(email, same));
  ChannelRule narrower = Rule("Narrower");
  narrower.utm_medium = {"EMAIL"};  // globs are case-insensitive
  narrower.utm_source = {"mailchimp"};
  EXPECT_TRUE(Shadowed(email, narrower));
  EXPECT_FALSE(Shadowed(narrower, email));  // the broader rule after the narrow one is fine
  ChannelRule other = Rule("Other medium");
  other.utm_medium = {"email", "sms"};
  EXPECT_FALSE(Shadowed(email, other));  // "sms" still reaches it
  ChannelRule demo = Rule("Demo");
  demo.event = {"demo_call"};
  ChannelRule demo_upper = Rule("Demo upper");
  demo_upper.event = {"Demo_Call"};  // event names are exact
  EXPECT_FALSE(Shadowed(demo, demo_upper));
  ChannelRule sales_demo = demo;
  sales_demo.channel = "Sales demo";
  PropertyCondition team;
  team.property = "team";
  team.values = {"sales"};
  sales_demo.where = {team};
  EXPECT_TRUE(Shadowed(demo, sales_demo));
  EXPECT_FALSE(Shadowed(sales_demo, demo));
}

}  // namespace
}  // namespace winpath
