// Test support for analysis kernels (analysis/kernel.h). The kernel contract check: Add-ing
// the persons of `table` into random groups and merging the groups in random order must give
// the one-pass result, and Merge must not modify its argument. Used by every kernel's property
// test, with BuildKernelTestTable for hand-built persons.
//
// REQUIRES: State::Finalize() returns a type with operator==; use inside a GoogleTest test.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "analysis/kernel.h"
#include "model/event_table.h"

namespace winpath {

// One event of a hand-built person for kernel tests: its time, channel id (0 = not a
// touchpoint), predicate mask and optional value.
struct KernelTestEvent {
  TimeMs time;
  uint8_t channel;
  uint32_t mask;
  std::optional<double> value;
};

// A table of persons "p0", "p1", ... with the given events (all named "e").
inline EventTable BuildKernelTestTable(const std::vector<std::vector<KernelTestEvent>>& persons,
                                       std::vector<std::string> channel_names) {
  EventTableBuilder b(std::move(channel_names));
  const uint16_t name = b.InternEventName("e");
  for (size_t p = 0; p < persons.size(); ++p) {
    const uint32_t id = b.InternPerson("p" + std::to_string(p));
    for (const KernelTestEvent& r : persons[p]) {
      b.Add(id, r.time, name, r.channel, 0, r.mask, r.value);
    }
  }
  auto table = std::move(b).Build();
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  return std::move(table).value();
}

template <AnalysisState State, typename Rng>
void ExpectRandomSplitMergesToOnePass(const EventTable& table, const State& empty, Rng& rng,
                                      int dimension = -1) {
  State one = empty;
  for (size_t p = 0; p < table.num_persons(); ++p) one.Add(table.person(p, dimension));
  const auto expected = one.Finalize();
  const size_t k = 1 + rng() % 6;
  std::vector<State> parts(k, empty);
  for (size_t p = 0; p < table.num_persons(); ++p) {
    parts[rng() % k].Add(table.person(p, dimension));
  }
  std::shuffle(parts.begin(), parts.end(), rng);
  State merged = empty;
  for (const State& part : parts) {
    const auto before = part.Finalize();
    merged.Merge(part);
    ASSERT_EQ(before, part.Finalize()) << "Merge modified its argument";
  }
  ASSERT_EQ(expected, merged.Finalize()) << k << " parts";
}

}  // namespace winpath
