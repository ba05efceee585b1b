// EventTable: the in-memory columnar engine table — every event of every person, sorted by
// (person, time), with dictionary-encoded names and channels and a person offset index.
// Layout and the 16-bytes-per-event budget: docs/formats/event-table.md.
//
// Build one with EventTableBuilder (rows in any order) or load one with ReadEventTable
// (ingest/table_file.h). Analyses read it only through PersonView.
//
// Thread-safety: immutable after construction; any number of threads may read concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "model/dictionary.h"
#include "model/person_view.h"

namespace winpath {

// The raw columns; public so the table file reader/writer can move them in and out.
struct EventColumns {
  std::vector<TimeMs> time;
  std::vector<uint16_t> name;
  std::vector<uint8_t> channel;
  std::vector<uint8_t> flags;
  std::vector<uint32_t> mask;
  std::vector<uint64_t>
      person_begin;  // size persons + 1; events of person p: [begin[p], begin[p+1])
  std::vector<uint32_t> value_begin;  // size persons + 1; values of person p likewise
  std::vector<uint32_t> value_pos;    // position relative to the person's first event
  std::vector<double> value_amount;
  // One column of codes per JourneyMap dimension (same length as `time`), or empty.
  std::vector<std::vector<uint16_t>> dimension;
};

class EventTable {
 public:
  EventTable() {
    columns_.person_begin = {0};
    columns_.value_begin = {0};
  }
  // Checks the invariants (sizes agree, offsets monotone, times sorted within each person,
  // ids in range) and returns Corruption naming the first violation.
  // `dimension_values[d]` holds the values of dimension d; code 0 is "" (absent).
  static Result<EventTable> FromColumns(EventColumns columns, Dictionary event_names,
                                        std::vector<std::string> channel_names,
                                        std::vector<std::string> person_keys,
                                        std::vector<std::string> dimension_names = {},
                                        std::vector<Dictionary> dimension_values = {});

  size_t num_persons() const { return columns_.person_begin.size() - 1; }
  size_t num_events() const { return columns_.time.size(); }

  // REQUIRES: p < num_persons(); dimension < num_dimensions() or -1 for none.
  PersonView person(size_t p, int dimension = -1) const;

  // Per person, the OR of their events' masks (PersonView::mask_union): lets a kernel rule a
  // person out without reading their events. Derived in FromColumns; 4 bytes per person.
  const std::vector<uint32_t>& person_mask() const { return person_mask_; }

  size_t num_dimensions() const { return dimension_names_.size(); }
  const std::vector<std::string>& dimension_names() const { return dimension_names_; }
  // -1 when the table has no such dimension.
  int FindDimension(std::string_view dimension_name) const;
  const Dictionary& dimension_values(size_t d) const { return dimension_values_[d]; }
  const std::string& person_key(size_t p) const { return person_keys_[p]; }
  const std::vector<std::string>& person_keys() const { return person_keys_; }

  const Dictionary& event_names() const { return event_names_; }
  // channel id c (>= 1) is channel_names()[c - 1].
  const std::vector<std::string>& channel_names() const { return channel_names_; }
  std::string_view ChannelName(uint8_t id) const;
  // Channel id for a name, or nullopt.
  std::optional<uint8_t> FindChannel(std::string_view channel_name) const;

  const EventColumns& columns() const { return columns_; }
  std::optional<TimeMs> min_time() const;
  std::optional<TimeMs> max_time() const;

  // Bytes held by the core per-event columns (time, name, channel, flags, mask) — the figure
  // the engine's budget of 16 bytes/event is about — and by everything incl. dictionaries.
  size_t CoreColumnBytes() const;
  size_t TotalBytes() const;

 private:
  EventColumns columns_;
  Dictionary event_names_;
  std::vector<std::string> channel_names_;
  std::vector<std::string> person_keys_;
  std::vector<std::string> dimension_names_;
  std::vector<Dictionary> dimension_values_;
  TimeMs min_time_ = 0, max_time_ = 0;
  std::vector<uint32_t> person_mask_;
};

// Collects rows in any order and produces a sorted EventTable.
//
// Order within a person: by time, then by the order rows were added (a stable sort), which is
// the documented tie rule: events with equal timestamps keep their input order.
// Cost: O(n) counting sort by person, then a stable sort of each person's few events.
// Thread-safety: not thread-safe.
class EventTableBuilder {
 public:
  // `channel_names`: channel id c >= 1 means channel_names[c - 1].
  explicit EventTableBuilder(std::vector<std::string> channel_names,
                             std::vector<std::string> dimension_names = {});

  // Person ids are dense: the builder assigns them in order of first use of a key.
  uint32_t InternPerson(std::string_view key) { return persons_.Intern(key); }
  uint16_t InternEventName(std::string_view name);  // InternEventName fails past 65535 names
  bool event_names_full() const { return names_.size() >= 65535; }

  // REQUIRES: person < number of interned persons; name from InternEventName.
  // `dimension_codes` has one code per dimension (or is empty = all absent); codes come from
  // InternDimensionValue.
  void Add(uint32_t person, TimeMs time, uint16_t name, uint8_t channel, uint8_t flags,
           uint32_t mask, std::optional<double> value = std::nullopt,
           std::span<const uint16_t> dimension_codes = {});
  // Code of `value` in dimension d ("" -> 0). Values past 65535 distinct map to 65535 "(other)".
  uint16_t InternDimensionValue(size_t d, std::string_view value);

  size_t num_rows() const { return rows_.size(); }
  void Reserve(size_t rows) { rows_.reserve(rows); }

  // Sorts and encodes. The builder is left empty.
  Result<EventTable> Build() &&;

 private:
  struct Row {
    TimeMs time;
    uint32_t person;
    uint32_t mask;
    uint16_t name;
    uint8_t channel;
    uint8_t flags;
  };
  std::vector<std::string> channel_names_;
  Dictionary persons_;
  Dictionary names_;
  std::vector<Row> rows_;
  std::vector<std::pair<uint64_t, double>> values_;  // (row index, value)
  std::vector<std::string> dimension_names_;
  std::vector<Dictionary> dimension_values_;
  std::vector<std::vector<uint16_t>> dimension_rows_;  // [d][row]
};

// Inline: called once per person in every scan, where a call costs ~40% of a short person.
inline PersonView EventTable::person(size_t p, int dimension) const {
  const EventColumns& c = columns_;
  size_t b = c.person_begin[p], n = c.person_begin[p + 1] - b;
  size_t vb = c.value_begin[p], vn = c.value_begin[p + 1] - vb;
  PersonView v;
  v.person = static_cast<uint32_t>(p);
  v.time = {c.time.data() + b, n};
  v.name = {c.name.data() + b, n};
  v.channel = {c.channel.data() + b, n};
  v.flags = {c.flags.data() + b, n};
  v.mask = {c.mask.data() + b, n};
  v.mask_union = person_mask_[p];
  v.value_pos = {c.value_pos.data() + vb, vn};
  v.value_amount = {c.value_amount.data() + vb, vn};
  if (dimension >= 0) v.dimension = {c.dimension[static_cast<size_t>(dimension)].data() + b, n};
  return v;
}

}  // namespace winpath
