#include "sim/journey_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "sim/random.h"

namespace winpath::sim {

namespace {

struct KnownDimension {
  std::string_view name;
  std::vector<std::pair<std::string_view, double>> values;
};

const std::vector<KnownDimension>& KnownDimensions() {
  static const std::vector<KnownDimension> kKnown = {
      {"country",
       {{"US", .30},
        {"DE", .14},
        {"GB", .12},
        {"FR", .08},
        {"IN", .10},
        {"BR", .08},
        {"CA", .07},
        {"SE", .06},
        {"AU", .05}}},
      {"plan", {{"free", .35}, {"starter", .30}, {"pro", .25}, {"enterprise", .10}}},
      {"device", {{"desktop", .55}, {"mobile", .38}, {"tablet", .07}}},
      {"company_size",
       {{"1-10", .35}, {"11-50", .28}, {"51-200", .20}, {"201-1000", .12}, {"1000+", .05}}},
      {"industry",
       {{"software", .25},
        {"retail", .18},
        {"finance", .15},
        {"healthcare", .14},
        {"manufacturing", .16},
        {"public sector", .12}}},
      {"category",
       {{"dresses", .2}, {"shoes", .2}, {"outerwear", .2}, {"knitwear", .2}, {"accessories", .2}}},
      {"browser", {{"chrome", .60}, {"safari", .25}, {"firefox", .08}, {"edge", .07}}},
      {"language", {{"en", .50}, {"de", .15}, {"fr", .10}, {"es", .15}, {"sv", .10}}},
  };
  return kKnown;
}

bool IsBuiltinField(std::string_view f) {
  return f == "url" || f == "referrer" || f == "property" || f == "type" || f == "event" ||
         f.starts_with("utm_");
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Whether the milestone/win name or one of its event names contains one of `words`.
bool Mentions(std::string_view name, const EventPredicate& p,
              std::initializer_list<std::string_view> words) {
  std::string text = Lower(name);
  for (const std::string& e : p.events) text += " " + Lower(e);
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return text.find(w) != std::string::npos; });
}

bool TestsProperty(const JourneyMap& map, std::string_view property) {
  auto tests = [&](const EventPredicate& p) {
    return std::any_of(p.where.begin(), p.where.end(),
                       [&](const PropertyCondition& c) { return c.property == property; });
  };
  return std::any_of(map.wins.begin(), map.wins.end(),
                     [&](const Win& w) { return tests(w.predicate); }) ||
         std::any_of(map.milestones.begin(), map.milestones.end(),
                     [&](const Milestone& m) { return tests(m.predicate); });
}

std::string MainHost(const JourneyMap& map) {
  for (const std::string& h : map.site_hosts) {
    if (h.starts_with("www.")) return h;
  }
  return map.site_hosts.empty() ? "www.example.com" : map.site_hosts.front();
}

// The predicate bit whose multiplier drives an event: the first win that matches it, else
// the event's own predicate.
int TargetOf(const JourneyMap& map, const RawEvent& event, int own_bit) {
  for (size_t w = 0; w < map.wins.size(); ++w) {
    if (map.wins[w].predicate.Matches(event)) return map.win_bit(w);
  }
  return own_bit;
}

Status AddMilestoneSteps(JourneyPlan* plan) {
  const JourneyMap& map = *plan->map;
  const ModelParams& mp = plan->params;
  for (size_t j = 0; j < map.milestones.size(); ++j) {
    const Milestone& m = map.milestones[j];
    if (m.phase == MilestonePhase::kPost) continue;
    WINPATH_ASSIGN_OR_RETURN(
        SynthesizedEvent t, SynthesizeEvent(m.predicate, m.name, m.value_property, plan->hosts[0]));
    Action a;
    a.kind = ActionKind::kStep;
    a.name = m.name;
    a.bit = map.milestone_bit(j);
    a.target = TargetOf(map, t.event, a.bit);
    a.occurrence = std::max(1, m.occurrence);
    a.identifies = true;
    bool first = plan->actions.empty();
    if (m.phase == MilestonePhase::kCore) {
      a.base = first ? mp.core_only : mp.core_step;
      plan->customer_action = static_cast<int>(plan->actions.size());
    } else {
      a.base = first ? mp.first_step : mp.pre_step;
    }
    a.template_id = plan->AddTemplate(std::move(t));
    plan->actions.push_back(std::move(a));
  }
  plan->num_steps = plan->actions.size();
  // A step tied to no win (Trial, Demo) moves the person toward the next win on the chain
  // (Buy), so it takes that win's multiplier: a channel strong on Buy is strong on the way there.
  for (size_t i = plan->num_steps; i-- > 0;) {
    Action& a = plan->actions[i];
    if (a.target >= plan->win_count && i + 1 < plan->num_steps &&
        plan->actions[i + 1].target < plan->win_count) {
      a.target = plan->actions[i + 1].target;
    }
  }
  return Status::OK();
}

Status AddStandaloneWins(JourneyPlan* plan) {
  const JourneyMap& map = *plan->map;
  for (size_t w = 0; w < map.wins.size(); ++w) {
    const Win& win = map.wins[w];
    // A win some milestone's event already reaches (Buy = the core purchase) is no action of
    // its own.
    bool linked = false;
    for (const Action& a : plan->actions) {
      linked |= (plan->masks[static_cast<size_t>(a.template_id)] >> map.win_bit(w)) & 1u;
    }
    if (linked) continue;
    WINPATH_ASSIGN_OR_RETURN(
        SynthesizedEvent t,
        SynthesizeEvent(win.predicate, win.name, win.value_property, plan->hosts[0]));
    Action a;
    a.kind = ActionKind::kWin;
    a.name = win.name;
    a.bit = map.win_bit(w);
    a.target = a.bit;
    a.base = plan->params.standalone_win;
    a.identifies = !Mentions(win.name, win.predicate, {"support", "faq", "help", "article"});
    if (plan->customer_action < 0 && !win.value_property.empty()) {
      plan->customer_action = static_cast<int>(plan->actions.size());
    }
    a.template_id = plan->AddTemplate(std::move(t));
    plan->actions.push_back(std::move(a));
  }
  return Status::OK();
}

void AddAction(JourneyPlan* plan, ActionKind kind, std::string name, int template_id, int bit,
               int target, double base, int occurrence) {
  Action a;
  a.kind = kind;
  a.name = std::move(name);
  a.template_id = template_id;
  a.bit = bit;
  a.target = target;
  a.base = base;
  a.occurrence = occurrence;
  a.identifies = true;  // post-purchase outcomes come from customers, who are identified
  plan->actions.push_back(std::move(a));
}

// The post-purchase milestones the map declares. `has` records which of repeat, survey and
// referral were declared.
Status AddDeclaredPost(JourneyPlan* plan, const Action& customer, const RawEvent& core_event,
                       bool has[3]) {
  const JourneyMap& map = *plan->map;
  const ModelParams& mp = plan->params;
  bool core_is_step = customer.kind == ActionKind::kStep;
  for (size_t j = 0; j < map.milestones.size(); ++j) {
    const Milestone& m = map.milestones[j];
    if (m.phase != MilestonePhase::kPost) continue;
    int bit = map.milestone_bit(j);
    if (core_is_step && m.predicate.Matches(core_event)) {
      // Reached by buying again: one repeat action serves every "n-th purchase" milestone.
      if (!has[0]) {
        AddAction(plan, ActionKind::kRepeat, m.name, customer.template_id, bit, customer.target,
                  mp.repeat, 1);
      }
      has[0] = true;
      continue;
    }
    WINPATH_ASSIGN_OR_RETURN(
        SynthesizedEvent t, SynthesizeEvent(m.predicate, m.name, m.value_property, plan->hosts[0]));
    int target = TargetOf(map, t.event, bit);
    int occurrence = std::max(1, m.occurrence);
    int id = plan->AddTemplate(std::move(t));
    if (!has[1] && Mentions(m.name, m.predicate, {"survey", "nps"})) {
      AddAction(plan, ActionKind::kSurvey, m.name, id, bit, target, mp.survey, occurrence);
      has[1] = true;
    } else if (!has[2] && Mentions(m.name, m.predicate, {"refer"})) {
      AddAction(plan, ActionKind::kReferral, m.name, id, bit, target, mp.referral, occurrence);
      has[2] = true;
    } else {
      AddAction(plan, ActionKind::kPost, m.name, id, bit, target, mp.post, occurrence);
    }
  }
  return Status::OK();
}

// Post-purchase outcomes; a repeat purchase, a survey and a referral are added when the map
// does not declare them, so every customer can buy again, rate and refer. (No synthetic repeat
// when a declared post milestone already counts toward the core's win, e.g. a renewal.)
Status AddPostActions(JourneyPlan* plan) {
  if (plan->customer_action < 0) return Status::OK();
  // Copies: adding actions and templates below reallocates both vectors.
  const Action customer = plan->actions[static_cast<size_t>(plan->customer_action)];
  const RawEvent core_event = plan->templates[static_cast<size_t>(customer.template_id)].event;
  bool has[3] = {false, false, false};  // repeat, survey, referral
  WINPATH_RETURN_IF_ERROR(AddDeclaredPost(plan, customer, core_event, has));
  const ModelParams& mp = plan->params;
  auto synthetic = [&](std::string_view event) {
    SynthesizedEvent t;
    t.event.type = MessageType::kTrack;
    t.event.name = std::string(event);
    return plan->AddTemplate(std::move(t));
  };
  bool win_after = std::any_of(plan->actions.begin(), plan->actions.end(), [&](const Action& a) {
    return a.kind == ActionKind::kPost && a.target == customer.target;
  });
  if (!has[0] && customer.kind == ActionKind::kStep && !win_after) {
    AddAction(plan, ActionKind::kRepeat, "repeat purchase", customer.template_id, -1,
              customer.target, mp.repeat, 1);
  }
  if (!has[1]) {
    AddAction(plan, ActionKind::kSurvey, "survey", synthetic("survey_completed"), -1, -1, mp.survey,
              1);
  }
  if (!has[2]) {
    AddAction(plan, ActionKind::kReferral, "referral", synthetic("referral_sent"), -1, -1,
              mp.referral, 1);
  }
  return Status::OK();
}

void BuildDimensions(JourneyPlan* plan) {
  for (const std::string& name : plan->map->dimensions) {
    if (IsBuiltinField(name)) continue;
    Dimension d;
    d.name = name;
    std::string lower = Lower(name);
    for (const KnownDimension& k : KnownDimensions()) {
      if (k.name != lower) continue;
      for (const auto& [v, w] : k.values) {
        d.values.emplace_back(v);
        d.weights.push_back(w);
      }
    }
    if (d.values.empty()) {
      for (auto [suffix, w] : {std::pair{"a", .5}, {"b", .3}, {"c", .2}}) {
        d.values.push_back(fmt::format("{}_{}", SnakeCase(name), suffix));
        d.weights.push_back(w);
      }
    }
    for (double w : d.weights) d.weight_sum += w;
    plan->dimensions.push_back(std::move(d));
  }
}

}  // namespace

int JourneyPlan::AddTemplate(SynthesizedEvent event) {
  masks.push_back(map->MatchMask(event.event));
  templates.push_back(std::move(event));
  return static_cast<int>(templates.size() - 1);
}

Result<JourneyPlan> BuildPlan(const JourneyMap& map, const SimulationOptions& options) {
  if (options.days < 1) {
    return Status::InvalidArgument(
        fmt::format("simulate: days must be >= 1, got {}", options.days));
  }
  if (map.num_predicates() > static_cast<size_t>(kMaxPredicates)) {
    return Status::InvalidArgument("simulate: the map has more than 32 wins and milestones");
  }
  JourneyPlan plan;
  plan.map = &map;
  plan.options = options;
  plan.end = options.start + static_cast<TimeMs>(options.days) * kMsPerDay;
  plan.session_timeout = map.windows.session_timeout;
  plan.dormant_after = map.stages.dormant_after;
  plan.active_gap_mean = std::min<TimeMs>(
      static_cast<TimeMs>(plan.params.active_gap_mean_days * kMsPerDay), plan.dormant_after / 8);
  plan.paths = {
      "/",      "/pricing", "/features", "/blog/getting-started", "/blog/customer-stories",
      "/about", "/help",    "/contact"};
  plan.landing_path_weights = {0.30, 0.12, 0.12, 0.16, 0.12, 0.06, 0.07, 0.05};
  for (double w : plan.landing_path_weights) plan.landing_path_sum += w;
  plan.win_count = static_cast<int>(map.wins.size());
  plan.hosts.push_back(MainHost(map));
  plan.page_template.emplace_back();
  for (const std::string& path : plan.paths) {
    SynthesizedEvent page;
    page.event.type = MessageType::kPage;
    page.event.name = "page_view";
    page.event.url = fmt::format("https://{}{}", plan.hosts[0], path);
    FillPropertyFromUrl(&page.event);
    plan.page_template[0].push_back(plan.AddTemplate(std::move(page)));
  }
  WINPATH_RETURN_IF_ERROR(BuildChannels(&plan, MixSeed(options.seed, 0xc4a77e15)));
  WINPATH_RETURN_IF_ERROR(AddMilestoneSteps(&plan));
  // Post actions need the customer action, which is a standalone win when there is no core
  // milestone; otherwise they come first so a win reached by a post milestone is linked to it.
  if (plan.customer_action >= 0) {
    WINPATH_RETURN_IF_ERROR(AddPostActions(&plan));
    WINPATH_RETURN_IF_ERROR(AddStandaloneWins(&plan));
  } else {
    WINPATH_RETURN_IF_ERROR(AddStandaloneWins(&plan));
    WINPATH_RETURN_IF_ERROR(AddPostActions(&plan));
  }
  for (size_t c = 0; c < plan.channels.size(); ++c) {
    const Channel& ch = plan.channels[c];
    // Sales/service touches that are themselves milestones happen as those milestones.
    if (ch.event_touch && plan.masks[static_cast<size_t>(ch.landing[0])] == 0) {
      plan.event_touch_channels.push_back(static_cast<int>(c));
    }
  }
  AssignTemplateChannels(&plan);
  plan.value_sensitive.assign(plan.templates.size(), 0);
  for (size_t t = 0; t < plan.templates.size(); ++t) {
    const std::string& prop = plan.templates[t].value_property;
    if (!prop.empty()) plan.value_sensitive[t] = TestsProperty(map, prop);
  }
  for (const Win& w : map.wins) plan.targets.push_back(w.name);
  for (const Milestone& m : map.milestones) plan.targets.push_back(m.name);
  BuildDimensions(&plan);
  WINPATH_RETURN_IF_ERROR(BuildMultipliers(&plan, MixSeed(options.seed, 0x3e17a9b1)));
  return plan;
}

}  // namespace winpath::sim
