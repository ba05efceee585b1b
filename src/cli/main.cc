// The winpath binary: see docs/cli.md.
#include "cli/app.h"

int main(int argc, char** argv) { return winpath::cli::RunApp(argc, argv); }
