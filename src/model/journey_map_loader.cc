#include "model/journey_map_loader.h"

#include <utf8cpp/utf8.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "model/yaml_map_parser.h"
#include "model/yaml_node_reader.h"

namespace winpath {
namespace {

Result<JourneyMap> MapOrError(MapCheck check) {
  if (check.ok()) return std::move(check.map);
  std::string message;
  bool unreadable = false;
  for (const Diagnostic& d : check.diagnostics) {
    if (d.warning) continue;
    unreadable |= d.code == DiagnosticCode::kUnreadableFile;
    message += (message.empty() ? "" : "\n") + d.ToString();
  }
  if (unreadable) return Status::IoError(std::move(message));
  return Status::InvalidArgument(std::move(message));
}

// yaml-cpp reports syntax errors, and a few structural ones while nodes are walked, by
// exception; each becomes one syntax diagnostic at yaml-cpp's mark.
void ReportYamlException(const YAML::Exception& e, YamlNodeReader* reader) {
  SourceLocation at{e.mark.line + 1, e.mark.column + 1};
  if (e.mark.is_null()) at = {};
  reader->Report(at, DiagnosticCode::kSyntax, "YAML syntax error: " + e.msg);
}

// The document's root node, or nullopt after reporting why there is none.
std::optional<YAML::Node> LoadRoot(std::string_view yaml_text, YamlNodeReader* reader) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    ReportYamlException(e, reader);
    return std::nullopt;
  }
  if (!root.IsDefined() || root.IsNull()) {
    reader->Report({}, DiagnosticCode::kEmptyFile,
                   "the journey map is empty; it needs at least `name:` and `milestones:` with a "
                   "`core:` milestone (see docs/journey-map.md)");
    return std::nullopt;
  }
  reader->set_root(YamlNodeReader::At(root, {1, 1}));
  return root;
}

}  // namespace

std::string_view DiagnosticCodeName(DiagnosticCode code) {
  switch (code) {
    case DiagnosticCode::kSyntax: return "syntax";
    case DiagnosticCode::kInvalidUtf8: return "invalid-utf8";
    case DiagnosticCode::kEmptyFile: return "empty-file";
    case DiagnosticCode::kUnreadableFile: return "unreadable-file";
    case DiagnosticCode::kUnknownKey: return "unknown-key";
    case DiagnosticCode::kDuplicateKey: return "duplicate-key";
    case DiagnosticCode::kWrongType: return "wrong-type";
    case DiagnosticCode::kMissingKey: return "missing-key";
    case DiagnosticCode::kBadValue: return "bad-value";
    case DiagnosticCode::kBadDuration: return "bad-duration";
    case DiagnosticCode::kBadRate: return "bad-rate";
    case DiagnosticCode::kBadOccurrence: return "bad-occurrence";
    case DiagnosticCode::kDuplicateName: return "duplicate-name";
    case DiagnosticCode::kEmptyPredicate: return "empty-predicate";
    case DiagnosticCode::kEmptyChannelRule: return "empty-channel-rule";
    case DiagnosticCode::kUnknownName: return "unknown-name";
    case DiagnosticCode::kSelfTarget: return "self-target";
    case DiagnosticCode::kMissingCore: return "missing-core";
    case DiagnosticCode::kTooManyPredicates: return "too-many-predicates";
    case DiagnosticCode::kTooManyDimensions: return "too-many-dimensions";
    case DiagnosticCode::kTooManyChannels: return "too-many-channels";
    case DiagnosticCode::kBackwardTarget: return "backward-target";
    case DiagnosticCode::kShadowedChannelRule: return "shadowed-channel-rule";
  }
  return "unknown";
}

std::string Diagnostic::ToString() const {
  std::string out = file;
  if (line > 0) {
    out += (out.empty() ? "" : ":") + std::to_string(line) + ":" + std::to_string(column);
  }
  if (!out.empty()) out += ": ";
  out += warning ? "warning: " : "error: ";
  out += message;
  return out;
}

bool MapCheck::ok() const {
  return std::none_of(diagnostics.begin(), diagnostics.end(),
                      [](const Diagnostic& d) { return !d.warning; });
}

MapCheck CheckJourneyMapText(std::string_view yaml_text, std::string_view file_name) {
  MapCheck check;
  check.map.source_path = std::string(file_name);
  if (auto bad = utf8::find_invalid(yaml_text.begin(), yaml_text.end()); bad != yaml_text.end()) {
    // Names flow into every result and JSON document; reject the map rather than mangle them.
    std::string_view before = yaml_text.substr(0, static_cast<size_t>(bad - yaml_text.begin()));
    int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    size_t line_start = before.rfind('\n');
    int column = static_cast<int>(before.size() -
                                  (line_start == std::string_view::npos ? 0 : line_start + 1)) +
                 1;
    check.diagnostics.push_back(
        Diagnostic{check.map.source_path, line, column,
                   "the file is not valid UTF-8 here; save the map as UTF-8", false,
                   DiagnosticCode::kInvalidUtf8});
    return check;
  }
  YamlNodeReader reader(check.map.source_path, &check.diagnostics);
  std::optional<YAML::Node> root = LoadRoot(yaml_text, &reader);
  if (!root) return check;
  try {
    YamlMapParser(&reader, &check.map).Parse(*root);
  } catch (const YAML::Exception& e) {
    ReportYamlException(e, &reader);
    return check;
  }
  if (!root->IsMap()) return check;
  auto locate = [&reader](const SourceLocation& decl, std::string_view field) {
    return reader.LocateField(decl, field);
  };
  for (Diagnostic& d : CheckJourneyMap(check.map, locate)) {
    check.diagnostics.push_back(std::move(d));
  }
  std::stable_sort(check.diagnostics.begin(), check.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::tie(a.line, a.column) < std::tie(b.line, b.column);
                   });
  return check;
}

MapCheck CheckJourneyMapFile(const std::string& path) {
  std::string text;
  std::string problem;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    problem = "it is a directory";
  } else {
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (in) text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!in.is_open() || in.bad()) problem = std::strerror(errno != 0 ? errno : EIO);
  }
  if (!problem.empty()) {
    MapCheck check;
    check.map.source_path = path;
    check.diagnostics.push_back(Diagnostic{path, 0, 0, "cannot read the journey map: " + problem,
                                           false, DiagnosticCode::kUnreadableFile});
    return check;
  }
  return CheckJourneyMapText(text, path);
}

Result<JourneyMap> LoadJourneyMapText(std::string_view yaml_text, std::string_view file_name) {
  return MapOrError(CheckJourneyMapText(yaml_text, file_name));
}

Result<JourneyMap> LoadJourneyMapFile(const std::string& path) {
  return MapOrError(CheckJourneyMapFile(path));
}

}  // namespace winpath
