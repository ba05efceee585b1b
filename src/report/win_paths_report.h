// Rendering of a WinPathsResult: JSON for the API and `--format json`, and terminal tables.
// JSON shape: docs/analyses/win-paths.md#output.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "analysis/win_paths.h"

namespace winpath {

// One JSON object (no trailing newline). Numbers are plain JSON numbers; a missing median,
// rate or best channel is null.
std::string WinPathsToJson(const WinPathsResult& result);

// One table per view x win, with the best channel and its margin under each table.
std::string WinPathsToTable(const WinPathsResult& result);

}  // namespace winpath
