"""Real pages that nobody here wrote (../shared/realworld: 379 saved pages of news sites, blogs,
government sites and shops), the bundled examples and the seeds: ingested all in one store, and
page by page, with no internal error, every page accounted for, the events rebuilt, the store
consistent, and a bounded time per page. Then the whole pipeline on random mixtures of example
documents, their sentences shuffled, duplicated, truncated and glued together."""
from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from conftest import EXAMPLES, SEEDS, SHARED
from parley.ingest import ingest
from parley.settings import Settings
from parley.store import Store
from test_never_break import _consistent

REALWORLD = SHARED / "realworld"


def pages() -> list[Path]:
    if not REALWORLD.is_dir():
        pytest.skip("../shared/realworld is not beside the project")
    found = sorted(p for p in REALWORLD.rglob("*") if p.is_file() and p.suffix in (".html", ".htm"))
    assert len(found) >= 379
    return found


def accounted(summary, inputs: list[Path]) -> None:
    seen = set(summary.ingested + summary.present) | {s for s, _ in summary.rejected}
    assert seen == {str(p) for p in inputs} and summary.total == len(inputs)
    for source, reason in summary.rejected:
        assert reason and "\n" not in reason and not reason.startswith("internal error"), (source, reason)
    assert not summary.internal_errors, summary.rejected


def test_every_real_page_the_examples_and_the_seeds_in_one_store(tmp_path):
    inputs = pages() + sorted(p for p in EXAMPLES.rglob("*") if p.is_file() and p.suffix in (".txt", ".html")) + \
        sorted(SEEDS.glob("*.txt"))
    db = tmp_path / "all.db"
    t = time.perf_counter()
    s = ingest([str(p) for p in inputs], Settings(db=str(db)))
    took = time.perf_counter() - t
    accounted(s, inputs)
    assert len(s.ingested) + len(s.present) >= 0.95 * len(inputs)
    assert took / len(inputs) < 1.0, f"{took / len(inputs):.2f} s per page"
    _consistent(db)
    with Store(db) as store:
        assert store.counts()["events"] == s.events > 0


def test_every_real_page_alone(tmp_path):
    slowest = 0.0
    for i, page in enumerate(pages()):
        db = tmp_path / f"{i}.db"
        t = time.perf_counter()
        s = ingest([str(page)], Settings(db=str(db)))
        slowest = max(slowest, time.perf_counter() - t)
        accounted(s, [page])
        _consistent(db)
        db.unlink()
    assert slowest < 10.0, f"the slowest page took {slowest:.1f} s"


def _examples() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.rglob("*.txt"))]


EXAMPLE_TEXTS = _examples()


@st.composite
def mixtures(draw) -> list[str]:
    """Documents made of example documents: sentences shuffled, duplicated, truncated, glued."""
    docs = []
    for _ in range(draw(st.integers(1, 4))):
        picked = draw(st.lists(st.sampled_from(EXAMPLE_TEXTS), min_size=1, max_size=3))
        rng = random.Random(draw(st.integers(0, 2 ** 32)))
        pieces = [s for t in picked for s in t.replace("\n\n", "\n").split(". ")]
        op = draw(st.sampled_from(["shuffle", "duplicate", "truncate", "glue", "all"]))
        if op in ("shuffle", "all"):
            rng.shuffle(pieces)
        if op in ("duplicate", "all"):
            pieces += rng.sample(pieces, k=min(len(pieces), rng.randint(1, 5)))
        text = ". ".join(pieces)
        if op in ("truncate", "all"):
            text = text[: rng.randint(1, max(1, len(text)))]
        if op in ("glue", "all"):
            text = text.replace(". ", ".", rng.randint(1, 20)).replace("\n", " ", rng.randint(0, 5))
        docs.append(text)
    return docs


@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(mixtures(), mixtures())
def test_random_mixtures_never_break_the_pipeline(tmp_path_factory, first, second):
    d = tmp_path_factory.mktemp("mix")
    db = d / "p.db"
    for round_, docs in enumerate((first, second)):       # two ingests into one store
        folder = d / f"in{round_}"
        folder.mkdir()
        for i, text in enumerate(docs):
            (folder / f"{i}.txt").write_text(text, encoding="utf-8")
        s = ingest([str(folder)], Settings(db=str(db)))
        assert s.total == len(docs) and not s.internal_errors, s.rejected
        _consistent(db)
