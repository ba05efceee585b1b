#include "sim/random.h"

#include <bit>
#include <cmath>

namespace winpath::sim {

uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

uint64_t MixSeed(uint64_t a, uint64_t b) {
  uint64_t s = a;
  uint64_t x = SplitMix64(&s);
  s = x ^ (b * 0xd1342543de82ef95ULL + 0x2545f4914f6cdd1dULL);
  return SplitMix64(&s);
}

namespace {

constexpr double kLn2Hi = 6.93147180369123816490e-01;  // upper bits of ln 2, exact in k*hi
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kLn2 = 0.69314718055994530942;
constexpr double kSqrtHalf = 0.70710678118654752440;

}  // namespace

double Log(double x) {
  // x = m * 2^e with m in [sqrt(1/2), sqrt(2)); log m = 2 atanh(s), s = (m-1)/(m+1), |s| < 0.172.
  // Split x into mantissa and exponent from its bits (exact; frexp without the libm call).
  int e = 0;
  uint64_t bits = std::bit_cast<uint64_t>(x);
  if ((bits >> 52) == 0) {  // subnormal: scale into the normal range first
    bits = std::bit_cast<uint64_t>(x * 0x1.0p54);
    e = -54;
  }
  e += static_cast<int>(bits >> 52) - 1022;
  double m = std::bit_cast<double>((bits & 0x000fffffffffffffULL) | 0x3fe0000000000000ULL);
  if (m < kSqrtHalf) {
    m *= 2;
    --e;
  }
  double s = (m - 1) / (m + 1);
  double s2 = s * s;
  // atanh series to s^19 (Horner): the first omitted term is below 2^-60 relative.
  constexpr double k[10] = {1.0,      1.0 / 3,  1.0 / 5,  1.0 / 7,  1.0 / 9,
                            1.0 / 11, 1.0 / 13, 1.0 / 15, 1.0 / 17, 1.0 / 19};
  double sum = k[9];
  for (int i = 8; i >= 0; --i) sum = k[i] + s2 * sum;
  return e * kLn2Hi + (e * kLn2Lo + 2 * s * sum);
}

double Exp(double x) {
  if (x > 709) return HUGE_VAL;
  if (x < -745) return 0;
  // x = k ln2 + r with |r| <= ln2/2; e^r by its Taylor series (13 terms: error < 2^-56).
  double kd = x / kLn2;
  int k = static_cast<int>(kd < 0 ? kd - 0.5 : kd + 0.5);
  double r = (x - k * kLn2Hi) - k * kLn2Lo;
  constexpr double inv[14] = {1.0,
                              1.0,
                              1.0 / 2,
                              1.0 / 6,
                              1.0 / 24,
                              1.0 / 120,
                              1.0 / 720,
                              1.0 / 5040,
                              1.0 / 40320,
                              1.0 / 362880,
                              1.0 / 3628800,
                              1.0 / 39916800,
                              1.0 / 479001600,
                              1.0 / 6227020800.0};
  double sum = inv[13];
  for (int n = 12; n >= 0; --n) sum = inv[n] + r * sum;
  return std::ldexp(sum, k);  // exact scaling
}

Rng::Rng(uint64_t seed) {
  uint64_t s = seed;
  for (uint64_t& word : s_) word = SplitMix64(&s);
}

Rng Rng::FromState(uint64_t s0, uint64_t s1, uint64_t s2, uint64_t s3) {
  Rng rng(0);
  rng.s_[0] = s0;
  rng.s_[1] = s1;
  rng.s_[2] = s2;
  rng.s_[3] = s3;
  return rng;
}

uint64_t Rng::Next() {
  auto rotl = [](uint64_t v, int k) { return (v << k) | (v >> (64 - k)); };
  uint64_t result = rotl(s_[1] * 5, 7) * 9;
  uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Rng::Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

uint64_t Rng::Below(uint64_t n) {
  return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
}

double Rng::Exponential(double mean) { return -mean * Log(1.0 - Uniform()); }

double Rng::Normal() {
  double sum = 0;
  for (int i = 0; i < 12; ++i) sum += Uniform();
  return sum - 6.0;
}

double Rng::LogNormal(double median, double sigma) { return median * Exp(sigma * Normal()); }

size_t Rng::Choose(const double* weights, size_t n, double sum) {
  double u = Uniform() * sum;
  for (size_t i = 0; i + 1 < n; ++i) {
    if (u < weights[i]) return i;
    u -= weights[i];
  }
  return n - 1;
}

}  // namespace winpath::sim
