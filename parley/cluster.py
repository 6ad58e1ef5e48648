"""The per-document stage on Dask (dask.distributed): `parley ingest --cluster local[:N]` starts a
LocalCluster of N worker processes on this machine (one per core by default), `--cluster
tcp://HOST:PORT` uses a running scheduler. Only analysis moves: reading, storing and resolving
stay in this process, the single writer, so the settings, limits, rejections and the summary are
those of a local run, and the export of a Dask run equals a serial run's byte for byte.

Documents go out in batches and come back in input order, with a bounded number of batches in
flight, so memory does not grow with the corpus. Each worker loads the knowledge base and the
packs once (its first batch) and keeps them. A worker that dies mid-batch loses no document: the
scheduler runs the batch again elsewhere, and a batch that keeps killing its workers is reported
document by document. Workers of a local cluster end with this process however it ends, as pool
workers do.

Dask is an optional extra: `pip install 'parley[dask]'`.
"""
from __future__ import annotations

import collections
import os
from typing import Iterator

from .errors import Rejected, UsageError
from .model import RawDoc
from .settings import Settings

BATCH = 32            # documents a task analyzes
IN_FLIGHT = 4         # batches per worker submitted ahead of the one awaited


def parse(spec: str) -> tuple[str, int | None]:
    """("local", N or None) or ("tcp://HOST:PORT", None); a UsageError for anything else."""
    s = spec.strip()
    if s == "local" or s.startswith("local:"):
        n = s[6:]
        if n and not (n.isdigit() and int(n) >= 1):
            raise UsageError(f"--cluster {spec!r}: local:N with N a number of workers, at least 1")
        return "local", int(n) if n else None
    if s.startswith(("tcp://", "tls://")) and ":" in s.split("://", 1)[1]:
        return s, None
    raise UsageError(f"--cluster {spec!r}: 'local', 'local:N' or a scheduler address 'tcp://HOST:PORT'")


def _client(settings: Settings):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise UsageError("--cluster needs Dask: pip install 'parley[dask]'") from None
    where, n = parse(settings.cluster or "")
    if where == "local":
        from .work import cpu_count
        cluster = LocalCluster(n_workers=n or cpu_count(), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
        client.register_plugin(_guard(os.getpid()))
        return client, cluster
    try:
        return Client(where, timeout=min(settings.fetch_timeout, 10.0)), None
    except (OSError, TimeoutError) as e:
        raise UsageError(f"--cluster {where}: no scheduler answers there ({e})") from None


def _guard(parent: int):
    """A worker plugin: a local cluster's worker ends when this process dies (see orphan_guard)."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class Guard(WorkerPlugin):
        name = "parley-orphan-guard"

        def __init__(self, parent: int):
            self.parent = parent

        def setup(self, worker) -> None:
            from .work import orphan_guard
            if os.getppid() == self.parent:      # started by us: a worker of our own local cluster
                orphan_guard(self.parent)
    return Guard(parent)


def _batch(batch: list[tuple[str, RawDoc]], settings: Settings, db: str | None) -> list:
    """Analyze a batch on a worker, with the worker's analyzer (made on its first batch)."""
    from . import work
    if work._WORKER is None or work._analysis(work._WORKER.settings) != work._analysis(settings):
        work._init_worker(settings, db)
    return [work._work((source, raw, settings.timeout)) for source, raw in batch]


def on_dask(items: Iterator[tuple[str, RawDoc | Rejected]], settings: Settings) -> Iterator[tuple]:
    """(source, result, reason, traceback) for every document, in input order, analyzed on Dask."""
    from .work import internal
    client, cluster = _client(settings)
    try:
        local = cluster is not None
        db = settings.db if local and settings.db != ":memory:" and os.path.exists(settings.db) else None
        workers = max(1, len(client.scheduler_info().get("workers") or {}) or 1)
        pending: collections.deque = collections.deque()     # (future or None, batch or rejections), in input order

        def ready() -> Iterator[tuple]:
            future, batch = pending.popleft()
            if future is None:
                yield from batch
                return
            try:
                yield from future.result()
            except Exception as e:     # the batch kept killing its workers, or the cluster went away
                reason, trace = internal(e, "on the cluster")
                for source, _ in batch:
                    yield source, None, reason, trace
            finally:
                future.release()

        batch: list[tuple[str, RawDoc]] = []

        def submit() -> None:
            nonlocal batch
            if batch:
                pending.append((client.submit(_batch, batch, settings, db, pure=False), batch))
                batch = []

        for source, doc in items:
            if isinstance(doc, Rejected):
                submit()
                pending.append((None, [(source, None, str(doc), getattr(doc, "trace", None))]))
            else:
                batch.append((source, doc))
                if len(batch) >= BATCH:
                    submit()
            while len(pending) > IN_FLIGHT * workers:
                yield from ready()
        submit()
        while pending:
            yield from ready()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
