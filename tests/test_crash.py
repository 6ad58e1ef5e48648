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


def children(pid: int) -> set[int]:
    """The processes whose parent is `pid` (read from /proc)."""
    out = set()
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.add(int(d.name))
    return out


def alive(pids: set[int]) -> set[int]:
    """Those of `pids` still running (a zombie waiting to be reaped has ended)."""
    out = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            out.add(pid)
    return out


def gone_soon(pids: set[int], seconds: float = 5.0) -> set[int]:
    deadline = time.monotonic() + seconds
    while alive(pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive(pids)


def test_killed_ingests_lose_nothing_and_double_nothing(tmp_path):
    paths = corpus()
    clean_db = tmp_path / "clean.db"
    assert run(["ingest", "-q", "--db", str(clean_db), *paths]).returncode == 0
    expected = export(clean_db, tmp_path / "clean")
    db = tmp_path / "killed.db"
    rng = random.Random(11)
    kills = attempts = 0
    workers: set[int] = set()
    while kills < 20 and attempts < 80:     # twenty real kills, at random moments of the run
        attempts += 1
        pool = ["-j", "2"] if attempts % 3 == 0 else []    # some with a pool of workers
        p = subprocess.Popen(PARLEY + ["ingest", "-q", *pool, "--db", str(db), *paths], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.1, 2.5))
        if p.poll() is None:
            workers |= children(p.pid)
            p.send_signal(signal.SIGKILL)
            kills += 1
        p.wait()
    assert kills == 20, (kills, attempts)
    assert not gone_soon(workers), "workers outlived the killed ingest"
    r = run(["ingest", "-q", "--db", str(db), *paths])
    assert r.returncode == 0, r.stderr
    import sqlite3
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ids = [row[0] for row in con.execute("SELECT id FROM documents")]
    assert len(ids) == len(set(ids)) == len(json.loads("[" + ",".join(expected["documents.jsonl"].decode().splitlines()) + "]"))
    con.close()
    assert export(db, tmp_path / "after") == expected


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_a_stopped_ingest_leaves_no_process_behind(tmp_path, how):
    """Killed (SIGKILL), terminated or interrupted while its pool is working: no process of that
    ingest is left a few seconds later; SIGTERM and Ctrl-C print the summary so far and exit 130,
    and the next run finishes the work."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from throughput import build
    build(tmp_path / "corpus", 3000, False)      # varied copies of the examples: long enough to stop midway
    paths = [str(tmp_path / "corpus")]
    db = tmp_path / "p.db"
    p = subprocess.Popen(PARLEY + ["ingest", "-q", "-j", "2", "--db", str(db), *paths],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    pool: set[int] = set()
    while len(pool) < 2 and time.monotonic() < deadline and p.poll() is None:
        pool = children(p.pid)
        time.sleep(0.05)
    assert len(pool) >= 2, "the pool did not start"
    time.sleep(1.0)
    assert p.poll() is None, "the ingest ended before it could be stopped"
    p.send_signal(how)
    _, stderr = p.communicate(timeout=30)
    assert not gone_soon(pool), "workers outlived the ingest"
    if how == signal.SIGKILL:
        assert p.returncode == -signal.SIGKILL
    else:
        assert p.returncode == 130, stderr
        assert "Traceback" not in stderr, stderr
        assert stderr.splitlines()[0].startswith("interrupted: ingested "), stderr
    r = run(["ingest", "-q", "--db", str(db), *paths])
    assert r.returncode == 0, r.stderr


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
