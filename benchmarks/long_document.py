"""Analysis time of one long article, at three lengths: the cost per character should not grow
with the length (a long page must not cost more than its parts).

    python benchmarks/long_document.py [--paragraphs 20,80,320]

The article is the English examples' paragraphs, each made distinct (the cleaner drops a line
it has seen before), repeated up to the number of paragraphs asked for.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from parley import kb
from parley.analyze import Analyzer
from parley.model import RawDoc
from parley.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--paragraphs", default="20,80,320")
    args = ap.parse_args()
    analyzer = Analyzer(kb.load(), Settings(languages=("en",)))
    paras = [p for f in sorted((ROOT / "examples" / "en").glob("*.txt"))
             for p in f.read_text(encoding="utf-8").split("\n\n") if len(p) > 200]
    for n in (int(x) for x in args.paragraphs.split(",")):
        text = "\n\n".join(f"{p} Item {i}." for i, p in enumerate((paras * (n // len(paras) + 1))[:n]))
        raw = RawDoc(f"long{n}.txt", "text/plain", text)
        analyzer.analyze(raw)      # warm: the packs' patterns are compiled on first use
        best = min(_time(analyzer, raw) for _ in range(3))
        print(f"{n:5d} paragraphs, {len(text):7,d} characters: {best * 1e3:6.0f} ms, {best / len(text) * 1e6:.2f} us per character")


def _time(analyzer: Analyzer, raw: RawDoc) -> float:
    t = time.perf_counter()
    analyzer.analyze(raw)
    return time.perf_counter() - t


if __name__ == "__main__":
    main()
