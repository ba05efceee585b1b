#include "cli/map_command.h"

#include <cstdio>

#include "cli/exit_code.h"
#include "model/journey_map_loader.h"

namespace winpath::cli {

int RunMapCheck(const std::vector<std::string>& files, bool quiet) {
  int exit_code = kExitOk;
  for (const std::string& file : files) {
    MapCheck check = CheckJourneyMapFile(file);
    size_t errors = 0, warnings = 0;
    for (const Diagnostic& d : check.diagnostics) {
      std::fprintf(stderr, "%s\n", d.ToString().c_str());
      (d.warning ? warnings : errors) += 1;
    }
    if (!check.ok()) {
      std::fprintf(stderr, "%s: %zu error%s, %zu warning%s\n", file.c_str(), errors,
                   errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
      exit_code = kExitInvalidInput;
      continue;
    }
    if (quiet) continue;
    const JourneyMap& m = check.map;
    size_t pre = 0, post = 0;
    for (const Milestone& ms : m.milestones) {
      pre += ms.phase == MilestonePhase::kPre;
      post += ms.phase == MilestonePhase::kPost;
    }
    std::printf(
        "%s: ok — \"%s\": %zu channel rules, %zu wins, %zu pre | 1 core | %zu post "
        "milestones, %zu targets%s\n",
        file.c_str(), m.name.c_str(), m.channels.size(), m.wins.size(), pre, post, m.targets.size(),
        warnings ? (", " + std::to_string(warnings) + " warnings").c_str() : "");
  }
  return exit_code;
}

}  // namespace winpath::cli
