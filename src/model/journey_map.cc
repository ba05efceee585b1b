#include "model/journey_map.h"

#include "model/channel_groups.h"

namespace winpath {

std::string_view MilestonePhaseName(MilestonePhase phase) {
  switch (phase) {
    case MilestonePhase::kPre: return "pre";
    case MilestonePhase::kCore: return "core";
    case MilestonePhase::kPost: return "post";
  }
  return "pre";
}

int JourneyMap::FindWin(std::string_view win_name) const {
  for (size_t i = 0; i < wins.size(); ++i) {
    if (wins[i].name == win_name) return static_cast<int>(i);
  }
  return -1;
}

int JourneyMap::FindMilestone(std::string_view milestone_name) const {
  for (size_t i = 0; i < milestones.size(); ++i) {
    if (milestones[i].name == milestone_name) return static_cast<int>(i);
  }
  return -1;
}

int JourneyMap::CoreMilestone() const {
  for (size_t i = 0; i < milestones.size(); ++i) {
    if (milestones[i].phase == MilestonePhase::kCore) return static_cast<int>(i);
  }
  return -1;
}

uint32_t JourneyMap::MatchMask(const RawEvent& event) const {
  uint32_t mask = 0;
  for (size_t i = 0; i < wins.size(); ++i) {
    if (wins[i].predicate.Matches(event)) mask |= 1u << win_bit(i);
  }
  for (size_t i = 0; i < milestones.size(); ++i) {
    if (milestones[i].predicate.Matches(event)) mask |= 1u << milestone_bit(i);
  }
  return mask;
}

std::optional<double> JourneyMap::EventValue(const RawEvent& event, uint32_t mask) const {
  auto read = [&](const std::string& prop) -> std::optional<double> {
    if (prop.empty()) return std::nullopt;
    const PropertyValue* v = event.FindProperty(prop);
    if (v == nullptr || !v->number) return std::nullopt;
    return v->number;
  };
  for (size_t i = 0; i < wins.size(); ++i) {
    if (mask & (1u << win_bit(i))) {
      if (auto v = read(wins[i].value_property)) return v;
    }
  }
  for (size_t i = 0; i < milestones.size(); ++i) {
    if (mask & (1u << milestone_bit(i))) {
      if (auto v = read(milestones[i].value_property)) return v;
    }
  }
  return std::nullopt;
}

std::vector<std::string> JourneyMap::ChannelNames() const {
  std::vector<std::string> names;
  auto add = [&](const std::string& n) {
    for (const std::string& have : names) {
      if (have == n) return;
    }
    names.push_back(n);
  };
  for (const ChannelRule& rule : channels) add(rule.channel);
  for (std::string_view group : kDefaultChannelGroups) add(std::string(group));
  return names;
}

std::vector<Win> DefaultWins() {
  std::vector<Win> wins(3);
  wins[0].name = "Buy";
  wins[0].predicate.events = {"purchase", "order_completed", "Order Completed"};
  wins[0].value_property = "revenue";
  wins[1].name = "Support";
  wins[1].predicate.events = {"support_article_viewed", "faq_viewed", "support_form_submitted",
                              "Support Article Viewed"};
  wins[2].name = "Register";
  wins[2].predicate.events = {"signed_up", "newsletter_subscribed", "Signed Up"};
  return wins;
}

}  // namespace winpath
