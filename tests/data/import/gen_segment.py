#!/usr/bin/env python3
"""Writes N Segment-shaped NDJSON messages (track/page, some identify) for import speed runs.

    python3 tests/data/import/gen_segment.py 1000000 > /tmp/segment_1m.ndjson

Deterministic (seeded). About 10 events per person; a third of the persons identify midway,
so their anonymous events and known-user events must stitch into one person.
"""
import json
import random
import sys

def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
    rng = random.Random(42)
    base = 1767225600  # 2026-01-01T00:00:00Z
    pages = ["/", "/pricing", "/blog/launch", "/blog/tips", "/docs", "/signup", "/faq"]
    events = ["signed_up", "trial_started", "purchase", "faq_viewed", "demo_booked",
              "button_clicked", "video_played"]
    sources = [None, None, None, ("google", "cpc"), ("newsletter", "email"),
               ("facebook", "paid_social"), ("partner", "affiliate")]
    referrers = ["", "", "https://www.google.com/", "https://t.co/x", "https://news.ycombinator.com/"]
    out = sys.stdout
    persons = max(1, n // 10)
    for i in range(n):
        p = rng.randrange(persons)
        anon = "anon-%08d" % p
        t = base + rng.randrange(90 * 86400)
        msg = {"anonymousId": anon, "messageId": "m-%010d" % i,
               "timestamp": t * 1000 + rng.randrange(1000) if i % 2 else
               "2026-%02d-%02dT%02d:%02d:%02d.%03dZ" % (1 + (t // 2592000) % 3, 1 + (t // 86400) % 28,
                                                      (t // 3600) % 24, (t // 60) % 60, t % 60,
                                                      rng.randrange(1000))}
        if p % 3 == 0 and rng.random() < 0.5:
            msg["userId"] = "user-%08d" % p
        if rng.random() < 0.6:
            path = rng.choice(pages)
            src = rng.choice(sources)
            url = "https://example.com" + path
            if src:
                url += "?utm_source=%s&utm_medium=%s&utm_campaign=spring" % src
            msg.update(type="page", name=path.strip("/") or "home",
                       properties={"path": path, "url": url, "title": "Example " + path},
                       context={"page": {"url": url, "referrer": rng.choice(referrers)},
                                "userAgent": "Mozilla/5.0 (X11; Linux x86_64)", "ip": "203.0.113.7"})
        else:
            ev = rng.choice(events)
            props = {"plan": rng.choice(["free", "pro", "team"]), "country": rng.choice(["DE", "US", "FR"])}
            if ev == "purchase":
                props["revenue"] = round(rng.uniform(10, 500), 2)
            msg.update(type="track", event=ev, properties=props,
                       context={"library": {"name": "analytics.js", "version": "4.1.0"}})
        out.write(json.dumps(msg, separators=(",", ":")))
        out.write("\n")

if __name__ == "__main__":
    main()
