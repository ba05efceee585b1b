// Deterministic randomness for the simulator: a xoshiro256** generator seeded through
// splitmix64, and the few distributions the journey model needs, written out here instead of
// taken from <random> so that one seed gives byte-identical output with every standard library
// and libm. Log and Exp are computed with + - * / and exact power-of-two scaling only (no libm
// calls), so they round the same on every IEEE-754 platform (the module is compiled with
// -ffp-contract=off so no fused multiply-add changes a rounding either).
//
// Thread-safety: an Rng is a plain value; use one per thread (or per person).
#pragma once

#include <cstddef>
#include <cstdint>

namespace winpath::sim {

// One step of splitmix64: a bijective 64-bit mixer, used to derive independent seeds.
uint64_t SplitMix64(uint64_t* state);
// Mixes two numbers into one seed (order matters): Mix(seed, person ordinal) etc.
uint64_t MixSeed(uint64_t a, uint64_t b);

// Natural logarithm and e^x, accurate to a few ulp. REQUIRES: x > 0 for Log.
double Log(double x);
double Exp(double x);

// xoshiro256** (Blackman & Vigna, 2018).
class Rng {
 public:
  explicit Rng(uint64_t seed);
  // A generator in exactly this state (for reference test vectors). REQUIRES: not all zero.
  static Rng FromState(uint64_t s0, uint64_t s1, uint64_t s2, uint64_t s3);

  uint64_t Next();
  // Uniform in [0, 1) with 53 random bits.
  double Uniform();
  // Uniform integer in [0, n). REQUIRES: n > 0. Uses the multiply-shift reduction; the bias is
  // below 2^-32 for the small n used here.
  uint64_t Below(uint64_t n);
  // Uniform in [lo, hi).
  double Range(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // True with probability p (p <= 0: never, p >= 1: always).
  bool Bernoulli(double p) { return Uniform() < p; }
  // Exponential with the given mean (inverse CDF).
  double Exponential(double mean);
  // Approximately standard normal: Irwin-Hall sum of 12 uniforms minus 6 (support [-6, 6]).
  double Normal();
  // exp(log(median) + sigma * Normal()).
  double LogNormal(double median, double sigma);
  // Index drawn with probability weights[i] / sum(weights). REQUIRES: n > 0, sum > 0.
  size_t Choose(const double* weights, size_t n, double sum);

 private:
  uint64_t s_[4];
};

}  // namespace winpath::sim
