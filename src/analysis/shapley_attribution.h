// Shapley-value attribution over a PathTable (docs/analyses/shapley.md): the channels are the
// players, and a coalition S of channels is worth the conversions (separately: the value) of
// the journeys whose channel SET lies inside S:
//
//   v(S) = sum over paths p with set(p) ⊆ S of conversions(p).
//
// v is a sum of unanimity games (one per path, on its channel set), and the Shapley value of a
// unanimity game on a set T gives 1/|T| to each member of T and 0 to everyone else; Shapley
// values are additive, so each journey's conversions split equally among its DISTINCT channels
// (Zhao et al. 2018, "simplified Shapley value"). kClosedForm computes exactly that, in
// O(total touches), for any number of channels. kEnumeration evaluates v on all 2^n coalitions
// with a subset-sum (zeta) transform and sums the weighted marginal contributions, O(n 2^n),
// for n <= kMaxEnumeratedChannels; it exists to check the closed form and the argument above.
//
// Ordered Shapley (Zhao et al. 2018, section "ordered Shapley value"): the closed-form share of
// a channel in a journey is credited to the position at which the channel FIRST appears among
// the journey's distinct channels (1 = the journey's first channel), so a channel's credits by
// position add up to its Shapley value. Always computed by the closed form.
//
// Nulls (journeys without a conversion) add nothing to any v(S) and are ignored; repeats of a
// channel inside a journey do not change its set. Credits are accumulated in fixed point
// (exact_sum.h) by kClosedForm, each journey's shares rounded so they add up to exactly its
// conversions and value: sum of channel credits = total conversions, exactly.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "model/path_table.h"

namespace winpath {

enum class ShapleyMethod : uint8_t {
  kClosedForm = 0,
  kEnumeration = 1,
};

// "closed_form", "enumeration".
std::string_view ShapleyMethodName(ShapleyMethod method);
std::optional<ShapleyMethod> ParseShapleyMethod(std::string_view name);

// Most distinct converting channels kEnumeration accepts (2^20 coalitions, 24 MB of tables).
inline constexpr int kMaxEnumeratedChannels = 20;

struct ShapleyCredit {
  std::string channel;
  double conversions = 0;  // Shapley value of the conversion game
  double value = 0;        // Shapley value of the value game
  // Ordered Shapley: [i] = credit earned where the channel was the (i + 1)-th distinct channel
  // of the journey; as long as the channel's latest position with credit (may be empty).
  std::vector<double> conversions_by_position;
  std::vector<double> value_by_position;
  bool operator==(const ShapleyCredit&) const = default;
};

struct ShapleyResult {
  ShapleyMethod method = ShapleyMethod::kClosedForm;
  int64_t paths = 0;         // rows of the table
  int64_t conversions = 0;   // = sum of channel credits
  double value = 0;          // = sum of channel value credits (up to rounding)
  int64_t nulls = 0;         // ignored by the model; reported for context
  int64_t players = 0;       // distinct channels on paths with conversions
  int64_t max_position = 0;  // most distinct channels on one converting path
  // Every channel that appears on some path (with or without conversions), in channel_names
  // order.
  std::vector<ShapleyCredit> channels;
  bool operator==(const ShapleyResult&) const = default;
};

// The Shapley values of `table`'s channels. Fails with InvalidArgument when the table breaks
// ValidatePathTable (negative counts, unknown channel index, ...), when kEnumeration meets more
// than kMaxEnumeratedChannels converting channels (the message names kClosedForm), or when the
// total conversions exceed 2^46 (the fixed-point range of the credits).
Result<ShapleyResult> ComputeShapley(const PathTable& table,
                                     ShapleyMethod method = ShapleyMethod::kClosedForm);

}  // namespace winpath
