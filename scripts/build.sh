#!/usr/bin/env bash
# Configures and builds winpath with CMake + Ninja (ccache when present).
# Usage: scripts/build.sh [build-dir] [extra cmake args...]   (default build dir: build)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
shift || true
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
ninja -C "$dir" -j "$(nproc)"
