#!/usr/bin/env bash
# Quick-start command 1: installs dependencies, builds winpath, simulates a demo company
# (the SaaS example map) and prints its journey analysis.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh build-demo -DWINPATH_BUILD_TESTS=OFF -DWINPATH_BUILD_BENCH=OFF
bin=build-demo/bin/winpath
out=demo-data
mkdir -p "$out"
"$bin" simulate --map examples/saas.yaml --persons 20000 --days 120 --seed 7 --out "$out/saas.ndjson"
"$bin" analyze --map examples/saas.yaml --events "$out/saas.ndjson" --analysis all
