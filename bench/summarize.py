#!/usr/bin/env python3
"""Turns one bench/run.sh run into a Markdown section for bench/RESULTS.md."""
import json
import os
import platform
import subprocess
import sys
from datetime import datetime, timezone

name, ndjson, params = sys.argv[1], sys.argv[2], sys.argv[3]
d = "bench/data/"


def read_time(path):
    secs, kb = open(path).read().split()[-2:]
    return float(secs), int(kb) / 1024.0


lines = sum(1 for _ in open(ndjson, "rb"))
size_mb = os.path.getsize(ndjson) / 1e6
imports = sorted(read_time(d + name + f".import{run}.time") for run in (1, 2))
imp_s, imp_mb = imports[0]
peer = json.load(open(d + name + ".peer.json"))
engine = json.load(open(d + name + ".engine.json"))
cpu = "unknown"
for line in open("/proc/cpuinfo"):
    if line.startswith("model name"):
        cpu = line.split(":", 1)[1].strip()
        break
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                        text=True).stdout.strip()
out = []
out.append(f"\n## {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M')} UTC — {name} (commit {commit})\n")
out.append(f"Machine: {os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}. "
           f"Data: `winpath simulate` {params}: {lines:,} messages, {size_mb:,.0f} MB NDJSON.\n")
out.append("Command: `bash bench/run.sh " + " ".join(a.split("=")[1] for a in params.split()[:2]) + "`\n")
out.append("Times: the import is run twice (the faster run first); every engine benchmark five "
           "times in random order, as best · median of the five, the rate and the ratio to the "
           "peer from the best.\n")
out.append("\n| step | time | rate | peak memory | peer (same run) | ratio |")
out.append("|---|---|---|---|---|---|")
imp_rate = lines / imp_s
out.append(f"| import NDJSON → table file (2 threads) | {imp_s:.2f} s · {imports[1][0]:.2f} s | "
           f"{imp_rate/1e6:.2f} M msg/s | "
           f"{imp_mb:,.0f} MB | simdjson parse-only, 1 thread: {peer['messages_per_s']/1e6:.2f} M msg/s | "
           f"{imp_rate/peer['messages_per_s']:.2f}× |")
# Every repetition of each benchmark, by name (without the aggregates).
runs = {}
for b in engine["benchmarks"]:
    if b.get("run_type", "iteration") == "iteration":
        runs.setdefault(b["run_name"] if "run_name" in b else b["name"], []).append(b)
events = None
for threads in (1, 2):
    suffix = f"/{threads}/min_time:1.000/real_time"
    peer_runs = runs.get("BM_PlainLoopPeer" + suffix)
    peer_best = min(r["real_time"] for r in peer_runs) if peer_runs else float("nan")
    # Registration order (engine_bench.cc), whatever order the repetitions ran in.
    order = ["PlainLoopPeer", "Funnel", "WinPaths", "Attribution", "Paths", "Flywheel",
             "Lifecycle", "Retention"]
    rank = lambda key: order.index(key[3:].split("/")[0]) if key[3:].split("/")[0] in order else 99
    for key, reps in sorted(runs.items(), key=lambda kv: rank(kv[0])):
        if not key.endswith(suffix):
            continue
        label = key.split("/")[0][3:]
        times = sorted(r["real_time"] for r in reps)
        best, median = times[0], times[len(times) // 2]
        b = reps[0]
        events = int(b["events"])
        rate = events / (best / 1e3)
        peer_rate = events / (peer_best / 1e3)
        peak = max(r["peak_rss_mb"] for r in reps)
        out.append(f"| {label}, {threads} thread{'s' if threads > 1 else ''} | {best:.0f} · {median:.0f} ms | "
                   f"{rate/1e6:,.0f} M events/s | {peak:,.0f} MB (process) | "
                   f"plain loop: {peer_rate/1e6:,.0f} M events/s | {rate/peer_rate:.2f}× |")
if events:
    b = next(iter(runs.values()))[0]
    out.append(f"\nTable: {events:,} events; core columns {b['core_bytes_per_event']:.1f} bytes/event.")
print("\n".join(out))
