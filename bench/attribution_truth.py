#!/usr/bin/env python3
"""Every attribution model against the simulator's truth (docs/analyses/attribution.md).

    python3 bench/attribution_truth.py [BIN] [PERSONS] [SEEDS]
    default: build/bin/winpath 300000 1,2,3

Simulates the SaaS example for a year per seed, runs the six heuristic models, Markov (order 1
and 3) and Shapley, and compares each model's credit per channel with the conversions the
channel truly causes (truth `removal` and `removal_with_return`, docs/simulator.md#truth-file)
over the channels that can be removed. Prints a Markdown table: Spearman's rho of the channel
ranking, and the share error = half the sum over channels of |model share - truth share| (0 =
the same split of credit, 1 = disjoint), each as the mean over seeds with the worst seed.
"""
import json
import os
import subprocess
import sys
import tempfile

BIN = sys.argv[1] if len(sys.argv) > 1 else "build/bin/winpath"
PERSONS = int(sys.argv[2]) if len(sys.argv) > 2 else 300000
SEEDS = [int(s) for s in (sys.argv[3] if len(sys.argv) > 3 else "1,2,3").split(",")]
MAP = "examples/saas.yaml"
HEURISTICS = ["first_touch", "last_touch", "last_non_direct", "linear", "time_decay",
              "position_based"]


def ranks(xs):
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    r = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2
        i = j + 1
    return r


def spearman(a, b):
    ra, rb = ranks(a), ranks(b)
    n = len(a)
    ma, mb = sum(ra) / n, sum(rb) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    va = sum((x - ma) ** 2 for x in ra)
    vb = sum((y - mb) ** 2 for y in rb)
    return cov / (va * vb) ** 0.5 if va > 0 and vb > 0 else 0.0


def share_error(truth, model):
    t, m = sum(max(x, 0) for x in truth), sum(model)
    if t <= 0 or m <= 0:
        return 1.0
    return sum(abs(max(x, 0) / t - y / m) for x, y in zip(truth, model)) / 2


def credits(result, model, win):
    if model in ("markov", "markov3", "shapley"):
        key = "markov" if model.startswith("markov") else "shapley"
        r = result[key]["wins"][win]["result"]
        return {c["channel"]: c["conversions"] for c in r["channels"]} if r else {}
    return {c["channel"]: c["conversions"]
            for c in result["attribution"]["wins"][win]["models"][model]}


def run(seed, tmp):
    events = os.path.join(tmp, f"s{seed}.ndjson")
    truth = os.path.join(tmp, f"s{seed}.truth.json")
    subprocess.run([BIN, "simulate", "--map", MAP, "--persons", str(PERSONS), "--days", "365",
                    "--seed", str(seed), "--start", "2025-01-01", "--out", events,
                    "--truth", truth], check=True, stdout=subprocess.DEVNULL)
    table = os.path.join(tmp, f"s{seed}.wpt")
    subprocess.run([BIN, "import", events, "--map", MAP, "--out", table, "--no-progress"],
                   check=True, stdout=subprocess.DEVNULL)
    out = {}
    for order in (1, 3):
        res = subprocess.run([BIN, "analyze", "--map", MAP, "--events", table, "--format", "json",
                              "--analysis", "attribution,markov,shapley", "--order", str(order)],
                             check=True, capture_output=True, text=True)
        out[order] = json.loads(res.stdout)
    out[1]["markov3"] = out[3]["markov"]
    with open(truth) as f:
        return out[1], json.load(f)


def main():
    models = HEURISTICS + ["markov", "markov3", "shapley"]
    rows = {}  # (model, win, reading) -> [(rho, err)]
    with tempfile.TemporaryDirectory() as tmp:
        for seed in SEEDS:
            result, truth = run(seed, tmp)
            result["markov3"] = result.pop("markov3")
            for reading in ("removal", "removal_with_return"):
                for win in truth["wins"]:
                    chans = truth[reading + "_ranking"][win]
                    t = [truth[reading][c][win]["incremental"] for c in chans]
                    for model in models:
                        src = dict(result)
                        if model == "markov3":
                            src = dict(result, markov=result["markov3"])
                        cr = credits(src, "markov" if model == "markov3" else model, win)
                        m = [cr.get(c, 0.0) for c in chans]
                        rows.setdefault((model, win, reading), []).append(
                            (spearman(t, m), share_error(t, m)))
    wins = ["Buy", "Support", "Register"]
    for reading in ("removal", "removal_with_return"):
        print(f"\nAgainst `{reading}` ({PERSONS:,} persons x seeds {SEEDS}); "
              "cells: Spearman mean (worst) / share error mean (worst)\n")
        print("| model | " + " | ".join(wins) + " |")
        print("|---|" + "---|" * len(wins))
        for model in models:
            cells = []
            for win in wins:
                v = rows[(model, win, reading)]
                rho = [x[0] for x in v]
                err = [x[1] for x in v]
                cells.append(f"{sum(rho)/len(rho):.3f} ({min(rho):.3f}) / "
                             f"{sum(err)/len(err):.3f} ({max(err):.3f})")
            name = {"markov": "markov (order 1)", "markov3": "markov (order 3)"}.get(model, model)
            print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
