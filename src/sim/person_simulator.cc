#include "sim/person_simulator.h"

#include <fmt/format.h>

#include <algorithm>

namespace winpath::sim {

namespace {

// Relative arrival intensity per hour of the day (UTC).
constexpr double kHourWeights[24] = {0.5, 0.3, 0.2, 0.2, 0.2, 0.3, 0.6, 1.0, 1.4, 1.7, 1.8, 1.8,
                                     1.7, 1.7, 1.7, 1.6, 1.6, 1.6, 1.7, 1.9, 2.0, 1.8, 1.3, 0.8};
constexpr double kHourWeightSum = [] {
  double sum = 0;
  for (double w : kHourWeights) sum += w;
  return sum;
}();

constexpr uint64_t kAnonymousSalt = 0xa11ce5eedULL;
constexpr uint64_t kUserSalt = 0x5eed05e7ULL;

}  // namespace

PersonSimulator::PersonSimulator(const JourneyPlan& plan, MessageWriter* writer)
    : plan_(plan), writer_(writer) {
  id_.dims.resize(plan.dimensions.size());
}

std::string PersonSimulator::UserId(uint64_t seed, uint64_t ordinal) {
  return fmt::format("u-{:06x}-{}", MixSeed(seed, kUserSalt) & 0xffffff, ordinal);
}

void PersonSimulator::Start(const PersonSpec& spec) {
  const SimulationOptions& o = plan_.options;
  ordinal_ = spec.ordinal;
  rng_ = Rng(MixSeed(o.seed, spec.ordinal));
  uint64_t anon = MixSeed(o.seed ^ kAnonymousSalt, spec.ordinal);
  for (int i = 15; i >= 0; --i, anon >>= 4) id_.anonymous_id[i] = "0123456789abcdef"[anon & 15];
  id_.user_id.clear();
  id_.next_message = 0;
  // Fixed order of the person-level draws keeps the stream aligned across re-runs.
  for (size_t d = 0; d < plan_.dimensions.size(); ++d) {
    const Dimension& dim = plan_.dimensions[d];
    id_.dims[d] =
        static_cast<uint8_t>(rng_.Choose(dim.weights.data(), dim.weights.size(), dim.weight_sum));
  }
  value_level_ = o.value_median * rng_.LogNormal(1, plan_.params.value_sigma_person);
  double u = rng_.Uniform();
  const ModelParams& mp = plan_.params;
  nps_ = u < mp.promoter_share                      ? 9 + static_cast<int>(rng_.Below(2))
         : u < mp.promoter_share + mp.passive_share ? 7 + static_cast<int>(rng_.Below(2))
                                                    : static_cast<int>(rng_.Below(7));
  TimeMs day = static_cast<TimeMs>(rng_.Below(static_cast<uint64_t>(o.days)));
  TimeMs hour = static_cast<TimeMs>(rng_.Choose(kHourWeights, 24, kHourWeightSum));
  TimeMs arrival =
      o.start + day * kMsPerDay + hour * kMsPerHour + static_cast<TimeMs>(rng_.Below(kMsPerHour));
  int drawn = DrawChannel();
  t_ = spec.arrival >= 0 ? spec.arrival : arrival;
  acquisition_ = spec.acquisition >= 0 ? spec.acquisition : drawn;
  referred_by_ = spec.referrer >= 0 ? UserId(o.seed, static_cast<uint64_t>(spec.referrer)) : "";
  ended_ = customer_ = surveyed_ = false;
  chain_pos_ = 0;
  counts_.fill(0);
}

void PersonSimulator::Run(const PersonSpec& spec, const Counterfactual& cf, PersonOutcome* out) {
  *out = PersonOutcome();
  out_ = out;
  neutral_ = cf.neutral;
  removed_ = cf.removed;
  return_without_ = cf.return_without;
  Start(spec);
  out->acquisition = acquisition_;
  if (acquisition_ == removed_) return;  // without its acquiring channel the person never comes
  int channel = acquisition_;
  const ModelParams& mp = plan_.params;
  for (int session = 0; session < mp.max_sessions && !ended_ && t_ < plan_.end; ++session) {
    Session(channel, session);
    if (ended_) break;
    bool reactivation = false;
    channel = NextChannel(&reactivation);
    // A session the removed channel would bring does not happen: the journey ends, or the
    // gap goes on until the person returns another way.
    while (return_without_ && channel >= 0 && channel == removed_ && t_ < plan_.end) {
      channel = NextChannel(&reactivation);
    }
    if (channel < 0 || channel == removed_) break;
    if (reactivation && t_ < plan_.end) ++out->reactivations;
  }
}

// The channel of the next session and the gap before it; -1 when the person does not return.
int PersonSimulator::NextChannel(bool* reactivation) {
  const ModelParams& mp = plan_.params;
  bool identified = !id_.user_id.empty();
  if (rng_.Bernoulli(customer_ ? mp.churn_customer : mp.churn_prospect)) {
    if (!rng_.Bernoulli(identified ? mp.reactivate_identified : mp.reactivate_anonymous)) {
      return -1;
    }
    double factor = 1.05 + rng_.Exponential(mp.dormant_extra_mean);
    t_ += static_cast<TimeMs>(static_cast<double>(plan_.dormant_after) * factor);
    *reactivation = true;
    int role = identified ? plan_.email : plan_.ads;
    return role >= 0 ? role : plan_.direct;
  }
  // Only dormancy makes a gap longer than dormant_after, so every such gap in the data ends
  // with a reactivation touch.
  TimeMs gap = plan_.session_timeout + kMsPerMinute +
               static_cast<TimeMs>(rng_.Exponential(static_cast<double>(plan_.active_gap_mean)));
  t_ += std::max(plan_.session_timeout + kMsPerMinute, std::min(gap, plan_.dormant_after * 9 / 10));
  double u = rng_.Uniform();
  if (identified) {
    if (u < 0.5) return plan_.direct;
    if (u < 0.7) return plan_.email >= 0 ? plan_.email : plan_.direct;
    if (u < 0.8) {
      const std::vector<int>& pool = plan_.event_touch_channels;
      return pool.empty() ? plan_.direct : pool[rng_.Below(pool.size())];
    }
    return DrawChannel();
  }
  return u < 0.6 ? plan_.direct : DrawChannel();
}

int PersonSimulator::DrawChannel() {
  std::vector<Channel>::size_type c = 0;
  double x = rng_.Uniform() * plan_.weight_sum;
  for (; c + 1 < plan_.channels.size(); ++c) {
    if (x < plan_.channels[c].weight) break;
    x -= plan_.channels[c].weight;
  }
  return static_cast<int>(c);
}

TimeMs PersonSimulator::EventGap() {
  const ModelParams& mp = plan_.params;
  double seconds = mp.event_gap_min_s + rng_.Exponential(mp.event_gap_mean_s);
  TimeMs gap = static_cast<TimeMs>(seconds * 1000);
  // Events of one session stay within one session, whatever the map's session timeout.
  return std::max<TimeMs>(1, std::min(gap, plan_.session_timeout / 3));
}

void PersonSimulator::Session(int channel, int index) {
  const Channel& ch = plan_.channels[static_cast<size_t>(channel)];
  // A plain return visit carries the multipliers of the channel that acquired the person.
  int mc = channel == plan_.direct && index > 0 ? acquisition_ : channel;
  out_->applied |= uint64_t{1} << mc;
  const double* hazard = mc == neutral_ ? plan_.base_hazard.data() : plan_.Hazards(mc);
  EventExtras landing;
  landing.session_start = true;
  if (index == 0) landing.referred_by = referred_by_;
  int host = ch.event_touch ? 0 : ch.host;
  if (ch.event_touch) {
    Emit(ch.landing[0], landing);
    t_ += EventGap();
    EmitPage(host);
  } else {
    size_t path =
        rng_.Choose(plan_.landing_path_weights.data(), plan_.paths.size(), plan_.landing_path_sum);
    if (ch.landing[path] < 0) {
      path = static_cast<size_t>(
          std::find_if(ch.landing.begin(), ch.landing.end(), [](int id) { return id >= 0; }) -
          ch.landing.begin());
    }
    Emit(ch.landing[path], landing);
  }
  int pages = 0;
  while (pages + 1 < plan_.params.max_pages && rng_.Bernoulli(plan_.params.page_continue)) ++pages;
  PlanActions(hazard);
  // Interleave the remaining page views with the actions, keeping the actions' order.
  size_t next = 0;
  while (!ended_ && (pages > 0 || next < fired_.size())) {
    size_t left = fired_.size() - next;
    bool action =
        left > 0 && (pages == 0 || rng_.Below(static_cast<uint64_t>(pages) + left) < left);
    t_ += EventGap();
    if (action) {
      RunAction(fired_[next++]);
    } else {
      EmitPage(host);
      --pages;
    }
  }
}

void PersonSimulator::PlanActions(const double* hazard) {
  fired_.clear();
  bool customer = customer_;  // post-purchase outcomes start from the session after the purchase
  PlanSteps(hazard);
  PlanOutcomes(hazard, customer);
}

void PersonSimulator::PlanSteps(const double* hazard) {
  const std::vector<Action>& actions = plan_.actions;
  double factor = 1;  // a further step in the same session is less likely
  while (chain_pos_ < plan_.num_steps) {
    const Action& a = actions[chain_pos_];
    uint32_t have = counts_[static_cast<size_t>(a.bit)];
    if (have < static_cast<uint32_t>(a.occurrence)) {
      if (!rng_.Bernoulli(hazard[chain_pos_] * factor)) break;
      factor = plan_.params.same_session_step;
      for (uint32_t k = have; k < static_cast<uint32_t>(a.occurrence); ++k) {
        fired_.push_back(static_cast<int>(chain_pos_));
      }
    }
    ++chain_pos_;
  }
}

void PersonSimulator::PlanOutcomes(const double* hazard, bool customer) {
  const std::vector<Action>& actions = plan_.actions;
  for (size_t i = plan_.num_steps; i < actions.size(); ++i) {
    const Action& a = actions[i];
    double p = hazard[i];
    switch (a.kind) {
      case ActionKind::kStep: continue;
      case ActionKind::kWin: break;
      case ActionKind::kRepeat:
        if (!customer) continue;
        break;
      case ActionKind::kSurvey:
        if (!customer || surveyed_) continue;
        break;
      case ActionKind::kReferral: {
        if (!customer) continue;
        const ModelParams& mp = plan_.params;
        p *= nps_ >= 9   ? mp.referral_factor_promoter
             : nps_ >= 7 ? mp.referral_factor_passive
                         : mp.referral_factor_detractor;
        break;
      }
      case ActionKind::kPost:
        if (!customer || (a.bit >= 0 && counts_[static_cast<size_t>(a.bit)] >=
                                            static_cast<uint32_t>(a.occurrence))) {
          continue;
        }
        break;
    }
    if (rng_.Bernoulli(p)) {
      fired_.push_back(static_cast<int>(i));
      if (a.kind == ActionKind::kSurvey) surveyed_ = true;
    }
  }
}

void PersonSimulator::Identify() {
  if (t_ >= plan_.end) {
    ended_ = true;
    return;
  }
  id_.user_id = UserId(plan_.options.seed, ordinal_);
  if (writer_ != nullptr) writer_->WriteIdentify(id_, t_);
  ++out_->events;
  ++out_->identifies;
  out_->identified = true;
  t_ += kMsPerSecond + static_cast<TimeMs>(rng_.Below(2 * kMsPerSecond));
}

void PersonSimulator::RunAction(int index) {
  const Action& a = plan_.actions[static_cast<size_t>(index)];
  if (a.identifies && id_.user_id.empty()) {
    Identify();
    if (ended_) return;
  }
  EventExtras x;
  const SynthesizedEvent& t = plan_.templates[static_cast<size_t>(a.template_id)];
  if (!t.value_property.empty()) {
    x.has_value = true;
    x.value = value_level_ * rng_.LogNormal(1, plan_.params.value_sigma_event);
  }
  if (a.kind == ActionKind::kSurvey) x.nps = nps_;
  if (!Emit(a.template_id, x)) return;
  if (index == plan_.customer_action) customer_ = true;
  if (a.kind == ActionKind::kReferral && rng_.Bernoulli(plan_.params.referral_accept)) {
    double delay_ms = rng_.Exponential(plan_.params.referral_delay_mean_days * kMsPerDay);
    TimeMs arrival = t_ + kMsPerHour + static_cast<TimeMs>(delay_ms);
    if (arrival < plan_.end) out_->referrals.push_back(arrival);
  }
}

void PersonSimulator::EmitPage(int host) {
  const std::vector<int>& pages = plan_.page_template[static_cast<size_t>(host)];
  Emit(pages[rng_.Below(pages.size())], EventExtras());
}

uint32_t PersonSimulator::MaskOf(int template_id, const EventExtras& extras) {
  size_t t = static_cast<size_t>(template_id);
  if (!plan_.value_sensitive[t] || !extras.has_value) return plan_.masks[t];
  const SynthesizedEvent& tpl = plan_.templates[t];
  scratch_ = tpl.event;
  double v = WrittenAmount(tpl, extras.value);
  for (auto& [key, value] : scratch_.properties) {
    if (key == tpl.value_property) value = PropertyValue{fmt::format("{}", v), v};
  }
  return plan_.map->MatchMask(scratch_);
}

bool PersonSimulator::Emit(int template_id, const EventExtras& extras) {
  if (ended_ || t_ >= plan_.end) {
    ended_ = true;
    return false;
  }
  size_t t = static_cast<size_t>(template_id);
  if (writer_ != nullptr) writer_->Write(template_id, id_, t_, extras);
  ++out_->events;
  MessageType type = plan_.templates[t].event.type;
  if (type == MessageType::kTrack) {
    ++out_->tracks;
  } else {
    ++out_->pages;
  }
  if (int c = plan_.template_channel[t]; c >= 0) out_->touched |= uint64_t{1} << c;
  uint32_t mask = MaskOf(template_id, extras);
  for (uint32_t m = mask; m != 0; m &= m - 1) {
    int bit = __builtin_ctz(m);
    uint32_t n = ++counts_[static_cast<size_t>(bit)];
    if (bit < plan_.win_count) {
      if (!(out_->win_reached & (1u << bit))) {
        out_->win_reached |= 1u << bit;
        out_->touched_before_win[static_cast<size_t>(bit)] = out_->touched;
      }
    } else {
      size_t j = static_cast<size_t>(bit - plan_.win_count);
      if (n >= static_cast<uint32_t>(std::max(1, plan_.map->milestones[j].occurrence))) {
        out_->milestone_reached |= 1u << j;
      }
    }
  }
  return true;
}

}  // namespace winpath::sim
