#include "analysis/paths.h"

#include <algorithm>
#include <cstring>

namespace winpath {
namespace {

// Marks the middle of a shortened path in a key; never a node id (event name ids < 65535).
constexpr uint32_t kEllipsisId = 0xFFFFFFFEu;

uint32_t IdAt(const std::string& key, size_t k) {
  uint32_t id;
  std::memcpy(&id, key.data() + 4 * k, 4);
  return id;
}

}  // namespace

std::string_view PathNodeKindName(PathNodeKind kind) {
  return kind == PathNodeKind::kEvent ? "event" : "channel";
}

PathsState::PathsState(std::shared_ptr<const PathsConfig> config) : config_(std::move(config)) {}

bool PathsState::Locate(const PersonView& person, size_t* begin, size_t* end,
                        bool* converted) const {
  const PathsConfig& c = *config_;
  const size_t size = person.size();
  if (size == 0) return false;
  size_t from = 0;  // index of the `from` event
  if (c.from) {
    StepCounter counter(*c.from);
    while (from < size && !counter.Feed(person.mask[from])) ++from;
    if (from == size) return false;
  }
  *begin = c.from ? from + 1 : 0;
  // The window limits the path only when it has a start; without `from` it is the history.
  const TimeMs start = person.time[from];
  auto in_window = [&](size_t i) { return !c.from || person.time[i] - start <= c.window; };
  *converted = false;
  *end = *begin;
  if (c.to) {
    // Occurrences of `to` count from the person's first event, before `from` too.
    StepCounter counter(*c.to);
    for (size_t i = 0; i < size; ++i) {
      const bool reached = counter.Feed(person.mask[i]);
      if (i < *begin || !reached) continue;
      if (in_window(i)) {
        *converted = true;
        *end = i;
      }
      break;
    }
  }
  if (!*converted) {
    while (*end < size && in_window(*end)) ++*end;
  }
  return true;
}

void PathsState::BuildKey(const PersonView& person, size_t begin, size_t end) {
  nodes_.clear();
  for (size_t i = begin; i < end; ++i) {
    const uint32_t node = PathNodeOf(person, i, config_->node);
    if (node == kNoPathNode || (!nodes_.empty() && nodes_.back() == node)) continue;
    nodes_.push_back(node);
  }
  const size_t max = static_cast<size_t>(config_->max_steps);
  if (nodes_.size() > max) {
    // First ceil(max/2) and last floor(max/2) steps around the ellipsis.
    const size_t head = (max + 1) / 2, tail = max / 2, size = nodes_.size();
    for (size_t k = 0; k < tail; ++k) nodes_[head + 1 + k] = nodes_[size - tail + k];
    nodes_[head] = kEllipsisId;
    nodes_.resize(head + 1 + tail);
  }
  key_.assign(reinterpret_cast<const char*>(nodes_.data()), nodes_.size() * 4);
}

void PathsState::Add(const PersonView& person) {
  size_t begin, end;
  bool converted;
  if (!Locate(person, &begin, &end, &converted)) return;
  BuildKey(person, begin, end);
  ++persons_;
  converted_ += converted;
  auto it = paths_.find(key_);
  if (it == paths_.end()) it = paths_.emplace(key_, Counts{}).first;
  ++it->second.persons;
  it->second.converted += converted;
}

void PathsState::Merge(const PathsState& other) {
  persons_ += other.persons_;
  converted_ += other.converted_;
  for (const auto& [key, counts] : other.paths_) {
    Counts& mine = paths_[key];
    mine.persons += counts.persons;
    mine.converted += counts.converted;
  }
}

bool PathsState::KeyLess(const std::string& a, const std::string& b) const {
  const size_t na = a.size() / 4, nb = b.size() / 4;
  for (size_t k = 0; k < std::min(na, nb); ++k) {
    const uint32_t x = IdAt(a, k), y = IdAt(b, k);
    if (x == y) continue;
    const std::string_view sx = x == kEllipsisId ? kPathEllipsis : config_->node_names[x];
    const std::string_view sy = y == kEllipsisId ? kPathEllipsis : config_->node_names[y];
    if (sx != sy) return sx < sy;
  }
  return na < nb;
}

PathRow PathsState::Decode(const std::string& key, const Counts& counts) const {
  PathRow row;
  for (size_t k = 0; k < key.size() / 4; ++k) {
    const uint32_t id = IdAt(key, k);
    if (id == kEllipsisId) {
      row.truncated = true;
      row.nodes.emplace_back(kPathEllipsis);
    } else {
      row.nodes.push_back(config_->node_names[id]);
    }
  }
  row.persons = counts.persons;
  row.converted = counts.converted;
  return row;
}

PathsResult PathsState::Finalize() const {
  const PathsConfig& c = *config_;
  PathsResult r;
  if (c.from) r.from = c.from->name;
  if (c.to) r.to = c.to->name;
  r.node = c.node;
  if (c.from) r.window = c.window;
  r.top = c.top;
  r.max_steps = c.max_steps;
  r.persons = persons_;
  r.converted = converted_;

  using Entry = std::pair<const std::string*, Counts>;
  std::vector<Entry> entries;
  entries.reserve(paths_.size());
  for (const auto& [key, counts] : paths_) entries.emplace_back(&key, counts);
  auto better = [&](const Entry& a, const Entry& b) {
    if (a.second.persons != b.second.persons) return a.second.persons > b.second.persons;
    if (a.second.converted != b.second.converted) return a.second.converted > b.second.converted;
    return KeyLess(*a.first, *b.first);
  };
  const size_t top = std::min(entries.size(), static_cast<size_t>(c.top));
  std::partial_sort(entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(top),
                    entries.end(), better);
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i < top) {
      r.paths.push_back(Decode(*entries[i].first, entries[i].second));
    } else {
      ++r.other_paths;
      r.other_persons += entries[i].second.persons;
      r.other_converted += entries[i].second.converted;
    }
  }
  return r;
}

}  // namespace winpath
