#include "ingest/identity_graph.h"

#include <algorithm>
#include <numeric>

namespace winpath {
namespace {

// The first 8 bytes of `text` as a big-endian integer, zero-padded: prefixes compare as the
// texts do, except that equal prefixes say nothing (compare the texts then).
uint64_t TextPrefix(std::string_view text) {
  uint64_t p = 0;
  for (size_t i = 0; i < 8; ++i) {
    p = p << 8 | (i < text.size() ? static_cast<unsigned char>(text[i]) : 0u);
  }
  return p;
}

}  // namespace

uint32_t IdentityGraph::AddId(std::string_view id, bool is_user) {
  uint32_t node = ids_.Intern(id);
  if (node == is_user_.size()) {
    is_user_.push_back(0);
    parent_.push_back(node);
  }
  if (is_user) is_user_[node] = 1;
  return node;
}

void IdentityGraph::AddLink(uint32_t a, uint32_t b, TimeMs time, bool alias) {
  if (a == b) return;
  uint64_t key = static_cast<uint64_t>(a) << 32 | b;
  auto [it, inserted] = link_index_[alias].try_emplace(key, links_.size());
  if (inserted) {
    links_.push_back({time, a, b, alias});
  } else {
    links_[it->second].time = std::min(links_[it->second].time, time);
  }
}

void IdentityGraph::Link(uint32_t user, uint32_t anonymous, TimeMs time) {
  AddLink(user, anonymous, time, false);
}

void IdentityGraph::Alias(uint32_t previous, uint32_t user, TimeMs time) {
  AddLink(previous, user, time, true);
}

uint32_t IdentityGraph::Find(uint32_t x) {
  while (parent_[x] != x) {
    parent_[x] = parent_[parent_[x]];
    x = parent_[x];
  }
  return x;
}

void IdentityGraph::Union(uint32_t a, uint32_t b) {
  uint32_t ra = Find(a), rb = Find(b);
  if (ra == rb) return;
  if (rb < ra) std::swap(ra, rb);
  parent_[rb] = ra;
  has_user_[ra] = has_user_[ra] | has_user_[rb];
}

std::vector<IdentityGraph::PendingLink> IdentityGraph::SortedLinks() const {
  std::vector<PendingLink> sorted = links_;
  // Implicit links (alias = false) sort before aliases at equal times; ids compare as text so
  // the order does not depend on node numbering (= arrival order).
  std::sort(sorted.begin(), sorted.end(), [&](const PendingLink& x, const PendingLink& y) {
    if (x.time != y.time) return x.time < y.time;
    if (x.alias != y.alias) return !x.alias;
    int c = ids_.Get(x.a).compare(ids_.Get(y.a));
    if (c != 0) return c < 0;
    return ids_.Get(x.b) < ids_.Get(y.b);
  });
  return sorted;
}

void IdentityGraph::Resolve() {
  const size_t n = parent_.size();
  std::iota(parent_.begin(), parent_.end(), 0u);
  has_user_.assign(is_user_.begin(), is_user_.end());
  refused_ = 0;
  for (const PendingLink& link : SortedLinks()) {
    uint32_t ra = Find(link.a), rb = Find(link.b);
    if (ra == rb) continue;
    // A userId-anonymousId link never pulls an anonymousId away from another user.
    if (!link.alias && has_user_[ra] && has_user_[rb]) {
      ++refused_;
      continue;
    }
    Union(ra, rb);
  }
  // Key of each component: its smallest userId, else its smallest id. Ids are compared by
  // their first 8 bytes as one big-endian integer first (the same order as comparing the
  // text), and as text only on a tie: a text comparison reads two strings scattered over the
  // interner's arena, and had been most of the import's serial end.
  std::vector<uint64_t> prefix(n);
  for (uint32_t v = 0; v < n; ++v) prefix[v] = TextPrefix(ids_.Get(v));
  auto id_less = [&](uint32_t x, uint32_t y) {
    if (prefix[x] != prefix[y]) return prefix[x] < prefix[y];
    return ids_.Get(x) < ids_.Get(y);
  };
  std::vector<uint32_t> best(n, UINT32_MAX);
  for (uint32_t v = 0; v < n; ++v) {
    uint32_t r = Find(v);
    uint32_t& b = best[r];
    bool better = b == UINT32_MAX || (is_user_[v] && !is_user_[b]) ||
                  (is_user_[v] == is_user_[b] && id_less(v, b));
    if (better) b = v;
  }
  // Roots by their key, each paired with the key's prefix so the sort reads no other memory
  // unless two prefixes tie.
  struct Root {
    uint64_t prefix;
    uint32_t key, root;
  };
  std::vector<Root> roots;
  for (uint32_t v = 0; v < n; ++v) {
    if (parent_[v] == v) roots.push_back({prefix[best[v]], best[v], v});
  }
  std::sort(roots.begin(), roots.end(), [&](const Root& x, const Root& y) {
    if (x.prefix != y.prefix) return x.prefix < y.prefix;
    return ids_.Get(x.key) < ids_.Get(y.key);
  });
  std::vector<uint32_t> person_of_root(n, 0);
  person_keys_.clear();
  person_keys_.reserve(roots.size());
  for (uint32_t i = 0; i < roots.size(); ++i) {
    person_of_root[roots[i].root] = i;
    person_keys_.emplace_back(ids_.Get(roots[i].key));
  }
  person_of_node_.resize(n);
  for (uint32_t v = 0; v < n; ++v) person_of_node_[v] = person_of_root[Find(v)];
}

}  // namespace winpath
