// Test helpers for the simulator's tests (not part of the library): journey maps built in code,
// and reading simulated NDJSON back into RawEvents the way the importer does
// (docs/import.md#ndjson), so tests can run JourneyMap::MatchMask on the real bytes.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "model/journey_map.h"
#include "sim/event_synthesis.h"
#include "sim/simulator.h"

namespace winpath::sim::testing {

inline EventPredicate Events(std::vector<std::string> names) {
  EventPredicate p;
  p.events = std::move(names);
  return p;
}

inline PropertyCondition Where(std::string property, CompareOp op,
                               std::vector<std::string> values = {}, double threshold = 0) {
  PropertyCondition c;
  c.property = std::move(property);
  c.op = op;
  c.values = std::move(values);
  c.threshold = threshold;
  return c;
}

inline Milestone MakeMilestone(std::string name, MilestonePhase phase, EventPredicate p,
                               int occurrence = 1, std::string value = "") {
  Milestone m;
  m.name = std::move(name);
  m.phase = phase;
  m.predicate = std::move(p);
  m.occurrence = occurrence;
  m.value_property = std::move(value);
  return m;
}

// The golden basic map (tests/golden/maps/basic.yaml), built in code.
inline JourneyMap BasicMap() {
  JourneyMap map;
  map.name = "Basic";
  map.site_hosts = {"example.com"};
  map.windows.conversion = 7 * kMsPerDay;
  ChannelRule newsletter;
  newsletter.channel = "Newsletter";
  newsletter.utm_medium = {"email"};
  map.channels = {newsletter};
  Win buy{"Buy", Events({"purchase"}), "revenue", {}};
  Win support{"Support", Events({"faq_viewed", "support_form_submitted"}), "", {}};
  Win reg{"Register", Events({"signed_up"}), "", {}};
  map.wins = {buy, support, reg};
  map.milestones = {
      MakeMilestone("Signup", MilestonePhase::kPre, Events({"signed_up"})),
      MakeMilestone("Trial", MilestonePhase::kPre, Events({"trial_started"})),
      MakeMilestone("Demo", MilestonePhase::kPre, Events({"demo_booked"})),
      MakeMilestone("Purchase", MilestonePhase::kCore, Events({"purchase"}), 1, "revenue"),
      MakeMilestone("Repeat purchase", MilestonePhase::kPost, Events({"purchase"}), 2, "revenue"),
      MakeMilestone("Referral", MilestonePhase::kPost, Events({"referral_sent"})),
  };
  map.stages.prospect = {"Signup"};
  map.stages.customer = {"Purchase"};
  map.stages.dormant_after = 30 * kMsPerDay;
  map.dimensions = {"plan", "country"};
  return map;
}

// One parsed NDJSON message: the RawEvent the importer would build, plus the JSON.
struct ParsedMessage {
  RawEvent event;
  nlohmann::json json;
};

inline RawEvent ToRawEvent(const nlohmann::json& j) {
  RawEvent e;
  e.type = *ParseMessageType(j.at("type").get<std::string>());
  if (e.type == MessageType::kTrack) e.name = j.at("event").get<std::string>();
  if (e.type == MessageType::kPage) e.name = j.value("name", std::string("page_view"));
  e.user_id = j.value("userId", std::string());
  e.anonymous_id = j.value("anonymousId", std::string());
  e.message_id = j.value("messageId", std::string());
  if (j.contains("properties")) {
    for (const auto& [key, value] : j["properties"].items()) {
      if (key == "property") {
        e.property = value.get<std::string>();
        continue;
      }
      PropertyValue v;
      if (value.is_number()) {
        v.number = value.get<double>();
        v.text = value.dump();
      } else {
        v.text = value.get<std::string>();
      }
      e.properties.emplace_back(key, v);
    }
  }
  if (j.contains("context")) {
    const auto& c = j["context"];
    if (c.contains("page")) {
      e.url = c["page"].value("url", std::string());
      e.referrer = c["page"].value("referrer", std::string());
    }
    if (c.contains("campaign")) {
      e.campaign.source = c["campaign"].value("source", std::string());
      e.campaign.medium = c["campaign"].value("medium", std::string());
      e.campaign.name = c["campaign"].value("name", std::string());
    }
  }
  FillPropertyFromUrl(&e);
  return e;
}

inline std::vector<ParsedMessage> ParseNdjson(const std::string& text) {
  std::vector<ParsedMessage> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    ParsedMessage m;
    m.json = nlohmann::json::parse(line);
    m.event = ToRawEvent(m.json);
    out.push_back(std::move(m));
  }
  return out;
}

struct RunOutput {
  std::string data;
  std::string truth;
  SimulationStats stats;
};

// Simulate into strings; fails the calling test through the returned status.
inline Result<RunOutput> Run(const JourneyMap& map, const SimulationOptions& options,
                             bool with_truth = true) {
  std::ostringstream out, truth;
  Result<SimulationStats> stats = Simulate(map, options, out, with_truth ? &truth : nullptr);
  if (!stats.ok()) return stats.status();
  return RunOutput{out.str(), truth.str(), *stats};
}

// Options with few virtual persons, so tests stay fast.
inline SimulationOptions Options(uint64_t persons, int days, uint64_t seed) {
  SimulationOptions o;
  o.persons = persons;
  o.days = days;
  o.seed = seed;
  o.truth_samples = 500;
  return o;
}

// Run() that records a failure in the calling test and returns an empty output on error.
inline RunOutput MustRun(const JourneyMap& map, const SimulationOptions& o, bool truth = true) {
  Result<RunOutput> r = Run(map, o, truth);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : RunOutput{};
}

}  // namespace winpath::sim::testing
