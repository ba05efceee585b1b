#include "model/yaml_node_reader.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "model/duration.h"
#include "model/name_suggestion.h"

namespace winpath {
namespace {

std::string_view TypeName(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Scalar: return "text";
    default: return "nothing";
  }
}

// Parses the whole text as a finite number.
std::optional<double> ParseNumber(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

}  // namespace

const YamlEntry* YamlMapping::Find(std::string_view key) const {
  for (const YamlEntry& e : entries) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

SourceLocation YamlNodeReader::At(const YAML::Node& node, SourceLocation fallback) {
  if (!node.IsDefined() || node.IsNull()) return fallback;
  YAML::Mark mark = node.Mark();
  if (mark.line < 0 || mark.column < 0) return fallback;
  return {mark.line + 1, mark.column + 1};
}

void YamlNodeReader::Report(SourceLocation at, DiagnosticCode code, std::string message) {
  diagnostics_->push_back(Diagnostic{file_, at.line, at.column, std::move(message), false, code});
}

void YamlNodeReader::ReportField(SourceLocation decl, std::string_view path, SourceLocation at,
                                 DiagnosticCode code, std::string message) {
  MarkReported(decl, path);
  Report(at, code, std::move(message));
}

void YamlNodeReader::MarkReported(SourceLocation decl, std::string_view path) {
  reported_.emplace(decl.line, decl.column, std::string(path));
}

void YamlNodeReader::RecordField(SourceLocation decl, std::string_view path, SourceLocation at) {
  fields_[FieldKey(decl.line, decl.column, std::string(path))] = at;
}

std::optional<SourceLocation> YamlNodeReader::LocateField(const SourceLocation& decl,
                                                          std::string_view path) const {
  FieldKey key(decl.line, decl.column, std::string(path));
  if (reported_.count(key) != 0) return std::nullopt;
  auto it = fields_.find(key);
  if (it != fields_.end()) return it->second;
  return decl.line == 0 ? root_ : decl;
}

std::optional<YamlMapping> YamlNodeReader::ReadMapping(
    const YAML::Node& node, SourceLocation at, const YamlContext& ctx, std::string_view kind,
    std::span<const std::string_view> keys,
    const std::function<std::string(std::string_view key)>& hint) {
  if (!node.IsMap()) {
    Report(At(node, at), DiagnosticCode::kWrongType,
           std::string(kind) + " must be a mapping of `key: value` lines, not " +
               std::string(TypeName(node)));
    return std::nullopt;
  }
  YamlMapping m;
  m.at = At(node, at);
  for (auto it = node.begin(); it != node.end(); ++it) {
    YamlEntry e;
    e.key_at = At(it->first, m.at);
    if (!it->first.IsScalar()) {
      Report(e.key_at, DiagnosticCode::kWrongType, "a key must be a plain word like `name`");
      continue;
    }
    e.key = it->first.Scalar();
    e.value = it->second;
    e.value_at = At(it->second, e.key_at);
    std::string where = ctx.what.empty() ? "" : " " + ctx.what;
    if (!keys.empty() && std::find(keys.begin(), keys.end(), e.key) == keys.end()) {
      std::string extra = hint ? hint(e.key) : "";
      if (extra.empty()) extra = DidYouMean(e.key, keys);
      std::string allowed;
      for (std::string_view k : keys) allowed += (allowed.empty() ? "" : ", ") + std::string(k);
      m.had_unknown_keys = true;
      Report(e.key_at, DiagnosticCode::kUnknownKey,
             "unknown key '" + e.key + "'" + where + extra + " (allowed: " + allowed + ")");
      continue;
    }
    if (m.Find(e.key) != nullptr) {
      Report(e.key_at, DiagnosticCode::kDuplicateKey,
             "key '" + e.key + "' appears twice" + where + "; only the first one is used");
      continue;
    }
    m.entries.push_back(std::move(e));
  }
  return m;
}

std::string YamlNodeReader::Subject(const YamlEntry& e, const YamlContext& ctx) {
  return "`" + e.key + "`" + (ctx.what.empty() ? "" : " " + ctx.what);
}

bool YamlNodeReader::ExpectScalar(const YamlEntry& e, const YamlContext& ctx,
                                  std::string_view expected) {
  if (e.value.IsScalar()) return true;
  if (!e.value.IsDefined() || e.value.IsNull()) {
    ReportField(ctx.decl, ctx.prefix + e.key, e.value_at, DiagnosticCode::kMissingKey,
                Subject(e, ctx) + " has no value; expected " + std::string(expected));
  } else {
    ReportField(ctx.decl, ctx.prefix + e.key, e.value_at, DiagnosticCode::kWrongType,
                Subject(e, ctx) + " must be " + std::string(expected) + ", not " +
                    std::string(TypeName(e.value)));
  }
  return false;
}

bool YamlNodeReader::ReadText(const YamlEntry& e, const YamlContext& ctx, std::string* out) {
  if (!ExpectScalar(e, ctx, "text")) return false;
  if (e.value.Scalar().empty()) {
    ReportField(ctx.decl, ctx.prefix + e.key, e.value_at, DiagnosticCode::kMissingKey,
                Subject(e, ctx) + " is empty");
    return false;
  }
  *out = e.value.Scalar();
  RecordField(ctx.decl, ctx.prefix + e.key, e.value_at);
  return true;
}

bool YamlNodeReader::ReadTextList(const YamlEntry& e, const YamlContext& ctx, bool allow_empty,
                                  std::vector<YamlText>* out) {
  const std::string path = ctx.prefix + e.key;
  std::vector<YamlText> items;
  if (e.value.IsScalar()) {
    items.push_back({e.value.Scalar(), e.value_at});
  } else if (e.value.IsSequence()) {
    for (const YAML::Node& item : e.value) {
      SourceLocation at = At(item, e.value_at);
      if (!item.IsScalar()) {
        ReportField(ctx.decl, path, at, DiagnosticCode::kWrongType,
                    "each item of " + Subject(e, ctx) + " must be text, not " +
                        std::string(TypeName(item)));
        return false;
      }
      items.push_back({item.Scalar(), at});
    }
  } else if (!e.value.IsNull() || !allow_empty) {
    return ExpectScalar(e, ctx, "text or a list like [a, b]");
  }
  for (const YamlText& item : items) {
    if (item.text.empty()) {
      ReportField(ctx.decl, path, item.at, DiagnosticCode::kMissingKey,
                  Subject(e, ctx) + " has an empty item");
      return false;
    }
  }
  if (items.empty() && !allow_empty) {
    ReportField(ctx.decl, path, e.value_at, DiagnosticCode::kMissingKey,
                Subject(e, ctx) + " is an empty list");
    return false;
  }
  RecordField(ctx.decl, path, e.value_at);
  for (size_t i = 0; i < items.size(); ++i) {
    RecordField(ctx.decl, path + "[" + std::to_string(i) + "]", items[i].at);
  }
  *out = std::move(items);
  return true;
}

bool YamlNodeReader::ReadDuration(const YamlEntry& e, const YamlContext& ctx, TimeMs* out) {
  if (!ExpectScalar(e, ctx, "a duration like 30d, 12h or 1d12h")) return false;
  Result<TimeMs> d = ParseDuration(e.value.Scalar());
  if (!d.ok()) {
    ReportField(ctx.decl, ctx.prefix + e.key, e.value_at, DiagnosticCode::kBadDuration,
                Subject(e, ctx) + ": " + d.status().message());
    return false;
  }
  *out = *d;
  RecordField(ctx.decl, ctx.prefix + e.key, e.value_at);
  return true;
}

bool YamlNodeReader::ReadRate(const YamlEntry& e, const YamlContext& ctx, double* out) {
  if (!ExpectScalar(e, ctx, "a rate like 25% or 0.25")) return false;
  std::string_view text = e.value.Scalar();
  bool percent = !text.empty() && text.back() == '%';
  if (percent) text.remove_suffix(1);
  std::optional<double> v = ParseNumber(text);
  if (!v) {
    ReportField(ctx.decl, ctx.prefix + e.key, e.value_at, DiagnosticCode::kBadRate,
                Subject(e, ctx) + " is '" + e.value.Scalar() +
                    "', not a rate; write a percentage like 25% or a fraction like 0.25");
    return false;
  }
  *out = percent ? *v / 100.0 : *v;
  RecordField(ctx.decl, ctx.prefix + e.key, e.value_at);
  return true;
}

bool YamlNodeReader::ReadNumber(const YamlEntry& e, const YamlContext& ctx, double* out) {
  if (!ExpectScalar(e, ctx, "a number")) return false;
  std::optional<double> v = ParseNumber(e.value.Scalar());
  if (!v) {
    ReportField(ctx.decl, ctx.prefix + e.key, e.value_at, DiagnosticCode::kBadValue,
                Subject(e, ctx) + " is '" + e.value.Scalar() + "', not a number");
    return false;
  }
  *out = *v;
  RecordField(ctx.decl, ctx.prefix + e.key, e.value_at);
  return true;
}

bool YamlNodeReader::ReadBool(const YamlEntry& e, const YamlContext& ctx, bool* out) {
  if (!ExpectScalar(e, ctx, "true or false")) return false;
  std::string t = e.value.Scalar();
  for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (t == "true" || t == "yes") {
    *out = true;
  } else if (t == "false" || t == "no") {
    *out = false;
  } else {
    ReportField(ctx.decl, ctx.prefix + e.key, e.value_at, DiagnosticCode::kBadValue,
                Subject(e, ctx) + " must be true or false, not '" + e.value.Scalar() + "'");
    return false;
  }
  RecordField(ctx.decl, ctx.prefix + e.key, e.value_at);
  return true;
}

}  // namespace winpath
