"""Orchestration: read -> analyze (here or in a process pool) -> store -> resolve.

Workers compute; this process is the single writer. Every input ends as ingested, already
present, or rejected with a one-line reason. Each document is stored in its own transaction, so a
killed ingest loses at most the document being written; events are rebuilt whenever the store
holds documents they were not built from, so a re-run after a kill finishes the work.
"""
from __future__ import annotations

import contextlib
import gc
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import BinaryIO, Callable, Iterator

from . import kb as kb_mod
from .analyze import Analyzer
from .errors import ParleyError, Rejected
from .model import DocResult, RawDoc
from .read import iter_files, iter_inputs
from .settings import Settings
from .store import Store


@dataclass
class Summary:
    ingested: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    events: int = 0

    @property
    def total(self) -> int:
        return len(self.ingested) + len(self.present) + len(self.rejected)


_WORKER: Analyzer | None = None
_KNOWN: Callable[[str], bool] | None = None    # is a document id stored already? (then it is not analyzed again)


def _init_worker(settings: Settings, db: str | None = None, pool: bool = False) -> None:
    """A pool worker: its analyzer, and its own read-only view of the store (if there is one yet)."""
    global _WORKER, _KNOWN
    _WORKER = Analyzer(kb_mod.load(settings.kb_dirs), settings)
    _KNOWN = None
    if pool and _alarms():    # a pool worker (the process is ours): the handler stays
        signal.signal(signal.SIGALRM, _expire)
        _HANDLING[0] = True
    if pool:    # the knowledge base and the packs live as long as the worker: full collections skip them
        gc.freeze()
    if db and db != ":memory:" and os.path.exists(db):
        with contextlib.suppress(ParleyError):
            _KNOWN = Store(db, readonly=True).has_document


_LIMIT = [0.0]     # the limit of the document being analyzed, for the message
_HANDLING = [False]     # whether _expire is the SIGALRM handler (signal.getsignal costs more than a document's timer)


def _expire(signum, frame):
    raise Rejected(f"took longer than {_LIMIT[0]:g} s to analyze (the per-document limit)")


def _alarms() -> bool:
    return threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")


@contextlib.contextmanager
def alarm_handler():
    """Install the time limit's signal handler once around many documents (installing and
    removing it for each costs a tenth of a millisecond)."""
    if not _alarms():
        yield
        return
    old = signal.signal(signal.SIGALRM, _expire)
    was, _HANDLING[0] = _HANDLING[0], True
    try:
        yield
    finally:
        signal.signal(signal.SIGALRM, old)
        _HANDLING[0] = was


@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise Rejected if the block runs longer than `seconds` (where signals can be had)."""
    if seconds <= 0 or not _alarms():
        yield
        return
    with contextlib.ExitStack() as handler:
        if not _HANDLING[0]:
            handler.enter_context(alarm_handler())      # for this document only
        _LIMIT[0] = seconds
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)


def _work(item: tuple[str, RawDoc, float]) -> tuple[str, DocResult | None, str | None]:
    source, raw, seconds = item
    try:
        with time_limit(seconds):
            return source, _WORKER.analyze(raw, _KNOWN), None
    except Rejected as e:
        return source, None, str(e)
    except RecursionError:
        return source, None, "too deeply nested to analyze"
    except MemoryError:
        return source, None, "too large to analyze in memory"
    except Exception as e:  # a bug or a pathological input must not stop the batch
        return source, None, f"could not be analyzed: {type(e).__name__}: {e}"[:300]


def analyze_inputs(paths: list[str], settings: Settings, stdin: BinaryIO | None = None,
                   seen_entries: set[str] | None = None, known: Callable[[str], bool] | None = None
                   ) -> Iterator[tuple[str, DocResult | None, str | None]]:
    """Yield (source, result, rejection reason) for every document of every input, in input order.
    A document whose id `known` says is stored is cleaned and dated (that gives its id) but not
    analyzed again: its result holds the document only. Pool workers ask their own read-only view
    of `settings.db` instead."""
    global _KNOWN
    def items():
        for source, doc in iter_inputs(paths, settings.max_bytes, settings.fetch_timeout, stdin, seen_entries):
            yield source, doc

    if settings.workers > 1:
        with ProcessPoolExecutor(settings.workers, initializer=_init_worker, initargs=(settings, settings.db, True)) as pool:
            batch: list[tuple[str, RawDoc, float]] = []
            for source, doc in items():
                if isinstance(doc, Rejected):
                    yield from pool.map(_work, batch, chunksize=8)
                    batch = []
                    yield source, None, str(doc)
                    continue
                batch.append((source, doc, settings.timeout))
                if len(batch) >= 64 * settings.workers:
                    yield from pool.map(_work, batch, chunksize=8)
                    batch = []
            yield from pool.map(_work, batch, chunksize=8)
        return
    if _WORKER is None or _WORKER.settings != settings:
        _init_worker(settings)
    _KNOWN = known
    with alarm_handler():
        for source, doc in items():
            if isinstance(doc, Rejected):
                yield source, None, str(doc)
            else:
                yield _work((source, doc, settings.timeout))


def count_inputs(paths: list[str]) -> int:
    return sum(1 for _ in iter_files(paths))


def ingest(paths: list[str], settings: Settings, progress: Callable[[str], None] | None = None,
           stdin: BinaryIO | None = None, seen_entries: set[str] | None = None) -> Summary:
    summary = Summary()
    with Store(settings.db) as store:
        with store.batch():
            for source, result, reason in analyze_inputs(paths, settings, stdin, seen_entries, store.has_document):
                if result is None:
                    summary.rejected.append((source, reason or "rejected"))
                elif store.add(result):
                    summary.ingested.append(source)
                else:
                    summary.present.append(source)
                if progress:
                    progress(source)
        summary.events = resolve_store(store) if store.stale() else store.counts()["events"]
    return summary


def resolve_store(store: Store) -> int:
    """Rebuild every event from the stored mentions, streaming (memory: the compact index)."""
    from .resolve.merge import infer_rounds, resolve_iter

    def finish(series):
        before = {s["id"]: s["round"] for s in series}
        infer_rounds(series)
        return [s for s in series if s["round"] != before[s["id"]]]
    return store.rebuild_events(resolve_iter(store.mentions(compact=True), store.mentions_by_id), finish)


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


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


__all__ = ["ingest", "analyze_text", "watch", "Summary", "ParleyError"]
