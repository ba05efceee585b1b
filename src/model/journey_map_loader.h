// Loading and checking journey maps written in YAML (docs/journey-map.md).
//
// Every mistake is reported as a Diagnostic with the file, 1-based line and column of the
// offending node and a message a marketer can act on ("unknown milestone 'Trail' in target 2;
// did you mean 'Trial'?"). Loading collects all diagnostics it can instead of stopping at the
// first one.
//
// Thread-safety: free functions without shared state.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "model/journey_map.h"

namespace winpath {

// What kind of mistake a Diagnostic reports; tests assert codes, not wording.
// docs/journey-map.md#checks lists each with an example.
enum class DiagnosticCode : uint8_t {
  kSyntax,               // the text is not valid YAML
  kInvalidUtf8,          // bytes that are not UTF-8 (maps are UTF-8 text)
  kEmptyFile,            // nothing but comments or whitespace
  kUnreadableFile,       // the file cannot be opened or read
  kUnknownKey,           // a key the schema does not have (typo, or wrong level)
  kDuplicateKey,         // the same key twice in one mapping; `event` with `events`
  kWrongType,            // a list where text was expected, ...
  kMissingKey,           // a required key is absent or empty (name, core, from, to, rate)
  kBadValue,             // a value of the right type but not allowed (currency, grouping, ...)
  kBadDuration,          // not a duration like 30d, or not above zero
  kBadRate,              // not a rate like 25% or 0.25, or not in (0, 1]
  kBadOccurrence,        // not a whole number >= 1, optionally followed by '+'
  kDuplicateName,        // two wins/milestones share a name (ignoring case); a dimension twice
  kEmptyPredicate,       // a win or milestone with neither event names nor conditions
  kEmptyChannelRule,     // a channel rule without any condition
  kUnknownName,          // a stage or target names no win or milestone, or no channel
  kSelfTarget,           // a target whose `from` and `to` are the same
  kMissingCore,          // no core milestone (or, in code, several / out of order)
  kTooManyPredicates,    // more than kMaxPredicates wins + milestones
  kTooManyDimensions,    // more than kMaxDimensions dimensions
  kTooManyChannels,      // more distinct channel names than a channel id can hold
  kBackwardTarget,       // warning: a target goes from a later milestone to an earlier one
  kShadowedChannelRule,  // warning: an earlier rule matches everything this rule matches
};

// "syntax", "unknown-key", ... (stable: used in JSON output and tests).
std::string_view DiagnosticCodeName(DiagnosticCode code);

struct Diagnostic {
  std::string file;
  int line = 0;    // 1-based, 0 = whole file
  int column = 0;  // 1-based
  std::string message;
  bool warning = false;  // warnings do not make a map invalid
  DiagnosticCode code = DiagnosticCode::kBadValue;
  // "file:line:column: error: message" ("warning:" for warnings; "file: error: message" when
  // line is 0; the file part is left out when `file` is empty).
  std::string ToString() const;
};

struct MapCheck {
  JourneyMap map;                       // meaningful only when ok()
  std::vector<Diagnostic> diagnostics;  // errors and warnings, in file order
  bool ok() const;
};

// Parses and validates `yaml_text`; `file_name` is used in diagnostics only.
MapCheck CheckJourneyMapText(std::string_view yaml_text, std::string_view file_name);
// Reads the file and checks it (an unreadable file is one diagnostic at line 0).
MapCheck CheckJourneyMapFile(const std::string& path);

// The cross-reference and limit checks, on a map built in code or already parsed: names,
// uniqueness, predicates, the core milestone, stage and target references, rates, windows,
// limits; plus the warnings (backward target, shadowed channel rule). The loader runs exactly
// these checks after parsing, so a map built in code and the same map written in YAML get the
// same verdict. Diagnostics carry map.source_path and the declarations' locations (line 0 for
// declarations built in code) and are sorted by location.
//
// `locate(declaration, field)` lets the loader point at a field's own node: `field` is a key of
// the declaration ("from", "rate", "occurrence"), a list element ("prospect[1]",
// "dimensions[8]") or, for map-level fields, a path under the declaration at line 0
// ("name", "windows.conversion", "milestones.core"). It returns nullopt when that field already
// has an error from parsing, and the check stays silent. Without `locate`, diagnostics point at
// the declaration itself.
using FieldLocator = std::function<std::optional<SourceLocation>(const SourceLocation& declaration,
                                                                 std::string_view field)>;
std::vector<Diagnostic> CheckJourneyMap(const JourneyMap& map, const FieldLocator& locate = {});

// The map, or InvalidArgument whose message lists every error diagnostic, one per line
// (IoError when the file cannot be read).
Result<JourneyMap> LoadJourneyMapFile(const std::string& path);
Result<JourneyMap> LoadJourneyMapText(std::string_view yaml_text, std::string_view file_name);

}  // namespace winpath
