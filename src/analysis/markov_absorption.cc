#include "analysis/markov_absorption.h"

#include <Eigen/IterativeLinearSolvers>
#include <Eigen/Sparse>
#include <Eigen/SparseLU>
#include <algorithm>
#include <cmath>
#include <new>

#include "base/check.h"

namespace winpath {
namespace {

using SparseMatrix = Eigen::SparseMatrix<double, Eigen::ColMajor, int>;

constexpr double kResidualTolerance = 1e-14;
constexpr int kMaxIterations = 100000;
constexpr int kMaxRefinements = 8;

struct System {
  SparseMatrix a;     // I - Q over the kept states
  Eigen::MatrixXd b;  // column 0: one-step conversion probability; column 1: one-step value
};

// Numbers the kept states 0..m-1 (the start state first) and writes the system over them.
System BuildSystem(const MarkovChain& chain, const std::vector<uint8_t>& removed,
                   std::vector<int32_t>* index) {
  const int32_t n = chain.num_states();
  index->assign(n, -1);
  int32_t m = 0;
  for (int32_t s = 0; s < n; ++s) {
    if (removed.empty() || removed[s] == 0) (*index)[s] = m++;
  }
  std::vector<Eigen::Triplet<double, int>> triplets;
  triplets.reserve(static_cast<size_t>(m) + chain.edge_target.size());
  System sys;
  sys.b = Eigen::MatrixXd::Zero(m, 2);
  for (int32_t s = 0; s < n; ++s) {
    const int32_t row = (*index)[s];
    if (row < 0) continue;
    const double out = static_cast<double>(chain.out[s]);
    double self = 0;
    for (int32_t e = chain.edge_begin[s]; e < chain.edge_begin[s + 1]; ++e) {
      const int32_t col = (*index)[chain.edge_target[e]];
      if (col < 0) continue;  // into a removed state: to (null), which pays nothing
      const double p = static_cast<double>(chain.edge_count[e]) / out;
      if (col == row) {
        self += p;
      } else {
        triplets.emplace_back(row, col, -p);
      }
    }
    triplets.emplace_back(row, row, 1.0 - self);
    sys.b(row, 0) = static_cast<double>(chain.conversions[s]) / out;
    sys.b(row, 1) = chain.value[s] / out;
  }
  sys.a.resize(m, m);
  sys.a.setFromTriplets(triplets.begin(), triplets.end());
  sys.a.makeCompressed();
  return sys;
}

// Direct solve: exact up to rounding. Chains of order >= 3 are expanders (every state leads to
// ~#channels others), so LU fills in to a dense matrix: O(m^3), hence the size limit.
Status SolveDirect(const System& sys, Eigen::MatrixXd* u) {
  Eigen::SparseLU<SparseMatrix, Eigen::COLAMDOrdering<int>> lu;
  lu.compute(sys.a);
  if (lu.info() != Eigen::Success) {
    return Status::Internal("Markov chain: sparse LU factorization failed: " +
                            lu.lastErrorMessage());
  }
  *u = lu.solve(sys.b);
  if (lu.info() != Eigen::Success) return Status::Internal("Markov chain: the LU solve failed");
  return Status::OK();
}

// Krylov solve (BiCGSTAB, Jacobi-preconditioned) with iterative refinement: each round solves
// A d = b - A u to a relative residual of 1e-10 and adds d, until ||b - A u||_inf <=
// kResidualTolerance * max(1, ||b||_inf) — one solve to 1e-14 directly stagnates in double.
// I - Q is a non-singular M-matrix whose inverse's row sums are the expected remaining touches
// (small for journey data), so the error in u is about that many times the residual.
Status SolveIterative(const System& sys, Eigen::MatrixXd* u) {
  Eigen::BiCGSTAB<SparseMatrix, Eigen::DiagonalPreconditioner<double>> solver;
  solver.setTolerance(1e-10);
  solver.setMaxIterations(kMaxIterations);
  solver.compute(sys.a);
  u->setZero(sys.b.rows(), sys.b.cols());
  for (Eigen::Index col = 0; col < sys.b.cols(); ++col) {
    const Eigen::VectorXd b = sys.b.col(col);
    const double goal = kResidualTolerance * std::max(1.0, b.lpNorm<Eigen::Infinity>());
    Eigen::VectorXd x = Eigen::VectorXd::Zero(b.size());
    Eigen::VectorXd r = b;
    double residual = r.lpNorm<Eigen::Infinity>();
    for (int round = 0; round < kMaxRefinements && !(residual <= goal); ++round) {
      x += solver.solve(r);
      r = b - sys.a * x;
      residual = r.lpNorm<Eigen::Infinity>();
    }
    if (!(residual <= goal)) {
      return Status::Internal("Markov chain: the iterative solve of " +
                              std::to_string(sys.b.rows()) + " states did not converge (residual " +
                              std::to_string(residual) + ")");
    }
    u->col(col) = x;
  }
  return Status::OK();
}

}  // namespace

Result<MarkovAbsorption> SolveMarkovAbsorption(const MarkovChain& chain,
                                               const std::vector<uint8_t>& removed,
                                               MarkovSolveMethod method) {
  WINPATH_CHECK(removed.empty() || removed.size() == static_cast<size_t>(chain.num_states()));
  WINPATH_CHECK(removed.empty() || removed[MarkovChain::kStart] == 0);
  try {
    std::vector<int32_t> index;
    System sys = BuildSystem(chain, removed, &index);
    Eigen::MatrixXd u;
    const bool direct = method == MarkovSolveMethod::kAuto
                            ? sys.a.rows() <= kMarkovDirectSolveMaxStates
                            : method == MarkovSolveMethod::kDirect;
    WINPATH_RETURN_IF_ERROR(direct ? SolveDirect(sys, &u) : SolveIterative(sys, &u));
    MarkovAbsorption a;
    a.conversion_probability = u(index[MarkovChain::kStart], 0);
    a.value_per_journey = u(index[MarkovChain::kStart], 1);
    if (!std::isfinite(a.conversion_probability) || !std::isfinite(a.value_per_journey)) {
      return Status::Internal("Markov chain: the solve gave a non-finite number");
    }
    // Rounding can leave a probability a few ulps outside [0, 1].
    a.conversion_probability = std::clamp(a.conversion_probability, 0.0, 1.0);
    return a;
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted("Markov chain: out of memory for the linear solve");
  }
}

}  // namespace winpath
