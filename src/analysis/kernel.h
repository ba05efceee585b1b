// The analysis kernel contract (ClickHouse's aggregate functions, DuckDB's aggregate operation
// table): an analysis is a State type with
//
//   void Add(const PersonView& person);   // fold in one person's time-ordered events
//   void Merge(const State& other);       // fold in another partial state; `other` unchanged
//   Result Finalize() const;              // the answer; the state is unchanged
//
// A State is constructed from the analysis's immutable config, copied to make empty partial
// states (a copy of an empty state is empty), and must satisfy: for any split of the persons
// into groups, Add-ing each group into its own copy and Merge-ing the copies in any order gives
// the same Finalize() as Add-ing all persons into one state (analysis/kernel_property_test.cc
// and tests/ check every kernel). Persons are independent: a kernel never looks across persons.
//
// A State may also have
//
//   void Seal();   // optional: reorganize what Add gathered so Merge and Finalize cost less
//
// which a parallel runner calls once on each partial state after its last Add, on the thread
// that filled it (query/run_kernel.h). Sealing never changes the answer, Add may follow it, and
// a state that is never sealed must give the same Finalize().
//
// Thread-safety: a State is used by one thread at a time; configs are shared read-only.
#pragma once

#include <concepts>

#include "model/person_view.h"

namespace winpath {

template <typename S>
concept AnalysisState = std::copy_constructible<S> &&
    requires(S s, const S& other, const PersonView& person) {
  s.Add(person);
  s.Merge(other);
  s.Finalize();
};

template <typename S>
concept SealableState = AnalysisState<S> && requires(S s) {
  s.Seal();
};

}  // namespace winpath
