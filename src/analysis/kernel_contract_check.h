// Test helper for the kernel contract (analysis/kernel.h): Add-ing the persons of `table` into
// random groups, merging the groups in random order, must give the one-pass result, and Merge
// must not modify its argument. Used by every kernel's property test.
//
// REQUIRES: State::Finalize() returns a type with operator==; use inside a GoogleTest test.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "analysis/kernel.h"
#include "model/event_table.h"

namespace winpath {

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
