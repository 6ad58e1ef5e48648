"""Flat tables over the store for analysts' tools (Datasette, DuckDB, pandas, a spreadsheet) and
for the web UI: one row per event, per event and participant, per event and source, per event and
topic; mechanisms and actors with their names and roles; documents with their URL; a full-text
index over the documents (FTS5, trigram: Chinese and Japanese need no word splitting).

They are derived data, rebuilt from `events` (the system of record) in the same transaction as
every events rebuild, so they are never out of step with it; the full-text index is extended with
the documents stored since it was last extended. This module only reads the store's own tables
and writes its own (and an index on quotes' mention, for the event page); it never changes a row of
the store's.
"""
from __future__ import annotations

import calendar
import functools
import sqlite3
from typing import Any, Iterable

import orjson

VERSION = "1"     # bump when a table below changes shape: the next writable open rebuilds them

SCHEMA = """
CREATE TABLE IF NOT EXISTS events_flat(
    id TEXT PRIMARY KEY, type TEXT, cameo TEXT, status TEXT, modality TEXT, mechanism TEXT,
    round INTEGER, round_inferred INTEGER NOT NULL, date_start TEXT, date_end TEXT,
    date_precision TEXT, date_from TEXT, date_to TEXT, year INTEGER, city TEXT, country TEXT,
    participants INTEGER NOT NULL, countries TEXT, sources INTEGER NOT NULL, conflicts INTEGER NOT NULL,
    conflict_fields TEXT, inferred_fields TEXT, topics TEXT, confidence REAL);
CREATE INDEX IF NOT EXISTS events_flat_mechanism ON events_flat(mechanism, round);
CREATE INDEX IF NOT EXISTS events_flat_date ON events_flat(date_from);
CREATE INDEX IF NOT EXISTS events_flat_order ON events_flat(date_from IS NULL, date_from, mechanism, round, id);
CREATE INDEX IF NOT EXISTS events_flat_country ON events_flat(country);
CREATE INDEX IF NOT EXISTS events_flat_countries ON events_flat(countries);
CREATE TABLE IF NOT EXISTS event_participants(
    event TEXT NOT NULL, position INTEGER NOT NULL, actor TEXT, name TEXT, country TEXT, title TEXT,
    role TEXT, PRIMARY KEY(event, position));
CREATE INDEX IF NOT EXISTS event_participants_actor ON event_participants(actor);
CREATE INDEX IF NOT EXISTS event_participants_country ON event_participants(country, event);
CREATE TABLE IF NOT EXISTS event_sources(
    event TEXT NOT NULL, doc TEXT NOT NULL, mention TEXT NOT NULL, evidence INTEGER NOT NULL, url TEXT,
    PRIMARY KEY(event, mention));
CREATE INDEX IF NOT EXISTS event_sources_doc ON event_sources(doc);
CREATE TABLE IF NOT EXISTS event_topics(event TEXT NOT NULL, topic TEXT NOT NULL, PRIMARY KEY(event, topic));
CREATE INDEX IF NOT EXISTS event_topics_topic ON event_topics(topic);
CREATE TABLE IF NOT EXISTS mechanisms(
    id TEXT PRIMARY KEY, name TEXT, parties TEXT, country_pair TEXT, established TEXT, level TEXT,
    source TEXT, rounds INTEGER NOT NULL, numbered_rounds INTEGER NOT NULL, last_round INTEGER,
    first_date TEXT, last_date TEXT);
CREATE TABLE IF NOT EXISTS actors(
    id TEXT PRIMARY KEY, type TEXT, name TEXT, country TEXT, discovered INTEGER NOT NULL,
    events INTEGER NOT NULL, first_date TEXT, last_date TEXT, titles TEXT);
CREATE TABLE IF NOT EXISTS actor_names(actor TEXT NOT NULL, language TEXT NOT NULL, name TEXT NOT NULL,
    PRIMARY KEY(actor, language, name));
CREATE TABLE IF NOT EXISTS actor_roles(actor TEXT NOT NULL, position INTEGER NOT NULL, title TEXT, org TEXT,
    start TEXT, "end" TEXT, PRIMARY KEY(actor, position));
CREATE TABLE IF NOT EXISTS documents_flat(
    id TEXT PRIMARY KEY, url TEXT, source TEXT, title TEXT, language TEXT, published TEXT,
    published_from TEXT, kind TEXT, chars INTEGER NOT NULL, removed INTEGER NOT NULL, events INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS quotes_mention ON quotes(mention);
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid', tokenize='trigram');
"""

#: the tables this module keeps, in the order they are documented and exported
TABLES = ("events_flat", "event_participants", "event_sources", "event_topics", "mechanisms", "actors",
          "actor_names", "actor_roles", "documents_flat")

PRECISION = {10: "day", 7: "month", 4: "year"}
CHUNK = 5000    # events decoded and written at a time: memory stays flat however many there are


@functools.lru_cache(maxsize=65536)
def first_day(iso: str | None) -> str | None:
    """The first calendar day a date of any precision can mean ('2019-09' -> '2019-09-01')."""
    if not iso:
        return None
    return iso if len(iso) == 10 else f"{iso}-01" if len(iso) == 7 else f"{iso}-01-01" if len(iso) == 4 else None


@functools.lru_cache(maxsize=65536)
def last_day(iso: str | None) -> str | None:
    """The last calendar day it can mean ('2019-02' -> '2019-02-28', '2005' -> '2005-12-31')."""
    if not iso:
        return None
    if len(iso) == 7:
        try:
            return f"{iso}-{calendar.monthrange(int(iso[:4]), int(iso[5:7]))[1]:02d}"
        except ValueError:
            return None
    return iso if len(iso) == 10 else f"{iso}-12-31" if len(iso) == 4 else None


def url_of(source: str | None) -> str | None:
    """A document's URL: its source when that is one, or the page a WARC record was fetched from."""
    if not source:
        return None
    if source.startswith(("http://", "https://")):
        return source
    for marker in ("#http://", "#https://"):
        i = source.find(marker)
        if i >= 0:
            return source[i + 1:]
    return None


def ensure(db: sqlite3.Connection) -> None:
    """Create the tables if they are missing and fill them when they are not in step with the
    events (a store written before they existed, or by an older version): for a writable open."""
    current = db.execute("SELECT value FROM meta WHERE key='views_version'").fetchone()
    if current is not None and current[0] == VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        current = db.execute("SELECT value FROM meta WHERE key='views_version'").fetchone()
        if current is None or current[0] != VERSION:
            for name in TABLES + ("documents_fts",):
                db.execute(f"DROP TABLE IF EXISTS {name}")
            db.execute("DELETE FROM meta WHERE key='fts_rowid'")
            _create(db)
            rebuild(db)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _create(db: sqlite3.Connection, tables: bool = True, indexes: bool = True) -> None:
    for statement in (s.strip() for s in SCHEMA.split(";")):
        if statement and (indexes if statement.startswith("CREATE INDEX") else tables):
            db.execute(statement)


def rebuild(db: sqlite3.Connection) -> None:
    """Refill every table from `events` and extend the full-text index. Runs inside the caller's
    transaction (the events rebuild's), so readers see the old tables or the new."""
    # emptied by dropping and filled before their indexes are built (a tenth less CPU at 100,000
    # events than deleting every row and updating the indexes row by row)
    for name in TABLES:
        db.execute(f"DROP TABLE IF EXISTS {name}")
    _create(db, indexes=False)
    urls: dict[str, str] = {}
    for doc, source in db.execute("SELECT doc, source FROM doc_sources ORDER BY doc, source"):
        u = url_of(source)
        if u and doc not in urls:
            urls[doc] = u
    for doc, source in db.execute("SELECT id, source FROM documents"):   # the document's own source comes first
        u = url_of(source)
        if u:
            urls[doc] = u
    doc_events: dict[str, int] = {}
    cur = db.execute("SELECT data FROM events")
    while True:
        batch = cur.fetchmany(CHUNK)
        if not batch:
            break
        _write_events(db, [orjson.loads(r[0]) for r in batch], urls, doc_events)
    docs = []
    for did, source, title, lang, pub, pub_from, kind, chars, removed in db.execute(
            "SELECT id, source, title, language, published, published_from, kind, length(text), removed FROM documents"):
        docs.append((did, urls.get(did), source, title, lang, pub, pub_from, kind, chars,
                     len(orjson.loads(removed)) if removed else 0, doc_events.get(did, 0)))
    db.executemany("INSERT INTO documents_flat VALUES (?,?,?,?,?,?,?,?,?,?,?)", docs)
    _create(db, tables=False)
    _mechanisms(db)
    _actors(db)
    _index_documents(db)
    db.execute("INSERT OR REPLACE INTO meta VALUES ('views_version', ?)", (VERSION,))


def _write_events(db: sqlite3.Connection, events: list[dict[str, Any]], urls: dict[str, str],
                  doc_events: dict[str, int]) -> None:
    flat, people, sources, topics = [], [], [], []
    for e in events:
        if e.get("rejected"):   # an analyst said it was no meeting: kept in events, out of every list
            continue
        eid, d, loc = e["id"], e.get("date") or {}, e.get("location") or {}
        start, end = d.get("start"), d.get("end") or d.get("start")
        parts = e.get("participants") or []
        docs = list(dict.fromkeys(s["doc"] for s in e.get("sources") or []))
        inferred = e.get("inferred") or {}
        conflicts = e.get("conflicts") or []
        countries = sorted({p["country"] for p in parts if p.get("country")})
        flat.append((eid, e.get("type"), None if e.get("cameo") is None else str(e["cameo"]), e.get("status"),
                     e.get("modality"), e.get("mechanism"), e.get("round"), int("round" in inferred), start, end,
                     PRECISION.get(len(start)) if start else None, first_day(start), last_day(end),
                     int(start[:4]) if start and start[:4].isdigit() else None, loc.get("city"), loc.get("country"),
                     len(parts), "-".join(countries) or None, len(docs), len(conflicts),
                     ",".join(c["field"] for c in conflicts) or None, ",".join(inferred) or None,
                     ",".join(e.get("topics") or []) or None, e.get("confidence")))
        people.extend((eid, i, p.get("id"), p.get("name"), p.get("country"), p.get("title"), p.get("role"))
                      for i, p in enumerate(parts))
        sources.extend((eid, s["doc"], s.get("mention") or s["doc"], len(s.get("evidence") or []), urls.get(s["doc"]))
                       for s in e.get("sources") or [])
        topics.extend((eid, t) for t in e.get("topics") or [])
        for doc in docs:
            doc_events[doc] = doc_events.get(doc, 0) + 1
    db.executemany("INSERT INTO events_flat VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", flat)
    db.executemany("INSERT INTO event_participants VALUES (?,?,?,?,?,?,?)", people)
    db.executemany("INSERT OR IGNORE INTO event_sources VALUES (?,?,?,?,?)", sources)
    db.executemany("INSERT OR IGNORE INTO event_topics VALUES (?,?)", topics)


def _index_documents(db: sqlite3.Connection) -> None:
    """Add the documents stored since the last run to the full-text index (documents are only
    ever added, never changed: their id is their text)."""
    row = db.execute("SELECT value FROM meta WHERE key='fts_rowid'").fetchone()
    last = int(row[0]) if row else 0
    db.execute("INSERT INTO documents_fts(rowid, title, text) SELECT rowid, title, text FROM documents WHERE rowid > ?",
               (last,))
    top = db.execute("SELECT max(rowid) FROM documents").fetchone()[0] or 0
    db.execute("INSERT OR REPLACE INTO meta VALUES ('fts_rowid', ?)", (str(max(top, last)),))


def _kb():
    from . import kb
    return kb.load()


def _mechanisms(db: sqlite3.Connection) -> None:
    kb = _kb()
    rows: dict[str, dict[str, Any]] = {}
    for m in kb.mechanisms.values():
        rows[m.id] = {"name": kb.mechanism_name(m.id), "parties": list(m.data.get("parties") or []),
                      "established": m.data.get("established"), "level": m.data.get("level"), "source": "kb"}
    for (data,) in db.execute("SELECT data FROM text_mechanisms ORDER BY id, doc"):
        m = orjson.loads(data)
        rows.setdefault(m["id"], {"name": m.get("name"), "parties": m.get("parties") or [], "established": None,
                                  "level": None, "source": "text"})
    # the founding year the texts give most often wins over the knowledge base's (as in the export)
    stated: dict[str, Any] = {}
    for mid, value, n in db.execute(
            "SELECT mechanism, value, count(*) n FROM mechanism_facts WHERE field='established' "
            "GROUP BY mechanism, value ORDER BY mechanism, n DESC, value"):
        stated.setdefault(mid, orjson.loads(value) if value else None)
    counts = {r[0]: r[1:] for r in db.execute(
        "SELECT mechanism, count(*), count(round), max(round), min(date_from), max(date_to) FROM events_flat "
        "WHERE mechanism IS NOT NULL GROUP BY mechanism")}
    for mid in counts:
        rows.setdefault(mid, {"name": mid, "parties": [], "established": None, "level": None, "source": "events"})
    db.executemany("INSERT INTO mechanisms VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", [
        (mid, r["name"], ",".join(r["parties"]), "-".join(sorted(r["parties"])) or None,
         _text(stated.get(mid, r["established"])), r["level"], r["source"], *(counts.get(mid) or (0, 0, None, None, None)))
        for mid, r in sorted(rows.items())])


def _text(v: Any) -> str | None:
    return None if v is None else str(v)


def _actors(db: sqlite3.Connection) -> None:
    kb = _kb()
    seen = {r[0]: r[1:] for r in db.execute(
        "SELECT p.actor, count(DISTINCT p.event), min(e.date_from), max(e.date_to) FROM event_participants p JOIN events_flat e ON e.id = p.event "
        "WHERE p.actor IS NOT NULL GROUP BY p.actor")}
    for (speaker,) in db.execute("SELECT DISTINCT json_extract(data, '$.speaker_id') FROM quotes"):
        if speaker:
            seen.setdefault(speaker, (0, None, None))
    titles_of: dict[str, list[str]] = {}
    for aid, title in db.execute("SELECT DISTINCT actor, title FROM event_participants WHERE title IS NOT NULL ORDER BY actor, title"):
        titles_of.setdefault(aid, []).append(title)
    discovered = {}
    for (data,) in db.execute(
            "SELECT data FROM discovered_actors d WHERE doc = (SELECT min(doc) FROM discovered_actors e WHERE e.id = d.id)"):
        a = orjson.loads(data)
        discovered[a["id"]] = a
    names: list[tuple[str, str, str]] = []
    roles: list[tuple[Any, ...]] = []
    actors: list[tuple[Any, ...]] = []
    for aid in sorted(seen):
        n, first, last = seen[aid]
        titles = "; ".join(titles_of[aid]) if aid in titles_of else None
        a = kb.actors.get(aid)
        if a is not None:
            actors.append((a.id, a.type, a.name, a.country, 0, n, first, last, titles))
            names.extend(_names(a.id, a.names))
            roles.extend((a.id, i, r.title, r.org, _text(r.start), _text(r.end)) for i, r in enumerate(a.roles))
        elif aid in discovered:
            d = discovered[aid]
            actors.append((aid, "person", d.get("name"), d.get("country"), 1, n, first, last, titles))
            names.extend(_names(aid, d.get("names") or {}))
            if d.get("title"):
                roles.append((aid, 0, d["title"], None, None, None))
        else:   # named in the events but in neither list (a knowledge base since changed)
            actors.append((aid, None, aid, None, 0, n, first, last, titles))
    db.executemany("INSERT INTO actors VALUES (?,?,?,?,?,?,?,?,?)", actors)
    db.executemany("INSERT OR IGNORE INTO actor_names VALUES (?,?,?)", names)
    db.executemany("INSERT INTO actor_roles VALUES (?,?,?,?,?,?)", roles)


def _names(aid: str, by_language: dict[str, Iterable[str]]) -> list[tuple[str, str, str]]:
    return [(aid, lang, n) for lang, ns in sorted(by_language.items()) for n in ns]


def present(db: sqlite3.Connection) -> bool:
    """Whether the store has this version's tables (a read-only open of an older store has not)."""
    try:
        row = db.execute("SELECT value FROM meta WHERE key='views_version'").fetchone()
    except sqlite3.OperationalError:
        return False
    return row is not None and row[0] == VERSION
