#include "analysis/paths_flow.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <tuple>

namespace winpath {
namespace {

// Bucket ids of a step's node, besides real node ids (event name ids < 65535, channel ids
// < 256).
constexpr uint32_t kAnchorId = 0xFFFFFFFCu;
constexpr uint32_t kOtherId = 0xFFFFFFFDu;
constexpr uint32_t kDropOffId = kNoPathNode;

uint32_t IdAt(const std::string& key, size_t k) {
  uint32_t id;
  std::memcpy(&id, key.data() + 4 * k, 4);
  return id;
}

void AppendId(std::string* key, uint32_t id) {
  char bytes[4];
  std::memcpy(bytes, &id, 4);
  key->append(bytes, 4);
}

}  // namespace

std::string_view FlowNodeKindName(FlowNodeKind kind) {
  switch (kind) {
    case FlowNodeKind::kAnchor: return "anchor";
    case FlowNodeKind::kNode: return "node";
    case FlowNodeKind::kOther: return "other";
    case FlowNodeKind::kDropOff: return "drop-off";
  }
  return "node";
}

FlowState::FlowState(std::shared_ptr<const FlowConfig> config) : config_(std::move(config)) {}

int64_t FlowState::FindAnchor(const PersonView& person) const {
  const size_t size = person.size();
  if (config_->anchor_step) {
    StepCounter counter(*config_->anchor_step);
    for (size_t i = 0; i < size; ++i) {
      if (counter.Feed(person.mask[i])) return static_cast<int64_t>(i);
    }
    return -1;
  }
  for (size_t i = 0; i < size; ++i) {
    if (person.name[i] == config_->anchor_event) return static_cast<int64_t>(i);
  }
  return -1;
}

void FlowState::Add(const PersonView& person) {
  const int64_t anchor = FindAnchor(person);
  if (anchor < 0) return;
  ++persons_;
  const FlowConfig& c = *config_;
  key_.clear();
  int count = 0;
  uint32_t last = kNoPathNode;
  auto take = [&](size_t i) {
    const uint32_t node = PathNodeOf(person, i, c.node);
    if (node == kNoPathNode || node == last) return;
    AppendId(&key_, node);
    last = node;
    ++count;
  };
  if (c.previous) {
    for (size_t i = static_cast<size_t>(anchor); i-- > 0 && count < c.depth;) take(i);
  } else {
    for (size_t i = static_cast<size_t>(anchor) + 1; i < person.size() && count < c.depth; ++i) {
      take(i);
    }
  }
  for (; count < c.depth; ++count) AppendId(&key_, kDropOffId);
  auto it = sequences_.find(key_);
  if (it == sequences_.end()) it = sequences_.emplace(key_, 0).first;
  ++it->second;
}

void FlowState::Merge(const FlowState& other) {
  persons_ += other.persons_;
  for (const auto& [key, n] : other.sequences_) sequences_[key] += n;
}

std::vector<std::vector<uint32_t>> FlowState::StepOrders() const {
  const FlowConfig& c = *config_;
  const size_t depth = static_cast<size_t>(c.depth);
  std::vector<std::vector<uint32_t>> orders(depth + 1);
  orders[0] = {kAnchorId};
  for (size_t step = 1; step <= depth; ++step) {
    std::unordered_map<uint32_t, int64_t> count;
    for (const auto& [key, n] : sequences_) {
      const uint32_t id = IdAt(key, step - 1);
      if (id != kDropOffId) count[id] += n;
    }
    std::vector<std::pair<uint32_t, int64_t>> ranked(count.begin(), count.end());
    std::sort(ranked.begin(), ranked.end(), [&](const auto& a, const auto& b) {
      if (a.second != b.second) return a.second > b.second;
      return c.node_names[a.first] < c.node_names[b.first];
    });
    ranked.resize(std::min(ranked.size(), static_cast<size_t>(c.width)));
    for (const auto& [id, n] : ranked) orders[step].push_back(id);
    orders[step].push_back(kOtherId);
    orders[step].push_back(kDropOffId);
  }
  return orders;
}

FlowResult FlowState::Finalize() const {
  const FlowConfig& c = *config_;
  FlowResult r;
  r.anchor = c.anchor;
  r.previous = c.previous;
  r.node = c.node;
  r.depth = c.depth;
  r.width = c.width;
  r.persons = persons_;
  const std::vector<std::vector<uint32_t>> orders = StepOrders();
  const size_t steps = orders.size();
  // position[step][id]: index in the step's order; real nodes outside the top are "other".
  std::vector<std::unordered_map<uint32_t, size_t>> position(steps);
  for (size_t s = 0; s < steps; ++s) {
    for (size_t k = 0; k < orders[s].size(); ++k) position[s][orders[s][k]] = k;
  }
  auto slot = [&](size_t step, uint32_t id) {
    auto it = position[step].find(id);
    return it != position[step].end() ? it->second : position[step].at(kOtherId);
  };
  std::vector<std::vector<int64_t>> nodes(steps);
  for (size_t s = 0; s < steps; ++s) nodes[s].assign(orders[s].size(), 0);
  nodes[0][0] = persons_;
  std::map<std::tuple<size_t, size_t, size_t>, int64_t> links;  // (step, source, target slot)
  for (const auto& [key, n] : sequences_) {
    size_t prev = 0;
    for (size_t s = 1; s < steps; ++s) {
      const size_t k = slot(s, IdAt(key, s - 1));
      nodes[s][k] += n;
      links[{s - 1, prev, k}] += n;
      prev = k;
    }
  }
  r.steps.resize(steps);
  for (size_t s = 0; s < steps; ++s) {
    for (size_t k = 0; k < orders[s].size(); ++k) {
      const uint32_t id = orders[s][k];
      if (nodes[s][k] > 0) r.steps[s].push_back({NameOf(id), KindOf(id), nodes[s][k]});
    }
  }
  for (const auto& [at, n] : links) {
    const auto& [s, source, target] = at;
    const uint32_t from = orders[s][source], to = orders[s + 1][target];
    r.links.push_back({static_cast<int>(s), NameOf(from), KindOf(from), NameOf(to), KindOf(to), n});
  }
  return r;
}

std::string FlowState::NameOf(uint32_t id) const {
  if (id == kAnchorId) return config_->anchor;
  if (id == kOtherId) return "other";
  if (id == kDropOffId) return "drop-off";
  return config_->node_names[id];
}

FlowNodeKind FlowState::KindOf(uint32_t id) {
  if (id == kAnchorId) return FlowNodeKind::kAnchor;
  if (id == kOtherId) return FlowNodeKind::kOther;
  if (id == kDropOffId) return FlowNodeKind::kDropOff;
  return FlowNodeKind::kNode;
}

}  // namespace winpath
