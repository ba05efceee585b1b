// The checks after parsing (CheckJourneyMap): everything about a journey map that does not
// depend on how it was written down. The YAML loader and ValidateJourneyMap share them.
#include <algorithm>
#include <cctype>
#include <cstdio>

#include "model/journey_map.h"
#include "model/journey_map_loader.h"
#include "model/name_suggestion.h"

namespace winpath {
namespace {

// Channel ids are one byte and 0 means "not a touchpoint".
constexpr size_t kMaxChannelNames = 255;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

std::string Percent(double rate) { return Number(rate * 100.0) + "%"; }

std::string LineNote(const SourceLocation& at) {
  return at.line > 0 ? " (line " + std::to_string(at.line) + ")" : "";
}

// True when every text `specific` may match is matched by `general` (an empty list = any).
// Conservative: patterns are compared as written, so "nl-*" is not seen as covered by "nl*".
bool Covers(const std::vector<std::string>& general, const std::vector<std::string>& specific,
            bool fold_case) {
  if (general.empty()) return true;
  if (specific.empty()) return false;
  for (const std::string& s : specific) {
    bool found = std::any_of(general.begin(), general.end(), [&](const std::string& g) {
      return fold_case ? Lower(g) == Lower(s) : g == s;
    });
    if (!found) return false;
  }
  return true;
}

bool SameCondition(const PropertyCondition& a, const PropertyCondition& b) {
  if (a.property != b.property || a.op != b.op || a.threshold != b.threshold) return false;
  bool fold = a.op == CompareOp::kGlob;
  return Covers(a.values, b.values, fold) && Covers(b.values, a.values, fold);
}

bool HasCondition(const ChannelRule& r) {
  return !r.utm_source.empty() || !r.utm_medium.empty() || !r.utm_campaign.empty() ||
         !r.referrer.empty() || !r.property.empty() || !r.event.empty() || !r.where.empty();
}

// True when every touch `later` matches is matched by `earlier` (rules are ANDs of fields).
bool Subsumes(const ChannelRule& earlier, const ChannelRule& later) {
  if (!HasCondition(earlier)) return false;  // reported as an error of its own
  if (!Covers(earlier.utm_source, later.utm_source, true) ||
      !Covers(earlier.utm_medium, later.utm_medium, true) ||
      !Covers(earlier.utm_campaign, later.utm_campaign, true) ||
      !Covers(earlier.referrer, later.referrer, true) ||
      !Covers(earlier.property, later.property, true) ||
      !Covers(earlier.event, later.event, false)) {
    return false;
  }
  return std::all_of(earlier.where.begin(), earlier.where.end(), [&](const PropertyCondition& c) {
    return std::any_of(later.where.begin(), later.where.end(),
                       [&](const PropertyCondition& d) { return SameCondition(c, d); });
  });
}

// A win or a milestone, seen through what the checks need.
struct Declared {
  std::string_view kind;  // "win", "pre milestone", ...
  const std::string* name;
  const EventPredicate* predicate;
  SourceLocation location;
  bool default_win;
};

class MapChecker {
 public:
  MapChecker(const JourneyMap& map, const FieldLocator& locate) : map_(map), locate_(locate) {}
  std::vector<Diagnostic> Run();

 private:
  void Report(const SourceLocation& decl, std::string_view field, DiagnosticCode code,
              std::string message, bool warning = false);
  void CheckTop();
  void CheckDimensions();
  void CheckChannels();
  void CheckConditions(const std::vector<PropertyCondition>& where, const std::string& owner);
  std::vector<Declared> Declarations() const;
  void CheckDeclarations();
  // Reports all[i] when an earlier declaration has its name, ignoring case.
  void CheckUniqueName(const std::vector<Declared>& all, size_t i);
  void CheckMilestoneOrder();
  void CheckReference(const std::string& name, const SourceLocation& decl, std::string_view field,
                      const std::string& owner);
  void CheckStages();
  void CheckTargets();
  void CheckTarget(const Target& t, size_t index);
  std::vector<std::string> AllNames() const;

  const JourneyMap& map_;
  const FieldLocator& locate_;
  std::vector<Diagnostic> out_;
};

std::vector<Diagnostic> MapChecker::Run() {
  CheckTop();
  CheckDimensions();
  CheckChannels();
  CheckDeclarations();
  CheckMilestoneOrder();
  CheckStages();
  CheckTargets();
  std::stable_sort(out_.begin(), out_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  return std::move(out_);
}

void MapChecker::Report(const SourceLocation& decl, std::string_view field, DiagnosticCode code,
                        std::string message, bool warning) {
  SourceLocation at = decl;
  if (locate_) {
    std::optional<SourceLocation> found = locate_(decl, field);
    if (!found) return;  // the loader has reported this field already
    at = *found;
  }
  out_.push_back(
      Diagnostic{map_.source_path, at.line, at.column, std::move(message), warning, code});
}

void MapChecker::CheckTop() {
  if (map_.name.empty()) {
    Report({}, "name", DiagnosticCode::kMissingKey,
           "the journey map has no name; add a line like `name: Acme SaaS` at the top");
  }
  const std::string& c = map_.currency;
  if (c.size() != 3 ||
      !std::all_of(c.begin(), c.end(), [](char x) { return x >= 'A' && x <= 'Z'; })) {
    std::string upper = c;
    for (char& x : upper) x = static_cast<char>(std::toupper(static_cast<unsigned char>(x)));
    bool fixable = upper.size() == 3 && std::all_of(upper.begin(), upper.end(),
                                                    [](char x) { return x >= 'A' && x <= 'Z'; });
    Report({}, "currency", DiagnosticCode::kBadValue,
           "currency '" + c + "' must be a three-letter ISO 4217 code in capitals like USD or EUR" +
               (fixable ? "; did you mean '" + upper + "'?" : ""));
  }
  const std::pair<const char*, TimeMs> windows[] = {
      {"conversion", map_.windows.conversion},
      {"attribution_lookback", map_.windows.attribution_lookback},
      {"session_timeout", map_.windows.session_timeout},
      {"time_decay_half_life", map_.windows.time_decay_half_life}};
  for (const auto& [key, ms] : windows) {
    if (ms <= 0) {
      Report({}, std::string("windows.") + key, DiagnosticCode::kBadDuration,
             std::string("`windows.") + key + "` must be a duration above zero, like 30d");
    }
  }
  for (size_t i = 0; i < map_.site_hosts.size(); ++i) {
    if (map_.site_hosts[i].empty()) {
      Report({}, "site_hosts[" + std::to_string(i) + "]", DiagnosticCode::kMissingKey,
             "`site_hosts` has an empty host name");
    }
  }
}

void MapChecker::CheckDimensions() {
  const std::vector<std::string>& dims = map_.dimensions;
  if (dims.size() > static_cast<size_t>(kMaxDimensions)) {
    Report({}, "dimensions[" + std::to_string(kMaxDimensions) + "]",
           DiagnosticCode::kTooManyDimensions,
           "the map keeps " + std::to_string(dims.size()) + " dimensions; at most " +
               std::to_string(kMaxDimensions) +
               " fit (each is a column of the event table); remove '" + dims[kMaxDimensions] +
               "' and the ones after it");
  }
  for (size_t i = 0; i < dims.size(); ++i) {
    std::string field = "dimensions[" + std::to_string(i) + "]";
    if (dims[i].empty()) {
      Report({}, field, DiagnosticCode::kMissingKey, "`dimensions` has an empty property name");
    } else if (std::find(dims.begin(), dims.begin() + static_cast<ptrdiff_t>(i), dims[i]) !=
               dims.begin() + static_cast<ptrdiff_t>(i)) {
      Report({}, field, DiagnosticCode::kDuplicateName,
             "dimension '" + dims[i] + "' is listed twice");
    }
  }
}

void MapChecker::CheckChannels() {
  for (size_t i = 0; i < map_.channels.size(); ++i) {
    const ChannelRule& rule = map_.channels[i];
    std::string owner = rule.channel.empty() ? "channel rule " + std::to_string(i + 1)
                                             : "channel rule '" + rule.channel + "'";
    if (rule.channel.empty()) {
      Report(rule.location, "name", DiagnosticCode::kMissingKey,
             owner + " has no name; add `name:` with the channel it assigns, like `name: Blog`");
    }
    if (!HasCondition(rule)) {
      Report(rule.location, "conditions", DiagnosticCode::kEmptyChannelRule,
             owner +
                 " has no condition, so it would claim every touch; give it at least one "
                 "of utm_source, utm_medium, utm_campaign, referrer, property, event, where");
    }
    CheckConditions(rule.where, owner);
    for (size_t j = 0; j < i; ++j) {
      if (!Subsumes(map_.channels[j], rule)) continue;
      Report(rule.location, "", DiagnosticCode::kShadowedChannelRule,
             owner + " can never match: the earlier rule '" + map_.channels[j].channel + "'" +
                 LineNote(map_.channels[j].location) +
                 " already matches every touch it matches; move it above that rule or remove it",
             /*warning=*/true);
      break;
    }
  }
  size_t names = map_.ChannelNames().size();
  if (names > kMaxChannelNames && !map_.channels.empty()) {
    Report(map_.channels.back().location, "", DiagnosticCode::kTooManyChannels,
           "the map names " + std::to_string(names) +
               " channels (with the default groups); at "
               "most " +
               std::to_string(kMaxChannelNames) + " fit");
  }
}

void MapChecker::CheckConditions(const std::vector<PropertyCondition>& where,
                                 const std::string& owner) {
  for (const PropertyCondition& c : where) {
    if (c.property.empty()) {
      Report(c.location, "", DiagnosticCode::kMissingKey,
             "a condition of " + owner + " names no property");
    }
    bool needs_values =
        c.op == CompareOp::kEquals || c.op == CompareOp::kNotEquals || c.op == CompareOp::kGlob;
    if (needs_values && c.values.empty()) {
      Report(c.location, "", DiagnosticCode::kMissingKey,
             "the condition on '" + c.property + "' of " + owner + " lists no values");
    }
  }
}

std::vector<Declared> MapChecker::Declarations() const {
  std::vector<Declared> all;
  // Loaded maps give every declaration a line; a win without one came from DefaultWins().
  const bool loaded = static_cast<bool>(locate_);
  for (const Win& w : map_.wins) {
    all.push_back({"win", &w.name, &w.predicate, w.location, loaded && w.location.line == 0});
  }
  static constexpr std::string_view kKinds[] = {"pre milestone", "core milestone",
                                                "post milestone"};
  for (const Milestone& m : map_.milestones) {
    all.push_back({kKinds[static_cast<int>(m.phase)], &m.name, &m.predicate, m.location, false});
  }
  return all;
}

void MapChecker::CheckDeclarations() {
  std::vector<Declared> all = Declarations();
  for (size_t i = 0; i < all.size(); ++i) {
    const Declared& d = all[i];
    std::string owner = std::string(d.kind) + " '" + *d.name + "'";
    if (d.name->empty()) {
      owner = std::string(d.kind) + LineNote(d.location);
      Report(d.location, "name", DiagnosticCode::kMissingKey,
             "a " + std::string(d.kind) +
                 " has no name; add `name:`, the name stages, targets and reports use");
    } else {
      CheckUniqueName(all, i);
    }
    if (d.predicate->empty()) {
      Report(d.location, "predicate", DiagnosticCode::kEmptyPredicate,
             owner +
                 " matches no event; give it `event: <name>` (or `events: [a, b]`) and/or "
                 "`where:` conditions");
    }
    CheckConditions(d.predicate->where, owner);
    if (i == static_cast<size_t>(kMaxPredicates)) {
      Report(d.location, "", DiagnosticCode::kTooManyPredicates,
             "the map declares " + std::to_string(all.size()) + " wins and milestones; at most " +
                 std::to_string(kMaxPredicates) +
                 " fit (each owns one bit of an event's mask); this is number " +
                 std::to_string(i + 1));
    }
  }
  for (const Milestone& m : map_.milestones) {
    if (m.occurrence < 1) {
      Report(m.location, "occurrence", DiagnosticCode::kBadOccurrence,
             "`occurrence` of milestone '" + m.name +
                 "' must be 1 or more (1 = the first matching event, 2 = the second)");
    }
  }
}

void MapChecker::CheckUniqueName(const std::vector<Declared>& all, size_t i) {
  const Declared& d = all[i];
  for (size_t j = 0; j < i; ++j) {
    if (Lower(*all[j].name) != Lower(*d.name)) continue;
    Report(d.location, "name", DiagnosticCode::kDuplicateName,
           "the name '" + *d.name + "' is already used by " + std::string(all[j].kind) + " '" +
               *all[j].name + "'" + LineNote(all[j].location) +
               (all[j].default_win ? " (a default win: the map declares no `wins:`)" : "") +
               "; wins and milestones need distinct names (ignoring case) because stages and "
               "targets refer to them by name");
    return;
  }
}

void MapChecker::CheckMilestoneOrder() {
  int cores = 0;
  for (size_t i = 0; i < map_.milestones.size(); ++i) {
    const Milestone& m = map_.milestones[i];
    if (m.phase == MilestonePhase::kCore && ++cores == 2) {
      Report(m.location, "", DiagnosticCode::kMissingCore,
             "milestone '" + m.name + "' is a second core milestone; a journey has exactly one");
    }
    if (i > 0 && m.phase < map_.milestones[i - 1].phase) {
      Report(m.location, "", DiagnosticCode::kMissingCore,
             "milestone '" + m.name + "' (" + std::string(MilestonePhaseName(m.phase)) +
                 ") comes after '" + map_.milestones[i - 1].name + "' (" +
                 std::string(MilestonePhaseName(map_.milestones[i - 1].phase)) +
                 "); milestones must be in journey order: pre..., core, post...");
    }
  }
  if (cores == 0) {
    Report({}, "milestones.core", DiagnosticCode::kMissingCore,
           "the journey has no core milestone; add under `milestones:` a `core:` for the "
           "purchase of the core offer, like `core: {name: Purchase, event: purchase}`");
  }
}

std::vector<std::string> MapChecker::AllNames() const {
  std::vector<std::string> names;
  for (const Win& w : map_.wins) names.push_back(w.name);
  for (const Milestone& m : map_.milestones) names.push_back(m.name);
  return names;
}

void MapChecker::CheckReference(const std::string& name, const SourceLocation& decl,
                                std::string_view field, const std::string& owner) {
  if (name.empty() || map_.FindWin(name) >= 0 || map_.FindMilestone(name) >= 0) return;
  std::vector<std::string> names = AllNames();
  std::string hint = DidYouMean(name, names);
  if (hint.empty()) {
    hint = "; the wins and milestones are: ";
    for (size_t i = 0; i < names.size(); ++i) hint += (i ? ", " : "") + names[i];
  }
  Report(decl, field, DiagnosticCode::kUnknownName,
         owner + " names '" + name + "', which is no win or milestone" + hint);
}

void MapChecker::CheckStages() {
  const Stages& s = map_.stages;
  const std::pair<const char*, const std::vector<std::string>*> lists[] = {
      {"prospect", &s.prospect},
      {"customer", &s.customer},
      {"repeat_customer", &s.repeat_customer},
      {"promoter", &s.promoter}};
  for (const auto& [stage, names] : lists) {
    for (size_t i = 0; i < names->size(); ++i) {
      CheckReference((*names)[i], s.location, std::string(stage) + "[" + std::to_string(i) + "]",
                     "stage `" + std::string(stage) + "`");
    }
  }
  if (s.dormant_after <= 0) {
    Report(s.location, "dormant_after", DiagnosticCode::kBadDuration,
           "`dormant_after` in `stages` must be a duration above zero, like 90d");
  }
}

void MapChecker::CheckTargets() {
  for (size_t i = 0; i < map_.targets.size(); ++i) CheckTarget(map_.targets[i], i);
}

void MapChecker::CheckTarget(const Target& t, size_t index) {
  std::string owner = "target " + std::to_string(index + 1);
  if (t.from.empty()) {
    Report(t.location, "from", DiagnosticCode::kMissingKey,
           owner + " has no `from`; name the win or milestone people start from");
  }
  if (t.to.empty()) {
    Report(t.location, "to", DiagnosticCode::kMissingKey,
           owner + " has no `to`; name the win or milestone they should reach");
  }
  CheckReference(t.from, t.location, "from", owner);
  CheckReference(t.to, t.location, "to", owner);
  if (!t.channel.empty()) {
    const std::vector<std::string> channels = map_.ChannelNames();
    if (std::find(channels.begin(), channels.end(), t.channel) == channels.end()) {
      std::string hint = DidYouMean(t.channel, channels);
      if (hint.empty()) {
        hint = "; the channels are: ";
        for (size_t i = 0; i < channels.size(); ++i) hint += (i ? ", " : "") + channels[i];
      }
      Report(t.location, "channel", DiagnosticCode::kUnknownName,
             owner + " names the channel '" + t.channel + "', which the map does not have" + hint);
    }
  }
  if (!t.from.empty() && t.from == t.to) {
    Report(t.location, "to", DiagnosticCode::kSelfTarget,
           owner + " goes from '" + t.from + "' to itself; `from` and `to` must differ");
  }
  if (!(t.rate > 0 && t.rate <= 1)) {
    std::string hint = t.rate > 1 && t.rate <= 100
                           ? "; for " + Percent(t.rate / 100) + " write " + Percent(t.rate / 100) +
                                 " or " + Number(t.rate / 100)
                           : "";
    Report(t.location, "rate", DiagnosticCode::kBadRate,
           "the rate of " + owner + " is " + Percent(t.rate) +
               "; a rate must be above 0% and at most 100%" + hint);
  }
  if (t.within && *t.within <= 0) {
    Report(t.location, "within", DiagnosticCode::kBadDuration,
           "`within` of " + owner + " must be a duration above zero, like 30d");
  }
  int from = map_.FindMilestone(t.from), to = map_.FindMilestone(t.to);
  if (from >= 0 && to >= 0 && from > to) {
    Report(t.location, "", DiagnosticCode::kBackwardTarget,
           owner + " goes backwards: '" + t.from + "' comes after '" + t.to +
               "' in the journey, so few people will be counted; swap `from` and `to` unless "
               "you mean people going back",
           /*warning=*/true);
  }
}

}  // namespace

std::vector<Diagnostic> CheckJourneyMap(const JourneyMap& map, const FieldLocator& locate) {
  return MapChecker(map, locate).Run();
}

Status ValidateJourneyMap(const JourneyMap& map) {
  for (const Diagnostic& d : CheckJourneyMap(map)) {
    if (d.warning) continue;
    std::string where = d.file;
    if (d.line > 0) {
      where += (where.empty() ? "" : ":") + std::to_string(d.line) + ":" + std::to_string(d.column);
    }
    return Status::InvalidArgument(where.empty() ? d.message : where + ": " + d.message);
  }
  return Status::OK();
}

}  // namespace winpath
