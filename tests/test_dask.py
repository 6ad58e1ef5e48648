"""The per-document stage on Dask: a LocalCluster of two workers gives the export of a serial run
byte for byte; a worker killed mid-run loses no document; a killed ingest leaves no worker
behind; a cluster that cannot be had is a clear error."""
from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from conftest import EXAMPLES, SEEDS   # noqa: E402
from parley import kb   # noqa: E402
from parley.export import export   # noqa: E402
from parley.ingest import ingest   # noqa: E402
from parley.settings import Settings   # noqa: E402
from parley.store import Store   # noqa: E402
from test_crash import children, gone_soon   # noqa: E402


def corpus() -> list[str]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the project")
    return [str(EXAMPLES), str(SEEDS)]


def exported(db: Path, out: Path) -> dict[str, bytes]:
    with Store(db) as s:
        export(s, kb.load(), out)
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_a_dask_run_exports_what_a_serial_run_does_byte_for_byte(tmp_path):
    serial = ingest(corpus(), Settings(db=str(tmp_path / "serial.db")))
    dask = ingest(corpus(), Settings(db=str(tmp_path / "dask.db"), cluster="local:2"))
    assert dask.ingested == serial.ingested and dask.rejected == serial.rejected and dask.events == serial.events
    assert exported(tmp_path / "dask.db", tmp_path / "a") == exported(tmp_path / "serial.db", tmp_path / "b")


def test_a_worker_killed_mid_run_loses_no_document(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from throughput import build
    build(tmp_path / "corpus", 600, False)
    import os
    killed: list[int] = []

    def kill_one() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            workers = [p for p in children(os.getpid()) if "spawn_main" in Path(f"/proc/{p}/cmdline").read_text(errors="replace")]
            if len(workers) >= 2:
                time.sleep(3.0)              # they are analyzing by now
                os.kill(workers[0], signal.SIGKILL)
                killed.append(workers[0])
                return
            time.sleep(0.2)
    t = threading.Thread(target=kill_one, daemon=True)
    t.start()
    s = ingest([str(tmp_path / "corpus")], Settings(db=str(tmp_path / "p.db"), cluster="local:2"))
    t.join()
    assert killed, "no worker was killed"
    assert not s.internal_errors, s.rejected
    assert len(s.ingested) + len(s.present) == 600
    with Store(tmp_path / "p.db") as st:
        assert st.counts()["documents"] == len(s.ingested)


def test_a_killed_ingest_on_a_local_cluster_leaves_no_worker(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from throughput import build
    build(tmp_path / "corpus", 1500, False)
    p = subprocess.Popen([sys.executable, "-m", "parley.cli", "ingest", "-q", "--cluster", "local:2", "--db", str(tmp_path / "p.db"),
                          str(tmp_path / "corpus")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    kids: set[int] = set()
    while time.monotonic() < deadline and p.poll() is None:
        kids = children(p.pid)
        if len(kids) >= 3:       # two workers and the resource tracker
            break
        time.sleep(0.1)
    time.sleep(2.0)
    kids |= children(p.pid)
    assert p.poll() is None and len(kids) >= 2
    p.send_signal(signal.SIGKILL)
    p.wait()
    assert not gone_soon(kids, 10.0), "workers outlived the ingest"


def test_a_cluster_that_cannot_be_had_is_a_clear_error(tmp_path):
    from typer.testing import CliRunner
    from parley.cli import app
    r = CliRunner().invoke(app, ["ingest", "--cluster", "local:zero", "--db", str(tmp_path / "p.db"), str(EXAMPLES / "en")])
    assert r.exit_code == 2 and "local:N" in r.output
    r = CliRunner().invoke(app, ["ingest", "--cluster", "somewhere", "--db", str(tmp_path / "p.db"), str(EXAMPLES / "en")])
    assert r.exit_code == 2 and "tcp://HOST:PORT" in r.output
