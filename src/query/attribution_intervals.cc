#include "query/attribution_intervals.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <random>
#include <string>

#include "analysis/grouped_state.h"
#include "query/nearest_rank.h"

namespace winpath {
namespace {

// One credit cell of the result: win, model slot, channel.
struct CellKey {
  size_t win, model;
  std::string channel;
  bool operator<(const CellKey& o) const {
    return std::tie(win, model, channel) < std::tie(o.win, o.model, o.channel);
  }
};

// Per cell, the group totals of conversions and value.
using GroupCredits = std::map<CellKey, std::pair<std::vector<double>, std::vector<double>>>;

GroupCredits CollectGroups(const std::vector<AttributionResult>& groups) {
  GroupCredits cells;
  for (size_t g = 0; g < groups.size(); ++g) {
    for (size_t w = 0; w < groups[g].wins.size(); ++w) {
      const AttributionWin& win = groups[g].wins[w];
      for (size_t m = 0; m < win.models.size(); ++m) {
        for (const AttributionCredit& c : win.models[m].channels) {
          auto& [conv, value] = cells[{w, m, c.channel}];
          conv.resize(groups.size(), 0);
          value.resize(groups.size(), 0);
          conv[g] = c.conversions;
          value[g] = c.value;
        }
      }
    }
  }
  return cells;
}

}  // namespace

void AddBootstrapIntervals(const std::vector<AttributionResult>& groups,
                           const IntervalSpec& intervals, AttributionResult* total) {
  const size_t g = groups.size();
  const size_t r = static_cast<size_t>(intervals.replicates);
  // The draws: replicate b takes groups draws[b * g .. b * g + g), the same for every cell.
  std::mt19937_64 rng(0x77696e70617468ULL);  // fixed seed: "winpath"
  std::uniform_int_distribution<size_t> pick(0, g - 1);
  std::vector<uint32_t> draws(r * g);
  for (uint32_t& d : draws) d = static_cast<uint32_t>(pick(rng));
  const double lo_q = (1 - intervals.confidence) / 2, hi_q = (1 + intervals.confidence) / 2;
  std::vector<double> conv(r), value(r);
  for (const auto& [key, credits] : CollectGroups(groups)) {
    for (size_t b = 0; b < r; ++b) {
      double c = 0, v = 0;
      for (size_t k = 0; k < g; ++k) {
        c += credits.first[draws[b * g + k]];
        v += credits.second[draws[b * g + k]];
      }
      conv[b] = c;
      value[b] = v;
    }
    std::sort(conv.begin(), conv.end());
    std::sort(value.begin(), value.end());
    for (AttributionCredit& c : total->wins[key.win].models[key.model].channels) {
      if (c.channel != key.channel) continue;
      c.conversions_lower = NearestRankQuantile(conv, lo_q);
      c.conversions_upper = NearestRankQuantile(conv, hi_q);
      c.value_lower = NearestRankQuantile(value, lo_q);
      c.value_upper = NearestRankQuantile(value, hi_q);
    }
  }
}

Result<AttributionResult> RunAttributionWithIntervals(const EventTable& table,
                                                      const JourneyMap& map,
                                                      const AttributionSpec& spec,
                                                      const IntervalSpec& intervals,
                                                      const ScanOptions& options) {
  if (!(intervals.confidence > 0 && intervals.confidence < 1)) {
    return Status::InvalidArgument("confidence: must be in (0, 1), e.g. 0.95");
  }
  if (intervals.groups < 2 || intervals.groups > 10000) {
    return Status::InvalidArgument("groups: must be in 2..10000, got " +
                                   std::to_string(intervals.groups));
  }
  if (intervals.replicates < 10 || intervals.replicates > 100000) {
    return Status::InvalidArgument("replicates: must be in 10..100000, got " +
                                   std::to_string(intervals.replicates));
  }
  WINPATH_ASSIGN_OR_RETURN(AttributionConfig config, MakeAttributionConfig(table, map, spec));
  const AttributionState empty(std::make_shared<const AttributionConfig>(std::move(config)));
  const GroupedState<AttributionState> grouped(empty, static_cast<size_t>(intervals.groups));
  const GroupedState<AttributionState> scanned = RunKernel(table, grouped, options);
  const std::vector<AttributionResult> groups = scanned.Finalize();
  AttributionResult total = scanned.FinalizeAll();  // the plain result: one scan, not two
  AddBootstrapIntervals(groups, intervals, &total);
  return total;
}

}  // namespace winpath
