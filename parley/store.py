"""The SQLite store, the system of record: schema, numbered migrations, the single writer's
transactions, and the queries the faces need.

A document and everything read from it are written in one transaction, so a killed ingest leaves
either the whole document or nothing. Events are rebuilt from all event mentions by the resolver
and replaced in one transaction. WAL mode: readers never block the writer.
"""
from __future__ import annotations

import contextlib
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import orjson

from . import views
from .errors import NotFound, StoreError
from .model import DocResult


def _dumps(value: Any) -> str:
    """JSON for a column: orjson, several times faster than json both ways (what every document
    stored and every mention resolved pays); keys that are not strings become strings, as json does."""
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


_loads = orjson.loads

MIGRATIONS: list[str] = [
    # 1: the first schema
    """
    CREATE TABLE documents(
        id TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT, language TEXT, languages TEXT,
        published TEXT, published_from TEXT, kind TEXT, text TEXT NOT NULL, removed TEXT,
        seq INTEGER NOT NULL);
    CREATE INDEX documents_seq ON documents(seq);
    CREATE TABLE mentions(
        id TEXT PRIMARY KEY, doc TEXT NOT NULL REFERENCES documents(id), mechanism TEXT, round INTEGER,
        date_start TEXT, data TEXT NOT NULL);
    CREATE INDEX mentions_doc ON mentions(doc);
    CREATE TABLE quotes(
        id TEXT PRIMARY KEY, doc TEXT NOT NULL REFERENCES documents(id), mention TEXT, data TEXT NOT NULL);
    CREATE TABLE doc_sources(doc TEXT NOT NULL REFERENCES documents(id), source TEXT NOT NULL, PRIMARY KEY(doc, source));
    CREATE TABLE discovered_actors(id TEXT NOT NULL, doc TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY(id, doc));
    CREATE TABLE mechanism_facts(
        doc TEXT NOT NULL, mechanism TEXT NOT NULL, field TEXT NOT NULL, value TEXT, start INTEGER, end INTEGER,
        text TEXT, PRIMARY KEY(doc, mechanism, field, start));
    CREATE TABLE text_mechanisms(id TEXT NOT NULL, doc TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY(id, doc));
    CREATE TABLE events(
        id TEXT PRIMARY KEY, mechanism TEXT, round INTEGER, date_start TEXT, date_end TEXT, data TEXT NOT NULL);
    CREATE INDEX events_mechanism ON events(mechanism, round);
    CREATE TABLE event_mentions(event TEXT NOT NULL, mention TEXT NOT NULL, PRIMARY KEY(event, mention));
    CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
    CREATE TABLE feed_entries(feed TEXT NOT NULL, entry TEXT NOT NULL, PRIMARY KEY(feed, entry));
    """,
    # 2: how many bytes of a page were not valid UTF-8 and were replaced (0 for a clean page)
    """
    ALTER TABLE documents ADD COLUMN replaced_bytes INTEGER NOT NULL DEFAULT 0;
    """,
    # 3: analysts' corrections (never rebuilt), and which events each applied to (rebuilt with the events)
    """
    CREATE TABLE corrections(
        id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, data TEXT NOT NULL, note TEXT, author TEXT,
        created TEXT NOT NULL, undone TEXT);
    CREATE TABLE correction_events(correction INTEGER NOT NULL, event TEXT NOT NULL, PRIMARY KEY(correction, event));
    CREATE INDEX correction_events_event ON correction_events(event);
    """,
]


class Store:
    def __init__(self, path: str | Path, readonly: bool = False):
        self.path = str(path)
        if readonly and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such database (run `parley ingest` first)")
        if self.path != ":memory:" and not Path(self.path).resolve().parent.is_dir():
            raise StoreError(f"{self.path}: the folder for the database does not exist")
        try:
            uri = f"file:{self.path}?mode=ro" if readonly and self.path != ":memory:" else self.path
            self.db = sqlite3.connect(uri, uri=readonly and self.path != ":memory:", timeout=60, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            if not readonly:
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
                self._migrate()
                views.ensure(self.db)
            else:
                self._check()
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: not a Parley database ({e})") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema --------------------------------------------------------------------------------
    def _version(self) -> int:
        self.db.execute("CREATE TABLE IF NOT EXISTS migrations(version INTEGER PRIMARY KEY)")
        row = self.db.execute("SELECT max(version) FROM migrations").fetchone()
        return row[0] or 0

    def _has_schema(self) -> bool:
        return bool(self.db.execute("SELECT 1 FROM sqlite_master WHERE name='migrations'").fetchone())

    def _migrate(self) -> None:
        current = self._version()
        for n, sql in enumerate(MIGRATIONS, 1):
            if n > current:
                self.db.execute("BEGIN IMMEDIATE")
                try:
                    for statement in _statements(sql):
                        self.db.execute(statement)
                    self.db.execute("INSERT INTO migrations(version) VALUES (?)", (n,))
                    self.db.execute("COMMIT")
                except Exception:
                    self.db.execute("ROLLBACK")
                    raise

    def _check(self) -> None:
        if not self._has_schema():
            raise StoreError(f"{self.path}: not a Parley database")

    # -- writing (the single writer) -----------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE id=?", (doc_id,)).fetchone() is not None

    @contextlib.contextmanager
    def batch(self, size: int = 64, seconds: float = 1.0):
        """Group the documents added inside into transactions of up to `size` documents or
        `seconds`: one commit per batch instead of one per document. Each document still goes in
        whole or not at all (a savepoint each); a killed process loses only the open batch, which
        a re-run stores again; readers see whole documents only."""
        self._batch = {"size": size, "seconds": seconds, "count": 0, "since": time.monotonic()}
        try:
            yield self
            if self.db.in_transaction:
                self.db.execute("COMMIT")
        except KeyboardInterrupt:     # Ctrl-C, SIGTERM: keep the whole documents the batch holds
            if self.db.in_transaction:
                self.db.execute("COMMIT")
            raise
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        finally:
            self._batch = None

    def add(self, result: DocResult) -> bool:
        """Store a document and everything read from it, atomically. False if it was already there."""
        if getattr(self, "_batch", None) is not None:
            b = self._batch
            if not self.db.in_transaction:
                self.db.execute("BEGIN IMMEDIATE")
                b["count"], b["since"] = 0, time.monotonic()
            self.db.execute("SAVEPOINT doc")
            try:
                stored = self._add(result)
                self.db.execute("RELEASE doc")
            except BaseException:
                self.db.execute("ROLLBACK TO doc")
                self.db.execute("RELEASE doc")
                raise
            b["count"] += 1
            if b["count"] >= b["size"] or time.monotonic() - b["since"] >= b["seconds"]:
                self.db.execute("COMMIT")
            return stored
        self.db.execute("BEGIN IMMEDIATE")
        try:
            stored = self._add(result)
            self.db.execute("COMMIT")
            return stored
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def _add(self, result: DocResult) -> bool:
        d = result.document
        row = self.db.execute("SELECT source FROM documents WHERE id=?", (d.id,)).fetchone()
        if row:
            # the same text from another place: remember the place; the document's source is the
            # smallest of them, so the record does not depend on which copy came first
            self.db.execute("INSERT OR IGNORE INTO doc_sources VALUES (?,?)", (d.id, d.source))
            if d.source < row[0]:
                self.db.execute("UPDATE documents SET source=? WHERE id=?", (d.source, d.id))
            return False
        seq = self.db.execute("SELECT coalesce(max(seq), 0) + 1 FROM documents").fetchone()[0]
        self.db.execute("INSERT INTO documents(id, source, title, language, languages, published, published_from, kind, "
                        "text, removed, seq, replaced_bytes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                        (d.id, d.source, d.title, d.language, _dumps(d.languages), d.published, d.published_from,
                         d.kind, d.text, _dumps(d.removed), seq, d.replaced_bytes))
        self.db.execute("INSERT INTO doc_sources VALUES (?,?)", (d.id, d.source))
        many = self.db.executemany
        many("INSERT INTO mentions VALUES (?,?,?,?,?,?)",
             [(ev.id, d.id, ev.mechanism, ev.round, (ev.date or {}).get("start"), _dumps(ev.to_dict()))
              for ev in result.events])
        # a quote's id is its place in the text: one quote is stored once, with the first speaker
        # the analysis gave it (it should give one; a second would stop the whole document)
        many("INSERT OR IGNORE INTO quotes VALUES (?,?,?,?)",
             [(q.id, d.id, q.mention, _dumps(q.to_dict())) for q in result.quotes])
        many("INSERT OR IGNORE INTO discovered_actors VALUES (?,?,?)",
             [(a.id, d.id, _dumps(a.__dict__)) for a in result.actors])
        many("INSERT OR IGNORE INTO mechanism_facts VALUES (?,?,?,?,?,?,?)",
             [(f.doc, f.mechanism, f.field, _dumps(f.value), f.start, f.end, f.text) for f in result.mechanism_facts])
        many("INSERT OR IGNORE INTO text_mechanisms VALUES (?,?,?)",
             [(m["id"], d.id, _dumps(m)) for m in result.new_mechanisms])
        return True

    def rebuild_events(self, events: Iterable[tuple[dict[str, Any], list[str]]],
                       finish: Callable[[list[dict[str, Any]]], list[dict[str, Any]]],
                       rebuild: Callable[[list[str], dict[str, list]], dict[str, Any]] | None = None) -> int:
        """Replace every event, streaming: each is written as it comes; `finish` then sees the
        events' series fields (no evidence) and returns those it changed, which are updated. One
        transaction: readers see the old events or the new, never a mix.

        An event's id is its mechanism and round when it has both, so two events can come with one
        id (two reports of one round that the matcher kept apart). They are one meeting: the event
        already written is replaced by `rebuild(all their mention ids, merge grounds by mention)`,
        which records their disagreements as conflicts (without `rebuild`, the later one is
        dropped). Never a constraint failure."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute("DELETE FROM events")
            self.db.execute("DELETE FROM event_mentions")
            self.db.execute("DELETE FROM correction_events")
            series: dict[str, dict[str, Any]] = {}
            members: dict[str, list[str]] = {}
            for e, ids in events:
                while e["id"] in members:
                    if rebuild is None:
                        break
                    old = _loads(self.db.execute("SELECT data FROM events WHERE id=?", (e["id"],)).fetchone()[0])
                    merged = {s["mention"]: s.get("merged") or [] for s in old["sources"] + e["sources"]}
                    both = sorted(set(members.pop(e["id"])) | set(ids))
                    self.db.execute("DELETE FROM events WHERE id=?", (e["id"],))
                    self.db.execute("DELETE FROM event_mentions WHERE event=?", (e["id"],))
                    self.db.execute("DELETE FROM correction_events WHERE event=?", (e["id"],))
                    del series[e["id"]]
                    e, ids = rebuild(both, merged), both
                if e["id"] in members:
                    continue
                members[e["id"]] = list(ids)
                self.db.execute("INSERT INTO events VALUES (?,?,?,?,?,?)",
                                (e["id"], e["mechanism"], e["round"], (e["date"] or {}).get("start"),
                                 (e["date"] or {}).get("end"), _dumps(e)))
                self.db.executemany("INSERT OR IGNORE INTO event_mentions VALUES (?,?)", [(e["id"], i) for i in ids])
                if e.get("corrections"):
                    self.db.executemany("INSERT OR IGNORE INTO correction_events VALUES (?,?)", [(c, e["id"]) for c in e["corrections"]])
                series[e["id"]] = {k: e[k] for k in ("id", "mechanism", "round", "date", "status")} | \
                    {"inferred": dict(e["inferred"]), "rejected": bool(e.get("rejected")), "corrected": e.get("corrected") or {}}
            series = list(series.values())
            for s in finish(series):
                row = self.db.execute("SELECT data FROM events WHERE id=?", (s["id"],)).fetchone()
                e = _loads(row[0])
                e["round"], e["inferred"] = s["round"], s["inferred"]
                self.db.execute("UPDATE events SET round=?, data=? WHERE id=?", (s["round"], _dumps(e), s["id"]))
            views.rebuild(self.db)   # the flat tables for other tools, in step with the events
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('resolved_documents', ?)", (str(self._doc_count()),))
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('resolved_corrections', ?)", (self._corrections_state(),))
            self.db.execute("COMMIT")
            return len(series)
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def _doc_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def stale(self) -> bool:
        """True when documents were stored, or corrections made or undone, after the events were
        last rebuilt (or they never were)."""
        row = self.db.execute("SELECT value FROM meta WHERE key='resolved_documents'").fetchone()
        if row is None or int(row[0]) != self._doc_count():
            return True
        row = self.db.execute("SELECT value FROM meta WHERE key='resolved_corrections'").fetchone()
        return (row[0] if row else "0:0") != self._corrections_state()

    def _corrections_state(self) -> str:
        """What the events depend on in the corrections table: how many there are and are undone."""
        n, undone = self.db.execute("SELECT count(*), count(undone) FROM corrections").fetchone()
        return f"{n}:{undone}"

    # -- corrections (kept apart from everything a rebuild replaces) -------------------------------
    def add_correction(self, c) -> int:
        """Store a correction (parley.corrections.Correction); its number."""
        d = c.to_dict()
        cur = self.db.execute("INSERT INTO corrections(kind, data, note, author, created) VALUES (?,?,?,?,?)",
                              (d["kind"], _dumps({k: d[k] for k in ("mentions", "other", "field", "value", "everywhere")}),
                               d["note"], d["author"], d["created"]))
        return int(cur.lastrowid)

    def undo_correction(self, number: int, when: str) -> None:
        row = self.db.execute("SELECT undone FROM corrections WHERE id=?", (number,)).fetchone()
        if row is None:
            raise NotFound(f"no correction {number}")
        if row[0]:
            raise NotFound(f"correction {number} was undone already ({row[0]})")
        self.db.execute("UPDATE corrections SET undone=? WHERE id=?", (when, number))

    def corrections(self) -> list[dict[str, Any]]:
        """Every correction, undone ones included, oldest first, with the events it applies to now."""
        applied: dict[int, list[str]] = {}
        for cid, ev in self.db.execute("SELECT correction, event FROM correction_events ORDER BY event"):
            applied.setdefault(cid, []).append(ev)
        out = []
        for r in self.db.execute("SELECT * FROM corrections ORDER BY created, id"):
            d = _loads(r["data"])
            out.append({"id": r["id"], "kind": r["kind"], **d, "note": r["note"] or "", "author": r["author"] or "",
                        "created": r["created"], "undone": r["undone"], "events": applied.get(r["id"], [])})
        return out

    def feed_seen(self, feed: str) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT entry FROM feed_entries WHERE feed=?", (feed,))}

    def remember_feed_entries(self, feed: str, entries: set[str]) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        self.db.executemany("INSERT OR IGNORE INTO feed_entries VALUES (?,?)", [(feed, e) for e in sorted(entries)])
        self.db.execute("COMMIT")

    # -- reading -------------------------------------------------------------------------------
    def mentions(self, compact: bool = False) -> Iterator[dict[str, Any]]:
        """Every event mention; `compact` leaves out the evidence (what resolution compares)."""
        shared: dict[Any, Any] = {}     # equal values of many mentions are kept once (ids, dates, places, people)

        def one(key: Any, value: Any) -> Any:
            return shared.setdefault(key, value)
        for row in self.db.execute("SELECT data FROM mentions ORDER BY id"):
            m = _loads(row[0])
            if compact:   # only what clustering compares, a few hundred bytes a mention
                d, loc = m["date"], m.get("location")
                people = [one(("p", p["id"], p.get("country")), {"id": p["id"], "country": p.get("country")})
                          for p in m.get("participants") or []]
                m = {"id": m["id"], "doc": one(m["doc"], m["doc"]), "doc_kind": _intern(m.get("doc_kind")), "mechanism": _intern(m["mechanism"]),
                     "round": m["round"], "date": d and one(("d", d["start"], d["end"]), {"start": d["start"], "end": d["end"]}),
                     "location": loc and one(("l", loc.get("city"), loc.get("country")), loc), "status": _intern(m.get("status")),
                     "modality": _intern(m.get("modality")),
                     "inferred": one(("i", "modality" in (m.get("inferred") or {})),
                                     {"modality": "inferred"} if "modality" in (m.get("inferred") or {}) else {}),
                     "participants": one(("ps",) + tuple(id(p) for p in people), people)}
            yield m

    def mentions_by_id(self, ids: list[str]) -> list[dict[str, Any]]:
        out = []
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            rows = self.db.execute(f"SELECT data FROM mentions WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            out.extend(_loads(r[0]) for r in rows)
        return sorted(out, key=lambda m: m["id"])

    def documents(self) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT id, source, title, language, published, published_from, kind FROM documents ORDER BY id")
        return [dict(r) for r in rows]

    def document(self, doc_id: str) -> dict[str, Any]:
        row = self.db.execute("SELECT * FROM documents WHERE id=?", (doc_id,)).fetchone()
        if row is None:
            raise NotFound(f"no document {doc_id}")
        d = dict(row)
        d["languages"] = _loads(d["languages"] or "[]")
        d["removed"] = _loads(d["removed"] or "[]")
        return d

    def events(self, rejected: bool = False) -> list[dict[str, Any]]:
        """The events in date order; those an analyst rejected (not a meeting) only with `rejected`."""
        rows = (_loads(r[0]) for r in self.db.execute(
            "SELECT data FROM events ORDER BY coalesce(date_start, '9999'), mechanism, round, id"))
        return [e for e in rows if rejected or not e.get("rejected")]

    def event(self, event_id: str) -> dict[str, Any]:
        """An event by its id or a prefix of one id; NotFound lists the ids a prefix starts, or the
        closest ids."""
        row = self.db.execute("SELECT data FROM events WHERE id=?", (event_id,)).fetchone()
        if row is None:
            escaped = event_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            rows = self.db.execute("SELECT id, data FROM events WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 11",
                                   (escaped + "%",)).fetchall()
            if len(rows) > 1:
                ids = [r[0] for r in rows[:10]]
                more = " …" if len(rows) > 10 else ""
                raise NotFound(f"{event_id!r} is the start of several event ids: {', '.join(ids)}{more}")
            if not rows:
                import difflib
                ids = [r[0] for r in self.db.execute("SELECT id FROM events")]
                near = difflib.get_close_matches(event_id, ids, n=5, cutoff=0.5)
                raise NotFound(f"no event {event_id}" + (f"; closest: {', '.join(near)}" if near else ""))
            row = rows[0][1:]
        return _loads(row[0])

    def quotes(self) -> list[dict[str, Any]]:
        return [_loads(r[0]) for r in self.db.execute("SELECT data FROM quotes ORDER BY doc, id")]

    def discovered_actors(self) -> list[dict[str, Any]]:
        # one record per person: the account of the document with the smallest id (order-independent)
        return [_loads(r[0]) for r in self.db.execute(
            "SELECT data FROM discovered_actors d WHERE doc = (SELECT min(doc) FROM discovered_actors e WHERE e.id = d.id) ORDER BY id")]

    def mechanism_facts(self) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT * FROM mechanism_facts ORDER BY mechanism, field, doc, start")
        return [{**dict(r), "value": _loads(r["value"])} for r in rows]

    def text_mechanisms(self) -> list[dict[str, Any]]:
        return [_loads(r[0]) for r in self.db.execute(
            "SELECT data FROM text_mechanisms t WHERE doc = (SELECT min(doc) FROM text_mechanisms u WHERE u.id = t.id) ORDER BY id")]

    def counts(self) -> dict[str, int]:
        return {t: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("documents", "mentions", "events", "quotes")}


def _statements(sql: str) -> list[str]:
    return [s.strip() for s in sql.split(";") if s.strip()]


def _intern(s: str | None) -> str | None:
    return sys.intern(s) if s else s
