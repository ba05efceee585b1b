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

// Random persons for the touch-and-win kernels' reference tests: up to `max_events - 1` events
// each, from 2026-01-01 on, half-hour steps with frequent ties; about 2 in 3 events are touches
// of channel 1..4; one event in `win_one_in` matches predicate bit 0 or 1 (sometimes both), and
// half of those carry a value.
inline std::vector<std::vector<KernelTestEvent>> RandomTouchPersons(uint32_t seed, int persons,
                                                                    int max_events,
                                                                    uint32_t win_one_in) {
  std::mt19937 rng(seed);
  std::vector<std::vector<KernelTestEvent>> out(static_cast<size_t>(persons));
  for (auto& rows : out) {
    const int n = static_cast<int>(rng() % static_cast<uint32_t>(max_events));
    TimeMs t = 1767225600000LL + static_cast<TimeMs>(rng() % 1000);
    for (int i = 0; i < n; ++i) {
      t += static_cast<TimeMs>(rng() % 4 == 0 ? 0 : (rng() % 25) * kMsPerHour / 2);
      KernelTestEvent r{t, static_cast<uint8_t>(rng() % 3 == 0 ? 0 : 1 + rng() % 4), 0,
                        std::nullopt};
      if (rng() % win_one_in == 0) r.mask = 1u << (rng() % 2);
      if (rng() % 9 == 0) r.mask |= 1u << (rng() % 2);
      if (r.mask != 0 && rng() % 2 == 0) r.value = static_cast<double>(rng() % 10000) / 100.0;
      rows.push_back(r);
    }
  }
  return out;
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
    State& part = parts[rng() % k];
    part.Add(table.person(p, dimension));
    // A sealable state is sealed at random points, Adds following, as well as at the end or
    // not at all: none of it may change the answer (kernel.h).
    if constexpr (SealableState<State>) {
      if (rng() % 40 == 0) part.Seal();
    }
  }
  if constexpr (SealableState<State>) {
    for (State& part : parts) {
      if (rng() % 2 == 0) part.Seal();
    }
  }
  std::shuffle(parts.begin(), parts.end(), rng);
  State merged = empty;
  for (const State& part : parts) {
    const auto before = part.Finalize();
    merged.Merge(part);
    ASSERT_EQ(before, part.Finalize()) << "Merge modified its argument";
    if constexpr (SealableState<State>) {
      if (rng() % 3 == 0) merged.Seal();
    }
  }
  ASSERT_EQ(expected, merged.Finalize()) << k << " parts";
}

}  // namespace winpath
