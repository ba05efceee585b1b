#include "ingest/event_collector.h"

#include <algorithm>
#include <exception>

#include "ingest/channel_assigner.h"
#include "platform/parallel.h"

namespace winpath {
namespace {

// How many rows ahead WritePerson prefetches: enough to cover a miss at a few ns per row.
constexpr std::ptrdiff_t kRowsAhead = 16;

constexpr size_t kMaxDimensionValues = 65535;

// Stable insertion sort: persons have few events, and std::stable_sort allocates per call.
template <typename Less>
void SmallStableSort(uint32_t* first, uint32_t* last, Less less) {
  for (uint32_t* i = first + 1; i < last; ++i) {
    uint32_t x = *i;
    uint32_t* j = i;
    while (j > first && less(x, *(j - 1))) {
      *j = *(j - 1);
      --j;
    }
    *j = x;
  }
}

}  // namespace

EventCollector::EventCollector(const JourneyMap& map, ImportStats* stats, RejectsWriter* rejects)
    : map_(map),
      stats_(stats),
      rejects_(rejects),
      num_dimensions_(map.dimensions.size()),
      dimension_values_(map.dimensions.size()) {
  for (StringInterner& d : dimension_values_) d.Intern("");
}

uint16_t EventCollector::DimensionCode(size_t d, std::string_view value) {
  StringInterner& values = dimension_values_[d];
  uint32_t code = values.Find(value);
  if (code != UINT32_MAX) return static_cast<uint16_t>(code);
  // Past 65535 distinct values the rest share one code, as in EventTableBuilder.
  if (values.size() >= kMaxDimensionValues) return static_cast<uint16_t>(values.Intern("(other)"));
  return static_cast<uint16_t>(values.Intern(value));
}

void EventCollector::MapNewLocalIds(const EncodedChunk& chunk, LocalIdMaps* maps) {
  for (std::string_view id : chunk.new_ids) maps->ids.push_back(graph_.AddId(id, false));
  for (std::string_view name : chunk.new_names) maps->names.push_back(names_.Intern(name));
  if (maps->dimensions.size() != num_dimensions_) {
    maps->dimensions.assign(num_dimensions_, std::vector<uint16_t>{0});  // local 0 = "" = 0
  }
  for (size_t d = 0; d < num_dimensions_ && d < chunk.new_dimension_values.size(); ++d) {
    for (std::string_view v : chunk.new_dimension_values[d]) {
      maps->dimensions[d].push_back(DimensionCode(d, v));
    }
  }
}

Status EventCollector::Merge(EncodedChunk& chunk, LocalIdMaps* maps, const std::string& file,
                             uint64_t line_base) {
  MapNewLocalIds(chunk, maps);
  ImportStats& s = *stats_;
  size_t vi = 0, di = 0;
  const EncodedRow* rows = chunk.rows.data();
  for (size_t r = 0; r < chunk.rows.size(); ++r) {
    const EncodedRow& row = rows[r];
    // The id set is far larger than the caches; fetch the slot a few rows ahead.
    if (r + 8 < chunk.rows.size()) seen_.Prefetch(rows[r + 8].message_hash);
    const double* value = (row.bits & kRowHasValue) ? &chunk.values[vi++] : nullptr;
    const uint32_t* dims = chunk.dimension_codes.data() + di;
    if (row.kind == RowKind::kEvent) di += num_dimensions_;
    ++s.read;
    if ((row.bits & kRowHasMessageId) && !seen_.Insert(row.message_hash)) {
      ++s.duplicates;
      continue;
    }
    ++s.imported;
    AddIdentity(row, *maps);
    if (row.kind != RowKind::kEvent) {
      ++(row.kind == RowKind::kIdentify ? s.identifies : s.aliases);
      continue;
    }
    ++s.events;
    const uint32_t node = maps->ids[row.user != kNoLocalId ? row.user : row.other];
    uint32_t slot = kNoValue;
    if (value != nullptr) {
      slot = static_cast<uint32_t>(values_.size());
      values_.push_back(*value);
      value_nodes_.push_back(node);
    }
    events_.push_back({row.time, node, row.mask, slot, maps->names[row.name]});
    channels_.push_back(row.channel);
    flags_.push_back(row.flags);
    for (size_t d = 0; d < num_dimensions_; ++d) {
      dimension_codes_.push_back(maps->dimensions[d][dims[d]]);
    }
  }
  Status status = TakeRejects(chunk, file, line_base);
  chunk.Clear();
  return status;
}

Status EventCollector::TakeRejects(EncodedChunk& chunk, const std::string& file,
                                   uint64_t line_base) {
  ImportStats& s = *stats_;
  Status status;
  for (EncodedReject& r : chunk.rejects) {
    ++s.read;
    ++s.rejected;
    ++s.rejects_by_reason[std::string(RejectReasonName(r.reject.reason))];
    r.reject.line += line_base;
    if (status.ok()) status = rejects_->Write(file, r.reject, r.raw);
  }
  return status;
}

// Only imported messages get here: a duplicate neither marks a userId nor links two ids, as
// the first occurrence alone decides what a messageId says.
void EventCollector::AddIdentity(const EncodedRow& row, const LocalIdMaps& maps) {
  if (row.user == kNoLocalId) return;  // an anonymous event links nothing
  const uint32_t user = maps.ids[row.user];
  graph_.MarkUser(user);
  if (row.other == kNoLocalId) return;
  const uint32_t other = maps.ids[row.other];
  if (other == user) return;
  if (row.kind == RowKind::kAlias) {
    links_[1].Add(other, user, row.time);
  } else {
    links_[0].Add(user, other, row.time);
  }
}

// Reserving maps address space; pages are faulted in only as rows are written, so a guess
// too high costs no memory. The messageId set is left to grow: it is written all over by
// random inserts, so room reserved for messages that never come would be memory.
void EventCollector::Reserve(uint64_t messages) {
  try {
    const size_t n = events_.size() + static_cast<size_t>(messages);
    events_.reserve(n);
    channels_.reserve(n);
    flags_.reserve(n);
    dimension_codes_.reserve(n * num_dimensions_);
  } catch (const std::exception&) {
    // An estimate the OS will not map (length_error, bad_alloc): the buffers grow as needed.
  }
}

// Event indexes grouped by person (persons in key order), each person's sorted by time with
// ties in input order.
HugeVector<uint32_t> EventCollector::SortedOrder(std::vector<uint64_t>* person_begin,
                                                 int threads) const {
  const size_t persons = graph_.num_persons();
  std::vector<uint64_t>& begin = *person_begin;
  begin.assign(persons + 1, 0);
  for (const Event& e : events_) ++begin[graph_.PersonOf(e.node) + 1];
  for (size_t p = 0; p < persons; ++p) begin[p + 1] += begin[p];
  HugeVector<uint32_t> order(events_.size());
  std::vector<uint64_t> next(begin.begin(), begin.end() - 1);
  for (uint32_t i = 0; i < events_.size(); ++i) {
    order[next[graph_.PersonOf(events_[i].node)]++] = i;
  }
  auto by_time = [&](uint32_t a, uint32_t b) { return events_[a].time < events_[b].time; };
  ParallelRanges(persons, threads, [&](int, size_t from, size_t to) {
    for (size_t p = from; p < to; ++p) {
      uint32_t* first = order.data() + begin[p];
      uint32_t* last = order.data() + begin[p + 1];
      if (last - first <= 32) {
        SmallStableSort(first, last, by_time);
      } else if (!std::is_sorted(first, last, by_time)) {
        std::stable_sort(first, last, by_time);
      }
    }
  });
  return order;
}

Result<Dictionary> EventCollector::EventNames() const {
  if (names_.size() > 65535) {
    return Status::ResourceExhausted(
        std::to_string(names_.size()) +
        " distinct event names; the engine encodes names in 16 bits (at most 65535)");
  }
  Dictionary names;
  for (uint32_t i = 0; i < names_.size(); ++i) names.Intern(names_.Get(i));
  return names;
}

// Writes the events order[first, last) of one person to the columns at `out` (its values at
// `value_out`), then marks its sessions and Direct touches. Persons write disjoint ranges, so
// several threads may call it at once.
void EventCollector::WritePerson(const uint32_t* first, const uint32_t* last,
                                 const uint32_t* order_end, size_t out, size_t value_out,
                                 uint8_t direct_channel, EventColumns* c) const {
  const size_t dims = num_dimensions_;
  const size_t begin = out;
  for (const uint32_t* k = first; k != last; ++k, ++out) {
    // A person's rows lie wherever their messages were in the input, so every read below is a
    // cache miss; asking for the rows a few events ahead (into the next persons' too) lets the
    // misses overlap. They had been a tenth of the import.
    if (order_end - k > kRowsAhead) {
      const uint32_t ahead = k[kRowsAhead];
      __builtin_prefetch(&events_[ahead]);
      __builtin_prefetch(&channels_[ahead]);
      __builtin_prefetch(&flags_[ahead]);
      if (dims > 0) __builtin_prefetch(&dimension_codes_[size_t{ahead} * dims]);
    }
    const uint32_t i = *k;
    const Event& e = events_[i];
    c->time[out] = e.time;
    c->name[out] = static_cast<uint16_t>(e.name);
    c->channel[out] = channels_[i];
    c->flags[out] = flags_[i];
    c->mask[out] = e.mask;
    if (e.value_slot != kNoValue) {
      c->value_pos[value_out] = static_cast<uint32_t>(out - begin);
      c->value_amount[value_out++] = values_[e.value_slot];
    }
    for (size_t d = 0; d < dims; ++d) {
      c->dimension[d][out] = dimension_codes_[size_t{i} * dims + d];
    }
  }
  const size_t len = out - begin;
  MarkSessions(std::span<const TimeMs>(c->time).subspan(begin, len),
               std::span<uint8_t>(c->flags).subspan(begin, len),
               std::span<uint8_t>(c->channel).subspan(begin, len), map_.windows.session_timeout,
               direct_channel);
}

// The person index of the table (persons with events only) and, per such person, where its
// values start.
void EventCollector::Offsets(const std::vector<uint64_t>& begin, std::vector<uint32_t>* persons,
                             EventColumns* c) const {
  std::vector<uint32_t> values_of(begin.size(), 0);
  for (uint32_t node : value_nodes_) ++values_of[graph_.PersonOf(node)];
  c->person_begin = {0};
  c->value_begin = {0};
  for (size_t p = 0; p + 1 < begin.size(); ++p) {
    if (begin[p] == begin[p + 1]) continue;  // a person known only from identify/alias
    persons->push_back(static_cast<uint32_t>(p));
    c->person_begin.push_back(begin[p + 1]);
    c->value_begin.push_back(c->value_begin.back() + values_of[p]);
  }
}

Result<EventTable> EventCollector::Build(int threads) {
  if (events_.size() >= UINT32_MAX) {
    return Status::ResourceExhausted("more than 2^32 events in one import; split the input");
  }
  WINPATH_ASSIGN_OR_RETURN(Dictionary names, EventNames());
  seen_.Clear();  // no message comes after Build: a GB less at the peak
  const size_t n = events_.size();
  EventColumns c;
  std::vector<uint64_t> begin;
  HugeVector<uint32_t> order;
  // The columns are ~16 bytes per event of fresh memory, whose zero-fill is slow (every page
  // is faulted in as it is written): a second of a 50M-event import. With a second thread
  // they are allocated while this one resolves identities and orders the events.
  ParallelRanges(2, std::min(threads, 2), [&](int, size_t from, size_t to) {
    for (size_t task = from; task < to; ++task) {
      if (task == 1) {
        c.time.resize(n);
        c.name.resize(n);
        c.channel.resize(n);
        c.flags.resize(n);
        c.mask.resize(n);
        c.value_pos.resize(values_.size());
        c.value_amount.resize(values_.size());
        c.dimension.assign(num_dimensions_, std::vector<uint16_t>(n));
        continue;
      }
      for (const LinkTable::Link& l : links_[0].slots()) {
        if (l.used) graph_.Link(l.a, l.b, l.time);
      }
      for (const LinkTable::Link& l : links_[1].slots()) {
        if (l.used) graph_.Alias(l.a, l.b, l.time);
      }
      links_[0] = {};
      links_[1] = {};
      graph_.Resolve();
      order = SortedOrder(&begin, threads);
    }
  });
  stats_->refused_links = graph_.refused_links();
  const uint8_t direct = ChannelAssigner(map_).direct_channel();
  std::vector<uint32_t> persons;
  Offsets(begin, &persons, &c);
  ParallelRanges(persons.size(), threads, [&](int, size_t from, size_t to) {
    for (size_t j = from; j < to; ++j) {
      const uint32_t p = persons[j];
      WritePerson(order.data() + begin[p], order.data() + begin[p + 1], order.data() + order.size(),
                  begin[p], c.value_begin[j], direct, &c);
    }
  });
  std::vector<std::string> keys;
  keys.reserve(persons.size());
  for (uint32_t p : persons) keys.push_back(graph_.PersonKey(p));
  stats_->persons = keys.size();
  events_ = {};
  channels_ = {};
  flags_ = {};
  values_ = {};
  value_nodes_ = {};
  dimension_codes_ = {};
  std::vector<Dictionary> dimension_values(num_dimensions_);
  for (size_t d = 0; d < num_dimensions_; ++d) {
    for (uint32_t v = 0; v < dimension_values_[d].size(); ++v) {
      dimension_values[d].Intern(dimension_values_[d].Get(v));
    }
  }
  return EventTable::FromColumns(std::move(c), std::move(names), map_.ChannelNames(),
                                 std::move(keys), map_.dimensions, std::move(dimension_values));
}

}  // namespace winpath
