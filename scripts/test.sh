#!/usr/bin/env bash
# Quick-start command 2: installs dependencies, builds everything and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh build
cd build
ctest --output-on-failure -j "$(nproc)" --timeout 600
