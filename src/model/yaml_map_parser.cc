#include "model/yaml_map_parser.h"

#include <algorithm>
#include <span>

#include "model/name_suggestion.h"

namespace winpath {
namespace {

constexpr std::string_view kTopKeys[] = {
    "name",    "currency",   "site_hosts", "default_channel_grouping",
    "windows", "channels",   "wins",       "milestones",
    "stages",  "dimensions", "targets"};
constexpr std::string_view kWindowKeys[] = {"conversion", "attribution_lookback", "session_timeout",
                                            "time_decay_half_life"};
constexpr std::string_view kChannelKeys[] = {"name",     "utm_source", "utm_medium", "utm_campaign",
                                             "referrer", "property",   "event",      "where"};
constexpr std::string_view kWinKeys[] = {"name", "event", "events", "where", "value"};
constexpr std::string_view kMilestoneKeys[] = {"name",  "event", "events",
                                               "where", "value", "occurrence"};
constexpr std::string_view kPhaseKeys[] = {"pre", "core", "post"};
constexpr std::string_view kStageKeys[] = {"prospect", "customer", "repeat_customer", "promoter",
                                           "dormant_after"};
constexpr std::string_view kTargetKeys[] = {"from", "to", "rate", "within", "channel"};
constexpr std::string_view kConditionOps[] = {"gt", "ge", "lt", "le", "exists", "not", "glob"};
constexpr std::string_view kGroupings[] = {"ga4", "none"};

// Keys written one level too high or too low are the commonest map mistake; name the parent.
std::string WrongLevelHint(std::string_view key) {
  auto in = [&](std::span<const std::string_view> keys) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
  };
  if (in(kPhaseKeys)) return "; `" + std::string(key) + "` belongs under `milestones:`";
  if (in(kWindowKeys)) return "; `" + std::string(key) + "` belongs under `windows:`";
  if (in(kStageKeys)) return "; `" + std::string(key) + "` belongs under `stages:`";
  if (in(kTopKeys)) return "; `" + std::string(key) + "` belongs at the top level of the map";
  return "";
}

std::string WinHint(std::string_view key) {
  if (key == "occurrence") {
    return "; wins have no occurrence (every matching event is a win); declare a milestone "
           "with `occurrence:` for 'the n-th time'";
  }
  return WrongLevelHint(key);
}

std::string OperatorHint(std::string_view key) {
  if (key == "gte") return "; did you mean 'ge' (greater or equal)?";
  if (key == "lte") return "; did you mean 'le' (less or equal)?";
  if (key == "eq" || key == "equals" || key == "in" || key == "is") {
    return "; to require a value write it directly, like `country: DE` or `country: [DE, AT]`";
  }
  if (key == "ne" || key == "neq" || key == "not_in") return "; did you mean 'not'?";
  return "";
}

std::string Numbered(std::string_view kind, size_t index) {
  return "in " + std::string(kind) + " " + std::to_string(index + 1);
}

std::string Quoted(std::string_view kind, const std::string& name) {
  return "in " + std::string(kind) + " '" + name + "'";
}

}  // namespace

void YamlMapParser::Parse(const YAML::Node& root) {
  std::optional<YamlMapping> top =
      r_.ReadMapping(root, {1, 1}, top_, "a journey map", kTopKeys, WrongLevelHint);
  if (!top) return;
  for (const YamlEntry& e : top->entries) {
    // An empty optional section is the same as an absent one.
    bool optional_section = e.key != "name" && e.key != "currency";
    if (e.key == "milestones") r_.RecordField({}, "milestones.core", e.key_at);
    if (!(optional_section && e.value.IsNull())) ParseTop(e);
  }
  if (top->Find("wins") == nullptr || top->Find("wins")->value.IsNull()) map_.wins = DefaultWins();
}

void YamlMapParser::ParseTop(const YamlEntry& e) {
  if (e.key == "name") {
    r_.ReadText(e, top_, &map_.name);
  } else if (e.key == "currency") {
    r_.ReadText(e, top_, &map_.currency);
  } else if (e.key == "site_hosts") {
    map_.site_hosts = Texts(e, top_, /*allow_empty=*/true);
  } else if (e.key == "default_channel_grouping") {
    std::string g;
    if (!r_.ReadText(e, top_, &g)) return;
    if (g == "ga4") {
      map_.default_grouping = DefaultGrouping::kGa4;
    } else if (g == "none") {
      map_.default_grouping = DefaultGrouping::kNone;
    } else {
      r_.ReportField({}, e.key, e.value_at, DiagnosticCode::kBadValue,
                     "`default_channel_grouping` must be ga4 or none, not '" + g + "'" +
                         DidYouMean(g, kGroupings));
    }
  } else if (e.key == "windows") {
    ParseWindows(e);
  } else if (e.key == "channels") {
    ParseChannels(e);
  } else if (e.key == "wins") {
    ParseWins(e);
  } else if (e.key == "milestones") {
    ParseMilestones(e);
  } else if (e.key == "stages") {
    ParseStages(e);
  } else if (e.key == "dimensions") {
    map_.dimensions = Texts(e, top_, /*allow_empty=*/true);
  } else if (e.key == "targets") {
    ParseTargets(e);
  }
}

std::vector<std::string> YamlMapParser::Texts(const YamlEntry& e, const YamlContext& ctx,
                                              bool allow_empty) {
  std::vector<YamlText> items;
  std::vector<std::string> out;
  if (!r_.ReadTextList(e, ctx, allow_empty, &items)) return out;
  for (YamlText& t : items) out.push_back(std::move(t.text));
  return out;
}

bool YamlMapParser::ExpectList(const YamlEntry& e, std::string_view item_kind) {
  if (e.value.IsSequence() || e.value.IsNull()) return true;
  r_.ReportField(
      {}, e.key, e.value_at, DiagnosticCode::kWrongType,
      "`" + e.key + "` must be a list of " + std::string(item_kind) + ", each starting with `- `");
  return false;
}

void YamlMapParser::ParseWindows(const YamlEntry& e) {
  std::optional<YamlMapping> m =
      r_.ReadMapping(e.value, e.value_at, top_, "`windows`", kWindowKeys, WrongLevelHint);
  if (!m) return;
  r_.RecordField({}, "windows", m->at);
  YamlContext ctx{{}, "windows.", "in `windows`"};
  for (const YamlEntry& w : m->entries) {
    TimeMs* out = w.key == "conversion"             ? &map_.windows.conversion
                  : w.key == "attribution_lookback" ? &map_.windows.attribution_lookback
                  : w.key == "session_timeout"      ? &map_.windows.session_timeout
                                                    : &map_.windows.time_decay_half_life;
    r_.ReadDuration(w, ctx, out);
  }
}

void YamlMapParser::ParseChannels(const YamlEntry& e) {
  if (!ExpectList(e, "channel rules")) return;
  size_t index = 0;
  for (const YAML::Node& item : e.value) {
    ParseChannel(item, YamlNodeReader::At(item, e.value_at), index++);
  }
}

void YamlMapParser::ParseChannel(const YAML::Node& node, SourceLocation at, size_t index) {
  YamlContext ctx{at, "", Numbered("channel rule", index)};
  std::optional<YamlMapping> m =
      r_.ReadMapping(node, at, ctx, "a channel rule", kChannelKeys, WrongLevelHint);
  if (!m) return;
  ChannelRule rule;
  rule.location = ctx.decl = m->at;
  if (const YamlEntry* name = m->Find("name"); name && r_.ReadText(*name, ctx, &rule.channel)) {
    ctx.what = Quoted("channel rule", rule.channel);
  }
  // A condition that was misspelt or malformed is the real mistake, not "no condition".
  const size_t reported = r_.diagnostic_count();
  for (const YamlEntry& f : m->entries) {
    if (f.key == "utm_source") rule.utm_source = Texts(f, ctx, false);
    if (f.key == "utm_medium") rule.utm_medium = Texts(f, ctx, false);
    if (f.key == "utm_campaign") rule.utm_campaign = Texts(f, ctx, false);
    if (f.key == "referrer") rule.referrer = Texts(f, ctx, false);
    if (f.key == "property") rule.property = Texts(f, ctx, false);
    if (f.key == "event") rule.event = Texts(f, ctx, false);
    if (f.key == "where") ParseWhere(f, ctx, &rule.where);
  }
  if (m->had_unknown_keys || r_.diagnostic_count() != reported) {
    r_.MarkReported(rule.location, "conditions");
  }
  map_.channels.push_back(std::move(rule));
}

void YamlMapParser::ParseWins(const YamlEntry& e) {
  if (!ExpectList(e, "wins")) return;
  size_t index = 0;
  for (const YAML::Node& item : e.value) {
    ParseWin(item, YamlNodeReader::At(item, e.value_at), index++);
  }
}

void YamlMapParser::ParseWin(const YAML::Node& node, SourceLocation at, size_t index) {
  YamlContext ctx{at, "", Numbered("win", index)};
  std::optional<YamlMapping> m = r_.ReadMapping(node, at, ctx, "a win", kWinKeys, WinHint);
  if (!m) return;
  Win win;
  win.location = ctx.decl = m->at;
  if (const YamlEntry* name = m->Find("name"); name && r_.ReadText(*name, ctx, &win.name)) {
    ctx.what = Quoted("win", win.name);
  }
  ParsePredicate(*m, ctx, &win.predicate);
  if (const YamlEntry* value = m->Find("value")) r_.ReadText(*value, ctx, &win.value_property);
  map_.wins.push_back(std::move(win));
}

void YamlMapParser::ParsePredicate(const YamlMapping& m, const YamlContext& ctx,
                                   EventPredicate* p) {
  p->location = ctx.decl;
  // A misspelt `event` or a malformed condition is the real mistake, not "matches no event".
  const size_t reported = r_.diagnostic_count();
  const YamlEntry* event = m.Find("event");
  const YamlEntry* events = m.Find("events");
  if (event != nullptr && events != nullptr) {
    r_.ReportField(ctx.decl, "events", events->key_at, DiagnosticCode::kDuplicateKey,
                   "use either `event` or `events` " + ctx.what + ", not both");
  } else if (event != nullptr || events != nullptr) {
    const YamlEntry* names = event != nullptr ? event : events;
    p->events = Texts(*names, ctx, /*allow_empty=*/false);
    p->location = names->value_at;
  }
  if (const YamlEntry* where = m.Find("where")) ParseWhere(*where, ctx, &p->where);
  if (m.had_unknown_keys || r_.diagnostic_count() != reported) {
    r_.MarkReported(ctx.decl, "predicate");
  }
}

void YamlMapParser::ParseWhere(const YamlEntry& e, const YamlContext& ctx,
                               std::vector<PropertyCondition>* out) {
  std::optional<YamlMapping> m =
      r_.ReadMapping(e.value, e.value_at, ctx, "`where` " + ctx.what, {});
  if (!m) return;
  for (const YamlEntry& c : m->entries) ParseCondition(c, out);
}

void YamlMapParser::ParseCondition(const YamlEntry& e, std::vector<PropertyCondition>* out) {
  PropertyCondition c;
  c.property = e.key;
  c.location = e.key_at;
  YamlContext ctx{e.key_at, "", "in the condition on '" + e.key + "'"};
  YamlContext list_ctx{e.key_at, "", "in `where`"};
  if (e.value.IsNull()) {
    r_.Report(e.key_at, DiagnosticCode::kMissingKey,
              "the condition on '" + e.key + "' has no value; write `" + e.key + ": pro`, `" +
                  e.key + ": [a, b]` or `" + e.key + ": { exists: true }`");
    return;
  }
  if (!e.value.IsMap()) {
    c.values = Texts(e, list_ctx, /*allow_empty=*/false);
    if (!c.values.empty()) out->push_back(std::move(c));
    return;
  }
  std::optional<YamlMapping> ops =
      r_.ReadMapping(e.value, e.value_at, ctx, "a condition", kConditionOps, OperatorHint);
  if (!ops) return;
  if (e.value.size() == 0) {
    r_.Report(e.value_at, DiagnosticCode::kMissingKey,
              "the condition on '" + e.key +
                  "' is empty; use one of gt, ge, lt, le, exists, "
                  "not, glob");
  }
  for (const YamlEntry& op : ops->entries) ParseOperator(op, ctx, c, out);
}

void YamlMapParser::ParseOperator(const YamlEntry& op, const YamlContext& ctx, PropertyCondition c,
                                  std::vector<PropertyCondition>* out) {
  bool ok = true;
  if (op.key == "exists") {
    bool exists = true;
    ok = r_.ReadBool(op, ctx, &exists);
    c.op = exists ? CompareOp::kExists : CompareOp::kNotExists;
  } else if (op.key == "not" || op.key == "glob") {
    c.op = op.key == "not" ? CompareOp::kNotEquals : CompareOp::kGlob;
    c.values = Texts(op, ctx, /*allow_empty=*/false);
    ok = !c.values.empty();
  } else {
    c.op = op.key == "gt"   ? CompareOp::kGreater
           : op.key == "ge" ? CompareOp::kGreaterOrEqual
           : op.key == "lt" ? CompareOp::kLess
                            : CompareOp::kLessOrEqual;
    ok = r_.ReadNumber(op, ctx, &c.threshold);
  }
  if (ok) out->push_back(std::move(c));
}

void YamlMapParser::ParseMilestones(const YamlEntry& e) {
  std::optional<YamlMapping> m =
      r_.ReadMapping(e.value, e.value_at, top_, "`milestones`", kPhaseKeys, WrongLevelHint);
  if (!m) {
    r_.MarkReported({}, "milestones.core");
    return;
  }
  if (const YamlEntry* pre = m->Find("pre")) ParsePhaseList(*pre, MilestonePhase::kPre);
  if (const YamlEntry* core = m->Find("core")) {
    if (core->value.IsSequence()) {
      r_.ReportField({}, "milestones.core", core->value_at, DiagnosticCode::kWrongType,
                     "`core` is exactly one milestone written as a mapping "
                     "(`core: {name: Purchase, event: purchase}`), not a list");
    } else if (!core->value.IsNull()) {
      ParseMilestone(core->value, core->value_at, MilestonePhase::kCore, 0);
    }
  }
  if (const YamlEntry* post = m->Find("post")) ParsePhaseList(*post, MilestonePhase::kPost);
}

void YamlMapParser::ParsePhaseList(const YamlEntry& e, MilestonePhase phase) {
  if (!e.value.IsSequence() && !e.value.IsNull()) {
    r_.Report(e.value_at, DiagnosticCode::kWrongType,
              "`" + e.key + "` must be a list of milestones, each starting with `- name:`");
    return;
  }
  size_t index = 0;
  for (const YAML::Node& item : e.value) {
    ParseMilestone(item, YamlNodeReader::At(item, e.value_at), phase, index++);
  }
}

void YamlMapParser::ParseMilestone(const YAML::Node& node, SourceLocation at, MilestonePhase phase,
                                   size_t index) {
  std::string kind = std::string(MilestonePhaseName(phase)) + " milestone";
  YamlContext ctx{at, "",
                  phase == MilestonePhase::kCore ? "in the core milestone" : Numbered(kind, index)};
  std::optional<YamlMapping> m =
      r_.ReadMapping(node, at, ctx, "a milestone", kMilestoneKeys, WrongLevelHint);
  if (!m) {
    if (phase == MilestonePhase::kCore) r_.MarkReported({}, "milestones.core");
    return;
  }
  Milestone ms;
  ms.phase = phase;
  ms.location = ctx.decl = m->at;
  if (const YamlEntry* name = m->Find("name"); name && r_.ReadText(*name, ctx, &ms.name)) {
    ctx.what = Quoted("milestone", ms.name);
  }
  ParsePredicate(*m, ctx, &ms.predicate);
  if (const YamlEntry* value = m->Find("value")) r_.ReadText(*value, ctx, &ms.value_property);
  if (const YamlEntry* occ = m->Find("occurrence")) ParseOccurrence(*occ, ctx, &ms);
  map_.milestones.push_back(std::move(ms));
}

void YamlMapParser::ParseOccurrence(const YamlEntry& e, const YamlContext& ctx, Milestone* m) {
  std::string text;
  if (e.value.IsScalar()) text = e.value.Scalar();
  bool or_later = !text.empty() && text.back() == '+';
  if (or_later) text.pop_back();
  bool digits = !text.empty() && text.size() <= 6 &&
                std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) {
    std::string shown = e.value.IsScalar() ? "'" + e.value.Scalar() + "'" : "no whole number";
    r_.ReportField(
        ctx.decl, "occurrence", e.value_at, DiagnosticCode::kBadOccurrence,
        "`occurrence` " + ctx.what +
            " must be a whole number from 1 (2 = the "
            "second matching event), optionally followed by + for 'or later' (2+); got " +
            shown);
    return;
  }
  m->occurrence = std::stoi(text);
  m->or_later = or_later;
  r_.RecordField(ctx.decl, "occurrence", e.value_at);
}

void YamlMapParser::ParseStages(const YamlEntry& e) {
  std::optional<YamlMapping> m =
      r_.ReadMapping(e.value, e.value_at, top_, "`stages`", kStageKeys, WrongLevelHint);
  if (!m) return;
  map_.stages.location = m->at;
  YamlContext ctx{m->at, "", "in `stages`"};
  for (const YamlEntry& s : m->entries) {
    if (s.key == "dormant_after") {
      r_.ReadDuration(s, ctx, &map_.stages.dormant_after);
      continue;
    }
    std::vector<std::string>* out = s.key == "prospect"   ? &map_.stages.prospect
                                    : s.key == "customer" ? &map_.stages.customer
                                    : s.key == "promoter" ? &map_.stages.promoter
                                                          : &map_.stages.repeat_customer;
    *out = Texts(s, ctx, /*allow_empty=*/true);
  }
}

void YamlMapParser::ParseTargets(const YamlEntry& e) {
  if (!ExpectList(e, "targets")) return;
  size_t index = 0;
  for (const YAML::Node& item : e.value) {
    ParseTarget(item, YamlNodeReader::At(item, e.value_at), index++);
  }
}

void YamlMapParser::ParseTarget(const YAML::Node& node, SourceLocation at, size_t index) {
  YamlContext ctx{at, "", Numbered("target", index)};
  std::optional<YamlMapping> m =
      r_.ReadMapping(node, at, ctx, "a target", kTargetKeys, WrongLevelHint);
  if (!m) return;
  Target t;
  t.location = ctx.decl = m->at;
  if (const YamlEntry* from = m->Find("from")) r_.ReadText(*from, ctx, &t.from);
  if (const YamlEntry* to = m->Find("to")) r_.ReadText(*to, ctx, &t.to);
  if (const YamlEntry* channel = m->Find("channel")) r_.ReadText(*channel, ctx, &t.channel);
  if (const YamlEntry* rate = m->Find("rate")) {
    r_.ReadRate(*rate, ctx, &t.rate);
  } else {
    r_.ReportField(t.location, "rate", t.location, DiagnosticCode::kMissingKey,
                   "target " + std::to_string(index + 1) +
                       " has no `rate`; add the rate you expect, like `rate: 25%`");
  }
  if (const YamlEntry* within = m->Find("within")) {
    TimeMs w = 0;
    if (r_.ReadDuration(*within, ctx, &w)) t.within = w;
  }
  map_.targets.push_back(std::move(t));
}

}  // namespace winpath
