// IdentityGraph: which ids (userIds, anonymousIds) belong to one person — union-find over id
// strings, resolved deterministically (docs/import.md#identity).
//
//   - A message carrying both a userId and an anonymousId links them (Link).
//   - alias links its previousId and its userId (Alias), even when both are userIds: alias is
//     an explicit instruction to merge.
//   - Two different userIds are never merged through a shared anonymousId (PostHog's rule, not
//     Segment's): an anonymousId belongs to the first userId it was linked to, by message time
//     (ties: the smaller userId); later links of it to other users are refused and counted.
//   - A person's key is its smallest userId, else its smallest anonymousId (byte order).
// Links are resolved in Resolve() in (time, kind, ids) order, so the result does not depend on
// the order in which messages arrived. Placeholder ids must be cleared by the caller
// (message_validator.h) and are never added.
//
// Thread-safety: not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ingest/string_interner.h"
#include "model/timestamp.h"

namespace winpath {

class IdentityGraph {
 public:
  // The node of `id` (added when new). `is_user`: the id was seen as a userId (sticky).
  uint32_t AddId(std::string_view id, bool is_user);
  // Marks a node as seen as a userId. REQUIRES: node from AddId.
  void MarkUser(uint32_t node) { is_user_[node] = 1; }

  // REQUIRES: nodes from AddId. Self-links are ignored. Only the earliest time of each pair
  // matters.
  void Link(uint32_t user, uint32_t anonymous, TimeMs time);
  void Alias(uint32_t previous, uint32_t user, TimeMs time);

  // Unions all links. After it: PersonOf / PersonKey / num_persons. Links added afterwards
  // need another Resolve().
  void Resolve();

  size_t num_ids() const { return ids_.size(); }
  // Dense person index of a node, in ascending order of person key.
  // REQUIRES: Resolve() was called after the node was added.
  uint32_t PersonOf(uint32_t node) const { return person_of_node_[node]; }
  const std::string& PersonKey(uint32_t person) const { return person_keys_[person]; }
  size_t num_persons() const { return person_keys_.size(); }
  std::string_view IdName(uint32_t node) const { return ids_.Get(node); }

  size_t links() const { return links_.size(); }
  // Links not applied because they would merge two different users.
  uint64_t refused_links() const { return refused_; }

 private:
  struct PendingLink {
    TimeMs time;
    uint32_t a, b;
    bool alias;
  };
  uint32_t Find(uint32_t x);
  void Union(uint32_t a, uint32_t b);
  void AddLink(uint32_t a, uint32_t b, TimeMs time, bool alias);
  std::vector<PendingLink> SortedLinks() const;

  StringInterner ids_;
  std::vector<uint8_t> is_user_;
  std::vector<uint32_t> parent_;
  std::vector<uint8_t> has_user_;                       // per root: the component holds a userId
  std::unordered_map<uint64_t, size_t> link_index_[2];  // [alias][a << 32 | b] -> links_ index
  std::vector<PendingLink> links_;
  std::vector<uint32_t> person_of_node_;
  std::vector<std::string> person_keys_;
  uint64_t refused_ = 0;
};

}  // namespace winpath
