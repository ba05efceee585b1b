// Flow (Sankey): from each person's first occurrence of an anchor (an event name, a milestone
// or a win), the next — or previous — `depth` nodes (event names or touch channels, consecutive
// repeats collapsed), as Sankey nodes per step and links between consecutive steps. At each
// step the nodes outside the top `width` become "other", and persons with no further node go to
// "drop-off" and stay there, so every step's nodes add up to the persons at the anchor.
// Exact semantics: docs/analyses/paths.md#flow.
//
// FlowState is an analysis kernel (kernel.h): Add / Merge / Finalize into a FlowResult that
// carries names, not ids.
//
// Cost: Add is one pass over the person's events up to the anchor plus `depth` nodes, and one
// hash-map lookup. Memory: one entry per distinct sequence of `depth` nodes.
//
// Thread-safety: a state is used by one thread at a time; the config is shared read-only.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/funnel_step.h"
#include "analysis/paths.h"
#include "model/person_view.h"

namespace winpath {

enum class FlowNodeKind : uint8_t {
  kAnchor = 0,   // step 0
  kNode = 1,     // an event name or channel among the step's top `width`
  kOther = 2,    // every other node at that step
  kDropOff = 3,  // no further node (the person's events ended before this step)
};

// "anchor", "node", "other", "drop-off".
std::string_view FlowNodeKindName(FlowNodeKind kind);

struct FlowConfig {
  std::string anchor;                      // display name of step 0
  std::optional<JourneyStep> anchor_step;  // the anchor is a milestone or win, or
  int anchor_event = -1;                   // an event name id (exactly one of the two is set)
  bool previous = false;                   // false: next steps; true: previous steps
  int depth = 3;                           // REQUIRES: >= 1
  int width = 8;                           // REQUIRES: >= 1
  PathNodeKind node = PathNodeKind::kEvent;
  std::vector<std::string> node_names;  // as PathsConfig::node_names
};

struct FlowNode {
  std::string name;  // "other" / "drop-off" for those kinds
  FlowNodeKind kind = FlowNodeKind::kNode;
  int64_t persons = 0;
  bool operator==(const FlowNode&) const = default;
};

// Persons who were at `source` on step `step` and at `target` on step `step` + 1.
struct FlowLink {
  int step = 0;
  std::string source;
  FlowNodeKind source_kind = FlowNodeKind::kNode;
  std::string target;
  FlowNodeKind target_kind = FlowNodeKind::kNode;
  int64_t persons = 0;
  bool operator==(const FlowLink&) const = default;
};

struct FlowResult {
  std::string anchor;
  bool previous = false;
  PathNodeKind node = PathNodeKind::kEvent;
  int depth = 0, width = 0;
  int64_t persons = 0;  // persons who reached the anchor
  // steps[0] is the anchor; steps[i] the nodes i steps away: top nodes (persons desc, then
  // name), then "other", then "drop-off", each only when it has persons.
  std::vector<std::vector<FlowNode>> steps;
  std::vector<FlowLink> links;  // by step, then source and target in step order
  bool operator==(const FlowResult&) const = default;
};

class FlowState {
 public:
  // REQUIRES: config satisfies the REQUIRES of FlowConfig (the query layer checks them).
  explicit FlowState(std::shared_ptr<const FlowConfig> config);

  void Add(const PersonView& person);
  // REQUIRES: `other` was built from the same config.
  void Merge(const FlowState& other);
  FlowResult Finalize() const;

 private:
  // Index of the person's first anchor event, or -1.
  int64_t FindAnchor(const PersonView& person) const;
  // Per step, the bucket ids in display order: step 0 the anchor; step i the top `width` node
  // ids (persons desc, then name), then "other", then "drop-off".
  std::vector<std::vector<uint32_t>> StepOrders() const;
  std::string NameOf(uint32_t id) const;
  static FlowNodeKind KindOf(uint32_t id);

  std::shared_ptr<const FlowConfig> config_;
  int64_t persons_ = 0;
  // Key: `depth` node ids of 4 bytes each, kNoPathNode for drop-off.
  std::unordered_map<std::string, int64_t> sequences_;
  std::string key_;  // per-person scratch
};

}  // namespace winpath
