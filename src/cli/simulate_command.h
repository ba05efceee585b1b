// `winpath simulate`: realistic journeys for a map with planted channel effects, plus a truth
// file (docs/simulator.md).
#pragma once

#include <cstdint>
#include <string>

namespace winpath::cli {

struct SimulateOptionsCli {
  std::string map_path;
  uint64_t persons = 10000;
  int days = 90;
  uint64_t seed = 1;
  std::string out_path;
  std::string format;  // "" = by extension of out_path
  std::string truth_path;
  std::string start = "2026-01-01";
};

int RunSimulate(const SimulateOptionsCli& options);

}  // namespace winpath::cli
