"""Crash safety and concurrency on a real corpus: `parley ingest` killed with SIGKILL at random
moments, then run again, ends with an intact database, every document once, and the same export
as an uninterrupted run; a reader during an ingest is never blocked and never sees a half-written
document."""
import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES, SEEDS

PARLEY = [sys.executable, "-m", "parley.cli"]


def corpus():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the project")
    return [str(SEEDS), str(EXAMPLES / "en"), str(EXAMPLES / "history")]


def run(args, **kw):
    return subprocess.run(PARLEY + args, capture_output=True, text=True, **kw)


def export(db, out):
    r = run(["export", str(out), "--db", str(db)])
    assert r.returncode == 0, r.stderr
    return {p.name: p.read_bytes() for p in sorted(Path(out).iterdir())}


def test_killed_ingests_lose_nothing_and_double_nothing(tmp_path):
    paths = corpus()
    clean_db = tmp_path / "clean.db"
    assert run(["ingest", "-q", "--db", str(clean_db), *paths]).returncode == 0
    expected = export(clean_db, tmp_path / "clean")
    db = tmp_path / "killed.db"
    rng = random.Random(11)
    kills = attempts = 0
    while kills < 20 and attempts < 80:     # twenty real kills, at random moments of the run
        attempts += 1
        p = subprocess.Popen(PARLEY + ["ingest", "-q", "--db", str(db), *paths], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.1, 2.5))
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            kills += 1
        p.wait()
    assert kills == 20, (kills, attempts)
    r = run(["ingest", "-q", "--db", str(db), *paths])
    assert r.returncode == 0, r.stderr
    import sqlite3
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ids = [row[0] for row in con.execute("SELECT id FROM documents")]
    assert len(ids) == len(set(ids)) == len(json.loads("[" + ",".join(expected["documents.jsonl"].decode().splitlines()) + "]"))
    con.close()
    assert export(db, tmp_path / "after") == expected


def test_a_reader_during_an_ingest_is_never_blocked(tmp_path):
    from parley.store import Store
    paths = corpus()
    db = tmp_path / "p.db"
    assert run(["ingest", "-q", "--db", str(db), str(SEEDS)]).returncode == 0
    p = subprocess.Popen(PARLEY + ["ingest", "-q", "--db", str(db), *paths], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    reads = 0
    try:
        while p.poll() is None:
            t = time.perf_counter()
            with Store(db, readonly=True) as s:
                # a document is visible only with everything read from it
                orphans = s.db.execute("SELECT count(*) FROM mentions m LEFT JOIN documents d ON d.id = m.doc WHERE d.id IS NULL").fetchone()[0]
                s.events()
            assert orphans == 0
            assert time.perf_counter() - t < 2.0
            reads += 1
    finally:
        p.wait()
    assert p.returncode == 0
    assert reads >= 3
