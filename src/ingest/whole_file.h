// Reading and atomically replacing whole files (the event-table file).
//
// Thread-safety: free functions; concurrent writers of one path race (the last rename wins,
// each result is a complete file).
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace winpath {

// The file's bytes, or IoError naming the path.
Result<std::string> ReadWholeFile(const std::string& path);

// Writes `bytes` to a temporary file beside `path`, fsyncs it, renames it over `path` and
// fsyncs the directory. On failure the temporary file is removed, `path` is untouched, and
// IoError names the path and the failing step.
Status WriteFileAtomically(const std::string& path, std::string_view bytes);

}  // namespace winpath
