// `winpath import FILE... --map M [--out T.wpt]`: validate, deduplicate, stitch identities,
// print read = imported + rejected + duplicates, and optionally save the engine table.
#pragma once

#include <string>
#include <vector>

#include "cli/event_loader.h"

namespace winpath::cli {

struct ImportOptionsCli {
  std::vector<std::string> files;
  std::string map_path;
  std::string out_path;
  bool strict = false;
  LoadOptions load;
};

int RunImport(const ImportOptionsCli& options);

}  // namespace winpath::cli
