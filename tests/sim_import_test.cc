// The simulator and the importer agree: for every example map and both output formats, what
// the simulator says it generated (truth file) is what the importer builds — no rejects, the
// same events and persons (identity stitching joins anonymous and known-user events), every
// person's first touch in the channel the simulator planted, and the same win and milestone
// reach. This is what lets every analysis be checked against the simulator's truth.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "ingest/importer.h"
#include "model/journey_map_loader.h"
#include "sim/simulator.h"

namespace winpath {
namespace {

struct Case {
  std::string map;
  SimOutputFormat format;
};

class SimImportTest : public ::testing::TestWithParam<Case> {};

std::string PathFor(const Case& c) {
  return ::testing::TempDir() + "sim_import_" + std::to_string(::getpid()) + "_" +
         c.map.substr(0, c.map.find('.')) +
         (c.format == SimOutputFormat::kCsv ? ".csv" : ".ndjson");
}

TEST_P(SimImportTest, ImportRebuildsWhatWasSimulated) {
  const Case& c = GetParam();
  auto map = LoadJourneyMapFile(std::string(WINPATH_SOURCE_DIR) + "/examples/" + c.map);
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  SimulationOptions o;
  o.persons = 1500;
  o.days = 120;
  o.seed = 5;
  o.format = c.format;
  o.truth_samples = 0;
  const std::string path = PathFor(c);
  std::stringstream truth_text;
  Result<SimulationStats> sim = [&] {
    std::ofstream out(path, std::ios::binary);
    return Simulate(*map, o, out, &truth_text);
  }();
  ASSERT_TRUE(sim.ok()) << sim.status().ToString();
  nlohmann::json truth = nlohmann::json::parse(truth_text.str());

  ImportOptions io;
  io.now = o.start + (o.days + 1) * kMsPerDay;
  Importer importer(*map, io);
  ASSERT_TRUE(importer.AddFile(path).ok());
  auto table = importer.Finish();
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  std::remove(path.c_str());
  const ImportStats& st = importer.stats();
  EXPECT_EQ(st.rejected, 0u);
  EXPECT_EQ(st.duplicates, 0u);
  EXPECT_EQ(st.events, sim->page_messages + sim->track_messages);
  EXPECT_EQ(st.persons, sim->persons);
  EXPECT_EQ(table->num_persons(), sim->persons);

  std::map<std::string, uint64_t> first_touch;
  std::vector<uint64_t> win_reach(map->wins.size()), milestone_reach(map->milestones.size());
  for (size_t p = 0; p < table->num_persons(); ++p) {
    PersonView v = table->person(p);
    first_touch[std::string(table->ChannelName(v.channel[0]))]++;
    std::vector<uint32_t> matches(kMaxPredicates, 0);
    for (size_t i = 0; i < v.size(); ++i) {
      for (int b = 0; b < kMaxPredicates; ++b) matches[b] += (v.mask[i] >> b) & 1;
    }
    for (size_t w = 0; w < win_reach.size(); ++w) win_reach[w] += matches[w] > 0;
    for (size_t j = 0; j < milestone_reach.size(); ++j) {
      milestone_reach[j] += matches[map->milestone_bit(j)] >=
                            static_cast<uint32_t>(std::max(1, map->milestones[j].occurrence));
    }
  }
  for (auto& [channel, v] : truth["first_touch"].items()) {
    EXPECT_EQ(first_touch[channel], v["persons"].get<uint64_t>()) << "first touch " << channel;
  }
  for (const auto& [channel, n] : first_touch) {
    EXPECT_TRUE(truth["first_touch"].contains(channel)) << "unexpected first touch " << channel;
  }
  for (size_t w = 0; w < win_reach.size(); ++w) {
    EXPECT_EQ(win_reach[w], truth["converters"][map->wins[w].name].get<uint64_t>())
        << "win " << map->wins[w].name;
  }
  for (size_t j = 0; j < milestone_reach.size(); ++j) {
    EXPECT_EQ(milestone_reach[j], truth["milestone_reach"][map->milestones[j].name].get<uint64_t>())
        << "milestone " << map->milestones[j].name;
  }
}

INSTANTIATE_TEST_SUITE_P(ExampleMaps, SimImportTest,
                         ::testing::Values(Case{"saas.yaml", SimOutputFormat::kNdjson},
                                           Case{"saas.yaml", SimOutputFormat::kCsv},
                                           Case{"shop.yaml", SimOutputFormat::kNdjson},
                                           Case{"shop.yaml", SimOutputFormat::kCsv},
                                           Case{"services.yaml", SimOutputFormat::kNdjson},
                                           Case{"services.yaml", SimOutputFormat::kCsv}),
                         [](const auto& info) {
                           std::string name = info.param.map.substr(0, info.param.map.find('.'));
                           return name +
                                  (info.param.format == SimOutputFormat::kCsv ? "_csv" : "_ndjson");
                         });

}  // namespace
}  // namespace winpath
