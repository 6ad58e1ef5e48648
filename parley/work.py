"""The per-document work, in whatever process does it: this one, a pool worker, a Dask worker.

Each process holds one analyzer (the knowledge base and the packs, loaded once), analyzes a
document under the per-document time limit, and turns any failure into a rejection reason: a
bug is "internal error: ..." with its traceback kept for the log. A worker process ends by
itself when the process that started it dies (orphan_guard).
"""
from __future__ import annotations

import contextlib
import gc
import os
import signal
import threading
import time
from typing import Callable

from . import kb as kb_mod
from .analyze import Analyzer
from .errors import ParleyError, Rejected
from .model import RawDoc
from .read import internal_rejection
from .settings import Settings
from .store import Store

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


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
