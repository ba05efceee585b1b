// GroupedState: any analysis kernel, run separately on G random groups of persons, so a query
// can measure how much a result varies between samples of persons (the random-groups
// bootstrap of query/attribution_intervals.h). A person's group is a hash of its index in the
// table, so it does not depend on how the scan splits the persons: GroupedState is itself a
// kernel (kernel.h), and any split merged in any order gives the same groups.
//
// Cost: Add is the inner kernel's Add; memory is G inner states.
//
// Thread-safety: as the inner state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "analysis/kernel.h"

namespace winpath {

// The group of the person at `person_index`, in [0, groups). REQUIRES: groups > 0.
inline size_t PersonGroup(uint32_t person_index, size_t groups) {
  // SplitMix64's finalizer: consecutive indexes land in unrelated groups.
  uint64_t z = person_index + 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return static_cast<size_t>(z % groups);
}

template <AnalysisState State>
class GroupedState {
 public:
  // REQUIRES: groups > 0; `empty` is an empty state of the inner kernel.
  GroupedState(const State& empty, size_t groups) : groups_(groups, empty) {}

  void Add(const PersonView& person) {
    groups_[PersonGroup(person.person, groups_.size())].Add(person);
  }
  // REQUIRES: `other` has as many groups. `other` is unchanged.
  void Merge(const GroupedState& other) {
    for (size_t g = 0; g < groups_.size(); ++g) groups_[g].Merge(other.groups_[g]);
  }
  // One result per group, in group order.
  auto Finalize() const {
    std::vector<decltype(groups_[0].Finalize())> results;
    results.reserve(groups_.size());
    for (const State& s : groups_) results.push_back(s.Finalize());
    return results;
  }
  // The result over all persons: the groups merged, which by the kernel contract is the result
  // of one plain pass, bit for bit.
  auto FinalizeAll() const {
    State all = groups_[0];
    for (size_t g = 1; g < groups_.size(); ++g) all.Merge(groups_[g]);
    return all.Finalize();
  }

 private:
  std::vector<State> groups_;
};

}  // namespace winpath
