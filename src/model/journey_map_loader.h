// Loading and checking journey maps written in YAML (docs/journey-map.md).
//
// Every mistake is reported as a Diagnostic with the file, 1-based line and column of the
// offending node and a message a marketer can act on ("unknown milestone 'Trail' in target 2;
// did you mean 'Trial'?"). Loading collects all diagnostics it can instead of stopping at the
// first one.
//
// Thread-safety: free functions without shared state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "model/journey_map.h"

namespace winpath {

struct Diagnostic {
  std::string file;
  int line = 0;    // 1-based, 0 = whole file
  int column = 0;  // 1-based
  std::string message;
  bool warning = false;  // warnings do not make a map invalid
  // "file:line:column: error: message"
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

// The map, or InvalidArgument whose message lists every error diagnostic, one per line.
Result<JourneyMap> LoadJourneyMapFile(const std::string& path);
Result<JourneyMap> LoadJourneyMapText(std::string_view yaml_text, std::string_view file_name);

}  // namespace winpath
