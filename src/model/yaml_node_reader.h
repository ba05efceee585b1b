// YamlNodeReader: reads typed journey-map values (text, lists, durations, rates, numbers,
// booleans) out of yaml-cpp nodes and reports every problem as a Diagnostic at the node's
// line:column, so the loader can keep going and collect all mistakes in one pass.
//
// Internal to model/ (yaml-cpp is linked PRIVATE): only the loader and its tests include it.
// It also remembers where each field's value sits and which fields already have an error; the
// checks after parsing (CheckJourneyMap) ask it through LocateField.
//
// Thread-safety: not thread-safe; one reader per load.
#pragma once

#include <yaml-cpp/yaml.h>

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "model/journey_map_loader.h"
#include "model/source_location.h"
#include "model/timestamp.h"

namespace winpath {

// One `key: value` pair of a mapping and where both sit.
struct YamlEntry {
  std::string key;
  SourceLocation key_at;
  YAML::Node value;
  SourceLocation value_at;  // the key's location when the value is empty (null)
};

// A mapping's pairs in file order; a repeated key keeps its first value (and is reported).
struct YamlMapping {
  SourceLocation at;
  std::vector<YamlEntry> entries;
  bool had_unknown_keys = false;  // reported; the entries leave those keys out
  // nullptr when absent.
  const YamlEntry* Find(std::string_view key) const;
};

// Which declaration the fields being read belong to, for messages and field paths.
struct YamlContext {
  SourceLocation decl;  // the declaration's location; {} for the map itself
  std::string prefix;   // prepended to a key to form the field path: "windows."
  std::string what;     // "in win 'Buy'"; empty at the top level
};

// A text with its location (list elements).
struct YamlText {
  std::string text;
  SourceLocation at;
};

class YamlNodeReader {
 public:
  YamlNodeReader(std::string file, std::vector<Diagnostic>* diagnostics)
      : file_(std::move(file)), diagnostics_(diagnostics) {}

  // 1-based location of `node`, or `fallback` when yaml-cpp has none (null nodes).
  static SourceLocation At(const YAML::Node& node, SourceLocation fallback);

  void Report(SourceLocation at, DiagnosticCode code, std::string message);
  // Diagnostics reported so far (lets a caller tell whether a part parsed cleanly).
  size_t diagnostic_count() const { return diagnostics_->size(); }
  // Reports an error about field `path` of the declaration `decl` and remembers it, so that
  // LocateField returns nullopt for it and the checks after parsing do not repeat it.
  void ReportField(SourceLocation decl, std::string_view path, SourceLocation at,
                   DiagnosticCode code, std::string message);
  // Like ReportField without a message: the problem was reported in other words already.
  void MarkReported(SourceLocation decl, std::string_view path);
  void RecordField(SourceLocation decl, std::string_view path, SourceLocation at);
  // A FieldLocator (journey_map_loader.h): the recorded location, nullopt for reported fields,
  // else the declaration (or, for the map itself, `root_` = the first key of the file).
  std::optional<SourceLocation> LocateField(const SourceLocation& decl,
                                            std::string_view path) const;
  void set_root(SourceLocation root) { root_ = root; }

  // `node` as a mapping whose keys are among `keys` (any key when `keys` is empty). Reports a node
  // that is not a mapping (returns nullopt; `kind` names what was expected, e.g. "a win"), unknown
  // keys with a did-you-mean suggestion or `hint(key)` when the hint is non-empty, and repeated
  // keys.
  std::optional<YamlMapping> ReadMapping(
      const YAML::Node& node, SourceLocation at, const YamlContext& ctx, std::string_view kind,
      std::span<const std::string_view> keys,
      const std::function<std::string(std::string_view key)>& hint = {});

  // Each Read* reports a problem with entry `e` (field path ctx.prefix + e.key) and returns
  // false, leaving `*out` unchanged; on success it records the field's location.
  bool ReadText(const YamlEntry& e, const YamlContext& ctx, std::string* out);
  // A text or a list of texts (a single text is a list of one). Each element is recorded as
  // "<path>[i]". An empty list is reported when `allow_empty` is false.
  bool ReadTextList(const YamlEntry& e, const YamlContext& ctx, bool allow_empty,
                    std::vector<YamlText>* out);
  bool ReadDuration(const YamlEntry& e, const YamlContext& ctx, TimeMs* out);
  // "25%" or 0.25; only the form is checked here, the range (0, 1] by CheckJourneyMap.
  bool ReadRate(const YamlEntry& e, const YamlContext& ctx, double* out);
  bool ReadNumber(const YamlEntry& e, const YamlContext& ctx, double* out);
  bool ReadBool(const YamlEntry& e, const YamlContext& ctx, bool* out);

 private:
  // "`rate` in target 2" / "`currency`".
  static std::string Subject(const YamlEntry& e, const YamlContext& ctx);
  // True when e.value is a scalar; reports a wrong type or a missing value otherwise.
  bool ExpectScalar(const YamlEntry& e, const YamlContext& ctx, std::string_view expected);

  using FieldKey = std::tuple<int, int, std::string>;
  std::string file_;
  std::vector<Diagnostic>* diagnostics_;
  SourceLocation root_{1, 1};
  std::map<FieldKey, SourceLocation> fields_;
  std::set<FieldKey> reported_;
};

}  // namespace winpath
