"""Parley: news articles in, an evidence-linked record of diplomatic and security consultations out.

    import parley
    result = parley.analyze("On January 19, 2022, ... held a consultation ...")   # no store needed
    with parley.open_store("parley.db") as store:
        events = store.events()          # merged events, export-contract records
        docs = store.documents()

The library never configures logging (only the CLI does) and prints nothing.
"""
from __future__ import annotations

import logging

from . import ingest as _ingest   # loaded first: the `ingest` function below must not be shadowed by it

__version__ = "0.1.0"
logging.getLogger(__name__).addHandler(logging.NullHandler())


def open_store(path: str = "parley.db", readonly: bool = False):
    """Open (or create) a Parley SQLite store; see parley.store.Store."""
    from .store import Store
    return Store(path, readonly=readonly)


def analyze(text: str, published: str | None = None, kb_dirs: tuple[str, ...] = ()):
    """Analyze one text without a store; returns a DocResult (document, events, quotes, actors)."""
    from .settings import Settings
    return _ingest.analyze_text(text, Settings(kb_dirs=kb_dirs), published=published)


def ingest(paths: list[str], db: str = "parley.db", kb_dirs: tuple[str, ...] = (), workers: int = 1):
    """Ingest files and folders into the store at `db`; returns the summary."""
    from .settings import Settings
    return _ingest.ingest(paths, Settings(db=db, kb_dirs=kb_dirs, workers=workers))
