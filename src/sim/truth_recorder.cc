#include "sim/truth_recorder.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>

#include "model/timestamp.h"
#include "sim/message_writer.h"

namespace winpath::sim {

namespace {

// Rounded so the file is short and reads well; shortest round-trip text is platform-stable.
std::string Num(double v, double scale = 1e6) {
  return fmt::format("{}", std::floor(v * scale + 0.5) / scale);
}

std::string Key(std::string_view name) { return "\"" + JsonEscape(name) + "\":"; }

std::string_view KindName(ActionKind k) {
  switch (k) {
    case ActionKind::kStep: return "step";
    case ActionKind::kWin: return "win";
    case ActionKind::kRepeat: return "repeat";
    case ActionKind::kSurvey: return "survey";
    case ActionKind::kReferral: return "referral";
    case ActionKind::kPost: return "post";
  }
  return "step";
}

// Opens `{`, calls body(i, sep) for each item, closes `}`.
template <typename F>
void Object(std::string* out, size_t n, F body) {
  *out += '{';
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) *out += ',';
    body(i);
  }
  *out += '}';
}

}  // namespace

TruthRecorder::TruthRecorder(const JourneyPlan& plan)
    : plan_(plan),
      channels_(plan.channels.size()),
      wins_(plan.map->wins.size()),
      targets_(plan.targets.size()) {
  acquired_.assign(channels_, 0);
  acquired_reached_.assign(channels_ * targets_, 0);
  touched_.assign(channels_, 0);
  touched_converters_.assign(channels_ * wins_, 0);
  cf_actual_.assign(channels_ * wins_, 0);
  cf_neutral_.assign(channels_ * wins_, 0);
  rm_actual_.assign(channels_ * wins_, 0);
  rm_without_[0].assign(channels_ * wins_, 0);
  rm_without_[1].assign(channels_ * wins_, 0);
  samples_.assign(channels_, 0);
  sample_reached_.assign(channels_ * targets_, 0);
  reached_.assign(targets_, 0);
}

bool TruthRecorder::Reached(const PersonOutcome& o, size_t target, size_t wins) {
  return target < wins ? (o.win_reached >> target) & 1u
                       : (o.milestone_reached >> (target - wins)) & 1u;
}

void TruthRecorder::AddPerson(const PersonOutcome& o) {
  size_t a = static_cast<size_t>(o.acquisition);
  ++acquired_[a];
  for (size_t t = 0; t < targets_; ++t) {
    if (!Reached(o, t, wins_)) continue;
    ++reached_[t];
    ++acquired_reached_[a * targets_ + t];
  }
  for (size_t c = 0; c < channels_; ++c) {
    if (!((o.touched >> c) & 1u)) continue;
    ++touched_[c];
    for (size_t w = 0; w < wins_; ++w) {
      if (((o.win_reached >> w) & 1u) && ((o.touched_before_win[w] >> c) & 1u)) {
        ++touched_converters_[c * wins_ + w];
      }
    }
  }
}

void TruthRecorder::AddCounterfactual(int channel, const PersonOutcome& actual,
                                      const PersonOutcome& neutral) {
  size_t c = static_cast<size_t>(channel);
  for (size_t w = 0; w < wins_; ++w) {
    cf_actual_[c * wins_ + w] += (actual.win_reached >> w) & 1u;
    cf_neutral_[c * wins_ + w] += (neutral.win_reached >> w) & 1u;
  }
}

void TruthRecorder::AddRemoval(int channel, bool return_without, const PersonOutcome& actual,
                               const PersonOutcome& without) {
  size_t c = static_cast<size_t>(channel);
  for (size_t w = 0; w < wins_; ++w) {
    if (!return_without) rm_actual_[c * wins_ + w] += (actual.win_reached >> w) & 1u;
    rm_without_[return_without][c * wins_ + w] += (without.win_reached >> w) & 1u;
  }
}

void TruthRecorder::AddSample(int channel, const PersonOutcome& o) {
  size_t c = static_cast<size_t>(channel);
  ++samples_[c];
  for (size_t t = 0; t < targets_; ++t) sample_reached_[c * targets_ + t] += Reached(o, t, wins_);
}

double TruthRecorder::ExpectedReach(size_t c, size_t t) const {
  // Without virtual persons, the realised first-touch rate is the best estimate there is.
  if (samples_[c] > 0) {
    return static_cast<double>(sample_reached_[c * targets_ + t]) /
           static_cast<double>(samples_[c]);
  }
  return acquired_[c] == 0 ? 0.0
                           : static_cast<double>(acquired_reached_[c * targets_ + t]) /
                                 static_cast<double>(acquired_[c]);
}

std::vector<std::vector<int>> TruthRecorder::ExpectedRanking() const {
  std::vector<std::vector<int>> ranking(wins_);
  for (size_t w = 0; w < wins_; ++w) {
    for (size_t c = 0; c < channels_; ++c) {
      if (plan_.channels[c].weight > 0) ranking[w].push_back(static_cast<int>(c));
    }
    std::stable_sort(ranking[w].begin(), ranking[w].end(), [&](int a, int b) {
      return ExpectedReach(static_cast<size_t>(a), w) > ExpectedReach(static_cast<size_t>(b), w);
    });
  }
  return ranking;
}

void TruthRecorder::AppendMultipliers(std::string* out) const {
  std::vector<size_t> used;
  for (const Action& a : plan_.actions) {
    size_t t = static_cast<size_t>(a.target);
    if (a.target >= 0 && std::find(used.begin(), used.end(), t) == used.end()) used.push_back(t);
  }
  std::sort(used.begin(), used.end());
  *out += Key("channels");
  Object(out, channels_, [&](size_t c) {
    *out += Key(plan_.channels[c].name);
    Object(out, used.size(), [&](size_t i) {
      *out += Key(plan_.targets[used[i]]) + Num(plan_.Multiplier(c, used[i]));
    });
  });
  *out += "," + Key("acquisition_share");
  Object(out, channels_, [&](size_t c) {
    *out += Key(plan_.channels[c].name) + Num(plan_.channels[c].weight / plan_.weight_sum, 1e4);
  });
  auto role = [&](int c) {
    return c < 0 ? std::string("null")
                 : "\"" + JsonEscape(plan_.channels[static_cast<size_t>(c)].name) + "\"";
  };
  *out += fmt::format(",{}{{{}{},{}{},{}{},{}{}}}", Key("roles"), Key("direct"), role(plan_.direct),
                      Key("email"), role(plan_.email), Key("ads"), role(plan_.ads), Key("referral"),
                      role(plan_.referral));
}

void TruthRecorder::AppendRates(std::string* out) const {
  *out += "," + Key("base_rates");
  Object(out, plan_.actions.size(), [&](size_t i) {
    const Action& a = plan_.actions[i];
    std::string target =
        a.target < 0 ? "null"
                     : "\"" + JsonEscape(plan_.targets[static_cast<size_t>(a.target)]) + "\"";
    *out += fmt::format("{}{{\"kind\":\"{}\",\"per_session\":{},\"multiplier_of\":{}}}",
                        Key(a.name), KindName(a.kind), Num(a.base), target);
  });
  const ModelParams& p = plan_.params;
  *out += "," + Key("model");
  *out += fmt::format(
      "{{\"page_continue\":{},\"churn_prospect\":{},\"churn_customer\":{},"
      "\"reactivate_identified\":{},\"reactivate_anonymous\":{},\"referral_accept\":{},"
      "\"referral_factor_promoter\":{},\"referral_factor_passive\":{},"
      "\"referral_factor_detractor\":{},\"active_gap_mean_hours\":{},"
      "\"dormant_after_days\":{},\"value_median\":{}}}",
      Num(p.page_continue), Num(p.churn_prospect), Num(p.churn_customer),
      Num(p.reactivate_identified), Num(p.reactivate_anonymous), Num(p.referral_accept),
      Num(p.referral_factor_promoter), Num(p.referral_factor_passive),
      Num(p.referral_factor_detractor),
      Num(static_cast<double>(plan_.active_gap_mean) / kMsPerHour),
      Num(static_cast<double>(plan_.dormant_after) / kMsPerDay), Num(plan_.options.value_median));
}

void TruthRecorder::AppendRankings(std::string* out) const {
  std::vector<std::vector<int>> ranking = ExpectedRanking();
  auto names = [&](const std::vector<int>& order) {
    std::string s = "[";
    for (size_t i = 0; i < order.size(); ++i) {
      s += (i ? ",\"" : "\"") + JsonEscape(plan_.channels[static_cast<size_t>(order[i])].name) +
           "\"";
    }
    return s + "]";
  };
  *out += "," + Key("expected_ranking");
  Object(out, wins_, [&](size_t w) { *out += Key(plan_.targets[w]) + names(ranking[w]); });
  *out += "," + Key("multiplier_ranking");
  Object(out, wins_, [&](size_t w) {
    std::vector<int> order = ranking[w];
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      return plan_.Multiplier(static_cast<size_t>(a), w) >
             plan_.Multiplier(static_cast<size_t>(b), w);
    });
    *out += Key(plan_.targets[w]) + names(order);
  });
  *out += "," + Key("expected_reach");
  Object(out, channels_, [&](size_t c) {
    *out += Key(plan_.channels[c].name);
    Object(out, targets_,
           [&](size_t t) { *out += Key(plan_.targets[t]) + Num(ExpectedReach(c, t)); });
  });
}

// Per channel x win, converters with and without the channel; then, per win, the channels
// ordered by the conversions lost without them (ties by channel order).
void TruthRecorder::AppendRemoval(std::string* out, bool return_without) const {
  const std::vector<uint64_t>& without = rm_without_[return_without];
  const std::string name = return_without ? "removal_with_return" : "removal";
  auto lost = [&](size_t c, size_t w) {
    return static_cast<int64_t>(rm_actual_[c * wins_ + w]) -
           static_cast<int64_t>(without[c * wins_ + w]);
  };
  *out += "," + Key(name);
  Object(out, channels_, [&](size_t c) {
    *out += Key(plan_.channels[c].name);
    Object(out, wins_, [&](size_t w) {
      *out += Key(plan_.targets[w]) +
              fmt::format("{{\"actual\":{},\"without\":{},\"incremental\":{}}}",
                          rm_actual_[c * wins_ + w], without[c * wins_ + w], lost(c, w));
    });
  });
  *out += "," + Key(name + "_ranking");
  Object(out, wins_, [&](size_t w) {
    std::vector<size_t> order;
    for (size_t c = 0; c < channels_; ++c) {
      // A channel that touches only through a milestone event (a sales demo) cannot be removed
      // without removing the milestone: it is left out of the ranking.
      if (rm_actual_[c * wins_ + w] > 0 && !plan_.channels[c].event_touch) order.push_back(c);
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return lost(a, w) > lost(b, w); });
    *out += Key(plan_.targets[w]) + "[";
    for (size_t i = 0; i < order.size(); ++i) {
      *out += (i ? ",\"" : "\"") + JsonEscape(plan_.channels[order[i]].name) + "\"";
    }
    *out += "]";
  });
}

void TruthRecorder::AppendCounts(std::string* out) const {
  *out += "," + Key("first_touch");
  Object(out, channels_, [&](size_t c) {
    *out += Key(plan_.channels[c].name) + "{\"persons\":" + std::to_string(acquired_[c]);
    for (size_t t = 0; t < targets_; ++t) {
      *out += "," + Key(plan_.targets[t]) + std::to_string(acquired_reached_[c * targets_ + t]);
    }
    *out += '}';
  });
  *out += "," + Key("touched");
  Object(out, channels_, [&](size_t c) {
    *out += Key(plan_.channels[c].name) + "{\"persons\":" + std::to_string(touched_[c]);
    for (size_t w = 0; w < wins_; ++w) {
      *out += "," + Key(plan_.targets[w]) + std::to_string(touched_converters_[c * wins_ + w]);
    }
    *out += '}';
  });
  *out += "," + Key("counterfactual");
  Object(out, channels_, [&](size_t c) {
    *out += Key(plan_.channels[c].name);
    Object(out, wins_, [&](size_t w) {
      uint64_t a = cf_actual_[c * wins_ + w], n = cf_neutral_[c * wins_ + w];
      *out += Key(plan_.targets[w]) +
              fmt::format("{{\"actual\":{},\"neutral\":{},\"incremental\":{}}}", a, n,
                          static_cast<int64_t>(a) - static_cast<int64_t>(n));
    });
  });
  *out += "," + Key("converters");
  Object(out, wins_,
         [&](size_t w) { *out += Key(plan_.targets[w]) + std::to_string(reached_[w]); });
  *out += "," + Key("milestone_reach");
  Object(out, targets_ - wins_, [&](size_t j) {
    *out += Key(plan_.targets[wins_ + j]) + std::to_string(reached_[wins_ + j]);
  });
}

std::string TruthRecorder::ToJson(const SimulationStats& stats) const {
  const SimulationOptions& o = plan_.options;
  std::string out = "{";
  out += fmt::format(
      "\"model_version\":1,\"map\":\"{}\",\"seed\":{},\"persons\":{},\"persons_total\":{},"
      "\"referred_persons\":{},\"days\":{},\"start\":\"{}\",\"end\":\"{}\",\"events\":{},"
      "\"truth_samples\":{},",
      JsonEscape(plan_.map->name), o.seed, o.persons, stats.persons, stats.referred_persons, o.days,
      FormatTimestamp(o.start), FormatTimestamp(plan_.end), stats.events, o.truth_samples);
  auto list = [&](size_t from, size_t to) {
    std::string s = "[";
    for (size_t i = from; i < to; ++i) {
      s += (i > from ? ",\"" : "\"") + JsonEscape(plan_.targets[i]) + "\"";
    }
    return s + "]";
  };
  out += Key("wins") + list(0, wins_) + "," + Key("milestones") + list(wins_, targets_) + ",";
  AppendMultipliers(&out);
  AppendRates(&out);
  AppendRankings(&out);
  AppendCounts(&out);
  AppendRemoval(&out, false);
  AppendRemoval(&out, true);
  out += "," + Key("warnings") + "[";
  for (size_t i = 0; i < stats.warnings.size(); ++i) {
    out += (i ? ",\"" : "\"") + JsonEscape(stats.warnings[i]) + "\"";
  }
  out += "]}\n";
  return out;
}

}  // namespace winpath::sim
