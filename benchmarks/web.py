"""The web UI's speed on a large store.

    python benchmarks/web.py [--events 100000] [--db FILE] [--runs 15]

Generates a store of N events (2,000 mechanisms of up to 50 rounds, unnumbered bilateral meetings,
undated reports; two to four sources each with their evidence, some conflicts and inferences;
5,000 documents, 4,000 actors from 40 countries), rebuilt through the store's events rebuild
(which fills the flat tables and the full-text index), then renders pages in-process and prints
the median and slowest time of each: a mechanism's timeline and an event page (target under
200 ms), filtered event lists (under 300 ms), a document page and a search.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import orjson  # noqa: E402

from parley.store import Store  # noqa: E402

COUNTRIES = ["CN", "RU", "US", "IN", "FR", "DE", "GB", "JP", "KR", "BR", "ZA", "IR", "PK", "KZ", "UZ", "TR", "EG", "SA",
             "AE", "ID", "VN", "TH", "MY", "SG", "AU", "CA", "MX", "AR", "NG", "ET", "KE", "IL", "IT", "ES", "PL", "UA",
             "BY", "MN", "KG", "TJ"]
WORDS = ("the two sides held talks on security cooperation and regional stability and agreed to meet again "
         "in the coming year while officials described the consultation as frank and constructive").split()


def document_text(rng: random.Random, i: int) -> str:
    paras = []
    for _ in range(6):
        sent = [" ".join(rng.choice(WORDS) for _ in range(rng.randrange(12, 24))).capitalize() + "." for _ in range(3)]
        paras.append(" ".join(sent))
    return f"Report {i} on consultations\n\n" + "\n\n".join(paras)


def generate(db: str, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    store = Store(db)
    docs = []
    for i in range(5000):
        text = document_text(rng, i)
        docs.append((f"{i:064x}", f"https://news.example/{i}", f"Report {i} on consultations", "en", '["en"]',
                     f"{rng.randrange(1995, 2026)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}", "meta",
                     rng.choice(["news", "official", "other"]), text, "[]", i + 1))
    store.db.execute("BEGIN")
    store.db.executemany("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?)", docs)
    store.db.executemany("INSERT INTO doc_sources VALUES (?,?)", [(d[0], d[1]) for d in docs])
    store.db.execute("COMMIT")
    texts = {d[0]: d[8] for d in docs}
    people = [{"id": f"person-{i}", "name": f"Person {i}", "country": COUNTRIES[i % len(COUNTRIES)],
               "title": rng.choice(["Foreign Minister", "Secretary of the Security Council", "National Security Adviser",
                                    "Deputy Foreign Minister"]), "role": None} for i in range(4000)]
    mechs = [(f"{a.lower()}-{b.lower()}-dialogue-{k}", a, b) for k in range(2000)
             for a, b in [sorted(rng.sample(COUNTRIES, 2))]]

    def span(doc: str, field: str, rule: str) -> dict:
        text = texts[doc]
        start = rng.randrange(40, len(text) - 20)
        start = text.index(" ", start) + 1
        end = text.index(" ", start + 1) if " " in text[start + 1:] else len(text)
        return {"field": field, "start": start, "end": end, "text": text[start:end], "rule": rule}

    def events():
        made, i = 0, -1
        while made < n:
            i += 1
            kind = rng.random()
            mech, rnd, date = None, None, None
            if kind < 0.75:
                mech, a, b = mechs[i % len(mechs)]
                rnd = i // len(mechs) + 1
                if rng.random() < 0.06:
                    continue   # a round the texts never mention: a gap
                year = 1975 + rnd
                p = rng.random()
                date = ({"start": f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"} if p < 0.6 else
                        {"start": f"{year}-{rng.randrange(1, 13):02d}"} if p < 0.9 else {"start": str(year)})
                date["end"] = date["start"]
                cands = [x for x in rng.sample(people, 40) if x["country"] in (a, b)][:2] or rng.sample(people, 2)
            elif kind < 0.95:
                day = f"{rng.randrange(1995, 2026)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
                date = {"start": day, "end": day}
                cands = rng.sample(people, 2)
            else:
                cands = rng.sample(people, 2)
            sources = []
            for d in rng.sample(range(len(docs)), rng.randrange(2, 5)):
                doc = docs[d][0]
                ev = [span(doc, f, r) for f, r in (("trigger", "extract:trigger"), ("date", "timex:absolute"),
                                                   ("location", "gazetteer:place:full"), ("participants", "gazetteer:actor:full"),
                                                   ("participants", "gazetteer:actor:full"), ("mechanism", "mechanisms:kb-pattern"),
                                                   ("round", "rounds:digit-ordinal"), ("topics", "topics:discussion-sentence"))]
                sources.append({"doc": doc, "mention": f"em_{i:08d}{d:05d}", "merged": [], "evidence": ev})
            conflicts = []
            if rng.random() < 0.1:
                conflicts = [{"field": "city", "values": [{"value": "Beijing", "docs": [sources[0]["doc"]]},
                                                          {"value": "Moscow", "docs": [sources[1]["doc"]]}]}]
            e = {"id": f"ev_{i:012x}", "type": "CONSULT", "cameo": "040", "status": rng.choice(["occurred"] * 8 + ["planned", None]),
                 "mechanism": mech, "round": rnd, "date": date,
                 "location": {"city": rng.choice(["Beijing", "Moscow", "New Delhi", "Geneva"]), "country": rng.choice(COUNTRIES)},
                 "modality": "in_person", "participants": cands, "topics": rng.sample(["security", "trade", "terrorism"], 2),
                 "sources": sources, "conflicts": conflicts,
                 "inferred": {"modality": "people meeting in a named place"} if rng.random() < 0.3 else {},
                 "confidence": round(rng.random(), 2)}
            made += 1
            yield e, [s["mention"] for s in sources]
    t = time.perf_counter()
    count = store.rebuild_events(events(), lambda series: [])
    print(f"store: {count:,} events, {len(docs):,} documents, rebuilt with the flat tables in {time.perf_counter() - t:.1f} s",
          flush=True)
    store.close()


def measure(client, path: str, runs: int) -> tuple[float, float]:
    client.get(path)   # warm: the template compiled, the pages of the file in the cache
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        r = client.get(path)
        times.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (path, r.status_code)
    return statistics.median(times), max(times)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--db", help="store to use (generated when missing)")
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args(argv)
    tmp = tempfile.TemporaryDirectory()
    db = args.db or str(Path(tmp.name) / "web.db")
    if not Path(db).exists():
        generate(db, args.events)
    from starlette.testclient import TestClient

    from parley.web.app import create_app
    client = TestClient(create_app(db))
    with Store(db, readonly=True) as s:
        mech = s.db.execute("SELECT id FROM mechanisms ORDER BY rounds DESC, id LIMIT 1").fetchone()[0]
        rounds = s.db.execute("SELECT rounds FROM mechanisms WHERE id=?", (mech,)).fetchone()[0]
        eid = s.db.execute("SELECT id FROM events_flat WHERE sources = (SELECT max(sources) FROM events_flat) "
                           "ORDER BY id LIMIT 1").fetchone()[0]
        doc = s.db.execute("SELECT doc FROM event_sources GROUP BY doc ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        actor = s.db.execute("SELECT actor FROM event_participants GROUP BY actor ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        total = s.db.execute("SELECT count(*) FROM events").fetchone()[0]
    pages = [
        ("timeline", f"/mechanisms/{mech}", 200, f"{rounds} rounds"),
        ("event page", f"/events/{eid}", 200, "the most sources"),
        ("events, unfiltered", "/events", 300, f"{total:,} events"),
        ("events, country pair + dates", "/events?pair=CN-RU&since=2005&until=2020", 300, ""),
        ("events, actor", f"/events?actor={actor}", 300, ""),
        ("events, actor name part", "/events?actor=Person%2012", 300, ""),
        ("events, country + status, page 20", "/events?country=IN&status=occurred&page=20", 300, ""),
        ("events, mechanism", f"/events?mechanism={mech}", 300, ""),
        ("document page", f"/documents/{doc}", None, ""),
        ("search", "/documents?q=frank%20constructive", None, ""),
        ("mechanisms list", "/", None, ""),
    ]
    print(f"{'page':<36} {'median ms':>10} {'slowest ms':>11}  target")
    for name, path, target, note in pages:
        med, worst = measure(client, path, args.runs)
        verdict = "" if target is None else (f"< {target}: {'ok' if med < target else 'SLOW'}")
        print(f"{name:<36} {med:>10.1f} {worst:>11.1f}  {verdict} {note}".rstrip(), flush=True)
    tmp.cleanup()


if __name__ == "__main__":
    main()
