// Paths between milestones: for every person who reached `from`, the sequence of touchpoints
// (channels) or events after it, up to the first `to` event (converted) or the end of the
// window (not converted), with consecutive repeats collapsed and long paths shortened to their
// first and last steps; the top N sequences by persons, with the persons and the share of them
// who converted, and one "other paths" row so the rows add up to every person.
// Exact semantics: docs/analyses/paths.md.
//
// PathsState is an analysis kernel (kernel.h): Add / Merge / Finalize into a PathsResult that
// carries names, not ids.
//
// Cost: Add is one pass over the person's events plus one hash-map lookup; no allocation
// unless the path is new. Memory: one entry per distinct (shortened) path.
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
#include "model/person_view.h"
#include "model/timestamp.h"

namespace winpath {

// What a path node is: the channel of a touch (events without a channel are skipped) or the
// name of any event.
enum class PathNodeKind : uint8_t { kChannel = 0, kEvent = 1 };

// "channel", "event".
std::string_view PathNodeKindName(PathNodeKind kind);

// The node of event i, or kNoPathNode when the event has none (a non-touch for kChannel).
inline constexpr uint32_t kNoPathNode = 0xFFFFFFFFu;
inline uint32_t PathNodeOf(const PersonView& person, size_t i, PathNodeKind kind) {
  if (kind == PathNodeKind::kEvent) return person.name[i];
  return person.channel[i] == kNoChannel ? kNoPathNode : person.channel[i];
}

// The text shown in place of the middle of a shortened path.
inline constexpr std::string_view kPathEllipsis = "…";

struct PathsConfig {
  std::optional<JourneyStep> from;  // REQUIRES: from or to (or both)
  std::optional<JourneyStep> to;
  PathNodeKind node = PathNodeKind::kChannel;
  TimeMs window = 30 * kMsPerDay;  // from the `from` event; unused without `from`. REQUIRES: > 0
  int top = 10;                    // REQUIRES: >= 1
  int max_steps = 6;               // REQUIRES: >= 1
  // Name of node id k: for kChannel, channel id c is node_names[c] (node_names[0] unused);
  // for kEvent, event name id k.
  std::vector<std::string> node_names;
};

struct PathRow {
  // Node names; a shortened path has kPathEllipsis between its first and last steps.
  std::vector<std::string> nodes;
  bool truncated = false;
  int64_t persons = 0;
  int64_t converted = 0;  // 0 without `to`
  bool operator==(const PathRow&) const = default;
};

struct PathsResult {
  std::string from, to;      // "" when not given
  double confidence = 0.95;  // of the conversion shares' Wilson intervals (set by the query)
  PathNodeKind node = PathNodeKind::kChannel;
  std::optional<TimeMs> window;  // none without `from`
  int top = 0, max_steps = 0;
  int64_t persons = 0;         // persons on a path: reached `from` (or, without `from`, any person)
  int64_t converted = 0;       // of them, persons who reached `to` (0 without `to`)
  std::vector<PathRow> paths;  // top paths: persons desc, converted desc, then nodes
  int64_t other_paths = 0;     // distinct paths not in `paths`, and their persons
  int64_t other_persons = 0;
  int64_t other_converted = 0;
  bool operator==(const PathsResult&) const = default;
};

class PathsState {
 public:
  // REQUIRES: config satisfies the REQUIRES of PathsConfig (the query layer checks them).
  explicit PathsState(std::shared_ptr<const PathsConfig> config);

  void Add(const PersonView& person);
  // REQUIRES: `other` was built from the same config.
  void Merge(const PathsState& other);
  PathsResult Finalize() const;

 private:
  struct Counts {
    int64_t persons = 0;
    int64_t converted = 0;
  };

  // Finds the span of path events and whether the person converted; false when the person is
  // not on a path (never reached `from`).
  bool Locate(const PersonView& person, size_t* begin, size_t* end, bool* converted) const;
  void BuildKey(const PersonView& person, size_t begin, size_t end);
  bool KeyLess(const std::string& a, const std::string& b) const;
  PathRow Decode(const std::string& key, const Counts& counts) const;

  std::shared_ptr<const PathsConfig> config_;
  int64_t persons_ = 0;
  int64_t converted_ = 0;
  std::unordered_map<std::string, Counts> paths_;  // key: the nodes as 4-byte ids
  std::vector<uint32_t> nodes_;                    // per-person scratch
  std::string key_;                                // per-person scratch
};

}  // namespace winpath
