// BuildChannels: which channels the simulator can touch persons through, and how.
// See docs/simulator.md#channels.

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "model/channel_groups.h"
#include "sim/journey_plan.h"
#include "sim/random.h"

namespace winpath::sim {

namespace {

// Share of arriving persons per default group, before jitter (map channels get kMapWeight).
struct GroupWeight {
  std::string_view group;
  double weight;
};
constexpr GroupWeight kGroupWeights[] = {{"Direct", 0.20},      {"Organic Search", 0.22},
                                         {"Paid Search", 0.12}, {"Organic Social", 0.08},
                                         {"Paid Social", 0.08}, {"Email", 0.07},
                                         {"Referral", 0.05},    {"Display", 0.04},
                                         {"Affiliate", 0.03},   {"Other", 0.01}};
constexpr double kMapWeight = 0.08;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool NameHasAny(std::string_view name, std::initializer_list<std::string_view> words) {
  std::string lower = Lower(name);
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return lower.find(w) != std::string::npos; });
}

// The map channel whose rule claims `event` first, or nullptr (ingest's rule step 1).
const std::string* ClaimingChannel(const JourneyMap& map, const RawEvent& event) {
  for (const ChannelRule& rule : map.channels) {
    if (ChannelRuleMatches(rule, event)) return &rule.channel;
  }
  return nullptr;
}

int FindChannel(const JourneyPlan& plan, std::string_view name) {
  for (size_t i = 0; i < plan.channels.size(); ++i) {
    if (plan.channels[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

int AddHost(JourneyPlan* plan, std::string_view host) {
  for (size_t i = 0; i < plan->hosts.size(); ++i) {
    if (plan->hosts[i] == host) return static_cast<int>(i);
  }
  plan->hosts.emplace_back(host);
  std::vector<int> pages;
  for (const std::string& path : plan->paths) {
    SynthesizedEvent page;
    page.event.type = MessageType::kPage;
    page.event.name = "page_view";
    page.event.url = fmt::format("https://{}{}", host, path);
    FillPropertyFromUrl(&page.event);
    pages.push_back(plan->AddTemplate(std::move(page)));
  }
  plan->page_template.push_back(std::move(pages));
  return static_cast<int>(plan->hosts.size() - 1);
}

int AddTouchTemplate(JourneyPlan* plan, RawEvent touch) {
  SynthesizedEvent t;
  t.event = std::move(touch);
  return plan->AddTemplate(std::move(t));
}

// A channel from the map's rules named `name`: the first rule whose synthesized touches that
// rule (and no earlier rule of another channel) claims.
bool BuildMapChannel(JourneyPlan* plan, const std::string& name, Channel* out) {
  const JourneyMap& map = *plan->map;
  for (const ChannelRule& rule : map.channels) {
    if (rule.channel != name) continue;
    Channel ch;
    ch.name = name;
    ch.from_map = true;
    ch.event_touch = !rule.event.empty();
    size_t variants = ch.event_touch ? 1 : plan->paths.size();
    ch.landing.assign(variants, -1);
    bool any = false;
    for (size_t p = 0; p < variants; ++p) {
      Result<RawEvent> touch = SynthesizeTouch(rule, plan->hosts[0], plan->paths[p]);
      if (!touch.ok()) continue;
      const std::string* claimer = ClaimingChannel(map, *touch);
      if (claimer == nullptr || *claimer != name) continue;
      if (!ch.event_touch) ch.host = AddHost(plan, UrlHost(touch->url));
      ch.landing[p] = AddTouchTemplate(plan, std::move(touch).value());
      any = true;
    }
    if (any) {
      *out = std::move(ch);
      return true;
    }
  }
  return false;
}

int RoleChannel(const JourneyPlan& plan, std::initializer_list<std::string_view> words,
                std::initializer_list<std::string_view> groups,
                const std::vector<std::pair<std::string, std::string>>& claimed) {
  for (size_t i = 0; i < plan.channels.size(); ++i) {
    const Channel& ch = plan.channels[i];
    if (ch.from_map && !ch.event_touch && NameHasAny(ch.name, words)) return static_cast<int>(i);
  }
  for (std::string_view group : groups) {
    if (int c = FindChannel(plan, group); c >= 0) return c;
    for (const auto& [g, claimer] : claimed) {
      if (g == group) return FindChannel(plan, claimer);
    }
  }
  return -1;
}

// Default groups the map's rules do not claim; (group, claiming channel) for the others.
void BuildDefaultGroups(JourneyPlan* plan,
                        std::vector<std::pair<std::string, std::string>>* claimed) {
  const JourneyMap& map = *plan->map;
  for (const GroupWeight& gw : kGroupWeights) {
    if (map.default_grouping == DefaultGrouping::kNone && gw.group != "Direct") continue;
    if (FindChannel(*plan, gw.group) >= 0) continue;
    Channel ch;
    ch.name = std::string(gw.group);
    ch.direct = gw.group == "Direct";
    ch.weight = gw.weight;
    ch.landing.assign(plan->paths.size(), -1);
    bool any = false;
    for (size_t p = 0; p < plan->paths.size(); ++p) {
      RawEvent touch = DefaultGroupTouch(gw.group, plan->hosts[0], plan->paths[p]);
      if (const std::string* claimer = ClaimingChannel(map, touch)) {
        claimed->emplace_back(std::string(gw.group), *claimer);
        continue;
      }
      ch.landing[p] = AddTouchTemplate(plan, std::move(touch));
      any = true;
    }
    if (any) plan->channels.push_back(std::move(ch));
  }
}

}  // namespace

Status BuildChannels(JourneyPlan* plan, uint64_t seed) {
  const JourneyMap& map = *plan->map;
  std::vector<std::string_view> tried;
  for (const ChannelRule& rule : map.channels) {
    if (std::find(tried.begin(), tried.end(), rule.channel) != tried.end()) continue;
    tried.push_back(rule.channel);
    Channel ch;
    if (BuildMapChannel(plan, rule.channel, &ch)) {
      ch.weight = ch.event_touch ? 0 : kMapWeight;
      plan->channels.push_back(std::move(ch));
    } else {
      plan->warnings.push_back(fmt::format(
          "channel '{}': no touch can be built that its rules claim before an earlier rule "
          "does; the simulator does not use it",
          rule.channel));
    }
  }
  std::vector<std::pair<std::string, std::string>> claimed;
  BuildDefaultGroups(plan, &claimed);
  if (plan->channels.size() > kMaxSimChannels) {
    return Status::InvalidArgument(
        fmt::format("simulate: the map yields {} channels; the simulator supports at most {}",
                    plan->channels.size(), kMaxSimChannels));
  }
  plan->direct = RoleChannel(*plan, {}, {"Direct"}, claimed);
  if (plan->direct < 0) {
    return Status::InvalidArgument(
        "simulate: no channel can carry a plain return visit (Direct is claimed by a rule the "
        "simulator cannot use)");
  }
  plan->email = RoleChannel(*plan, {"email", "newsletter"}, {"Email"}, claimed);
  plan->ads = RoleChannel(*plan, {"paid", "ads", "retarget", "display"},
                          {"Paid Social", "Display", "Paid Search"}, claimed);
  plan->referral = RoleChannel(*plan, {"refer"}, {"Referral"}, claimed);
  Rng rng(seed);
  plan->weight_sum = 0;
  for (Channel& ch : plan->channels) {
    ch.weight *= rng.Range(0.75, 1.25);
    plan->weight_sum += ch.weight;
  }
  if (plan->weight_sum <= 0) {
    plan->channels[static_cast<size_t>(plan->direct)].weight = 1;
    plan->weight_sum = 1;
  }
  return Status::OK();
}

void AssignTemplateChannels(JourneyPlan* plan) {
  plan->template_channel.assign(plan->templates.size(), -1);
  for (size_t c = 0; c < plan->channels.size(); ++c) {
    for (int id : plan->channels[c].landing) {
      if (id >= 0) plan->template_channel[static_cast<size_t>(id)] = static_cast<int>(c);
    }
  }
  for (size_t t = 0; t < plan->templates.size(); ++t) {
    if (plan->template_channel[t] >= 0) continue;
    if (const std::string* claimer = ClaimingChannel(*plan->map, plan->templates[t].event)) {
      plan->template_channel[t] = FindChannel(*plan, *claimer);
    }
  }
}

}  // namespace winpath::sim
