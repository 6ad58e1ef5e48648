"""One frozen options object, built once by the CLI or the API and passed down the pipeline."""
from __future__ import annotations

import os
from dataclasses import dataclass, field


def default_db() -> str:
    return os.environ.get("PARLEY_DB") or "parley.db"     # set but empty counts as unset


@dataclass(frozen=True)
class Settings:
    db: str = field(default_factory=default_db)
    kb_dirs: tuple[str, ...] = ()          # user knowledge-base folders, applied over the bundled one
    workers: int = 1                        # processes for the per-document stage
    cluster: str | None = None              # run that stage on Dask: "local", "local:N" or a scheduler's "tcp://HOST:PORT"
    max_bytes: int = 20_000_000             # larger inputs are rejected
    timeout: float = 30.0                   # seconds one document may take to analyze (0: no limit)
    fetch_timeout: float = 20.0             # seconds to fetch a page or a feed
    languages: tuple[str, ...] = ()         # language packs to load (empty: every pack there is)

    def with_(self, **kw) -> "Settings":
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d.update(kw)
        return Settings(**d)

