#include "model/predicate.h"

#include <algorithm>
#include <cctype>

namespace winpath {

bool GlobMatch(std::string_view pattern, std::string_view text) {
  // Iterative wildcard match with one backtrack point: linear for patterns with one '*',
  // O(p*t) worst case, fine for map-sized patterns.
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  auto lower = [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  };
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || lower(pattern[p]) == lower(text[t]))) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool LookupEventField(const RawEvent& event, std::string_view field, std::string* text,
                      const PropertyValue** value) {
  *value = nullptr;
  const std::string* s = nullptr;
  if (field == "url")
    s = &event.url;
  else if (field == "referrer")
    s = &event.referrer;
  else if (field == "property")
    s = &event.property;
  else if (field == "utm_source")
    s = &event.campaign.source;
  else if (field == "utm_medium")
    s = &event.campaign.medium;
  else if (field == "utm_campaign")
    s = &event.campaign.name;
  else if (field == "utm_term")
    s = &event.campaign.term;
  else if (field == "utm_content")
    s = &event.campaign.content;
  else if (field == "event")
    s = &event.name;
  if (s != nullptr) {
    // A custom property of the same name wins when the built-in field is empty.
    if (s->empty()) {
      if (const PropertyValue* v = event.FindProperty(field)) {
        *text = v->text;
        *value = v;
        return true;
      }
      return false;
    }
    *text = *s;
    return true;
  }
  if (field == "type") {
    *text = std::string(MessageTypeName(event.type));
    return true;
  }
  if (const PropertyValue* v = event.FindProperty(field)) {
    *text = v->text;
    *value = v;
    return true;
  }
  return false;
}

bool PropertyCondition::Matches(const RawEvent& event) const {
  std::string text;
  const PropertyValue* value = nullptr;
  bool present = LookupEventField(event, property, &text, &value);
  switch (op) {
    case CompareOp::kExists: return present;
    case CompareOp::kNotExists: return !present;
    case CompareOp::kEquals:
      return present && std::find(values.begin(), values.end(), text) != values.end();
    case CompareOp::kNotEquals:
      return !present || std::find(values.begin(), values.end(), text) == values.end();
    case CompareOp::kGlob:
      if (!present) return false;
      for (const std::string& pattern : values) {
        if (GlobMatch(pattern, text)) return true;
      }
      return false;
    case CompareOp::kGreater:
    case CompareOp::kGreaterOrEqual:
    case CompareOp::kLess:
    case CompareOp::kLessOrEqual: {
      if (!present || value == nullptr || !value->number) return false;
      double x = *value->number;
      if (op == CompareOp::kGreater) return x > threshold;
      if (op == CompareOp::kGreaterOrEqual) return x >= threshold;
      if (op == CompareOp::kLess) return x < threshold;
      return x <= threshold;
    }
  }
  return false;
}

bool EventPredicate::Matches(const RawEvent& event) const {
  if (empty()) return false;
  if (!events.empty() && std::find(events.begin(), events.end(), event.name) == events.end()) {
    return false;
  }
  for (const PropertyCondition& c : where) {
    if (!c.Matches(event)) return false;
  }
  return true;
}

}  // namespace winpath
