// Where a declaration sits in a journey-map file, for "file:line:column: message" errors.
#pragma once

namespace winpath {

struct SourceLocation {
  int line = 0;    // 1-based; 0 = unknown (built in code, not loaded from a file)
  int column = 0;  // 1-based
};

}  // namespace winpath
