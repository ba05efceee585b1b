// The journey simulator: realistic, reproducible tracking messages for any journey map, with
// planted channel effects and the ground truth an analysis should recover
// (docs/simulator.md describes the generative model exactly).
//
// Output is NDJSON of Segment-shaped messages (page / track / identify) or CSV in the layout the
// importer reads. Each person's messages are written together and in time order; persons are
// not interleaved. The same map, options and seed give byte-identical output on every platform.
//
// Thread-safety: Simulate has no shared state; concurrent calls with different streams are safe.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "base/result.h"
#include "model/journey_map.h"
#include "model/timestamp.h"

namespace winpath {

enum class SimOutputFormat : uint8_t { kNdjson, kCsv };

// Overrides one drawn multiplier: `channel`'s hazard multiplier for `target` (a win name, or a
// milestone name not tied to a win).
struct PlantedEffect {
  std::string channel;
  std::string target;
  double multiplier = 1;
};

struct SimulationOptions {
  // Persons who arrive on their own (acquired by a channel); persons they refer come on top.
  uint64_t persons = 1000;
  // Arrivals and events fall in [start, start + days).
  int days = 90;
  uint64_t seed = 1;
  TimeMs start = 1767225600000;  // 2026-01-01T00:00:00Z
  SimOutputFormat format = SimOutputFormat::kNdjson;
  // Replace drawn multipliers (docs/simulator.md#planted-effects); names must exist.
  std::vector<PlantedEffect> effects;
  // Median monetary value of a purchase (lognormal, see docs).
  double value_median = 90;
  // Truth only (ignored without a truth stream): virtual persons per channel used to estimate
  // each channel's expected reach of each win (0 = skip), and whether to re-simulate every
  // person with each of its channels neutralised to measure exact incremental conversions.
  uint64_t truth_samples = 20000;
  bool counterfactual = true;
};

// What one run produced.
struct SimulationStats {
  uint64_t events = 0;  // messages written, all types
  uint64_t page_messages = 0;
  uint64_t track_messages = 0;
  uint64_t identify_messages = 0;
  uint64_t persons = 0;           // all persons, referred ones included
  uint64_t referred_persons = 0;  // persons whose first touch was a referral
  uint64_t identified_persons = 0;
  uint64_t reactivations = 0;  // sessions that ended a dormancy
  uint64_t bytes = 0;
  std::vector<std::string> channels;     // channels the simulator used, in map order
  std::vector<std::string> wins;         // map.wins names
  std::vector<uint64_t> win_converters;  // persons reaching each win (same order as `wins`)
  // Map entries the simulator could not use (a shadowed channel rule, ...), for the CLI to show.
  std::vector<std::string> warnings;
};

// Simulates `options.persons` journeys through `map` and writes them to `out`; when
// `truth_json` is given, writes the ground truth there (docs/simulator.md#truth-file).
// Returns InvalidArgument for a map the simulator cannot serve (a predicate no event can match,
// more than 64 channels, an effect naming an unknown channel or target, days < 1) and IoError
// when a stream fails.
// REQUIRES: `map` is valid (ValidateJourneyMap).
Result<SimulationStats> Simulate(const JourneyMap& map, const SimulationOptions& options,
                                 std::ostream& out, std::ostream* truth_json);

}  // namespace winpath
