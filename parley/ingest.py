"""Orchestration: read -> analyze (here or in a process pool) -> store -> resolve.

Workers compute; this process is the single writer. Every input ends as ingested, already
present, or rejected with a one-line reason. Each document is stored in its own transaction, so a
killed ingest loses at most the document being written, and a re-run picks up where it stopped.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from . import kb as kb_mod
from .analyze import Analyzer
from .errors import ParleyError, Rejected
from .model import DocResult
from .read import iter_files, read_path
from .resolve import resolve
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


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = Analyzer(kb_mod.load(settings.kb_dirs), settings)


def _work(item: tuple[str, str | None, int]) -> tuple[str, DocResult | None, str | None]:
    source, path, max_bytes = item
    from pathlib import Path
    try:
        raw = read_path(source, Path(path) if path else None, max_bytes)
        return source, _WORKER.analyze(raw), None
    except Rejected as e:
        return source, None, str(e)
    except RecursionError:
        return source, None, "too deeply nested to parse"
    except Exception as e:  # a bug or a pathological input must not stop the batch
        return source, None, f"could not be analyzed: {type(e).__name__}: {e}"[:300]


def analyze_inputs(paths: list[str], settings: Settings, stdin=None) -> Iterator[tuple[str, DocResult | None, str | None]]:
    """Yield (source, result, rejection reason) for every input, in input order."""
    items: list[tuple[str, str | None, int]] = []
    early: list[tuple[str, str]] = []
    for source, path, err in iter_files(paths):
        if err is not None:
            early.append((source, str(err)))
        elif path is None:   # stdin is read here, in the writer process
            items.append(("-", None, settings.max_bytes))
        else:
            items.append((source, str(path), settings.max_bytes))
    for source, reason in early:
        yield source, None, reason
    if settings.workers > 1 and len(items) > 1:
        with ProcessPoolExecutor(settings.workers, initializer=_init_worker, initargs=(settings,)) as pool:
            local = [i for i in items if i[1] is None]
            for i in local:
                yield _analyze_here(i, settings, stdin)
            yield from pool.map(_work, [i for i in items if i[1] is not None], chunksize=16)
    else:
        for i in items:
            yield _analyze_here(i, settings, stdin)


def _analyze_here(item, settings: Settings, stdin):
    global _WORKER
    if _WORKER is None or _WORKER.settings != settings:
        _init_worker(settings)
    if item[1] is None:
        try:
            raw = read_path("-", None, settings.max_bytes, stdin=stdin)
            return "-", _WORKER.analyze(raw), None
        except Rejected as e:
            return "-", None, str(e)
    return _work(item)


def count_inputs(paths: list[str]) -> int:
    return sum(1 for _ in iter_files(paths))


def ingest(paths: list[str], settings: Settings, progress: Callable[[str], None] | None = None, stdin=None) -> Summary:
    summary = Summary()
    with Store(settings.db) as store:
        for source, result, reason in analyze_inputs(paths, settings, stdin):
            if result is None:
                summary.rejected.append((source, reason or "rejected"))
            elif store.add(result):
                summary.ingested.append(source)
            else:
                summary.present.append(source)
            if progress:
                progress(source)
        if summary.ingested or not store.counts()["events"]:
            summary.events = resolve_store(store)
        else:
            summary.events = store.counts()["events"]
    return summary


def resolve_store(store: Store) -> int:
    events, links = resolve(store.mentions())
    store.replace_events(events, links)
    return len(events)


def analyze_text(text: str, settings: Settings | None = None, source: str = "<text>", published: str | None = None) -> DocResult:
    """Analyze one text without a store (the Python API's `analyze`)."""
    from .model import RawDoc
    settings = settings or Settings()
    analyzer = Analyzer(kb_mod.load(settings.kb_dirs), settings)
    if not text or not text.strip():
        raise Rejected("empty text")
    return analyzer.analyze(RawDoc(source=source, media_type="text/plain", content=text, meta_published=published))


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


__all__ = ["ingest", "analyze_text", "Summary", "ParleyError"]
