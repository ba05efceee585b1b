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
imp_s, imp_mb = read_time(d + name + ".import.time")
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
out.append("\n| step | time | rate | peak memory | peer (same run) | ratio |")
out.append("|---|---|---|---|---|---|")
imp_rate = lines / imp_s
out.append(f"| import NDJSON → table file (2 threads) | {imp_s:.2f} s | {imp_rate/1e6:.2f} M msg/s | "
           f"{imp_mb:,.0f} MB | simdjson parse-only, 1 thread: {peer['messages_per_s']/1e6:.2f} M msg/s | "
           f"{imp_rate/peer['messages_per_s']:.2f}× |")
bench = {b["name"]: b for b in engine["benchmarks"] if b.get("run_type", "iteration") == "iteration"}
events = None
for threads in (1, 2):
    peer_b = bench.get(f"BM_PlainLoopPeer/{threads}/min_time:1.000/real_time")
    for key, b in bench.items():
        if not key.endswith(f"/{threads}/min_time:1.000/real_time"):
            continue
        label = key.split("/")[0][3:]
        events = int(b["events"])
        rate = b["events_per_s"]
        ratio = rate / peer_b["events_per_s"] if peer_b else float("nan")
        out.append(f"| {label}, {threads} thread{'s' if threads > 1 else ''} | {b['real_time']:.0f} ms | "
                   f"{rate/1e6:,.0f} M events/s | {b['peak_rss_mb']:,.0f} MB (process) | "
                   f"plain loop: {peer_b['events_per_s']/1e6:,.0f} M events/s | {ratio:.2f}× |")
if events:
    b = next(iter(bench.values()))
    out.append(f"\nTable: {events:,} events; core columns {b['core_bytes_per_event']:.1f} bytes/event.")
print("\n".join(out))
