#include "analysis/shapley_attribution.h"

#include <array>
#include <bit>

#include "analysis/exact_sum.h"

namespace winpath {
namespace {

constexpr std::array<std::string_view, 2> kMethodNames = {"closed_form", "enumeration"};

// Credits stay well inside CreditSum's range (|sum| < 1.4e14).
constexpr int64_t kMaxTotalConversions = int64_t{1} << 46;

// The distinct channels of a path in order of first appearance, without allocating per path:
// a channel is new when its stamp is not the current path's.
class DistinctChannels {
 public:
  explicit DistinctChannels(size_t channels) : stamp_(channels, 0) {}

  const std::vector<uint16_t>& Of(const JourneyPath& path) {
    ++epoch_;
    distinct_.clear();
    for (uint16_t c : path.channels) {
      if (stamp_[c] == epoch_) continue;
      stamp_[c] = epoch_;
      distinct_.push_back(c);
    }
    return distinct_;
  }

 private:
  std::vector<uint32_t> stamp_;
  uint32_t epoch_ = 0;
  std::vector<uint16_t> distinct_;
};

struct ChannelSums {
  bool appears = false;
  CreditSum conversions;
  ValueSum value;
  std::vector<CreditSum> conversions_by_position;
  std::vector<ValueSum> value_by_position;
};

// Splits the path's conversions and value equally among its distinct channels (the closed
// form), crediting each share at the channel's first-appearance position. The first channel
// takes the rounding remainder, so the shares add up exactly.
void AddClosedForm(const JourneyPath& path, const std::vector<uint16_t>& distinct,
                   std::vector<ChannelSums>* sums) {
  const auto k = static_cast<__int128>(distinct.size());
  const CreditSum::Units conversions = static_cast<__int128>(path.conversions) * CreditSum::kOne;
  const ValueSum::Units value = ValueSum::ToUnits(path.value);
  const CreditSum::Units c_share = conversions / k, c_rest = conversions % k;
  const ValueSum::Units v_share = value / k, v_rest = value % k;
  for (size_t r = 0; r < distinct.size(); ++r) {
    ChannelSums& s = (*sums)[distinct[r]];
    const CreditSum::Units c = c_share + (r == 0 ? c_rest : 0);
    const ValueSum::Units v = v_share + (r == 0 ? v_rest : 0);
    s.conversions.AddUnits(c);
    s.value.AddUnits(v);
    if (s.conversions_by_position.size() <= r) {
      s.conversions_by_position.resize(r + 1);
      s.value_by_position.resize(r + 1);
    }
    s.conversions_by_position[r].AddUnits(c);
    s.value_by_position[r].AddUnits(v);
  }
}

struct GameValues {
  std::vector<double> conversions, value;  // [player]
};

// Exact Shapley values by enumeration: w[T] = conversions of the paths whose channel set is T,
// v = zeta transform of w (v[S] = sum of w[T] over T ⊆ S), then
// phi_i = sum over S not containing i of |S|! (n - |S| - 1)! / n! * (v[S + i] - v[S]).
// REQUIRES: player[c] in [0, n) for every channel of a converting path; n <= 20.
GameValues Enumerate(const PathTable& table, DistinctChannels* distinct,
                     const std::vector<int>& player, int n) {
  const size_t size = size_t{1} << n;
  std::vector<int64_t> wc(size, 0);
  std::vector<double> wv(size, 0);
  for (const JourneyPath& p : table.paths) {
    if (p.conversions == 0) continue;
    size_t mask = 0;
    for (uint16_t c : distinct->Of(p)) mask |= size_t{1} << player[c];
    wc[mask] += p.conversions;
    wv[mask] += p.value;
  }
  for (int i = 0; i < n; ++i) {
    const size_t bit = size_t{1} << i;
    for (size_t s = 0; s < size; ++s) {
      if ((s & bit) == 0) continue;
      wc[s] += wc[s ^ bit];
      wv[s] += wv[s ^ bit];
    }
  }
  // weight[s] = s! (n - s - 1)! / n! = 1 / (n * C(n - 1, s)).
  std::vector<double> weight(static_cast<size_t>(n));
  double binomial = 1;
  for (int s = 0; s < n; ++s) {
    weight[static_cast<size_t>(s)] = 1.0 / (n * binomial);
    binomial = binomial * (n - 1 - s) / (s + 1);
  }
  GameValues phi{std::vector<double>(static_cast<size_t>(n), 0.0),
                 std::vector<double>(static_cast<size_t>(n), 0.0)};
  for (int i = 0; i < n; ++i) {
    const size_t bit = size_t{1} << i;
    double c = 0, v = 0;
    for (size_t s = 0; s < size; ++s) {
      if ((s & bit) != 0) continue;
      const double w = weight[static_cast<size_t>(std::popcount(s))];
      c += w * static_cast<double>(wc[s | bit] - wc[s]);
      v += w * (wv[s | bit] - wv[s]);
    }
    phi.conversions[static_cast<size_t>(i)] = c;
    phi.value[static_cast<size_t>(i)] = v;
  }
  return phi;
}

Status CheckTotals(const PathTable& table) {
  int64_t total = 0;
  for (const JourneyPath& p : table.paths) {
    if (p.conversions > kMaxTotalConversions - total) {
      return Status::InvalidArgument("conversions: the paths add up to more than 2^46 (" +
                                     std::to_string(kMaxTotalConversions) +
                                     ") conversions, beyond the exact credit range");
    }
    total += p.conversions;
  }
  return Status::OK();
}

}  // namespace

std::string_view ShapleyMethodName(ShapleyMethod method) {
  return kMethodNames[static_cast<size_t>(method)];
}

std::optional<ShapleyMethod> ParseShapleyMethod(std::string_view name) {
  for (size_t m = 0; m < kMethodNames.size(); ++m) {
    if (kMethodNames[m] == name) return static_cast<ShapleyMethod>(m);
  }
  return std::nullopt;
}

Result<ShapleyResult> ComputeShapley(const PathTable& table, ShapleyMethod method) {
  WINPATH_RETURN_IF_ERROR(ValidatePathTable(table));
  WINPATH_RETURN_IF_ERROR(CheckTotals(table));
  ShapleyResult r;
  r.method = method;
  r.paths = static_cast<int64_t>(table.paths.size());
  std::vector<ChannelSums> sums(table.channel_names.size());
  std::vector<int> player(table.channel_names.size(), -1);
  DistinctChannels distinct(table.channel_names.size());
  ValueSum value;
  for (const JourneyPath& p : table.paths) {
    r.conversions += p.conversions;
    r.nulls += p.nulls;
    value.Add(p.value);
    for (uint16_t c : p.channels) sums[c].appears = true;
    if (p.conversions == 0) continue;
    const std::vector<uint16_t>& d = distinct.Of(p);
    r.max_position = std::max(r.max_position, static_cast<int64_t>(d.size()));
    for (uint16_t c : d) {
      if (player[c] < 0) player[c] = static_cast<int>(r.players++);
    }
    AddClosedForm(p, d, &sums);
  }
  r.value = value.value();
  GameValues enumerated;
  if (method == ShapleyMethod::kEnumeration) {
    if (r.players > kMaxEnumeratedChannels) {
      return Status::InvalidArgument(
          "method: enumeration handles at most " + std::to_string(kMaxEnumeratedChannels) +
          " converting channels, the table has " + std::to_string(r.players) +
          "; use 'closed_form' (exact for any number of channels)");
    }
    enumerated = Enumerate(table, &distinct, player, static_cast<int>(r.players));
  }
  for (size_t c = 0; c < sums.size(); ++c) {
    const ChannelSums& s = sums[c];
    if (!s.appears) continue;
    ShapleyCredit credit;
    credit.channel = table.channel_names[c];
    credit.conversions = s.conversions.value();
    credit.value = s.value.value();
    if (method == ShapleyMethod::kEnumeration && player[c] >= 0) {
      credit.conversions = enumerated.conversions[static_cast<size_t>(player[c])];
      credit.value = enumerated.value[static_cast<size_t>(player[c])];
    }
    for (const CreditSum& x : s.conversions_by_position) {
      credit.conversions_by_position.push_back(x.value());
    }
    for (const ValueSum& x : s.value_by_position) credit.value_by_position.push_back(x.value());
    r.channels.push_back(std::move(credit));
  }
  return r;
}

}  // namespace winpath
