"""Shared fixtures: the seeds (read in place from ../shared), the bundled examples, and helpers
that ingest, export and score a folder."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
SEEDS_GOLD = SHARED / "acceptance" / "seeds.gold.jsonl"
EXAMPLES = ROOT / "examples"
GOLD = ROOT / "tests" / "gold"


def _scorer():
    spec = importlib.util.spec_from_file_location("parley_score", SHARED / "acceptance" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def score(gold: Path, export_dir: Path) -> dict:
    """Run the acceptance scorer in-process and return its summary."""
    import contextlib
    import io
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        _scorer().main(["score.py", str(gold), str(export_dir), "--json"])
    text = buf.getvalue()
    return json.loads(text[: text.rindex("facts F1")])


def ingest_and_export(paths: list[Path], tmp: Path, fmt: str = "jsonl") -> Path:
    from parley import kb
    from parley.export import export
    from parley.ingest import ingest
    from parley.settings import Settings
    from parley.store import Store
    tmp.mkdir(parents=True, exist_ok=True)
    db = tmp / "p.db"
    ingest([str(p) for p in paths], Settings(db=str(db)))
    out = tmp / "out"
    with Store(db) as store:
        export(store, kb.load(), out, fmt)
    return out


@pytest.fixture(scope="session")
def seeds_export(tmp_path_factory) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the project")
    return ingest_and_export([SEEDS], tmp_path_factory.mktemp("seeds"))


@pytest.fixture(scope="session")
def analyzer():
    from parley import kb
    from parley.analyze import Analyzer
    return Analyzer(kb.load())


@pytest.fixture(scope="session")
def analyze(analyzer):
    """Analyze a text (with an optional metadata date) and return the DocResult."""
    from parley.model import RawDoc

    def run(text: str, published: str | None = None, source: str = "t.txt"):
        return analyzer.analyze(RawDoc(source=source, media_type="text/plain", content=text, meta_published=published))
    return run
