// The `winpath` command line: subcommands analyze, import, map check, simulate.
// The only place with argv and exit codes (architecture.md).
#pragma once

namespace winpath::cli {

// Parses argv, runs the subcommand, returns the process exit code (cli/exit_code.h).
int RunApp(int argc, char** argv);

}  // namespace winpath::cli
