// One way every report writes a rate's confidence interval: the Wilson score interval of
// x / n (analysis/wilson_interval.h) as two JSON numbers `<prefix>_lower` and `<prefix>_upper`,
// both null when there is no rate: no x, no n, n = 0, or x outside [0, n] (a result that is not a
// proportion gets no interval rather than a failed check).
//
// Thread-safety: pure function.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "analysis/wilson_interval.h"

namespace winpath {

inline void AddRateInterval(nlohmann::ordered_json& j, const std::string& prefix,
                            std::optional<int64_t> x, std::optional<int64_t> n, double confidence) {
  std::optional<ProportionInterval> ci;
  if (x && n && *n > 0 && *x >= 0 && *x <= *n) ci = WilsonInterval(*x, *n, confidence);
  j[prefix + "_lower"] = ci ? nlohmann::ordered_json(ci->lower) : nlohmann::ordered_json(nullptr);
  j[prefix + "_upper"] = ci ? nlohmann::ordered_json(ci->upper) : nlohmann::ordered_json(nullptr);
}

}  // namespace winpath
