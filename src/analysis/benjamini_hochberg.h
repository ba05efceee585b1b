// Benjamini–Hochberg adjusted p-values ("q-values"): the false discovery rate control of
// Benjamini & Hochberg (1995), as R's p.adjust(p, method = "BH").
//
// With the m p-values sorted ascending, p(1) <= ... <= p(m):
//   q(i) = min over j >= i of min(1, p(j) · m / j)
// so q-values are monotone in the p-values, never below them, and capped at 1. Declaring every
// test with q < alpha a discovery keeps the expected share of false discoveries <= alpha.
//
// Thread-safety: pure function.
#pragma once

#include <span>
#include <vector>

namespace winpath {

// The q-value of each p-value, in input order (equal p-values get equal q-values). Empty in,
// empty out. REQUIRES: every p-value in [0, 1] (none NaN).
std::vector<double> BenjaminiHochberg(std::span<const double> p_values);

}  // namespace winpath
