#include "analysis/markov_chain.h"

#include <algorithm>

#include "base/check.h"

namespace winpath {
namespace {

// Open-addressing map from non-zero 64-bit keys to int32 ids, assigned 0, 1, 2, ... in order of
// first insertion. The build does two look-ups per touch, so this is the hot path: linear
// probing over one flat array, no allocation per look-up.
class IdMap {
 public:
  IdMap() : slots_(1024) {}

  // The id of `key`, inserting it with id size() when absent. REQUIRES: key != 0.
  int32_t Intern(uint64_t key, bool* inserted) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    size_t mask = slots_.size() - 1;
    for (size_t i = Hash(key) & mask;; i = (i + 1) & mask) {
      if (slots_[i].key == key) {
        *inserted = false;
        return slots_[i].id;
      }
      if (slots_[i].key == 0) {
        slots_[i] = {key, static_cast<int32_t>(size_)};
        *inserted = true;
        return static_cast<int32_t>(size_++);
      }
    }
  }
  size_t size() const { return size_; }

 private:
  struct Slot {
    uint64_t key = 0;
    int32_t id = 0;
  };
  static uint64_t Hash(uint64_t x) {  // splitmix64 finalizer: keys are dense small integers
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
  }
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.size() * 2, Slot{});
    size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.key == 0) continue;
      size_t i = Hash(s.key) & mask;
      while (slots_[i].key != 0) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  size_t size_ = 0;
};

struct Builder {
  explicit Builder(const MarkovChainOptions& o)
      : window_mask(o.order >= 4 ? ~0ULL : (1ULL << (16 * o.order)) - 1),
        collapse(o.collapse_repeats) {
    chain.order = o.order;
    chain.collapse_repeats = o.collapse_repeats;
    AddState(0);
  }

  void AddState(uint64_t key) {
    chain.key.push_back(key);
    chain.conversions.push_back(0);
    chain.nulls.push_back(0);
    chain.value.push_back(0);
  }

  // Adds `count` to the transition from -> to; false on overflow.
  bool AddEdge(int32_t from, int32_t to, int64_t count) {
    bool inserted = false;
    // State ids start at 0, so +1 keeps the key non-zero.
    uint64_t k = (static_cast<uint64_t>(from) << 32 | static_cast<uint32_t>(to)) + 1;
    int32_t e = edges.Intern(k, &inserted);
    if (inserted) {
      from_of.push_back(from);
      to_of.push_back(to);
      count_of.push_back(0);
    }
    return !__builtin_add_overflow(count_of[e], count, &count_of[e]);
  }

  bool AddPath(const JourneyPath& p, int64_t weight) {
    uint64_t key = 0;
    int32_t state = MarkovChain::kStart;
    int prev = -1;
    for (uint16_t c : p.channels) {
      if (collapse && c == prev) continue;
      prev = c;
      key = ((key << 16) | (static_cast<uint64_t>(c) + 1)) & window_mask;
      bool inserted = false;
      int32_t next = states.Intern(key, &inserted);
      if (inserted) AddState(key);
      if (!AddEdge(state, next + 1, weight)) return false;
      state = next + 1;  // the start state is 0 and not in the map
    }
    chain.value[state] += p.value;
    return !__builtin_add_overflow(chain.conversions[state], p.conversions,
                                   &chain.conversions[state]) &&
           !__builtin_add_overflow(chain.nulls[state], p.nulls, &chain.nulls[state]);
  }

  // Groups the transitions by source (a stable counting sort) and totals each state's exits.
  bool Finish() {
    const size_t n = chain.key.size();
    chain.edge_begin.assign(n + 1, 0);
    for (int32_t f : from_of) ++chain.edge_begin[f + 1];
    for (size_t s = 0; s < n; ++s) chain.edge_begin[s + 1] += chain.edge_begin[s];
    std::vector<int32_t> fill(chain.edge_begin.begin(), chain.edge_begin.end() - 1);
    chain.edge_target.resize(from_of.size());
    chain.edge_count.resize(from_of.size());
    for (size_t e = 0; e < from_of.size(); ++e) {
      int32_t at = fill[from_of[e]]++;
      chain.edge_target[at] = to_of[e];
      chain.edge_count[at] = count_of[e];
    }
    chain.out.assign(n, 0);
    for (size_t s = 0; s < n; ++s) {
      int64_t total = 0;
      if (__builtin_add_overflow(chain.conversions[s], chain.nulls[s], &total)) return false;
      for (int32_t e = chain.edge_begin[s]; e < chain.edge_begin[s + 1]; ++e) {
        if (__builtin_add_overflow(total, chain.edge_count[e], &total)) return false;
      }
      chain.out[s] = total;
    }
    return true;
  }

  const uint64_t window_mask;
  const bool collapse;
  MarkovChain chain;
  IdMap states;
  IdMap edges;
  std::vector<int32_t> from_of, to_of;
  std::vector<int64_t> count_of;
};

Status Overflow() {
  return Status::OutOfRange("journey counts overflow a 64-bit integer; expected smaller counts");
}

}  // namespace

std::vector<uint16_t> MarkovChain::StateChannels(int32_t s) const {
  std::vector<uint16_t> channels;
  for (uint64_t k = key[s]; k != 0; k >>= 16) {
    channels.push_back(static_cast<uint16_t>((k & 0xffff) - 1));
  }
  std::reverse(channels.begin(), channels.end());
  return channels;
}

std::string MarkovChain::StateName(int32_t s, const std::vector<std::string>& names) const {
  if (s == kStart) return "(start)";
  std::string name;
  for (uint16_t c : StateChannels(s)) {
    if (!name.empty()) name += " > ";
    name += names[c];
  }
  return name;
}

Result<MarkovChain> BuildMarkovChain(const PathTable& table, const MarkovChainOptions& options) {
  WINPATH_CHECK(options.order >= 1 && options.order <= kMarkovMaxOrder);
  WINPATH_RETURN_IF_ERROR(ValidatePathTable(table));
  // A slot holds channel + 1 in 16 bits, so the last index must be <= 65534.
  if (table.channel_names.size() > 65535) {
    return Status::InvalidArgument("a Markov model takes at most 65,535 channels; the table has " +
                                   std::to_string(table.channel_names.size()));
  }
  Builder b(options);
  MarkovChain& chain = b.chain;
  for (const JourneyPath& p : table.paths) {
    int64_t weight = 0;
    if (__builtin_add_overflow(p.conversions, p.nulls, &weight)) return Overflow();
    if (weight == 0) continue;
    if (!b.AddPath(p, weight)) return Overflow();
    if (__builtin_add_overflow(chain.journeys, weight, &chain.journeys) ||
        __builtin_add_overflow(chain.total_conversions, p.conversions, &chain.total_conversions) ||
        __builtin_add_overflow(chain.total_nulls, p.nulls, &chain.total_nulls)) {
      return Overflow();
    }
    chain.total_value += p.value;
  }
  if (!b.Finish()) return Overflow();
  return std::move(b.chain);
}

}  // namespace winpath
