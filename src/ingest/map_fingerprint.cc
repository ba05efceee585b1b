#include "ingest/map_fingerprint.h"

#include <xxhash.h>

#include <array>
#include <bit>
#include <string>

namespace winpath {
namespace {

// The canonical byte form of map parts: no two different values serialize alike.
class Canonical {
 public:
  void U64(uint64_t v) {
    for (int i = 0; i < 8; ++i) bytes_ += static_cast<char>(v >> (8 * i));
  }
  void F64(double v) { U64(std::bit_cast<uint64_t>(v)); }
  void Text(std::string_view s) {
    U64(s.size());
    bytes_ += s;
  }
  void Texts(const std::vector<std::string>& list) {
    U64(list.size());
    for (const std::string& s : list) Text(s);
  }
  void Conditions(const std::vector<PropertyCondition>& where) {
    U64(where.size());
    for (const PropertyCondition& c : where) {
      Text(c.property);
      U64(static_cast<uint64_t>(c.op));
      Texts(c.values);
      F64(c.threshold);
    }
  }
  void Predicate(std::string_view kind, const std::string& name, const EventPredicate& p,
                 const std::string& value_property) {
    Text(kind);
    Text(name);
    Texts(p.events);
    Conditions(p.where);
    Text(value_property);
  }
  uint64_t Hash() const { return XXH3_64bits(bytes_.data(), bytes_.size()); }

 private:
  std::string bytes_;
};

uint64_t ChannelRulesHash(const std::vector<ChannelRule>& rules) {
  Canonical c;
  c.U64(rules.size());
  for (const ChannelRule& r : rules) {
    c.Text(r.channel);
    for (const auto* list :
         {&r.utm_source, &r.utm_medium, &r.utm_campaign, &r.referrer, &r.property, &r.event}) {
      c.Texts(*list);
    }
    c.Conditions(r.where);
  }
  return c.Hash();
}

uint64_t PredicatesHash(const JourneyMap& map) {
  Canonical c;
  c.U64(map.wins.size());
  for (const Win& w : map.wins) c.Predicate("win", w.name, w.predicate, w.value_property);
  c.U64(map.milestones.size());
  for (const Milestone& m : map.milestones) {
    c.Predicate("milestone", m.name, m.predicate, m.value_property);
  }
  return c.Hash();
}

}  // namespace

static_assert(sizeof(MapFingerprint) == MapFingerprint::kParts * sizeof(uint64_t),
              "a new part needs its place in part(), mutable_part() and PartName()");

uint64_t MapFingerprint::part(int i) const {
  const std::array<uint64_t, kParts> parts = {
      channel_rules, site_hosts, default_channel_grouping, session_timeout, dimensions,
      predicates,    all};
  return parts[static_cast<size_t>(i)];
}

uint64_t* MapFingerprint::mutable_part(int i) {
  std::array<uint64_t*, kParts> parts = {
      &channel_rules, &site_hosts, &default_channel_grouping, &session_timeout, &dimensions,
      &predicates,    &all};
  return parts[static_cast<size_t>(i)];
}

std::string_view MapFingerprint::PartName(int i) {
  static constexpr std::array<std::string_view, kParts> kNames = {"channel rules",
                                                                  "site_hosts",
                                                                  "default_channel_grouping",
                                                                  "windows.session_timeout",
                                                                  "dimensions",
                                                                  "wins/milestones",
                                                                  "journey map"};
  return kNames[static_cast<size_t>(i)];
}

MapFingerprint MapFingerprintOf(const JourneyMap& map) {
  MapFingerprint f;
  f.channel_rules = ChannelRulesHash(map.channels);
  Canonical hosts, grouping, timeout, dimensions, all;
  hosts.Texts(map.site_hosts);
  f.site_hosts = hosts.Hash();
  grouping.Text(map.default_grouping == DefaultGrouping::kNone ? "none" : "ga4");
  f.default_channel_grouping = grouping.Hash();
  timeout.U64(static_cast<uint64_t>(map.windows.session_timeout));
  f.session_timeout = timeout.Hash();
  dimensions.Texts(map.dimensions);
  f.dimensions = dimensions.Hash();
  f.predicates = PredicatesHash(map);
  for (int i = 0; i + 1 < MapFingerprint::kParts; ++i) all.U64(f.part(i));
  f.all = all.Hash();
  return f;
}

}  // namespace winpath
