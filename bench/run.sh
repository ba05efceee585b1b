#!/usr/bin/env bash
# Benchmarks import and every analysis on simulated data, against peers measured in the same
# run, and appends the results to bench/RESULTS.md.
#
#   bash bench/run.sh [PERSONS] [DAYS]      default: 400000 persons, 120 days (~10M events)
#
# Data is cached in bench/data/ (git-ignored). Takes minutes; not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
persons=${1:-400000}
days=${2:-120}
map=${WINPATH_BENCH_MAP:-examples/saas.yaml}
bash scripts/install-deps.sh
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DWINPATH_BUILD_TESTS=OFF >/dev/null
ninja -C build-bench winpath engine_bench ndjson_parse_peer >/dev/null
bin=build-bench/bin/winpath
mkdir -p bench/data
name=$(basename "$map" .yaml)-$persons-$days
ndjson=bench/data/$name.ndjson
table=bench/data/$name.wpt
if [ ! -s "$ndjson" ]; then
  /usr/bin/time -f "%e %M" -o bench/data/$name.sim.time \
    "$bin" simulate --map "$map" --persons "$persons" --days "$days" --seed 1 --out "$ndjson" \
      --start "$(date -u -d "-$((days + 1)) days" +%F)" \
      --truth bench/data/$name.truth.json >/dev/null
fi
# Twice: the machine may be shared, and the summary shows both runs.
for run in 1 2; do
  /usr/bin/time -f "%e %M" -o bench/data/$name.import$run.time \
    "$bin" import "$ndjson" --map "$map" --out "$table" --rejects bench/data/$name.rejects.ndjson \
      --no-progress > bench/data/$name.import.txt
done
build-bench/bench/ndjson_parse_peer "$ndjson" > bench/data/$name.peer.json
# Five repetitions of every benchmark in random order, so that a burst of load from another
# process on a shared machine hits different benchmarks in different repetitions; the summary
# reports the best and the median of the five.
WINPATH_BENCH_MAP=$map WINPATH_BENCH_TABLE=$table build-bench/bench/engine_bench \
  --benchmark_repetitions=5 --benchmark_enable_random_interleaving=true \
  --benchmark_format=json --benchmark_out=bench/data/$name.engine.json \
  --benchmark_out_format=json >/dev/null
python3 bench/summarize.py "$name" "$ndjson" "persons=$persons days=$days map=$map" \
  | tee -a bench/RESULTS.md
