// YamlMapParser: turns a journey-map YAML document (docs/journey-map.md) into a JourneyMap,
// reporting through a YamlNodeReader everything it cannot read — unknown or repeated keys,
// wrong types, bad durations, rates and occurrences — and recording where every field sits.
// Cross-references and limits (names, stages, targets, the core milestone) are left to
// CheckJourneyMap, which the loader runs next with the reader as its FieldLocator.
//
// Internal to model/ (yaml-cpp is linked PRIVATE). Thread-safety: one parser per load.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "model/journey_map.h"
#include "model/yaml_node_reader.h"

namespace winpath {

class YamlMapParser {
 public:
  YamlMapParser(YamlNodeReader* reader, JourneyMap* map) : r_(*reader), map_(*map) {}
  // Fills the map from `root` (any node; a non-mapping is reported). Absent `wins` become
  // DefaultWins(). May throw YAML::Exception for malformed documents yaml-cpp only notices
  // while walking; the loader catches it.
  void Parse(const YAML::Node& root);

 private:
  void ParseTop(const YamlEntry& e);
  void ParseWindows(const YamlEntry& e);
  void ParseChannels(const YamlEntry& e);
  void ParseChannel(const YAML::Node& node, SourceLocation at, size_t index);
  void ParseWins(const YamlEntry& e);
  void ParseWin(const YAML::Node& node, SourceLocation at, size_t index);
  void ParsePredicate(const YamlMapping& m, const YamlContext& ctx, EventPredicate* p);
  void ParseWhere(const YamlEntry& e, const YamlContext& ctx, std::vector<PropertyCondition>* out);
  void ParseCondition(const YamlEntry& e, std::vector<PropertyCondition>* out);
  void ParseOperator(const YamlEntry& op, const YamlContext& ctx, PropertyCondition c,
                     std::vector<PropertyCondition>* out);
  void ParseMilestones(const YamlEntry& e);
  void ParsePhaseList(const YamlEntry& e, MilestonePhase phase);
  void ParseMilestone(const YAML::Node& node, SourceLocation at, MilestonePhase phase,
                      size_t index);
  void ParseOccurrence(const YamlEntry& e, const YamlContext& ctx, Milestone* m);
  void ParseStages(const YamlEntry& e);
  void ParseTargets(const YamlEntry& e);
  void ParseTarget(const YAML::Node& node, SourceLocation at, size_t index);
  // The list under `e` (null = empty); reports anything else.
  bool ExpectList(const YamlEntry& e, std::string_view item_kind);
  std::vector<std::string> Texts(const YamlEntry& e, const YamlContext& ctx, bool allow_empty);

  YamlNodeReader& r_;
  JourneyMap& map_;
  const YamlContext top_;
};

}  // namespace winpath
