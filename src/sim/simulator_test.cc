#include "sim/simulator.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

#include "model/journey_map_loader.h"
#include "sim/sim_test_util.h"

namespace winpath::sim {
namespace {

using testing::BasicMap;
using testing::Events;
using testing::MakeMilestone;
using testing::MustRun;
using testing::Options;
using testing::ParsedMessage;
using testing::ParseNdjson;
using testing::Run;
using testing::RunOutput;

std::map<std::string, std::vector<const ParsedMessage*>> ByPerson(
    const std::vector<ParsedMessage>& messages) {
  std::map<std::string, std::vector<const ParsedMessage*>> persons;
  for (const ParsedMessage& m : messages) persons[m.event.anonymous_id].push_back(&m);
  return persons;
}

TEST(Simulate, SameSeedGivesIdenticalBytesDifferentSeedDifferentBytes) {
  JourneyMap map = BasicMap();
  for (SimOutputFormat format : {SimOutputFormat::kNdjson, SimOutputFormat::kCsv}) {
    SimulationOptions o = Options(300, 60, 11);
    o.format = format;
    RunOutput a = MustRun(map, o), b = MustRun(map, o);
    EXPECT_FALSE(a.data.empty());
    EXPECT_EQ(a.data, b.data);
    EXPECT_EQ(a.truth, b.truth);
    o.seed = 12;
    RunOutput c = MustRun(map, o);
    EXPECT_NE(a.data, c.data);
    EXPECT_NE(a.truth, c.truth);
  }
}

uint64_t Fnv1a(std::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

// Pins the bytes for one seed: the same on every platform, compiler and optimisation level
// (checked with GCC -O0/-O2/-O3 -march=native and Clang). A deliberate change to the model
// changes this value; update it together with docs/simulator.md.
TEST(Simulate, PinnedBytesForOneSeed) {
  SimulationOptions o;
  o.persons = 3;
  o.days = 30;
  o.seed = 2026;
  RunOutput r = MustRun(BasicMap(), o, false);
  EXPECT_EQ(
      r.data.substr(0, r.data.find('\n')),
      R"({"type":"page","anonymousId":"a34960487b57299a","messageId":"a34960487b57299a-0",)"
      R"("timestamp":"2026-01-01T00:48:52.245Z","properties":{"plan":"enterprise",)"
      R"("country":"CA"},"context":{"page":{"url":"https://example.com/blog/getting-started",)"
      R"("referrer":"https://www.facebook.com/"}}})");
  EXPECT_EQ(r.data.size(), 3312u);
  EXPECT_EQ(Fnv1a(r.data), 0x3f848ce53099a692ULL);
}

TEST(Simulate, OutputDoesNotDependOnWhetherTruthIsWritten) {
  JourneyMap map = BasicMap();
  SimulationOptions o = Options(200, 60, 5);
  EXPECT_EQ(MustRun(map, o, true).data, MustRun(map, o, false).data);
}

TEST(Simulate, StatsCountWhatWasWritten) {
  JourneyMap map = BasicMap();
  RunOutput r = MustRun(map, Options(400, 90, 3));
  std::vector<ParsedMessage> messages = ParseNdjson(r.data);
  uint64_t pages = 0, tracks = 0, identifies = 0;
  for (const ParsedMessage& m : messages) {
    pages += m.event.type == MessageType::kPage;
    tracks += m.event.type == MessageType::kTrack;
    identifies += m.event.type == MessageType::kIdentify;
  }
  EXPECT_EQ(r.stats.events, messages.size());
  EXPECT_EQ(r.stats.page_messages, pages);
  EXPECT_EQ(r.stats.track_messages, tracks);
  EXPECT_EQ(r.stats.identify_messages, identifies);
  EXPECT_EQ(r.stats.identified_persons, identifies);
  EXPECT_EQ(r.stats.persons, ByPerson(messages).size());
  EXPECT_EQ(r.stats.bytes, r.data.size());
  EXPECT_GE(r.stats.persons, 400u);
}

TEST(Simulate, EachPersonsMessagesAreInTimeOrderWithinTheWindow) {
  JourneyMap map = BasicMap();
  SimulationOptions o = Options(500, 120, 4);
  RunOutput r = MustRun(map, o);
  std::vector<ParsedMessage> messages = ParseNdjson(r.data);
  TimeMs end = o.start + 120 * kMsPerDay;
  for (const auto& [anon, events] : ByPerson(messages)) {
    TimeMs prev = 0;
    for (const ParsedMessage* m : events) {
      Result<TimeMs> t = ParseTimestamp(m->json["timestamp"].get<std::string>());
      ASSERT_TRUE(t.ok());
      EXPECT_GT(*t, prev) << anon;
      EXPECT_GE(*t, o.start);
      EXPECT_LT(*t, end);
      prev = *t;
    }
  }
}

TEST(Simulate, IdentifyLinksAnonymousAndUserIds) {
  JourneyMap map = BasicMap();
  RunOutput r = MustRun(map, Options(600, 120, 6));
  std::vector<ParsedMessage> messages = ParseNdjson(r.data);
  std::set<std::string> user_ids;
  int identified = 0;
  for (const auto& [anon, events] : ByPerson(messages)) {
    std::string user;
    for (const ParsedMessage* m : events) {
      EXPECT_EQ(m->event.anonymous_id.size(), 16u);
      if (m->event.type == MessageType::kIdentify) {
        EXPECT_TRUE(user.empty()) << "identified twice: " << anon;
        EXPECT_FALSE(m->event.user_id.empty());
        user = m->event.user_id;
        EXPECT_TRUE(user_ids.insert(user).second) << "user id reused: " << user;
        ++identified;
        continue;
      }
      // Before identify: anonymous only; after: both ids, always the same user id.
      EXPECT_EQ(m->event.user_id, user) << anon;
      // The opt-in (Signup) and every later milestone come from identified persons.
      if (m->event.name == "signed_up" || m->event.name == "purchase") {
        EXPECT_FALSE(user.empty());
      }
    }
  }
  EXPECT_GT(identified, 30);
}

TEST(Simulate, MessageIdsAreUnique) {
  JourneyMap map = BasicMap();
  RunOutput r = MustRun(map, Options(300, 90, 8));
  std::set<std::string> ids;
  for (const ParsedMessage& m : ParseNdjson(r.data)) {
    EXPECT_TRUE(ids.insert(m.event.message_id).second) << m.event.message_id;
  }
}

TEST(Simulate, ReferralsBringNewPersonsWhoseFirstTouchIsReferral) {
  JourneyMap map = BasicMap();
  RunOutput r = MustRun(map, Options(3000, 180, 9));
  ASSERT_GT(r.stats.referred_persons, 0u);
  std::vector<ParsedMessage> messages = ParseNdjson(r.data);
  // When each user sent their first referral.
  std::map<std::string, TimeMs> first_referral;
  for (const ParsedMessage& m : messages) {
    if (m.event.name != "referral_sent") continue;
    TimeMs t = *ParseTimestamp(m.json["timestamp"].get<std::string>());
    auto [it, fresh] = first_referral.emplace(m.event.user_id, t);
    if (!fresh) it->second = std::min(it->second, t);
  }
  uint64_t referred = 0;
  for (const auto& [anon, events] : ByPerson(messages)) {
    for (size_t i = 0; i < events.size(); ++i) {
      const PropertyValue* by = events[i]->event.FindProperty("referred_by");
      if (by == nullptr) continue;
      ASSERT_EQ(i, 0u) << "referred_by only on the first touch";
      const RawEvent& e = events[i]->event;
      ++referred;
      EXPECT_EQ(e.type, MessageType::kPage);
      EXPECT_EQ(e.referrer, "https://partner-blog.example.org/");
      EXPECT_NE(e.url.find("ref=" + by->text), std::string::npos) << e.url;
      auto sent = first_referral.find(by->text);
      ASSERT_NE(sent, first_referral.end()) << "referrer " << by->text << " never referred";
      EXPECT_LT(sent->second, *ParseTimestamp(events[i]->json["timestamp"].get<std::string>()));
    }
  }
  EXPECT_EQ(referred, r.stats.referred_persons);
  nlohmann::json truth = nlohmann::json::parse(r.truth);
  EXPECT_EQ(truth["referred_persons"].get<uint64_t>(), referred);
  EXPECT_EQ(truth["roles"]["referral"], "Referral");
  EXPECT_GE(truth["first_touch"]["Referral"]["persons"].get<uint64_t>(), referred);
}

// Every win and milestone reach the truth reports can be recomputed from the written bytes with
// JourneyMap::MatchMask, i.e. the events match the map's predicates as the importer will see.
void ExpectReachMatchesBytes(const JourneyMap& map, const RunOutput& r) {
  std::vector<ParsedMessage> messages = ParseNdjson(r.data);
  nlohmann::json truth = nlohmann::json::parse(r.truth);
  std::vector<uint64_t> wins(map.wins.size()), milestones(map.milestones.size());
  uint64_t valued = 0;
  for (const auto& [anon, events] : ByPerson(messages)) {
    std::vector<uint32_t> count(map.num_predicates());
    for (const ParsedMessage* m : events) {
      uint32_t mask = map.MatchMask(m->event);
      for (size_t b = 0; b < map.num_predicates(); ++b) count[b] += (mask >> b) & 1u;
      // Events of a predicate with a value property carry a positive amount.
      for (size_t w = 0; w < map.wins.size(); ++w) {
        if (!((mask >> w) & 1u) || map.wins[w].value_property.empty()) continue;
        const PropertyValue* v = m->event.FindProperty(map.wins[w].value_property);
        ASSERT_NE(v, nullptr) << m->json.dump();
        ASSERT_TRUE(v->number.has_value());
        EXPECT_GT(*v->number, 0);
        ++valued;
      }
    }
    for (size_t w = 0; w < map.wins.size(); ++w) wins[w] += count[w] > 0;
    for (size_t j = 0; j < map.milestones.size(); ++j) {
      int need = std::max(1, map.milestones[j].occurrence);
      milestones[j] +=
          count[static_cast<size_t>(map.milestone_bit(j))] >= static_cast<uint32_t>(need);
    }
  }
  for (size_t w = 0; w < map.wins.size(); ++w) {
    EXPECT_EQ(wins[w], truth["converters"][map.wins[w].name].get<uint64_t>()) << map.wins[w].name;
    EXPECT_EQ(wins[w], r.stats.win_converters[w]);
    EXPECT_GT(wins[w], 0u) << map.wins[w].name;
  }
  for (size_t j = 0; j < map.milestones.size(); ++j) {
    EXPECT_EQ(milestones[j], truth["milestone_reach"][map.milestones[j].name].get<uint64_t>())
        << map.milestones[j].name;
  }
  bool any_value = std::any_of(map.wins.begin(), map.wins.end(),
                               [](const Win& w) { return !w.value_property.empty(); });
  if (any_value) {
    EXPECT_GT(valued, 0u);
  }
}

TEST(Simulate, EventsMatchTheMapsPredicatesAndCarryValues) {
  JourneyMap map = BasicMap();
  ExpectReachMatchesBytes(map, MustRun(map, Options(3000, 180, 10)));
}

TEST(Simulate, ExampleMapsRoundTripThroughTheirPredicates) {
  for (const char* file : {"examples/saas.yaml", "examples/shop.yaml", "examples/services.yaml",
                           "tests/golden/maps/basic.yaml"}) {
    std::string path = std::string(WINPATH_SOURCE_DIR) + "/" + file;
    if (!std::ifstream(path)) continue;  // written by another part of the project
    Result<JourneyMap> map = LoadJourneyMapFile(path);
    ASSERT_TRUE(map.ok()) << map.status().ToString();
    SCOPED_TRACE(file);
    RunOutput r = MustRun(*map, Options(3000, 240, 12));
    EXPECT_TRUE(r.stats.warnings.empty());
    ExpectReachMatchesBytes(*map, r);
  }
}

TEST(Simulate, ConditionsOnTheValuePropertyHoldForEveryAmount) {
  JourneyMap map = BasicMap();
  // Buy only counts purchases over 50: the simulator must still emit purchases that match.
  map.wins[0].predicate.where = {testing::Where("revenue", CompareOp::kGreater, {}, 50),
                                 testing::Where("revenue", CompareOp::kLessOrEqual, {}, 400)};
  map.milestones[3].predicate = map.wins[0].predicate;
  map.milestones[4].predicate = map.wins[0].predicate;
  RunOutput r = MustRun(map, Options(2000, 180, 13));
  for (const ParsedMessage& m : ParseNdjson(r.data)) {
    if (m.event.name != "purchase") continue;
    double v = *m.event.FindProperty("revenue")->number;
    EXPECT_GT(v, 50);
    EXPECT_LE(v, 400);
  }
  ExpectReachMatchesBytes(map, r);
}

TEST(Simulate, ZeroPersonsWritesNothingButTheCsvHeader) {
  JourneyMap map = BasicMap();
  SimulationOptions o = Options(0, 30, 1);
  o.truth_samples = 0;
  RunOutput r = MustRun(map, o);
  EXPECT_EQ(r.data, "");
  EXPECT_EQ(r.stats.events, 0u);
  EXPECT_EQ(r.stats.persons, 0u);
  nlohmann::json t = nlohmann::json::parse(r.truth);
  EXPECT_EQ(t["persons_total"], 0);
  o.format = SimOutputFormat::kCsv;
  r = MustRun(map, o);
  EXPECT_EQ(r.data,
            "type,event,user_id,anonymous_id,message_id,timestamp,url,referrer,utm_source,"
            "utm_medium,utm_campaign,property,revenue,nps,referred_by,plan,country\n");
}

TEST(Simulate, OnePersonStartsWithAPageView) {
  JourneyMap map = BasicMap();
  RunOutput r = MustRun(map, Options(1, 30, 2));
  std::vector<ParsedMessage> messages = ParseNdjson(r.data);
  ASSERT_FALSE(messages.empty());
  EXPECT_EQ(messages[0].event.type, MessageType::kPage);
  EXPECT_EQ(ByPerson(messages).size(), r.stats.persons);
}

std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cells.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cells.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.emplace_back();
    } else {
      cells.back() += c;
    }
  }
  return cells;
}

TEST(Simulate, CsvHasTheSameMessagesAsNdjson) {
  JourneyMap map = BasicMap();
  SimulationOptions o = Options(300, 90, 18);
  RunOutput json = MustRun(map, o, false);
  o.format = SimOutputFormat::kCsv;
  RunOutput csv = MustRun(map, o, false);
  std::vector<ParsedMessage> messages = ParseNdjson(json.data);
  std::istringstream in(csv.data);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header = SplitCsv(line);
  size_t i = 0;
  while (std::getline(in, line)) {
    std::vector<std::string> row = SplitCsv(line);
    ASSERT_EQ(row.size(), header.size()) << line;
    ASSERT_LT(i, messages.size());
    const ParsedMessage& m = messages[i++];
    std::map<std::string, std::string> cell;
    for (size_t c = 0; c < header.size(); ++c) cell[header[c]] = row[c];
    EXPECT_EQ(cell["type"], m.json["type"].get<std::string>());
    EXPECT_EQ(cell["message_id"], m.event.message_id);
    EXPECT_EQ(cell["timestamp"], m.json["timestamp"].get<std::string>());
    EXPECT_EQ(cell["user_id"], m.event.user_id);
    EXPECT_EQ(cell["anonymous_id"], m.event.anonymous_id);
    EXPECT_EQ(cell["url"], m.event.url);
    EXPECT_EQ(cell["referrer"], m.event.referrer);
    EXPECT_EQ(cell["utm_source"], m.event.campaign.source);
    if (m.event.type == MessageType::kTrack) {
      EXPECT_EQ(cell["event"], m.event.name);
    }
    for (const auto& [key, value] : m.event.properties) {
      if (value.number) {
        EXPECT_EQ(std::stod(cell[key]), *value.number) << key;
      } else {
        EXPECT_EQ(cell[key], value.text) << key;
      }
    }
  }
  EXPECT_EQ(i, messages.size());
  EXPECT_EQ(csv.stats.events, json.stats.events);
}

TEST(Simulate, MapWithoutChannelsOrPostMilestones) {
  JourneyMap map = BasicMap();
  map.channels.clear();
  map.milestones.resize(4);  // pre and core only
  RunOutput r = MustRun(map, Options(2000, 120, 19));
  EXPECT_EQ(r.stats.channels.size(), 10u);  // the default groups
  ExpectReachMatchesBytes(map, r);
  bool survey = false;
  for (const ParsedMessage& m : ParseNdjson(r.data)) {
    if (m.event.name != "survey_completed") continue;
    survey = true;
    const PropertyValue* nps = m.event.FindProperty("nps");
    ASSERT_NE(nps, nullptr);
    EXPECT_GE(*nps->number, 0);
    EXPECT_LE(*nps->number, 10);
  }
  EXPECT_TRUE(survey);
}

TEST(Simulate, MapWithOnlyDefaultWinsAndNoGrouping) {
  JourneyMap map;
  map.name = "Wins only";
  map.wins = DefaultWins();
  map.default_grouping = DefaultGrouping::kNone;
  RunOutput r = MustRun(map, Options(2000, 90, 20));
  EXPECT_EQ(r.stats.channels, std::vector<std::string>{"Direct"});
  ExpectReachMatchesBytes(map, r);
  for (const ParsedMessage& m : ParseNdjson(r.data)) {
    EXPECT_TRUE(m.event.campaign.empty());
    if (m.event.FindProperty("referred_by") == nullptr) {
      EXPECT_TRUE(m.event.referrer.empty());
    }
  }
}

TEST(Simulate, ReactivationFollowsDormancy) {
  JourneyMap map = BasicMap();
  map.stages.dormant_after = 7 * kMsPerDay;
  RunOutput r = MustRun(map, Options(2000, 120, 21));
  EXPECT_GT(r.stats.reactivations, 0u);
  // A gap longer than dormant_after is followed by an email or ads landing.
  int gaps = 0;
  std::vector<ParsedMessage> messages = ParseNdjson(r.data);
  for (const auto& [anon, events] : ByPerson(messages)) {
    for (size_t i = 1; i < events.size(); ++i) {
      TimeMs a = *ParseTimestamp(events[i - 1]->json["timestamp"].get<std::string>());
      TimeMs b = *ParseTimestamp(events[i]->json["timestamp"].get<std::string>());
      if (b - a <= 7 * kMsPerDay) continue;
      ++gaps;
      const Campaign& c = events[i]->event.campaign;
      EXPECT_TRUE(c.medium == "email" || c.medium == "paid_social") << events[i]->json.dump();
    }
  }
  EXPECT_GT(gaps, 0);
}

TEST(Simulate, EmptyMapGivesPageViewsOnly) {
  JourneyMap map;
  map.name = "Empty";
  RunOutput r = MustRun(map, Options(200, 30, 22));
  EXPECT_GT(r.stats.page_messages, 200u);
  EXPECT_EQ(r.stats.track_messages, 0u);
  EXPECT_EQ(r.stats.identify_messages, 0u);
  EXPECT_EQ(r.stats.persons, 200u);
  nlohmann::json t = nlohmann::json::parse(r.truth);
  EXPECT_TRUE(t["wins"].empty());
  EXPECT_TRUE(t["expected_ranking"].empty());
}

TEST(Simulate, InvalidInputsAreInvalidArgument) {
  JourneyMap map = BasicMap();
  std::ostringstream out;
  SimulationOptions o = Options(10, 0, 1);
  EXPECT_EQ(Simulate(map, o, out, nullptr).status().code(), StatusCode::kInvalidArgument);
  o.days = 10;
  o.effects = {{"Nope", "Buy", 2}};
  EXPECT_EQ(Simulate(map, o, out, nullptr).status().code(), StatusCode::kInvalidArgument);
  o.effects = {{"Direct", "Nope", 2}};
  EXPECT_EQ(Simulate(map, o, out, nullptr).status().code(), StatusCode::kInvalidArgument);
  o.effects = {{"Direct", "Purchase", 2}};  // tied to Buy: name the win
  EXPECT_EQ(Simulate(map, o, out, nullptr).status().code(), StatusCode::kInvalidArgument);
  o.effects = {{"Direct", "Buy", -1}};
  EXPECT_EQ(Simulate(map, o, out, nullptr).status().code(), StatusCode::kInvalidArgument);
  o.effects.clear();
  map.milestones[1].predicate.where = {testing::Where("a", CompareOp::kExists),
                                       testing::Where("a", CompareOp::kNotExists)};
  Result<SimulationStats> s = Simulate(map, o, out, nullptr);
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.status().message().find("Trial"), std::string::npos);
}

TEST(Simulate, ShadowedChannelRuleIsAWarningNotAnError) {
  JourneyMap map = BasicMap();
  ChannelRule shadowed;
  shadowed.channel = "Shadowed";
  shadowed.utm_medium = {"email"};
  shadowed.utm_source = {"x"};
  map.channels.push_back(shadowed);  // every email touch is Newsletter's first
  RunOutput r = MustRun(map, Options(10, 10, 1));
  ASSERT_EQ(r.stats.warnings.size(), 1u);
  EXPECT_NE(r.stats.warnings[0].find("Shadowed"), std::string::npos);
  EXPECT_EQ(std::count(r.stats.channels.begin(), r.stats.channels.end(), "Shadowed"), 0);
}

TEST(Simulate, FailingStreamIsIoError) {
  JourneyMap map = BasicMap();
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  Result<SimulationStats> s = Simulate(map, Options(50, 10, 1), out, nullptr);
  EXPECT_EQ(s.status().code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace winpath::sim
