"""Orchestration: read -> analyze (here or in a process pool) -> store -> resolve.

Workers compute; this process is the single writer. Every input ends as ingested, already
present, or rejected with a one-line reason: a failure while reading, analyzing or storing one
document (a bug included) rejects that document as an "internal error", its traceback goes to the
log file the summary names, and the batch goes on. Each document is stored whole or not at all, so
a killed ingest loses at most the open batch; events are rebuilt whenever the store holds
documents they were not built from, so a re-run after a kill or a failure finishes the work.
Pool workers end by themselves when the process that started them dies, however it dies.
"""
from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import BinaryIO, Callable, Iterator

from . import kb as kb_mod
from .analyze import Analyzer
from .errors import ParleyError, Rejected
from .model import DocResult, RawDoc
from . import work
from .read import iter_files, iter_inputs
from .resolve.rebuild import resolve_store
from .settings import Settings
from .store import Store
from .work import Work, _analysis, _init_worker, _work, alarm_handler, internal

INTERNAL = "internal error: "     # the start of a rejection reason that is Parley's fault, not the input's


@dataclass
class Summary:
    ingested: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    events: int = 0
    log: str | None = None              # where the tracebacks of internal errors were written
    events_error: str | None = None     # why events were not rebuilt (then the next ingest rebuilds them)
    interrupted: bool = False           # stopped by Ctrl-C or SIGTERM: the summary so far

    @property
    def internal_errors(self) -> int:
        return sum(1 for _, r in self.rejected if r.startswith(INTERNAL)) + (1 if self.events_error else 0)

    @property
    def total(self) -> int:
        return len(self.ingested) + len(self.present) + len(self.rejected)


def analyze_inputs(paths: list[str], settings: Settings, stdin: BinaryIO | None = None,
                   seen_entries: set[str] | None = None, known: Callable[[str], bool] | None = None
                   ) -> Iterator[Work]:
    """Yield (source, result, rejection reason, traceback) for every document of every input, in
    input order; the traceback only for an internal error. A document whose id `known` says is
    stored is cleaned and dated (that gives its id) but not analyzed again: its result holds the
    document only. Pool workers ask their own read-only view of `settings.db` instead."""
    items = iter_inputs(paths, settings.max_bytes, settings.fetch_timeout, stdin, seen_entries)
    if settings.cluster:
        from .cluster import on_dask
        yield from on_dask(items, settings)
        return
    if settings.workers > 1:
        yield from _pooled(items, settings)
        return
    if work._WORKER is None or _analysis(work._WORKER.settings) != _analysis(settings):
        _init_worker(settings)
    work._KNOWN = known
    with alarm_handler():
        for source, doc in items:
            if isinstance(doc, Rejected):
                yield source, None, str(doc), getattr(doc, "trace", None)
            else:
                yield _work((source, doc, settings.timeout))


def _pooled(items: Iterator[tuple[str, RawDoc | Rejected]], settings: Settings) -> Iterator[Work]:
    """The per-document stage in worker processes, results in input order. On the way out (done,
    an exception, Ctrl-C, SIGTERM) the workers are stopped, not waited for."""
    pool = ProcessPoolExecutor(settings.workers, initializer=_init_worker, initargs=(settings, settings.db, True, os.getpid()))
    try:
        batch: list[tuple[str, RawDoc, float]] = []
        for source, doc in items:
            if isinstance(doc, Rejected):
                yield from pool.map(_work, batch, chunksize=8)
                batch = []
                yield source, None, str(doc), getattr(doc, "trace", None)
                continue
            batch.append((source, doc, settings.timeout))
            if len(batch) >= 64 * settings.workers:
                yield from pool.map(_work, batch, chunksize=8)
                batch = []
        yield from pool.map(_work, batch, chunksize=8)
        pool.shutdown(wait=True)
    finally:
        _stop(pool)


def _stop(pool: ProcessPoolExecutor) -> None:
    """End a pool's workers now (SIGTERM, then SIGKILL for any still there a second later)."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        with contextlib.suppress(Exception):
            p.terminate()
    deadline = time.monotonic() + 1.0
    for p in procs:
        with contextlib.suppress(Exception):
            p.join(max(0.0, deadline - time.monotonic()))
            if p.is_alive():
                p.kill()


def count_inputs(paths: list[str]) -> int:
    return sum(1 for _ in iter_files(paths))


def log_path(db: str) -> str:
    """The file beside the database where internal errors' tracebacks go."""
    if db == ":memory:" or not db:
        return os.path.join(tempfile.gettempdir(), "parley-errors.log")
    return db + ".errors.log"


class _Log:
    """Appends tracebacks to the log file, opened on the first one."""

    def __init__(self, path: str):
        self.path, self.fh = path, None

    def write(self, source: str, reason: str, trace: str | None) -> None:
        try:
            if self.fh is None:
                self.fh = open(self.path, "a", encoding="utf-8", errors="backslashreplace")
            self.fh.write(f"--- {time.strftime('%Y-%m-%dT%H:%M:%S')} {source}\n{reason}\n{trace or ''}\n")
            self.fh.flush()
        except OSError:
            pass    # an unwritable log must not stop the batch; the reason is still in the summary

    def close(self) -> None:
        if self.fh is not None:
            self.fh.close()


def ingest(paths: list[str], settings: Settings, progress: Callable[[str], None] | None = None,
           stdin: BinaryIO | None = None, seen_entries: set[str] | None = None) -> Summary:
    """Read, analyze and store every document of `paths`, then rebuild the events. Never raises
    for what a document holds: see the module's docstring. Ctrl-C (KeyboardInterrupt) and SIGTERM
    stop it with the documents stored so far kept; the summary has `interrupted` set."""
    summary = Summary()
    log = _Log(log_path(settings.db))
    with Store(settings.db) as store, _terminate_as_interrupt():
        try:
            with store.batch():
                for source, result, reason, trace in analyze_inputs(paths, settings, stdin, seen_entries, store.has_document):
                    if result is not None:
                        try:
                            stored = store.add(result)
                        except Exception as e:     # the document is rolled back whole; the batch goes on
                            result = None
                            reason, trace = internal(e, "while storing")
                    if result is None:
                        summary.rejected.append((source, reason or "rejected"))
                        if trace:
                            log.write(source, reason or "", trace)
                    elif stored:
                        summary.ingested.append(source)
                    else:
                        summary.present.append(source)
                    if progress:
                        progress(source)
        except KeyboardInterrupt:
            summary.interrupted = True     # the batch committed what it held (whole documents only)
        except ParleyError:
            raise                          # a usage or set-up error (a cluster that cannot be had): the caller says so
        except Exception as e:             # the inputs could not be gone through to the end: what was stored stays
            reason, trace = internal(e, "while going through the inputs")
            summary.rejected.append(("(the rest of the inputs)", reason))
            log.write("(inputs)", reason, trace)
        if not summary.interrupted:
            try:
                summary.events = resolve_store(store) if store.stale() else store.counts()["events"]
            except KeyboardInterrupt:
                summary.interrupted = True
            except Exception as e:     # the old events stay; the store is stale, so the next ingest rebuilds
                summary.events_error, trace = internal(e, "while rebuilding the events")
                log.write("(events)", summary.events_error, trace)
        if summary.interrupted:
            summary.events = store.counts()["events"]
    log.close()
    if log.fh is not None:
        summary.log = log.path
    return summary


@contextlib.contextmanager
def _terminate_as_interrupt():
    """SIGTERM stops an ingest the way Ctrl-C does (in the main thread only; restored after)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise KeyboardInterrupt
    old = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def watch(feeds: list[str], settings: Settings, interval: float, rounds: int | None = None,
          report: Callable[[str, Summary], None] | None = None) -> None:
    """Poll feeds every `interval` seconds and ingest only entries not seen before (the store
    remembers them), `rounds` times or until interrupted."""
    n = 0
    while rounds is None or n < rounds:
        for feed in feeds:
            with Store(settings.db) as store:
                seen = store.feed_seen(feed)
            new: set[str] = set()
            summary = ingest([feed], settings, seen_entries=_Recorder(seen, new))
            with Store(settings.db) as store:
                store.remember_feed_entries(feed, new)
            if report:
                report(feed, summary)
        n += 1
        if rounds is None or n < rounds:
            time.sleep(interval)


class _Recorder(set):
    """The set of entry keys already seen; the keys asked about that were new are noted in `new`."""

    def __init__(self, seen: set[str], new: set[str]):
        super().__init__(seen)
        self.new = new

    def __contains__(self, key: object) -> bool:
        hit = super().__contains__(key)
        if not hit and isinstance(key, str):
            self.new.add(key)
        return hit


def analyze_text(text: str, settings: Settings | None = None, source: str = "<text>", published: str | None = None) -> DocResult:
    """Analyze one text without a store (the Python API's `analyze_text`)."""
    settings = settings or Settings()
    analyzer = Analyzer(kb_mod.load(settings.kb_dirs), settings)
    if not text or not text.strip():
        raise Rejected("empty text")
    return analyzer.analyze(RawDoc(source=source, media_type="text/plain", content=text, meta_published=published))


__all__ = ["ingest", "analyze_text", "watch", "Summary", "ParleyError"]
