// EventPredicate: "which events count" for a win, a milestone or a channel rule: a set of event
// names and property conditions, all of which must hold.
//
// Semantics (docs/journey-map.md): an event matches when its name is one of `events` (or
// `events` is empty and `where` is not) and every condition in `where` holds. Names and text
// comparisons are exact and case-sensitive, except glob patterns ('*', '?') which are
// case-insensitive. Numeric comparisons (gt, ge, lt, le) use the property's number and fail when
// the property is absent or not a number.
//
// Thread-safety: immutable after construction; Matches may be called from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/event.h"
#include "model/source_location.h"

namespace winpath {

enum class CompareOp : uint8_t {
  kEquals,     // text equals one of `values` (several values = "in")
  kNotEquals,  // text equals none of `values`; absent property counts as not equal
  kGlob,       // text matches one of the glob `values`, case-insensitive
  kExists,     // property present (any value)
  kNotExists,  // property absent
  kGreater,    // number > threshold
  kGreaterOrEqual,
  kLess,
  kLessOrEqual,
};

struct PropertyCondition {
  std::string property;  // "plan", or one of the built-ins: "url", "referrer", "property",
                         // "utm_source", "utm_medium", "utm_campaign", "type"
  CompareOp op = CompareOp::kEquals;
  std::vector<std::string> values;
  double threshold = 0;
  SourceLocation location;

  bool Matches(const RawEvent& event) const;
};

struct EventPredicate {
  std::vector<std::string> events;  // event names; empty = any event name
  std::vector<PropertyCondition> where;
  SourceLocation location;

  bool empty() const { return events.empty() && where.empty(); }
  bool Matches(const RawEvent& event) const;
};

// Case-insensitive glob match: '*' any run, '?' one character.
bool GlobMatch(std::string_view pattern, std::string_view text);

// The text of a built-in or custom property of an event, or nullptr/empty when absent.
// Built-ins: url, referrer, property, utm_source, utm_medium, utm_campaign, utm_term,
// utm_content, type, event.
bool LookupEventField(const RawEvent& event, std::string_view field, std::string* text,
                      const PropertyValue** value);

}  // namespace winpath
