#include "sim/event_synthesis.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

#include "model/channel_groups.h"
#include "model/channel_rule_match.h"

namespace winpath::sim {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

bool IsNumericOp(CompareOp op) {
  return op == CompareOp::kGreater || op == CompareOp::kGreaterOrEqual || op == CompareOp::kLess ||
         op == CompareOp::kLessOrEqual;
}

std::optional<double> ParseNumber(std::string_view text) {
  double v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
  return v;
}

std::string FormatNumber(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{}", static_cast<int64_t>(v));
  return fmt::format("{}", v);  // shortest round-trip text: identical on every platform
}

// Numeric bounds of one property; a number strictly inside them, preferring "threshold + 1"
// style values for one-sided bounds.
struct Interval {
  double lo = -kInf, hi = kInf;
  bool lo_open = false, hi_open = false;

  void Add(const PropertyCondition& c) {
    double t = c.threshold;
    if (c.op == CompareOp::kGreater && (t > lo || (t == lo && !lo_open))) lo = t, lo_open = true;
    if (c.op == CompareOp::kGreaterOrEqual && t > lo) lo = t, lo_open = false;
    if (c.op == CompareOp::kLess && (t < hi || (t == hi && !hi_open))) hi = t, hi_open = true;
    if (c.op == CompareOp::kLessOrEqual && t < hi) hi = t, hi_open = false;
  }
  double Pick() const {
    if (lo == -kInf && hi == kInf) return 1;
    if (hi == kInf) return lo_open ? lo + 1 : lo;
    if (lo == -kInf) return hi_open ? hi - 1 : hi;
    if (lo == hi) return lo;
    return lo + (hi - lo) / 2;
  }
};

// The text for a property from its non-numeric conditions; nullopt = leave it absent.
std::optional<std::string> PickText(const std::vector<const PropertyCondition*>& conds) {
  std::vector<std::string> excluded;
  for (const PropertyCondition* c : conds) {
    if (c->op == CompareOp::kNotEquals)
      excluded.insert(excluded.end(), c->values.begin(), c->values.end());
  }
  auto allowed = [&](const std::string& v) {
    return std::find(excluded.begin(), excluded.end(), v) == excluded.end();
  };
  for (const PropertyCondition* c : conds) {
    if (c->op != CompareOp::kEquals) continue;
    for (const std::string& v : c->values) {
      if (allowed(v)) return v;
    }
  }
  for (const PropertyCondition* c : conds) {
    if (c->op != CompareOp::kGlob) continue;
    for (const std::string& v : c->values) {
      std::string text = InstantiateGlob(v);
      if (allowed(text)) return text;
    }
  }
  bool exists = false, not_equals = false;
  for (const PropertyCondition* c : conds) {
    exists |= c->op == CompareOp::kExists;
    not_equals |= c->op == CompareOp::kNotEquals;
  }
  if (exists || not_equals) {
    // "not false" reads best as "true".
    std::string text = exists ? "1" : allowed("true") ? "true" : "other";
    while (!allowed(text)) text += "_x";
    return text;
  }
  return std::nullopt;
}

bool ConditionsHold(const std::vector<const PropertyCondition*>& conds, const RawEvent& e) {
  return std::all_of(conds.begin(), conds.end(),
                     [&](const PropertyCondition* c) { return c->Matches(e); });
}

// Sets built-in `field` (or custom property) to `text`; for url and referrer, first tries the
// absolute URL a browser would send and keeps it only when the conditions still hold.
void SetField(std::string_view field, const std::string& text, std::string_view site_host,
              const std::vector<const PropertyCondition*>& conds, RawEvent* e) {
  if (field == "url" || field == "referrer") {
    std::string& slot = field == "url" ? e->url : e->referrer;
    if (text.find("://") == std::string::npos) {
      slot = text.starts_with('/') ? fmt::format("https://{}{}", site_host, text)
                                   : fmt::format("https://{}/", text);
      if (ConditionsHold(conds, *e)) return;
    }
    slot = text;
  } else if (field == "property") {
    e->property = text;
  } else if (field == "utm_source") {
    e->campaign.source = text;
  } else if (field == "utm_medium") {
    e->campaign.medium = text;
  } else if (field == "utm_campaign") {
    e->campaign.name = text;
  } else if (field == "utm_term") {
    e->campaign.term = text;
  } else if (field == "utm_content") {
    e->campaign.content = text;
  } else if (field == "event") {
    e->name = text;
  } else {
    e->properties.emplace_back(std::string(field), PropertyValue{text, ParseNumber(text)});
  }
}

// Applies every `where` condition except "type" (handled by the caller) to `out->event`.
void ApplyConditions(const std::vector<PropertyCondition>& where, std::string_view site_host,
                     SynthesizedEvent* out) {
  std::vector<std::string_view> fields;
  for (const PropertyCondition& c : where) {
    if (c.property != "type" &&
        std::find(fields.begin(), fields.end(), c.property) == fields.end()) {
      fields.push_back(c.property);
    }
  }
  for (std::string_view field : fields) {
    std::vector<const PropertyCondition*> conds;
    Interval interval;
    bool numeric = false;
    for (const PropertyCondition& c : where) {
      if (c.property != field) continue;
      conds.push_back(&c);
      if (IsNumericOp(c.op)) {
        numeric = true;
        interval.Add(c);
      }
    }
    std::optional<std::string> text =
        numeric ? std::optional<std::string>(FormatNumber(interval.Pick())) : PickText(conds);
    if (field == out->value_property) {
      out->value_min = interval.lo_open ? std::nextafter(interval.lo, kInf) : interval.lo;
      out->value_max = interval.hi_open ? std::nextafter(interval.hi, -kInf) : interval.hi;
      if (!text) text = FormatNumber(std::clamp(1.0, out->value_min, out->value_max));
    }
    if (text) SetField(field, *text, site_host, conds, &out->event);
  }
}

MessageType TypeFromConditions(const std::vector<PropertyCondition>& where, MessageType dflt) {
  for (const PropertyCondition& c : where) {
    if (c.property != "type") continue;
    for (std::string_view t : {"page", "track", "screen"}) {
      PropertyCondition probe = c;
      RawEvent e;
      e.type = *ParseMessageType(t);
      if (probe.Matches(e)) return e.type;
    }
  }
  return dflt;
}

bool HasUrlCondition(const std::vector<PropertyCondition>& where) {
  return std::any_of(where.begin(), where.end(), [](const PropertyCondition& c) {
    return c.property == "url" || c.property == "referrer";
  });
}

void SetGlobField(const std::vector<std::string>& globs, std::string* field) {
  if (!globs.empty()) *field = InstantiateGlob(globs.front());
}

std::string UrlEncode(std::string_view text) {
  std::string out;
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += ch;
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

// https://<host><path>[?utm_source=..&utm_medium=..&utm_campaign=..]
std::string LandingUrl(std::string_view host, std::string_view path, const Campaign& c) {
  std::string url = fmt::format("https://{}{}", host, path);
  char sep = '?';
  auto add = [&](std::string_view key, const std::string& value) {
    if (value.empty()) return;
    url += fmt::format("{}{}={}", sep, key, UrlEncode(value));
    sep = '&';
  };
  add("utm_source", c.source);
  add("utm_medium", c.medium);
  add("utm_campaign", c.name);
  return url;
}

}  // namespace

std::string_view UrlHost(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  size_t end = rest.find_first_of("/?#:");
  return rest.substr(0, end);
}

void FillPropertyFromUrl(RawEvent* event) {
  if (event->property.empty()) event->property = std::string(UrlHost(event->url));
}

std::string InstantiateGlob(std::string_view pattern) {
  // '*' matches any run, so dropping it is exact; after a separator ("webinar-*") an 'x'
  // reads better than a dangling '-'.
  std::string out;
  for (char c : pattern) {
    if (c == '?') {
      out += 'x';
    } else if (c != '*') {
      out += c;
    } else if (!out.empty() && (out.back() == '-' || out.back() == '_' || out.back() == '/')) {
      out += 'x';
    }
  }
  return out.empty() ? "x" : out;
}

std::string InstantiateHostGlob(std::string_view pattern) {
  std::string p(pattern);
  if (p.starts_with("*.")) p = "www." + p.substr(2);
  if (p.ends_with(".*")) p = p.substr(0, p.size() - 2) + ".com";
  return InstantiateGlob(p);
}

std::string SnakeCase(std::string_view text) {
  std::string out;
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) {
      out += static_cast<char>(std::tolower(c));
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.empty() ? "event" : out;
}

Result<SynthesizedEvent> SynthesizeEvent(const EventPredicate& predicate, std::string_view owner,
                                         std::string_view value_property,
                                         std::string_view site_host) {
  SynthesizedEvent out;
  out.value_property = std::string(value_property);
  RawEvent& e = out.event;
  if (!predicate.events.empty()) {
    e.name = predicate.events.front();
    e.type = e.name == "page_view" ? MessageType::kPage : MessageType::kTrack;
  } else {
    e.type = HasUrlCondition(predicate.where) ? MessageType::kPage : MessageType::kTrack;
    e.name = e.type == MessageType::kPage ? "page_view" : SnakeCase(owner);
  }
  e.type = TypeFromConditions(predicate.where, e.type);
  if (e.type == MessageType::kScreen && e.name == "page_view") e.name = "screen_view";
  if (e.type == MessageType::kPage && e.url.empty()) e.url = fmt::format("https://{}/", site_host);
  ApplyConditions(predicate.where, site_host, &out);
  if (!out.value_property.empty() && e.FindProperty(out.value_property) == nullptr) {
    double v = std::clamp(1.0, out.value_min, out.value_max);
    e.properties.emplace_back(out.value_property, PropertyValue{FormatNumber(v), v});
  }
  FillPropertyFromUrl(&e);
  if (out.value_min > out.value_max || !predicate.Matches(e)) {
    return Status::InvalidArgument(
        fmt::format("simulate: cannot build an event that '{}' matches (its conditions "
                    "contradict each other)",
                    owner));
  }
  return out;
}

Result<RawEvent> SynthesizeTouch(const ChannelRule& rule, std::string_view site_host,
                                 std::string_view path) {
  SynthesizedEvent out;
  RawEvent& e = out.event;
  SetGlobField(rule.utm_source, &e.campaign.source);
  SetGlobField(rule.utm_medium, &e.campaign.medium);
  SetGlobField(rule.utm_campaign, &e.campaign.name);
  std::string host(site_host);
  if (!rule.property.empty()) host = InstantiateHostGlob(rule.property.front());
  if (!rule.referrer.empty()) {
    e.referrer = fmt::format("https://{}/", InstantiateHostGlob(rule.referrer.front()));
  }
  if (!rule.event.empty()) {
    e.type = MessageType::kTrack;
    e.name = rule.event.front();
  } else {
    e.type = MessageType::kPage;
    e.name = "page_view";
  }
  e.type = TypeFromConditions(rule.where, e.type);
  if (e.type != MessageType::kTrack) e.url = LandingUrl(host, path, e.campaign);
  ApplyConditions(rule.where, host, &out);
  if (e.type == MessageType::kTrack && !rule.property.empty() && e.property.empty()) {
    e.property = host;
  }
  FillPropertyFromUrl(&e);
  if (!ChannelRuleMatches(rule, e)) {
    return Status::InvalidArgument(fmt::format(
        "simulate: cannot build a touch that the rule of channel '{}' matches", rule.channel));
  }
  return std::move(out.event);
}

RawEvent DefaultGroupTouch(std::string_view group, std::string_view site_host,
                           std::string_view path) {
  struct Fields {
    std::string_view group, source, medium, campaign, referrer_host;
  };
  static constexpr Fields kFields[] = {
      {"Direct", "", "", "", ""},
      {"Organic Search", "", "", "", "www.google.com"},
      {"Paid Search", "google", "cpc", "search_brand", ""},
      {"Organic Social", "", "", "", "www.facebook.com"},
      {"Paid Social", "facebook", "paid_social", "social_prospecting", ""},
      {"Email", "newsletter", "email", "newsletter_weekly", ""},
      {"Referral", "", "", "", "partner-blog.example.org"},
      {"Display", "adnetwork", "display", "display_retargeting", ""},
      {"Affiliate", "partner", "affiliate", "affiliate_program", ""},
      {"Other", "misc", "other", "misc", ""},
  };
  static_assert(std::size(kFields) == kDefaultChannelGroups.size());
  const Fields* f = &kFields[std::size(kFields) - 1];
  for (const Fields& candidate : kFields) {
    if (candidate.group == group) f = &candidate;
  }
  RawEvent e;
  e.type = MessageType::kPage;
  e.name = "page_view";
  e.campaign.source = std::string(f->source);
  e.campaign.medium = std::string(f->medium);
  e.campaign.name = std::string(f->campaign);
  if (!f->referrer_host.empty()) e.referrer = fmt::format("https://{}/", f->referrer_host);
  e.url = LandingUrl(site_host, path, e.campaign);
  FillPropertyFromUrl(&e);
  return e;
}

bool ChannelRuleMatches(const ChannelRule& rule, const RawEvent& event) {
  std::string_view property = event.property.empty() ? UrlHost(event.url) : event.property;
  return winpath::ChannelRuleMatches(rule, event, UrlHost(event.referrer), property);
}

}  // namespace winpath::sim
