"""Analysis time of one article that is a single long paragraph (no line breaks, as some pages
give their text), at 10 KB, 100 KB and 1 MB: the cost per character must stay flat — every
stage, the sentence splitter first, is linear in the text.

    python benchmarks/long_paragraph.py [--sizes 10000,100000,1000000]

The paragraph is the English examples' paragraphs, each made distinct, joined by spaces.
"""
from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from parley import kb
from parley.analyze import Analyzer
from parley.model import RawDoc
from parley.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    args = ap.parse_args()
    analyzer = Analyzer(kb.load(), Settings(languages=("en",)))
    paras = [p.replace("\n", " ") for f in sorted((ROOT / "examples" / "en").glob("*.txt"))
             for p in f.read_text(encoding="utf-8").split("\n\n") if len(p) > 200]
    for size in (int(x) for x in args.sizes.split(",")):
        parts, n, i = [], 0, 0
        while n < size:
            p = f"{paras[i % len(paras)]} Item {i}."
            parts.append(p)
            n += len(p) + 1
            i += 1
        text = "Title\n\n" + " ".join(parts)[:size]
        raw = RawDoc(f"para{size}.txt", "text/plain", text)
        analyzer.analyze(RawDoc("warm.txt", "text/plain", text[:5000]))   # the packs' patterns compiled
        t = time.perf_counter()
        analyzer.analyze(raw)
        took = time.perf_counter() - t
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{len(text):9,d} characters in one paragraph: {took * 1e3:8.0f} ms, "
              f"{took / len(text) * 1e6:6.2f} us per character, peak memory so far {peak:.0f} MB")


if __name__ == "__main__":
    main()
