// PersonView: one person's events, time-ordered, as parallel column spans. This is the only
// input of an analysis kernel (analysis/README.md): kernels never see storage.
//
// Columns (docs/formats/event-table.md):
//   time     ms since epoch, non-decreasing; equal times keep input order
//   name     event-name id (EventTable::event_names())
//   channel  channel id: 0 = not a touchpoint, else 1 + index into EventTable::channel_names()
//   flags    kEventFlag* bits
//   mask     bit i set = the event matches predicate i of the JourneyMap (wins, then milestones)
// Monetary values are sparse: `value_pos` lists positions (relative to the person's first
// event, ascending) that carry a value, `value_amount` the values.
//
// Lifetime: a view borrows the table's memory; it is valid while the table lives.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>

#include "model/timestamp.h"

namespace winpath {

inline constexpr uint8_t kEventFlagPageView = 1;      // page or screen message
inline constexpr uint8_t kEventFlagSessionStart = 2;  // first event of a session
inline constexpr uint8_t kNoChannel = 0;

struct PersonView {
  uint32_t person = 0;  // index in the table
  std::span<const TimeMs> time;
  std::span<const uint16_t> name;
  std::span<const uint8_t> channel;
  std::span<const uint8_t> flags;
  std::span<const uint32_t> mask;
  // A superset of the OR of `mask` over the view's events: a bit it lacks is on no event, so a
  // kernel can rule the person out without reading the column. Exact for a whole person
  // (EventTable::person_mask); a Slice or TimeRange keeps the whole person's, and a view built
  // by hand keeps the default, every bit.
  uint32_t mask_union = ~uint32_t{0};
  std::span<const uint32_t> value_pos;
  std::span<const double> value_amount;
  // Codes of the dimension selected for this scan (ScanOptions::dimension), or empty when
  // none is selected. Code 0 = property absent; code c = EventTable::dimension_values(d)[c].
  std::span<const uint16_t> dimension;
  // Position of time[0] relative to the person's first event (non-zero after Slice).
  uint32_t offset = 0;

  size_t size() const { return time.size(); }
  bool empty() const { return time.empty(); }

  // The value of event k (0 when it carries none). O(log values of this person).
  double ValueAt(size_t k) const {
    uint32_t pos = static_cast<uint32_t>(k) + offset;
    auto it = std::lower_bound(value_pos.begin(), value_pos.end(), pos);
    if (it == value_pos.end() || *it != pos) return 0.0;
    return value_amount[static_cast<size_t>(it - value_pos.begin())];
  }

  // Events [begin, end) of this view. REQUIRES: begin <= end <= size().
  PersonView Slice(size_t begin, size_t end) const {
    PersonView v = *this;
    v.time = time.subspan(begin, end - begin);
    v.name = name.subspan(begin, end - begin);
    v.channel = channel.subspan(begin, end - begin);
    v.flags = flags.subspan(begin, end - begin);
    v.mask = mask.subspan(begin, end - begin);
    if (!dimension.empty()) v.dimension = dimension.subspan(begin, end - begin);
    v.offset = offset + static_cast<uint32_t>(begin);
    return v;
  }

  // Events with from <= time < to.
  PersonView TimeRange(TimeMs from, TimeMs to) const {
    size_t b = static_cast<size_t>(std::lower_bound(time.begin(), time.end(), from) - time.begin());
    size_t e = static_cast<size_t>(std::lower_bound(time.begin(), time.end(), to) - time.begin());
    return Slice(b, std::max(b, e));
  }
};

}  // namespace winpath
