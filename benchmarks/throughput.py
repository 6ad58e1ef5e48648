"""Ingest throughput and peak memory.

    python benchmarks/throughput.py [--n 10000] [--workers 1] [--html]

Builds a corpus of N articles by varying the bundled examples (names of the places, the day of
the month, a closing sentence so that every article is distinct), ingests it into a fresh
database, and prints documents per second per core and the peak memory of the ingesting
process. It also ingests a tenth of the corpus in a separate process, so the two peaks show
whether memory grows with N.
"""
from __future__ import annotations

import argparse
import random
import re
import tempfile
from pathlib import Path

from child import run

ROOT = Path(__file__).resolve().parent.parent
CITIES = ["Beijing", "Moscow", "Shanghai", "Sochi", "Kazan", "Harbin", "Dalian", "Vladivostok", "Xiamen", "Astana"]


def build(out: Path, n: int, html: bool, languages: tuple[str, ...] = ()) -> None:
    folders = {"en": ("en", "history")}
    roots = [ROOT / "examples" / f for lang in languages for f in folders.get(lang, (lang,))] or [ROOT / "examples"]
    sources = sorted(p for r in roots for p in r.rglob("*") if p.suffix == ".txt" or (html and p.suffix == ".html"))
    if languages == ("en",):   # the history folder's articles in other languages end in their code: history_40_..._de.txt
        sources = [p for p in sources if not re.search(r"_(ru|zh|de|fr|es)\.\w+$", p.name)]
    texts = [(p.suffix, p.read_text(encoding="utf-8")) for p in sources]
    rng = random.Random(7)
    out.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        suffix, text = texts[i % len(texts)]
        city = rng.choice(CITIES)
        text = re.sub(r"\b(Beijing|Moscow|Shanghai)\b", city, text)
        text = re.sub(r"\b([12]?\d) (January|February|March|April|May|June|July|August|September|October|November|December)\b",
                      lambda m: f"{rng.randint(1, 28)} {m.group(2)}", text)
        closing = f"\n\nReference {i}: this copy was generated for the throughput benchmark.\n"
        text = text.replace("</body>", f"<p>{closing}</p></body>") if suffix == ".html" else text + closing
        (out / f"doc{i:06d}{suffix}").write_text(text, encoding="utf-8")


def run_child(corpus: Path, db: Path, workers: int, languages: tuple[str, ...] = ()) -> dict:
    code = (
        "import json, resource, sys, time\n"
        "from parley.ingest import ingest\nfrom parley.settings import Settings\n"
        f"t = time.perf_counter(); s = ingest([{str(corpus)!r}], Settings(db={str(db)!r}, workers={workers}, languages={languages!r}))\n"
        "dt = time.perf_counter() - t\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps({'docs': len(s.ingested), 'rejected': len(s.rejected), 'events': s.events, 'seconds': dt, 'peak_mb': peak, 'worker_peak_mb': kids}))\n"
    )
    return run(code)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--html", action="store_true", help="include the HTML examples (slower: trafilatura)")
    ap.add_argument("--languages", default="", help="comma-separated: build the corpus from these example folders and load only "
                                                      "these packs (default: every example and every pack, a mixed corpus)")
    args = ap.parse_args()
    langs = tuple(x for x in args.languages.split(",") if x)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        small_n = max(args.n // 10, 1)
        build(tmp / "small", small_n, args.html, langs)
        build(tmp / "big", args.n, args.html, langs)
        small = run_child(tmp / "small", tmp / "small.db", args.workers, langs)
        big = run_child(tmp / "big", tmp / "big.db", args.workers, langs)
    per_core = big["docs"] / big["seconds"] / args.workers
    print(f"corpus: {args.n} articles ({'text and HTML' if args.html else 'text'}; "
          f"{'languages ' + ','.join(langs) if langs else 'every language, every pack'}), workers: {args.workers}")
    print(f"ingested {big['docs']} docs, {big['rejected']} rejected, {big['events']} events in {big['seconds']:.1f} s")
    print(f"throughput: {per_core:.0f} docs/s per core")
    print(f"peak memory: {big['peak_mb']:.0f} MB at N={args.n}, {small['peak_mb']:.0f} MB at N={small_n}"
          + (f" (workers peak {big['worker_peak_mb']:.0f} MB)" if args.workers > 1 else ""))


if __name__ == "__main__":
    main()
