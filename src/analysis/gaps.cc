#include "analysis/gaps.h"

#include "analysis/benjamini_hochberg.h"
#include "analysis/exact_binomial.h"

namespace winpath {

std::string_view GapVerdictName(GapVerdict verdict) {
  switch (verdict) {
    case GapVerdict::kNoData: return "no data";
    case GapVerdict::kTooFew: return "too few persons to tell";
    case GapVerdict::kOnTarget: return "on target";
    case GapVerdict::kBelowTarget: return "below target";
    case GapVerdict::kAboveTarget: return "above target";
  }
  return "no data";
}

GapsState::GapsState(std::shared_ptr<const GapsConfig> config) : config_(std::move(config)) {
  auto pairs = std::make_shared<std::vector<ReachPairConfig>>();
  for (const GapsTargetConfig& t : config_->targets) {
    pairs->push_back({t.from, t.to, t.within, config_->data_end});
  }
  pairs_ = std::move(pairs);
  counts_.resize(config_->targets.size());
}

void GapsState::Add(const PersonView& person) {
  ReachPairOutcome out;
  const uint32_t mask_union = ReachPairMatcher::MaskUnion(person);
  uint8_t first_touch = 0;
  for (size_t i = 0; i < person.size() && first_touch == 0; ++i) first_touch = person.channel[i];
  for (size_t k = 0; k < pairs_->size(); ++k) {
    const uint8_t channel = config_->targets[k].channel;
    if (channel != 0 && channel != first_touch) continue;
    ReachPairMatcher(&(*pairs_)[k]).Match(person, mask_union, &out);
    if (!out.reached) continue;
    Counts& c = counts_[k];
    ++c.reached;
    if (out.window_open) {
      ++c.in_progress;
      if (out.converted) ++c.in_progress_converted;
    } else if (out.converted) {
      ++c.converted;
    }
  }
}

void GapsState::Merge(const GapsState& other) {
  for (size_t k = 0; k < counts_.size(); ++k) {
    const Counts& o = other.counts_[k];
    counts_[k].reached += o.reached;
    counts_[k].in_progress += o.in_progress;
    counts_[k].in_progress_converted += o.in_progress_converted;
    counts_[k].converted += o.converted;
  }
}

namespace {

GapVerdict Verdict(const GapsTargetResult& r, double alpha) {
  if (!r.q_value) return GapVerdict::kNoData;
  if (*r.q_value < alpha) {
    return *r.actual_rate < r.expected_rate ? GapVerdict::kBelowTarget : GapVerdict::kAboveTarget;
  }
  const double n = static_cast<double>(r.persons), p0 = r.expected_rate;
  // With p0 = 0 or 1 the exact test detects any deviation: nothing is too small to tell.
  if (p0 > 0 && p0 < 1 && (n * p0 < kMinExpectedCount || n * (1 - p0) < kMinExpectedCount)) {
    return GapVerdict::kTooFew;
  }
  return GapVerdict::kOnTarget;
}

}  // namespace

GapsResult GapsState::Finalize() const {
  const GapsConfig& c = *config_;
  GapsResult r;
  if (c.has_data_end) r.data_end = c.data_end;
  r.alpha = c.alpha;
  r.confidence = c.confidence;
  r.test = std::string(kExactBinomialTestMethod);
  std::vector<double> p_values;
  std::vector<size_t> tested;
  for (size_t k = 0; k < c.targets.size(); ++k) {
    const GapsTargetConfig& t = c.targets[k];
    const Counts& n = counts_[k];
    GapsTargetResult& out = r.targets.emplace_back();
    out.from = t.from.name;
    out.to = t.to.name;
    out.channel = t.channel_name;
    out.within = t.within;
    out.expected_rate = t.expected_rate;
    out.reached = n.reached;
    out.in_progress = n.in_progress;
    out.in_progress_converted = n.in_progress_converted;
    out.persons = n.reached - n.in_progress;
    out.converted = n.converted;
    if (out.persons == 0) continue;
    out.actual_rate = static_cast<double>(out.converted) / static_cast<double>(out.persons);
    out.interval = WilsonInterval(out.converted, out.persons, c.confidence);
    out.gap = *out.actual_rate - t.expected_rate;
    out.p_value = ExactBinomialTest(out.converted, out.persons, t.expected_rate);
    p_values.push_back(*out.p_value);
    tested.push_back(k);
  }
  const std::vector<double> q = BenjaminiHochberg(p_values);
  for (size_t i = 0; i < tested.size(); ++i) r.targets[tested[i]].q_value = q[i];
  for (GapsTargetResult& t : r.targets) t.verdict = Verdict(t, c.alpha);
  return r;
}

}  // namespace winpath
