"""The analyst's workbench (`parley serve`): a read-only web UI on a Parley store."""
from __future__ import annotations

import ipaddress
import sys
from pathlib import Path

from .. import views
from ..errors import StoreError, UsageError


def is_local(host: str) -> bool:
    """Whether `host` binds only this machine's loopback (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def prepare(db: str) -> None:
    """Check the store and give it its flat tables if it predates them (the one write, done
    before serving; the server itself opens the file read-only)."""
    from ..store import Store
    if not Path(db).exists():
        raise StoreError(f"{db}: no such database (run `parley ingest` first)")
    with Store(db, readonly=True) as s:
        if views.present(s.db):
            return
    Store(db).close()


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, allow_remote: bool = False, corrections: bool = False) -> None:
    if not is_local(host) and not allow_remote:
        raise UsageError(f"--host {host} would let other machines read the store; pass --allow-remote to do that")
    if corrections and not is_local(host):
        raise UsageError("--corrections lets whoever reaches the server change the record: this machine only (no --host)")
    prepare(db)
    import uvicorn

    from .app import create_app
    if not is_local(host):
        print(f"warning: serving {db} to the network on {host}:{port}, without authentication", file=sys.stderr)
    uvicorn.run(create_app(db, corrections), host=host, port=port, log_level="warning")
