"""The web UI's reads: SQL on the store's tables and the flat tables of parley/views.py. Every
value from a request is a bound parameter; table and column names come only from fixed lists."""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from ..errors import UsageError

DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
COUNTRY = re.compile(r"^[A-Za-z]{2}$")
PER_PAGE = 50


CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def param(params, name: str) -> str:
    """A text parameter, stripped; control characters are refused (SQLite's LIKE stops at a NUL,
    so one would match everything)."""
    value = (params.get(name) or "").strip()
    if CONTROL.search(value):
        raise UsageError(f"{name}: control characters are not allowed")
    return value


def _bound(iso: str, last: bool) -> str:
    """A date of any precision as its first (or last) calendar day, for comparing with date_from/date_to."""
    if len(iso) == 10:
        return iso
    if len(iso) == 7:
        return f"{iso}-31" if last else f"{iso}-01"     # compared as text: '-31' is past every day of the month
    return f"{iso}-12-31" if last else f"{iso}-01-01"


@dataclass
class EventFilter:
    mechanism: str = ""
    actor: str = ""
    country: str = ""
    pair: str = ""
    status: str = ""
    since: str = ""
    until: str = ""
    topic: str = ""
    page: int = 1
    per: int = PER_PAGE
    pair_codes: tuple[str, ...] = field(default=(), repr=False)

    FIELDS = ("mechanism", "actor", "country", "pair", "status", "since", "until", "topic")

    @classmethod
    def parse(cls, params) -> "EventFilter":
        f = cls(**{k: param(params, k) for k in cls.FIELDS})
        for k in ("since", "until"):
            v = getattr(f, k)
            if v and not DATE.match(v):
                raise UsageError(f"{k}: a date as YYYY, YYYY-MM or YYYY-MM-DD, not {v!r}")
        if f.country:
            if not COUNTRY.match(f.country):
                raise UsageError(f"country: a two-letter ISO code, not {f.country!r}")
            f.country = f.country.upper()
        if f.pair:
            codes = tuple(sorted({c.upper() for c in re.split(r"[-,/ ]+", f.pair) if c}))
            if len(codes) != 2 or not all(COUNTRY.match(c) for c in codes):
                raise UsageError(f"pair: two ISO codes such as CN-RU, not {f.pair!r}")
            f.pair, f.pair_codes = "-".join(codes), codes
        f.page = _int(params.get("page"), "page", 1)
        f.per = min(500, _int(params.get("per"), "per", PER_PAGE))
        return f

    def where(self) -> tuple[str, list[Any]]:
        sql, args = ["1=1"], []
        if self.mechanism:
            sql.append("e.mechanism = ?")
            args.append(self.mechanism)
        if self.status:
            sql.append("e.status = ?" if self.status != "unknown" else "e.status IS NULL")
            if self.status != "unknown":
                args.append(self.status)
        if self.actor:
            sql.append("e.id IN (SELECT event FROM event_participants WHERE actor = ? OR name LIKE ? ESCAPE '\\')")
            args += [self.actor, "%" + _like(self.actor) + "%"]
        if self.country:
            sql.append("(e.country = ? OR e.id IN (SELECT event FROM event_participants WHERE country = ?))")
            args += [self.country, self.country]
        for code in self.pair_codes:
            sql.append("e.id IN (SELECT event FROM event_participants WHERE country = ?)")
            args.append(code)
        if self.topic:
            sql.append("e.id IN (SELECT event FROM event_topics WHERE topic = ?)")
            args.append(self.topic)
        if self.since:
            sql.append("e.date_to >= ?")
            args.append(_bound(self.since, last=False))
        if self.until:
            sql.append("e.date_from <= ?")
            args.append(_bound(self.until, last=True))
        return " AND ".join(sql), args

    def query(self, **changes) -> dict[str, Any]:
        """The filter as query parameters (for links), with `changes` applied; defaults left out."""
        q: dict[str, Any] = {k: getattr(self, k) for k in self.FIELDS}
        q.update(page=self.page, per=self.per)
        q.update(changes)
        return {k: v for k, v in q.items()
                if v not in ("", None) and not (k == "page" and v == 1) and not (k == "per" and v == PER_PAGE)}


def _int(value, name: str, default: int) -> int:
    if value in (None, ""):
        return default
    try:
        n = int(value)
    except ValueError:
        raise UsageError(f"{name}: a whole number, not {value!r}") from None
    if n < 1:
        raise UsageError(f"{name}: 1 or more, not {n}")
    return n


def _like(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


EVENT_COLUMNS = ("e.id, e.date_start, e.date_end, e.date_precision, e.mechanism, e.round, e.round_inferred, e.city, "
                 "e.country, e.status, e.modality, e.sources, e.conflicts, e.conflict_fields, e.type, e.cameo")


def events(db: sqlite3.Connection, f: EventFilter) -> tuple[int, list[dict[str, Any]]]:
    where, args = f.where()
    total = db.execute(f"SELECT count(*) FROM events_flat e WHERE {where}", args).fetchone()[0]
    rows = [dict(r) for r in db.execute(
        f"SELECT {EVENT_COLUMNS}, m.name AS mechanism_name FROM events_flat e LEFT JOIN mechanisms m ON m.id = e.mechanism "
        f"WHERE {where} ORDER BY e.date_from IS NULL, e.date_from, e.mechanism, e.round, e.id LIMIT ? OFFSET ?",
        args + [f.per, (f.page - 1) * f.per])]
    attach_participants(db, rows)
    return total, rows


def attach_participants(db: sqlite3.Connection, rows: list[dict[str, Any]]) -> None:
    ids = [r["id"] for r in rows]
    people: dict[str, list[dict[str, Any]]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for p in db.execute(f"SELECT event, actor, name, country, title, role FROM event_participants "
                            f"WHERE event IN ({','.join('?' * len(chunk))}) ORDER BY event, position", chunk):
            people.setdefault(p["event"], []).append(dict(p))
    for r in rows:
        r["participants"] = people.get(r["id"], [])


def per_year(db: sqlite3.Connection, f: EventFilter | None = None) -> list[tuple[int, int]]:
    where, args = (f or EventFilter()).where()
    return [(r[0], r[1]) for r in db.execute(
        f"SELECT e.year, count(*) FROM events_flat e WHERE {where} AND e.year IS NOT NULL GROUP BY e.year ORDER BY e.year",
        args)]


def fts_query(q: str) -> str:
    """A search box's words as an FTS5 query: each word a quoted phrase (so no FTS syntax gets
    through), all required."""
    words = [w for w in q.split() if w]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


MARK_OPEN, MARK_CLOSE = "\x02", "\x03"   # snippet() markers: never in clean text, replaced after escaping


def documents(db: sqlite3.Connection, q: str, language: str, kind: str, page: int, per: int = PER_PAGE
              ) -> tuple[int, list[dict[str, Any]]]:
    sql, args = ["1=1"], []
    if language:
        sql.append("d.language = ?")
        args.append(language)
    if kind:
        sql.append("d.kind = ?")
        args.append(kind)
    words = q.split()
    cols = "d.id, d.title, d.source, d.url, d.language, d.published, d.kind, d.events"
    if words and all(len(w) >= 3 for w in words):   # the trigram index answers words of three characters or more
        base = (f"FROM documents_fts f JOIN documents src ON src.rowid = f.rowid JOIN documents_flat d ON d.id = src.id "
                f"WHERE documents_fts MATCH ? AND {' AND '.join(sql)}")
        a = [fts_query(q)] + args
        total = db.execute(f"SELECT count(*) {base}", a).fetchone()[0]
        rows = db.execute(f"SELECT {cols}, snippet(documents_fts, 1, ?, ?, '…', 24) AS snippet {base} "
                          f"ORDER BY rank LIMIT ? OFFSET ?", [MARK_OPEN, MARK_CLOSE] + a + [per, (page - 1) * per])
    else:
        for w in words:   # shorter words (two Chinese characters): a scan, still exact
            sql.append("instr(src.text, ?) > 0")
            args.append(w)
        base = f"FROM documents_flat d JOIN documents src ON src.id = d.id WHERE {' AND '.join(sql)}"
        total = db.execute(f"SELECT count(*) {base}", args).fetchone()[0]
        rows = db.execute(f"SELECT {cols}, NULL AS snippet {base} ORDER BY d.published IS NULL, d.published DESC, d.id "
                          f"LIMIT ? OFFSET ?", args + [per, (page - 1) * per])
    return total, [dict(r) for r in rows]
