// A simulated company for the tests that check analyses against the simulator: simulate a map
// in-process (sim/simulator.h), write the NDJSON to a temporary file, import it as a user would
// (ingest/importer.h) and hand back the table — and the truth file when asked.
//
// Thread-safety: uses a file name unique to the process and `tag`.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "ingest/importer.h"
#include "model/journey_map.h"
#include "model/journey_map_loader.h"
#include "sim/simulator.h"

namespace winpath::testing {

// The example SaaS company's map (examples/saas.yaml).
inline Result<JourneyMap> LoadSaasMap() {
  return LoadJourneyMapFile(std::string(WINPATH_SOURCE_DIR) + "/examples/saas.yaml");
}

// One simulated year, seed 1, from 2025-01-01 (so the whole year lies in the past), without
// the truth's expected-reach samples (removal costs only).
inline SimulationOptions SimulatedYear(uint64_t persons) {
  SimulationOptions o;
  o.persons = persons;
  o.days = 365;
  o.seed = 1;
  o.start = 1735689600000LL;  // 2025-01-01
  o.truth_samples = 0;
  return o;
}

// The table of `options` simulated through `map`; `truth` (optional) receives the truth JSON.
// Failures (simulation, import) are non-OK Results naming the step.
inline Result<EventTable> SimulateAndImport(const JourneyMap& map, const SimulationOptions& options,
                                            const std::string& tag, std::string* truth = nullptr) {
  const std::string path =
      ::testing::TempDir() + tag + "_" + std::to_string(::getpid()) + ".ndjson";
  std::stringstream truth_text;
  {
    std::ofstream out(path, std::ios::binary);
    auto sim = Simulate(map, options, out, truth != nullptr ? &truth_text : nullptr);
    if (!sim.ok()) return sim.status().WithPrefix("simulate");
  }
  if (truth != nullptr) *truth = truth_text.str();
  ImportOptions io;
  io.now = options.start + (options.days + 1) * kMsPerDay;  // every event lies in the past
  Importer importer(map, io);
  Status added = importer.AddFile(path);
  Result<EventTable> table = added.ok() ? importer.Finish() : Result<EventTable>(added);
  std::remove(path.c_str());
  if (!table.ok()) return table.status().WithPrefix("import");
  return table;
}

}  // namespace winpath::testing
