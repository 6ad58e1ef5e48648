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
import gc
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
from .read import internal_rejection, iter_files, iter_inputs
from .settings import Settings
from .store import Store


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


_WORKER: Analyzer | None = None
_KNOWN: Callable[[str], bool] | None = None    # is a document id stored already? (then it is not analyzed again)


def _init_worker(settings: Settings, db: str | None = None, pool: bool = False, parent: int | None = None) -> None:
    """A pool worker: its analyzer, and its own read-only view of the store (if there is one yet).
    A pool worker also ends by itself when `parent` (the process that started it) dies."""
    global _WORKER, _KNOWN
    if parent is not None:
        # the parent stops its workers (Ctrl-C reaches the whole process group; SIGTERM is theirs)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        orphan_guard(parent)
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
    """Raise Rejected if the block runs longer than `seconds`: a timer signal in the main thread;
    elsewhere (a Dask worker's thread, a server's) a timer thread that raises in this one. Either
    way the exception comes at the next step of Python code, so one long call into C finishes
    first."""
    if seconds <= 0:
        yield
        return
    if not _alarms():
        with _thread_limit(seconds):
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


class _Expired(Exception):
    """Raised into a thread whose document ran past its limit (see _thread_limit)."""


@contextlib.contextmanager
def _thread_limit(seconds: float):
    import ctypes
    target = threading.get_ident()
    state = {"armed": True}
    lock = threading.Lock()

    def expire() -> None:
        with lock:
            if state["armed"]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.py_object(_Expired))
    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    except _Expired:
        raise Rejected(f"took longer than {seconds:g} s to analyze (the per-document limit)") from None
    finally:
        with lock:
            state["armed"] = False
            timer.cancel()
        # an exception raised just as the block ended would wait for this thread's next step: none is pending now
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), None)


def internal(e: BaseException, where: str) -> tuple[str, str]:
    """The one-line reason for a failure that is Parley's, and its traceback for the log."""
    r = internal_rejection(e, where)
    return str(r), r.trace


Work = tuple[str, "DocResult | None", "str | None", "str | None"]    # source, result, rejection reason, traceback


def _work(item: tuple[str, RawDoc, float]) -> Work:
    source, raw, seconds = item
    try:
        with time_limit(seconds):
            result = _WORKER.analyze(raw, _KNOWN)
        if raw.replaced_bytes:
            result.document.replaced_bytes = raw.replaced_bytes
        return source, result, None, None
    except Rejected as e:
        return source, None, str(e), None
    except _Expired:      # the limit's exception arrived as the block ended
        return source, None, f"took longer than {seconds:g} s to analyze (the per-document limit)", None
    except RecursionError:
        return source, None, "too deeply nested to analyze", None
    except MemoryError:
        return source, None, "too large to analyze in memory", None
    except Exception as e:  # a bug or a pathological input must not stop the batch
        return (source, None) + internal(e, "while analyzing")


def _analysis(settings: Settings) -> tuple:
    """What an analyzer depends on (not the database, not the limits): one analyzer serves every
    ingest with the same knowledge base and packs."""
    return settings.kb_dirs, settings.languages


def analyze_inputs(paths: list[str], settings: Settings, stdin: BinaryIO | None = None,
                   seen_entries: set[str] | None = None, known: Callable[[str], bool] | None = None
                   ) -> Iterator[Work]:
    """Yield (source, result, rejection reason, traceback) for every document of every input, in
    input order; the traceback only for an internal error. A document whose id `known` says is
    stored is cleaned and dated (that gives its id) but not analyzed again: its result holds the
    document only. Pool workers ask their own read-only view of `settings.db` instead."""
    global _KNOWN
    items = iter_inputs(paths, settings.max_bytes, settings.fetch_timeout, stdin, seen_entries)
    if settings.cluster:
        from .cluster import on_dask
        yield from on_dask(items, settings)
        return
    if settings.workers > 1:
        yield from _pooled(items, settings)
        return
    if _WORKER is None or _analysis(_WORKER.settings) != _analysis(settings):
        _init_worker(settings)
    _KNOWN = known
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


def resolve_store(store: Store, knowledge=None) -> int:
    """Rebuild every event from the stored mentions, streaming (memory: the compact index), with
    the analysts' corrections applied (parley.corrections)."""
    from .corrections import Correction, Corrector
    from .resolve.merge import build_event, cluster, infer_rounds

    found = [Correction.from_dict(c) for c in store.corrections() if not c["undone"]]
    if found and knowledge is None:
        knowledge = kb_mod.load()
    fix = Corrector(found, knowledge)

    def events():
        compact = [fix.mention(m) for m in store.mentions(compact=True)]
        for group in fix.regroup(cluster(compact)):
            merged = {m["id"]: m.get("merged") or [] for m in group}
            yield event(sorted(merged), merged)

    def event(ids: list[str], merged: dict[str, list]) -> tuple[dict, list[str]]:
        group = [fix.mention(m) for m in store.mentions_by_id(ids)]
        for m in group:
            m["merged"] = merged.get(m["id"]) or []
        return fix.event(build_event(group), ids), ids

    def finish(series):
        # a rejected event is no meeting of the series; a round an analyst set or cleared stays so
        counted = [s for s in series if not s.get("rejected") and "round" not in (s.get("corrected") or {})]
        before = {s["id"]: s["round"] for s in counted}
        infer_rounds(counted)
        return [s for s in counted if s["round"] != before[s["id"]]]

    def rebuild(ids: list[str], merged: dict[str, list]) -> dict:
        """One event from the mentions of two events that came out with one id (the same
        mechanism and round): built again from them all, so their disagreements are conflicts."""
        return event(ids, merged)[0]
    return store.rebuild_events(events(), finish, rebuild)


def orphan_guard(parent: int) -> None:
    """End this process when `parent` dies: the kernel's parent-death signal where there is one
    (Linux), and a thread that checks the parent every half second everywhere (also covering the
    moment before the signal was armed)."""
    with contextlib.suppress(Exception):
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)     # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)
    threading.Thread(target=watch, name="parley-orphan-guard", daemon=True).start()


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
