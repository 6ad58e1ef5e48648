"""Cross-document resolution at scale.

    python benchmarks/resolve.py [--n 100000]

Generates N event mentions (a few hundred mechanisms with numbered rounds, reported by several
documents each, plus unnumbered bilateral meetings and undated reposts), resolves them on one
core, and prints the time, the number of events and the peak memory, at N and N/4, so that the
two show how time and memory grow with the mentions.
"""
from __future__ import annotations

import argparse
import random

from child import run


def generate(n: int, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    people = [{"id": f"p{i}", "name": f"Person {i}", "title": None, "country": "CN" if i % 2 else "RU", "discovered": False}
              for i in range(2000)]
    out = []
    for i in range(n):
        kind = rng.random()
        mech = f"xx-yy-mechanism-{rng.randrange(300)}"
        rnd = rng.randrange(1, 40)
        year = 2000 + rnd % 25
        m = {"id": f"em_{i:08d}", "doc": f"d{i // 2}", "type": "CONSULT", "trigger": "met", "status": "occurred",
             "date": None, "location": None, "modality": None, "mechanism": None, "round": None,
             "participants": [], "topics": [], "evidence": [], "inferred": {}, "background": False,
             "doc_kind": rng.choice(["official", "news", "other", "forum"]), "published": None}
        if kind < 0.6:      # a numbered round of a mechanism
            m.update(mechanism=mech, round=rnd, date={"start": f"{year}-{rnd % 12 + 1:02d}", "end": f"{year}-{rnd % 12 + 1:02d}"})
        elif kind < 0.9:    # a bilateral meeting on a day
            day = f"{rng.randrange(2005, 2026)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            m.update(date={"start": day, "end": day}, participants=rng.sample(people, 2))
        else:               # an undated repost with a city
            m.update(mechanism=mech, participants=rng.sample(people, 2), location={"city": "Beijing", "country": "CN"})
        out.append(m)
    return out


def child(n: int) -> dict:
    code = (
        "import json, resource, sys, time\n"
        "sys.path.insert(0, 'benchmarks')\n"
        "from resolve import generate\nfrom parley.resolve import resolve\n"
        f"ms = generate({n})\n"
        "t = time.perf_counter(); events, links = resolve(ms); dt = time.perf_counter() - t\n"
        "print(json.dumps({'events': len(events), 'seconds': dt, 'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))\n"
    )
    return run(code)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100_000)
    args = ap.parse_args()
    small, big = child(args.n // 4), child(args.n)
    print(f"resolved {args.n} mentions into {big['events']} events in {big['seconds']:.1f} s on one core, "
          f"peak memory {big['peak_mb']:.0f} MB")
    print(f"at N/4 = {args.n // 4}: {small['seconds']:.1f} s, {small['peak_mb']:.0f} MB "
          f"(time x{big['seconds'] / max(small['seconds'], 1e-9):.1f}, memory x{big['peak_mb'] / max(small['peak_mb'], 1e-9):.1f} for 4x the mentions)")


if __name__ == "__main__":
    main()
