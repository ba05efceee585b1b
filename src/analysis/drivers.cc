#include "analysis/drivers.h"

#include <algorithm>
#include <cmath>

#include "analysis/benjamini_hochberg.h"
#include "analysis/fisher_exact.h"

namespace winpath {

std::string_view DriverVerdictName(DriverVerdict verdict) {
  switch (verdict) {
    case DriverVerdict::kTooRare: return "too rare";
    case DriverVerdict::kNoDifference: return "no clear difference";
    case DriverVerdict::kOver: return "over-represented";
    case DriverVerdict::kUnder: return "under-represented";
  }
  return "too rare";
}

DriversState::DriversState(std::shared_ptr<const DriversConfig> config)
    : config_(std::move(config)) {
  const size_t n = config_->node_names.size();
  with_converted_.assign(n, 0);
  with_not_converted_.assign(n, 0);
  stamp_.assign(n, 0);
}

void DriversState::Add(const PersonView& person) {
  ReachPairOutcome out;
  ReachPairMatcher(&config_->pair).Match(person, &out);
  if (!out.reached) return;
  ++reached_;
  if (out.window_open) {
    ++in_progress_;
    return;
  }
  // The period: strictly after the A event, up to and excluding the B event (converters) or
  // through A + window (the rest).
  size_t end = out.to_pos;
  if (!out.converted) {
    const TimeMs window_end = out.from_time + config_->pair.window;
    end = static_cast<size_t>(std::upper_bound(person.time.begin(), person.time.end(), window_end) -
                              person.time.begin());
  }
  std::vector<int64_t>& with = out.converted ? with_converted_ : with_not_converted_;
  ++(out.converted ? converted_ : not_converted_);
  if (++generation_ == 0) {  // wrapped: old stamps could collide with the new generation
    std::fill(stamp_.begin(), stamp_.end(), 0);
    generation_ = 1;
  }
  const size_t num_nodes = stamp_.size();
  for (size_t i = out.from_pos + 1; i < end; ++i) {
    const uint32_t node = PathNodeOf(person, i, config_->node);
    if (node >= num_nodes || stamp_[node] == generation_) continue;
    stamp_[node] = generation_;
    ++with[node];
  }
}

void DriversState::Merge(const DriversState& other) {
  reached_ += other.reached_;
  in_progress_ += other.in_progress_;
  converted_ += other.converted_;
  not_converted_ += other.not_converted_;
  for (size_t k = 0; k < with_converted_.size(); ++k) {
    with_converted_[k] += other.with_converted_[k];
    with_not_converted_[k] += other.with_not_converted_[k];
  }
}

DriverRow DriversState::Row(size_t node) const {
  DriverRow r;
  r.touchpoint = config_->node_names[node];
  r.converted_with = with_converted_[node];
  r.not_converted_with = with_not_converted_[node];
  r.support = r.converted_with + r.not_converted_with;
  if (converted_ > 0) {
    r.share_converted = static_cast<double>(r.converted_with) / static_cast<double>(converted_);
  }
  if (not_converted_ > 0) {
    r.share_not_converted =
        static_cast<double>(r.not_converted_with) / static_cast<double>(not_converted_);
  }
  if (r.support < config_->min_support) return r;
  const TwoByTwo table{r.converted_with, converted_ - r.converted_with, r.not_converted_with,
                       not_converted_ - r.not_converted_with};
  r.odds_ratio = OddsRatio(table, config_->confidence);
  r.p_value = FisherExactTest(table);
  r.verdict = DriverVerdict::kNoDifference;
  return r;
}

namespace {

// Over-represented first: odds ratio descending; rows without one last.
bool Before(const DriverRow& a, const DriverRow& b) {
  if (a.odds_ratio.has_value() != b.odds_ratio.has_value()) return a.odds_ratio.has_value();
  if (a.odds_ratio && a.odds_ratio->odds_ratio != b.odds_ratio->odds_ratio) {
    return a.odds_ratio->odds_ratio > b.odds_ratio->odds_ratio;
  }
  if (a.support != b.support) return a.support > b.support;
  return a.touchpoint < b.touchpoint;
}

}  // namespace

DriversResult DriversState::Finalize() const {
  const DriversConfig& c = *config_;
  DriversResult r;
  r.from = c.pair.from.name;
  r.to = c.pair.to.name;
  r.window = c.pair.window;
  r.node = c.node;
  if (c.has_data_end) r.data_end = c.pair.data_end;
  r.min_support = c.min_support;
  r.alpha = c.alpha;
  r.confidence = c.confidence;
  r.reached = reached_;
  r.in_progress = in_progress_;
  r.converted = converted_;
  r.not_converted = not_converted_;
  r.persons = converted_ + not_converted_;
  for (size_t k = 0; k < with_converted_.size(); ++k) {
    if (with_converted_[k] + with_not_converted_[k] == 0) continue;
    DriverRow row = Row(k);
    (row.p_value ? r.touchpoints : r.too_rare).push_back(std::move(row));
  }
  std::vector<double> p;
  for (const DriverRow& row : r.touchpoints) p.push_back(*row.p_value);
  const std::vector<double> q = BenjaminiHochberg(p);
  for (size_t i = 0; i < q.size(); ++i) {
    DriverRow& row = r.touchpoints[i];
    row.q_value = q[i];
    if (q[i] < c.alpha && row.odds_ratio && row.odds_ratio->odds_ratio != 1.0) {
      row.verdict = row.odds_ratio->odds_ratio > 1 ? DriverVerdict::kOver : DriverVerdict::kUnder;
    }
  }
  std::sort(r.touchpoints.begin(), r.touchpoints.end(), Before);
  std::sort(r.too_rare.begin(), r.too_rare.end(), [](const DriverRow& a, const DriverRow& b) {
    if (a.support != b.support) return a.support > b.support;
    return a.touchpoint < b.touchpoint;
  });
  return r;
}

}  // namespace winpath
