#include "model/journey_map_loader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "model/duration.h"

namespace winpath {

// Readable codes in gtest failure messages.
void PrintTo(DiagnosticCode code, std::ostream* os) { *os << DiagnosticCodeName(code); }

namespace {

const std::string kSourceDir = WINPATH_SOURCE_DIR;

// (line, column, code, warning) of each diagnostic, in order.
using Found = std::tuple<int, int, DiagnosticCode, bool>;

std::vector<Found> Summarize(const MapCheck& check) {
  std::vector<Found> out;
  for (const Diagnostic& d : check.diagnostics) {
    out.emplace_back(d.line, d.column, d.code, d.warning);
  }
  return out;
}

std::string Dump(const MapCheck& check) {
  std::string out;
  for (const Diagnostic& d : check.diagnostics) {
    out += d.ToString() + " [" + std::string(DiagnosticCodeName(d.code)) + "]\n";
  }
  return out;
}

MapCheck CheckFixture(const std::string& name) {
  return CheckJourneyMapFile(kSourceDir + "/tests/data/maps/" + name);
}

// A valid map to vary in tests.
constexpr const char* kMinimal = R"(name: Minimal
milestones:
  core:
    name: Purchase
    event: purchase
)";

TEST(JourneyMapLoaderTest, GoldenBasicMapLoadsCleanly) {
  MapCheck check = CheckJourneyMapFile(kSourceDir + "/tests/golden/maps/basic.yaml");
  ASSERT_TRUE(check.ok()) << Dump(check);
  EXPECT_TRUE(check.diagnostics.empty()) << Dump(check);
  const JourneyMap& m = check.map;
  EXPECT_EQ(m.name, "Golden basic");
  EXPECT_EQ(m.windows.conversion, 7 * kMsPerDay);
  ASSERT_EQ(m.wins.size(), 3u);
  EXPECT_EQ(m.wins[1].predicate.events,
            (std::vector<std::string>{"faq_viewed", "support_form_submitted"}));
  ASSERT_EQ(m.milestones.size(), 6u);
  EXPECT_EQ(m.milestones[4].name, "Repeat purchase");
  EXPECT_EQ(m.milestones[4].occurrence, 2);
  EXPECT_EQ(m.CoreMilestone(), 3);
  EXPECT_EQ(m.dimensions, (std::vector<std::string>{"plan", "country"}));
}

TEST(JourneyMapLoaderTest, EveryExampleMapPassesTheChecker) {
  for (const char* name : {"saas.yaml", "shop.yaml", "services.yaml"}) {
    MapCheck check = CheckJourneyMapFile(kSourceDir + "/examples/" + name);
    EXPECT_TRUE(check.ok()) << name << "\n" << Dump(check);
    EXPECT_TRUE(check.diagnostics.empty()) << name << "\n" << Dump(check);
    EXPECT_GE(check.map.CoreMilestone(), 0) << name;
    EXPECT_FALSE(check.map.targets.empty()) << name;
  }
}

TEST(JourneyMapLoaderTest, ReadsEveryFieldOfTheSaasExample) {
  Result<JourneyMap> loaded = LoadJourneyMapFile(kSourceDir + "/examples/saas.yaml");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const JourneyMap& m = *loaded;
  EXPECT_EQ(m.source_path, kSourceDir + "/examples/saas.yaml");
  EXPECT_EQ(m.currency, "USD");
  EXPECT_EQ(m.site_hosts.size(), 4u);
  EXPECT_EQ(m.default_grouping, DefaultGrouping::kGa4);
  EXPECT_EQ(m.windows.session_timeout, 30 * kMsPerMinute);
  ASSERT_EQ(m.channels.size(), 5u);
  EXPECT_EQ(m.channels[0].channel, "Blog");
  EXPECT_EQ(m.channels[0].property, std::vector<std::string>{"blog.acme.io"});
  EXPECT_EQ(m.channels[1].utm_source, (std::vector<std::string>{"newsletter", "nl-*"}));
  EXPECT_EQ(m.channels[4].event, (std::vector<std::string>{"demo_call", "consultation_held"}));
  ASSERT_EQ(m.channels[4].where.size(), 1u);
  EXPECT_EQ(m.channels[4].where[0].property, "team");
  EXPECT_EQ(m.wins[0].value_property, "amount");
  ASSERT_EQ(m.milestones.size(), 8u);
  EXPECT_EQ(m.milestones[4].name, "Subscription");
  EXPECT_EQ(m.milestones[4].phase, MilestonePhase::kCore);
  EXPECT_EQ(m.milestones[4].value_property, "amount");
  ASSERT_EQ(m.milestones[4].predicate.where.size(), 1u);
  EXPECT_EQ(m.milestones[4].predicate.where[0].op, CompareOp::kGreater);
  EXPECT_EQ(m.milestones[4].predicate.where[0].threshold, 0.0);
  EXPECT_EQ(m.milestones[0].phase, MilestonePhase::kPre);
  EXPECT_EQ(m.milestones[7].phase, MilestonePhase::kPost);
  EXPECT_EQ(m.stages.repeat_customer, (std::vector<std::string>{"Renewal", "Upgrade"}));
  EXPECT_EQ(m.stages.dormant_after, 90 * kMsPerDay);
  ASSERT_EQ(m.targets.size(), 4u);
  EXPECT_EQ(m.targets[1].from, "Trial");
  EXPECT_EQ(m.targets[1].to, "Subscription");
  EXPECT_DOUBLE_EQ(m.targets[1].rate, 0.25);
  EXPECT_EQ(m.targets[1].within, 30 * kMsPerDay);
}

TEST(JourneyMapLoaderTest, OccurrenceOrLaterAndRateAsFraction) {
  Result<JourneyMap> m = LoadJourneyMapFile(kSourceDir + "/examples/shop.yaml");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  int loyal = m->FindMilestone("Loyal customer");
  ASSERT_GE(loyal, 0);
  EXPECT_EQ(m->milestones[loyal].occurrence, 4);
  EXPECT_TRUE(m->milestones[loyal].or_later);
  int repeat = m->FindMilestone("Repeat purchase");
  EXPECT_EQ(m->milestones[repeat].occurrence, 2);
  EXPECT_FALSE(m->milestones[repeat].or_later);
  EXPECT_DOUBLE_EQ(m->targets[2].rate, 0.1);
  EXPECT_FALSE(m->targets[2].within.has_value());
}

TEST(JourneyMapLoaderTest, SetsLocationsOfEveryDeclaration) {
  MapCheck check = CheckJourneyMapText(R"(name: Locations
channels:
  - name: Newsletter
    utm_medium: email
wins:
  - name: Buy
    event: purchase
    where:
      plan: pro
milestones:
  pre:
    - {name: Trial, event: trial_started}
  core:
    name: Purchase
    event: purchase
stages:
  customer: [Purchase]
targets:
  - from: Trial
    to: Purchase
    rate: 25%
)",
                                       "loc.yaml");
  ASSERT_TRUE(check.ok()) << Dump(check);
  const JourneyMap& m = check.map;
  EXPECT_EQ(m.source_path, "loc.yaml");
  EXPECT_EQ(m.channels[0].location.line, 3);
  EXPECT_EQ(m.channels[0].location.column, 5);
  EXPECT_EQ(m.wins[0].location.line, 6);
  EXPECT_EQ(m.wins[0].predicate.location.line, 7);
  EXPECT_EQ(m.wins[0].predicate.location.column, 12);
  EXPECT_EQ(m.wins[0].predicate.where[0].location.line, 9);
  EXPECT_EQ(m.wins[0].predicate.where[0].location.column, 7);
  EXPECT_EQ(m.milestones[0].location.line, 12);
  EXPECT_EQ(m.milestones[1].location.line, 14);
  EXPECT_EQ(m.milestones[1].location.column, 5);
  EXPECT_EQ(m.stages.location.line, 17);
  EXPECT_EQ(m.targets[0].location.line, 19);
  EXPECT_EQ(m.targets[0].location.column, 5);
}

TEST(JourneyMapLoaderTest, AbsentWinsMeanTheDefaultWinsAndAnEmptyListMeansNone) {
  Result<JourneyMap> defaults = LoadJourneyMapText(kMinimal, "m.yaml");
  ASSERT_TRUE(defaults.ok()) << defaults.status().ToString();
  ASSERT_EQ(defaults->wins.size(), 3u);
  EXPECT_EQ(defaults->wins[0].name, "Buy");
  EXPECT_EQ(defaults->wins[1].name, "Support");
  EXPECT_EQ(defaults->wins[2].name, "Register");
  EXPECT_EQ(defaults->currency, "USD");
  EXPECT_EQ(defaults->windows.conversion, 30 * kMsPerDay);

  Result<JourneyMap> none = LoadJourneyMapText(std::string(kMinimal) + "wins: []\n", "m.yaml");
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_TRUE(none->wins.empty());
}

TEST(JourneyMapLoaderTest, WhereConditionsOfEveryForm) {
  Result<JourneyMap> m = LoadJourneyMapText(R"(name: Where
milestones:
  core:
    name: Purchase
    event: purchase
    where:
      plan: pro
      country: [DE, AT]
      amount: { gt: 0, le: 1000 }
      coupon: { exists: true }
      gift: { exists: false }
      source: { not: internal }
      page: { glob: ["/pricing*", "/plans*"] }
      size: { ge: 2.5, lt: 10 }
)",
                                            "w.yaml");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  const std::vector<PropertyCondition>& w = m->milestones[0].predicate.where;
  ASSERT_EQ(w.size(), 10u);
  EXPECT_EQ(w[0].op, CompareOp::kEquals);
  EXPECT_EQ(w[0].values, std::vector<std::string>{"pro"});
  EXPECT_EQ(w[1].values, (std::vector<std::string>{"DE", "AT"}));
  EXPECT_EQ(w[2].op, CompareOp::kGreater);
  EXPECT_EQ(w[3].op, CompareOp::kLessOrEqual);
  EXPECT_EQ(w[3].threshold, 1000.0);
  EXPECT_EQ(w[4].op, CompareOp::kExists);
  EXPECT_EQ(w[5].op, CompareOp::kNotExists);
  EXPECT_EQ(w[6].op, CompareOp::kNotEquals);
  EXPECT_EQ(w[6].values, std::vector<std::string>{"internal"});
  EXPECT_EQ(w[7].op, CompareOp::kGlob);
  EXPECT_EQ(w[7].values.size(), 2u);
  EXPECT_EQ(w[8].op, CompareOp::kGreaterOrEqual);
  EXPECT_EQ(w[8].threshold, 2.5);
  EXPECT_EQ(w[9].op, CompareOp::kLess);
  EXPECT_EQ(w[9].property, "size");
}

TEST(JourneyMapLoaderTest, UnknownKeysAreReportedWithSuggestions) {
  MapCheck check = CheckFixture("unknown_keys.yaml");
  EXPECT_FALSE(check.ok());
  using C = DiagnosticCode;
  EXPECT_EQ(Summarize(check), (std::vector<Found>{{4, 3, C::kUnknownKey, false},
                                                  {7, 5, C::kUnknownKey, false},
                                                  {11, 5, C::kUnknownKey, false},
                                                  {12, 1, C::kUnknownKey, false},
                                                  {18, 5, C::kUnknownKey, false},
                                                  {23, 18, C::kUnknownKey, false},
                                                  {24, 1, C::kUnknownKey, false}}))
      << Dump(check);
  const std::vector<Diagnostic>& d = check.diagnostics;
  ASSERT_EQ(d.size(), 7u);
  EXPECT_NE(d[0].message.find("did you mean 'conversion'?"), std::string::npos);
  EXPECT_NE(d[1].message.find("did you mean 'utm_medium'?"), std::string::npos);
  EXPECT_NE(d[3].message.find("did you mean 'milestones'?"), std::string::npos);
  EXPECT_NE(d[4].message.find("did you mean 'occurrence'?"), std::string::npos);
  EXPECT_NE(d[6].message.find("belongs under `windows:`"), std::string::npos);
}

TEST(JourneyMapLoaderTest, BadValuesAreAllReported) {
  MapCheck check = CheckFixture("bad_values.yaml");
  using C = DiagnosticCode;
  EXPECT_EQ(Summarize(check), (std::vector<Found>{{3, 11, C::kBadValue, false},
                                                  {4, 27, C::kBadValue, false},
                                                  {6, 15, C::kBadDuration, false},
                                                  {7, 20, C::kBadDuration, false},
                                                  {16, 21, C::kBadValue, false},
                                                  {17, 16, C::kMissingKey, false},
                                                  {21, 19, C::kBadOccurrence, false},
                                                  {24, 19, C::kBadOccurrence, false},
                                                  {26, 18, C::kBadDuration, false},
                                                  {30, 11, C::kBadRate, false},
                                                  {33, 11, C::kBadRate, false},
                                                  {34, 5, C::kMissingKey, false}}))
      << Dump(check);
  EXPECT_NE(check.diagnostics[0].message.find("did you mean 'USD'?"), std::string::npos);
  EXPECT_NE(check.diagnostics[9].message.find("write 25% or 0.25"), std::string::npos);
}

TEST(JourneyMapLoaderTest, BadReferencesAndCollidingNames) {
  MapCheck check = CheckFixture("bad_references.yaml");
  using C = DiagnosticCode;
  EXPECT_EQ(Summarize(check), (std::vector<Found>{{4, 5, C::kEmptyChannelRule, false},
                                                  {10, 5, C::kEmptyPredicate, false},
                                                  {15, 13, C::kDuplicateName, false},
                                                  {17, 13, C::kDuplicateName, false},
                                                  {23, 14, C::kUnknownName, false},
                                                  {24, 28, C::kUnknownName, false},
                                                  {27, 9, C::kUnknownName, false},
                                                  {30, 9, C::kSelfTarget, false},
                                                  {32, 5, C::kMissingKey, false}}))
      << Dump(check);
  EXPECT_NE(check.diagnostics[4].message.find("did you mean 'Trial'?"), std::string::npos);
  EXPECT_NE(check.diagnostics[6].message.find("did you mean 'Subscription'?"), std::string::npos);
}

TEST(JourneyMapLoaderTest, TargetChannelMustBeAChannelOfTheMap) {
  MapCheck check = CheckFixture("bad_target_channel.yaml");
  using C = DiagnosticCode;
  // The misspelt rule name is refused with a suggestion; a default group (Paid Search) is a
  // channel of every map.
  ASSERT_EQ(Summarize(check), (std::vector<Found>{{15, 14, C::kUnknownName, false}}))
      << Dump(check);
  EXPECT_NE(check.diagnostics[0].message.find("did you mean 'Newsletter'?"), std::string::npos)
      << check.diagnostics[0].message;
}

TEST(JourneyMapLoaderTest, MissingCoreMilestone) {
  MapCheck check = CheckFixture("missing_core.yaml");
  using C = DiagnosticCode;
  EXPECT_EQ(Summarize(check),
            (std::vector<Found>{{3, 13, C::kWrongType, false}, {4, 1, C::kMissingCore, false}}))
      << Dump(check);
}

TEST(JourneyMapLoaderTest, LimitsOnPredicatesAndDimensions) {
  MapCheck check = CheckFixture("too_many.yaml");
  using C = DiagnosticCode;
  EXPECT_EQ(Summarize(check), (std::vector<Found>{{3, 46, C::kTooManyDimensions, false},
                                                  {72, 5, C::kTooManyPredicates, false}}))
      << Dump(check);
}

TEST(JourneyMapLoaderTest, SyntaxErrorAtYamlCppsMark) {
  MapCheck check = CheckFixture("syntax_error.yaml");
  EXPECT_EQ(Summarize(check), (std::vector<Found>{{4, 11, DiagnosticCode::kSyntax, false}}))
      << Dump(check);
}

TEST(JourneyMapLoaderTest, EmptyFileIsOneDiagnostic) {
  MapCheck check = CheckFixture("empty.yaml");
  EXPECT_EQ(Summarize(check), (std::vector<Found>{{0, 0, DiagnosticCode::kEmptyFile, false}}));
  MapCheck blank = CheckJourneyMapText("", "blank.yaml");
  ASSERT_EQ(blank.diagnostics.size(), 1u);
  EXPECT_EQ(blank.diagnostics[0].code, DiagnosticCode::kEmptyFile);
  EXPECT_EQ(blank.diagnostics[0].ToString().rfind("blank.yaml: error: the journey map is empty", 0),
            0u);
}

TEST(JourneyMapLoaderTest, WarningsDoNotMakeAMapInvalid) {
  MapCheck check = CheckFixture("warnings.yaml");
  EXPECT_TRUE(check.ok()) << Dump(check);
  using C = DiagnosticCode;
  EXPECT_EQ(Summarize(check), (std::vector<Found>{{6, 5, C::kShadowedChannelRule, true},
                                                  {17, 5, C::kBackwardTarget, true}}))
      << Dump(check);
  Result<JourneyMap> m = LoadJourneyMapFile(kSourceDir + "/tests/data/maps/warnings.yaml");
  EXPECT_TRUE(m.ok());
}

TEST(JourneyMapLoaderTest, NonMappingTopLevelAndWrongTypes) {
  MapCheck list = CheckJourneyMapText("- a\n- b\n", "l.yaml");
  EXPECT_EQ(Summarize(list), (std::vector<Found>{{1, 1, DiagnosticCode::kWrongType, false}}));
  MapCheck types = CheckJourneyMapText(std::string(kMinimal) +
                                           "channels: Blog\n"
                                           "wins: [Buy]\n"
                                           "dimensions: {plan: 1}\n"
                                           "name: Twice\n",
                                       "t.yaml");
  using C = DiagnosticCode;
  EXPECT_EQ(Summarize(types), (std::vector<Found>{{6, 11, C::kWrongType, false},
                                                  {7, 8, C::kWrongType, false},
                                                  {8, 13, C::kWrongType, false},
                                                  {9, 1, C::kDuplicateKey, false}}))
      << Dump(types);
}

TEST(JourneyMapLoaderTest, EventAndEventsTogetherAndMalformedCore) {
  MapCheck both = CheckJourneyMapText(R"(name: Both
wins:
  - name: Buy
    event: purchase
    events: [purchase, order]
milestones:
  core:
    - name: Purchase
      event: purchase
)",
                                      "b.yaml");
  using C = DiagnosticCode;
  EXPECT_EQ(Summarize(both),
            (std::vector<Found>{{5, 5, C::kDuplicateKey, false}, {8, 5, C::kWrongType, false}}))
      << Dump(both);
}

TEST(JourneyMapLoaderTest, OccurrenceForms) {
  auto occurrence = [](const std::string& text) {
    return CheckJourneyMapText(std::string(kMinimal) + "    occurrence: " + text + "\n", "o.yaml");
  };
  MapCheck three = occurrence("3");
  ASSERT_TRUE(three.ok()) << Dump(three);
  EXPECT_EQ(three.map.milestones[0].occurrence, 3);
  EXPECT_FALSE(three.map.milestones[0].or_later);
  MapCheck later = occurrence("\"2+\"");
  ASSERT_TRUE(later.ok()) << Dump(later);
  EXPECT_TRUE(later.map.milestones[0].or_later);
  for (const char* bad : {"-1", "1.5", "+2", "two", "2++", "[2]", "9999999"}) {
    MapCheck c = occurrence(bad);
    ASSERT_EQ(c.diagnostics.size(), 1u) << bad << "\n" << Dump(c);
    EXPECT_EQ(c.diagnostics[0].code, DiagnosticCode::kBadOccurrence) << bad;
    EXPECT_EQ(c.diagnostics[0].line, 6) << bad;
  }
  MapCheck zero = occurrence("0");
  ASSERT_EQ(zero.diagnostics.size(), 1u) << Dump(zero);
  EXPECT_EQ(zero.diagnostics[0].code, DiagnosticCode::kBadOccurrence);
}

TEST(JourneyMapLoaderTest, RateForms) {
  auto rate = [](const std::string& text) {
    return CheckJourneyMapText(R"(name: Rates
milestones:
  pre: [{name: Trial, event: trial_started}]
  core: {name: Purchase, event: purchase}
targets:
  - {from: Trial, to: Purchase, rate: )" +
                                   text + "}\n",
                               "r.yaml");
  };
  EXPECT_DOUBLE_EQ(rate("25%").map.targets[0].rate, 0.25);
  EXPECT_DOUBLE_EQ(rate("0.25").map.targets[0].rate, 0.25);
  EXPECT_DOUBLE_EQ(rate("100%").map.targets[0].rate, 1.0);
  EXPECT_DOUBLE_EQ(rate("1").map.targets[0].rate, 1.0);
  EXPECT_TRUE(rate("0.5%").ok());
  for (const char* bad : {"0", "0%", "-5%", "101%", "1.01", "25", "half", "\"\""}) {
    MapCheck c = rate(bad);
    ASSERT_EQ(c.diagnostics.size(), 1u) << bad << "\n" << Dump(c);
    EXPECT_EQ(c.diagnostics[0].code, DiagnosticCode::kBadRate) << bad;
    EXPECT_EQ(c.diagnostics[0].line, 6) << bad;
  }
}

TEST(JourneyMapLoaderTest, DefaultWinNamesCollideWithMilestones) {
  MapCheck check = CheckJourneyMapText(R"(name: Collide
milestones:
  pre:
    - name: Register
      event: signed_up
  core: {name: Purchase, event: purchase}
)",
                                       "c.yaml");
  ASSERT_EQ(check.diagnostics.size(), 1u) << Dump(check);
  EXPECT_EQ(check.diagnostics[0].code, DiagnosticCode::kDuplicateName);
  EXPECT_EQ(check.diagnostics[0].line, 4);
  EXPECT_EQ(check.diagnostics[0].column, 13);
  EXPECT_NE(check.diagnostics[0].message.find("default win"), std::string::npos);
}

TEST(JourneyMapLoaderTest, ChannelNamedLikeADefaultGroupIsAllowed) {
  MapCheck check = CheckJourneyMapText(std::string(kMinimal) + R"(channels:
  - name: Email
    utm_medium: [email, e-mail]
  - name: Email
    utm_source: mailchimp
)",
                                       "g.yaml");
  EXPECT_TRUE(check.ok()) << Dump(check);
  EXPECT_TRUE(check.diagnostics.empty()) << Dump(check);
  std::vector<std::string> names = check.map.ChannelNames();
  EXPECT_EQ(names.front(), "Email");
  EXPECT_EQ(std::count(names.begin(), names.end(), "Email"), 1);
}

TEST(JourneyMapLoaderTest, DefaultChannelGrouping) {
  MapCheck none =
      CheckJourneyMapText(std::string(kMinimal) + "default_channel_grouping: none\n", "g.yaml");
  ASSERT_TRUE(none.ok()) << Dump(none);
  EXPECT_EQ(none.map.default_grouping, DefaultGrouping::kNone);
  MapCheck bad =
      CheckJourneyMapText(std::string(kMinimal) + "default_channel_grouping: GA4\n", "g.yaml");
  ASSERT_EQ(bad.diagnostics.size(), 1u);
  EXPECT_EQ(bad.diagnostics[0].code, DiagnosticCode::kBadValue);
  EXPECT_NE(bad.diagnostics[0].message.find("did you mean 'ga4'?"), std::string::npos);
}

TEST(JourneyMapLoaderTest, EmptyOptionalSectionsAreAllowed) {
  MapCheck check = CheckJourneyMapText(std::string(kMinimal) +
                                           "windows:\nchannels:\nstages:\ntargets:\n"
                                           "dimensions:\nsite_hosts:\n",
                                       "e.yaml");
  EXPECT_TRUE(check.ok()) << Dump(check);
  EXPECT_EQ(check.map.wins.size(), 3u);
}

TEST(JourneyMapLoaderTest, DiagnosticToString) {
  Diagnostic d{"map.yaml", 3, 5, "unknown key 'x'", false, DiagnosticCode::kUnknownKey};
  EXPECT_EQ(d.ToString(), "map.yaml:3:5: error: unknown key 'x'");
  d.warning = true;
  EXPECT_EQ(d.ToString(), "map.yaml:3:5: warning: unknown key 'x'");
  d.line = 0;
  EXPECT_EQ(d.ToString(), "map.yaml: warning: unknown key 'x'");
  d.file.clear();
  EXPECT_EQ(d.ToString(), "warning: unknown key 'x'");
  d.line = 2;
  d.column = 1;
  EXPECT_EQ(d.ToString(), "2:1: warning: unknown key 'x'");
  EXPECT_EQ(DiagnosticCodeName(DiagnosticCode::kBackwardTarget), "backward-target");
  EXPECT_EQ(DiagnosticCodeName(DiagnosticCode::kSyntax), "syntax");
}

TEST(JourneyMapLoaderTest, LoadErrorListsEveryErrorOnItsOwnLine) {
  Result<JourneyMap> m = LoadJourneyMapFile(kSourceDir + "/tests/data/maps/missing_core.yaml");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kInvalidArgument);
  std::string path = kSourceDir + "/tests/data/maps/missing_core.yaml";
  const std::string& msg = m.status().message();
  EXPECT_EQ(msg.rfind(path + ":3:13: error: ", 0), 0u) << msg;
  size_t newline = msg.find('\n');
  ASSERT_NE(newline, std::string::npos);
  EXPECT_EQ(msg.compare(newline + 1, path.size() + 13, path + ":4:1: error: "), 0) << msg;
  EXPECT_EQ(msg.find('\n', newline + 1), std::string::npos);
}

TEST(JourneyMapLoaderTest, UnreadableFile) {
  MapCheck check = CheckJourneyMapFile("/nonexistent/dir/map.yaml");
  EXPECT_EQ(Summarize(check), (std::vector<Found>{{0, 0, DiagnosticCode::kUnreadableFile, false}}));
  EXPECT_EQ(check.diagnostics[0].ToString(),
            "/nonexistent/dir/map.yaml: error: cannot read the journey map: No such file or "
            "directory");
  Result<JourneyMap> m = LoadJourneyMapFile("/nonexistent/dir/map.yaml");
  EXPECT_EQ(m.status().code(), StatusCode::kIoError);
  MapCheck dir = CheckJourneyMapFile(kSourceDir + "/examples");
  ASSERT_EQ(dir.diagnostics.size(), 1u);
  EXPECT_EQ(dir.diagnostics[0].code, DiagnosticCode::kUnreadableFile);
}

TEST(JourneyMapLoaderTest, DiagnosticsComeInFileOrder) {
  MapCheck check = CheckJourneyMapText(R"(name: Order
targets:
  - {from: Nope, to: Purchase, rate: 2}
milestones:
  core: {name: Purchase}
currency: eur
)",
                                       "o.yaml");
  std::vector<Found> found = Summarize(check);
  using C = DiagnosticCode;
  EXPECT_EQ(found, (std::vector<Found>{{3, 12, C::kUnknownName, false},
                                       {3, 38, C::kBadRate, false},
                                       {5, 9, C::kEmptyPredicate, false},
                                       {6, 11, C::kBadValue, false}}))
      << Dump(check);
}

TEST(JourneyMapLoaderTest, YamlAnchorsAndAliasesWork) {
  MapCheck check = CheckJourneyMapText(R"(name: Anchors
wins:
  - name: Buy
    event: purchase
    where: &paid { amount: { gt: 0 } }
milestones:
  core:
    name: Purchase
    event: purchase
    where: *paid
)",
                                       "a.yaml");
  ASSERT_TRUE(check.ok()) << Dump(check);
  ASSERT_EQ(check.map.milestones[0].predicate.where.size(), 1u);
  EXPECT_EQ(check.map.milestones[0].predicate.where[0].op, CompareOp::kGreater);
}

}  // namespace
}  // namespace winpath

namespace winpath {
namespace {

std::string ReadExample(const std::string& name) {
  std::ifstream in(kSourceDir + "/examples/" + name, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Random edits of valid maps: loading never throws or crashes, every diagnostic has a
// location inside the text, and whatever loads also passes ValidateJourneyMap.
TEST(JourneyMapLoaderTest, MutatedMapsNeverCrashAndAcceptedMapsValidate) {
  std::mt19937 rng(12345);
  const std::string alphabet = " \n:-[]{},#*&!|>'\"%+0123456789abcdefghijklmnopqrstuvwxyz\t";
  int accepted = 0;
  for (const char* name : {"saas.yaml", "shop.yaml", "services.yaml"}) {
    const std::string original = ReadExample(name);
    ASSERT_FALSE(original.empty()) << name;
    const int lines = static_cast<int>(std::count(original.begin(), original.end(), '\n')) + 1;
    for (int round = 0; round < 400; ++round) {
      std::string text = original;
      for (int edits = 1 + static_cast<int>(rng() % 3); edits > 0; --edits) {
        size_t at = rng() % text.size();
        switch (rng() % 3) {
          case 0: text.erase(at, 1 + rng() % 8); break;
          case 1: text.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
          default: text[at] = alphabet[rng() % alphabet.size()]; break;
        }
      }
      MapCheck check = CheckJourneyMapText(text, name);
      for (const Diagnostic& d : check.diagnostics) {
        ASSERT_GE(d.line, 0) << d.ToString();
        ASSERT_LE(d.line, lines + 1) << d.ToString();
        ASSERT_FALSE(d.message.empty()) << text;
      }
      if (check.ok()) {
        ++accepted;
        ASSERT_TRUE(ValidateJourneyMap(check.map).ok())
            << ValidateJourneyMap(check.map).ToString() << "\n"
            << text;
      }
    }
  }
  EXPECT_GT(accepted, 0);  // some edits (in comments, in names) keep the map valid
}

}  // namespace
}  // namespace winpath

namespace winpath {
namespace {

TEST(JourneyMapLoaderUtf8, InvalidBytesAreOneDiagnosticAtTheirPosition) {
  MapCheck check = CheckJourneyMapText(
      "name: Shop\nmilestones:\n  core: {name: Kauf\xc3, event: x}\n", "m.yaml");
  ASSERT_FALSE(check.ok());
  ASSERT_EQ(check.diagnostics.size(), 1u);
  EXPECT_EQ(check.diagnostics[0].code, DiagnosticCode::kInvalidUtf8);
  EXPECT_EQ(check.diagnostics[0].line, 3);
  EXPECT_EQ(check.diagnostics[0].column, 20);
  EXPECT_TRUE(CheckJourneyMapText("name: K\xc3\xa4ufer\nmilestones:\n  core: {name: P, event: p}\n",
                                  "ok.yaml")
                  .ok());
}

}  // namespace
}  // namespace winpath
