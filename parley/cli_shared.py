"""What every command shares: the consoles (data on stdout; progress, summaries and errors on
stderr), the common options, and turning an error into its message and exit status 2."""
from __future__ import annotations

from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape

from .settings import Settings, default_db

out = Console(highlight=False)
if not out.is_terminal:   # piped or captured: do not squeeze tables into 80 columns
    out = Console(highlight=False, width=200)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DB = typer.Option(None, "--db", help="SQLite database file (default ./parley.db, or $PARLEY_DB).")
KB = typer.Option(None, "--kb", help="Folder of knowledge-base files that extend or override the bundled ones (repeatable).")


def _settings(db: Optional[str], kb: Optional[List[str]] = None, **kw) -> Settings:
    return Settings(db=db or default_db(), kb_dirs=tuple(kb or ()), **kw)


def _fail(e: Exception) -> None:
    err.print(f"[red]error:[/red] {escape(str(e))}")
    raise typer.Exit(2)


def _store(db: Optional[str]):
    from .store import Store
    return Store(db or default_db(), readonly=True)
