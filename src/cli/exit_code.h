// Exit codes of the winpath binary — the only place a Status becomes a process exit code
// (architecture.md, habit 1). Documented in docs/cli.md#exit-codes.
#pragma once

#include "base/status.h"

namespace winpath::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;      // a winpath bug (Internal) or an unexpected failure
inline constexpr int kExitUsage = 2;         // bad flags (CLI11's own code for parse errors)
inline constexpr int kExitInvalidInput = 3;  // the map, a file or a flag value is wrong
inline constexpr int kExitIo = 4;            // the OS refused a read or write
inline constexpr int kExitCorrupt = 5;       // a stored file does not decode
inline constexpr int kExitRejected = 6;      // import finished but rejected rows (--strict)

int ExitCodeFor(const Status& status);

// Prints "winpath: error: <message>" to stderr and returns ExitCodeFor(status).
int ReportError(const Status& status);

}  // namespace winpath::cli
