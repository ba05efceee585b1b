// Absorption of a MarkovChain: the probability that a journey from the start state ends in
// "(conversion)", and the expected win value it ends with, optionally with some states removed
// (docs/analyses/markov.md#solve).
//
// Solves the absorbing chain's linear system (I - Q) u = b — no simulation, no truncated power
// series. u[s] is the probability of ending in conversion from s; b[s] the probability of
// converting in one step from s. The value solve uses the same matrix with b[s] = (value of the
// conversions that ended in s) / out[s]: a conversion from s pays the mean value observed there.
//
//   <= kMarkovDirectSolveMaxStates kept states: sparse LU (Eigen SparseLU, COLAMD ordering),
//      exact up to rounding: every chain of order 1 over < 500 channels, of order 2 over <= 22.
//   larger: chains of order >= 3 are expanders (each state leads to ~#channels others), so LU
//      fills in to a dense O(m^3) factorization (100 s at 7k states). They are solved by
//      BiCGSTAB (Jacobi preconditioner) with iterative refinement until the residual
//      ||b - A u||_inf <= 1e-14 * max(1, ||b||_inf); the error in u is at most the residual times
//      the expected number of remaining touches (the row sums of (I - Q)^-1), about 1e-13 for
//      journey data. Not reaching it is an Internal error, never a silent estimate.
//
// Thread-safety: pure function.
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/markov_chain.h"
#include "base/result.h"

namespace winpath {

inline constexpr int kMarkovDirectSolveMaxStates = 500;

// kAuto picks by size as above; the others force one method (tests compare them).
enum class MarkovSolveMethod { kAuto, kDirect, kIterative };

struct MarkovAbsorption {
  double conversion_probability = 0;  // from the start state, in [0, 1]
  double value_per_journey = 0;       // expected win value per journey from the start state
};

// `removed`: empty, or one flag per state; a state with a non-zero flag is removed — every
// transition into it goes to "(null)" instead. Returns Internal if the factorization fails, the
// iterative solve does not converge, or a number is not finite (none can happen for a chain
// BuildMarkovChain made: every state reaches an absorbing state, so I - Q is non-singular),
// ResourceExhausted if memory runs out.
// REQUIRES: removed is empty or removed.size() == chain.num_states(); removed[kStart] == 0.
Result<MarkovAbsorption> SolveMarkovAbsorption(const MarkovChain& chain,
                                               const std::vector<uint8_t>& removed = {},
                                               MarkovSolveMethod method = MarkovSolveMethod::kAuto);

}  // namespace winpath
