#include "model/path_table.h"

#include <cmath>
#include <string>
#include <unordered_set>

namespace winpath {
namespace {

Status PathError(size_t index, const std::string& what) {
  return Status::InvalidArgument("journey path " + std::to_string(index + 1) + ": " + what);
}

}  // namespace

Status ValidatePathTable(const PathTable& table) {
  std::unordered_set<std::string> names;
  for (const std::string& name : table.channel_names) {
    if (name.empty()) return Status::InvalidArgument("channel names: a name is empty");
    if (!names.insert(name).second) {
      return Status::InvalidArgument("channel names: '" + name + "' appears twice");
    }
  }
  for (size_t i = 0; i < table.paths.size(); ++i) {
    const JourneyPath& p = table.paths[i];
    if (p.channels.empty()) return PathError(i, "path is empty; expected at least one channel");
    for (uint16_t c : p.channels) {
      if (c >= table.channel_names.size()) {
        return PathError(i, "channel index " + std::to_string(c) + " is not a known channel");
      }
    }
    if (p.conversions < 0) return PathError(i, "conversions is negative; expected >= 0");
    if (p.nulls < 0) return PathError(i, "nulls is negative; expected >= 0");
    if (!std::isfinite(p.value)) return PathError(i, "value is not a finite number");
    if (p.conversions == 0 && p.value != 0) {
      return PathError(i, "value without conversions; expected value 0 when conversions is 0");
    }
  }
  return Status::OK();
}

std::string PathText(const PathTable& table, const JourneyPath& path) {
  std::string text;
  for (size_t i = 0; i < path.channels.size(); ++i) {
    if (i > 0) text += " > ";
    text += table.channel_names[path.channels[i]];
  }
  return text;
}

}  // namespace winpath
