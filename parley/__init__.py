"""Parley: news articles in, an evidence-linked record of diplomatic and security consultations out.

    import parley
    result = parley.analyze_text("On January 19, 2022, ... held a consultation ...")   # no store needed
    with parley.open_store("parley.db") as store:
        events = store.events()          # merged events, export-contract records
        docs = store.documents()

The library never configures logging (only the CLI does) and prints nothing.
"""
from __future__ import annotations

import logging

__version__ = "0.1.0"
logging.getLogger(__name__).addHandler(logging.NullHandler())


def open_store(path: str = "parley.db", readonly: bool = False):
    """Open (or create) a Parley SQLite store; see parley.store.Store."""
    from .store import Store
    return Store(path, readonly=readonly)


def analyze_text(text: str, published: str | None = None, kb_dirs: tuple[str, ...] = ()):
    """Analyze one text without a store; returns a DocResult (document, events, quotes, actors)."""
    from .ingest import analyze_text as run
    from .settings import Settings
    return run(text, Settings(kb_dirs=kb_dirs), published=published)


def ingest_paths(paths: list[str], db: str = "parley.db", kb_dirs: tuple[str, ...] = (), workers: int = 1):
    """Ingest files and folders into the store at `db`; returns the summary."""
    from .ingest import ingest
    from .settings import Settings
    return ingest(paths, Settings(db=db, kb_dirs=kb_dirs, workers=workers))
