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

# a date of any precision as the first and the last day it can mean
_PRECISION = "CASE length({c}) WHEN 10 THEN 'day' WHEN 7 THEN 'month' WHEN 4 THEN 'year' END"
_FROM = "CASE length({c}) WHEN 10 THEN {c} WHEN 7 THEN {c} || '-01' WHEN 4 THEN {c} || '-01-01' END"
_TO = ("CASE length({c}) WHEN 10 THEN {c} WHEN 7 THEN date({c} || '-01', '+1 month', '-1 day') "
       "WHEN 4 THEN {c} || '-12-31' END")

_EVENTS = f"""
INSERT INTO events_flat
SELECT e.id, json_extract(e.data, '$.type'), CAST(json_extract(e.data, '$.cameo') AS TEXT),
       json_extract(e.data, '$.status'), json_extract(e.data, '$.modality'), e.mechanism, e.round,
       json_type(e.data, '$.inferred.round') IS NOT NULL, e.date_start, e.date_end,
       {_PRECISION.format(c='e.date_start')}, {_FROM.format(c='e.date_start')},
       {_TO.format(c='coalesce(e.date_end, e.date_start)')}, CAST(substr(e.date_start, 1, 4) AS INTEGER),
       json_extract(e.data, '$.location.city'), json_extract(e.data, '$.location.country'),
       json_array_length(e.data, '$.participants'),
       (SELECT group_concat(c, '-') FROM (SELECT DISTINCT json_extract(p.value, '$.country') AS c
            FROM json_each(e.data, '$.participants') p WHERE c IS NOT NULL ORDER BY c)),
       (SELECT count(DISTINCT json_extract(s.value, '$.doc')) FROM json_each(e.data, '$.sources') s),
       json_array_length(e.data, '$.conflicts'),
       (SELECT group_concat(json_extract(c.value, '$.field'), ',') FROM json_each(e.data, '$.conflicts') c),
       (SELECT group_concat(i.key, ',') FROM json_each(e.data, '$.inferred') i),
       (SELECT group_concat(t.value, ',') FROM json_each(e.data, '$.topics') t),
       json_extract(e.data, '$.confidence')
FROM events e
"""

_PARTICIPANTS = """
INSERT INTO event_participants
SELECT e.id, p.key, json_extract(p.value, '$.id'), json_extract(p.value, '$.name'),
       json_extract(p.value, '$.country'), json_extract(p.value, '$.title'), json_extract(p.value, '$.role')
FROM events e, json_each(e.data, '$.participants') p
"""

_SOURCES = """
INSERT OR IGNORE INTO event_sources
SELECT e.id, json_extract(s.value, '$.doc'), coalesce(json_extract(s.value, '$.mention'), json_extract(s.value, '$.doc')),
       json_array_length(s.value, '$.evidence'), NULL
FROM events e, json_each(e.data, '$.sources') s
"""

_TOPICS = """
INSERT OR IGNORE INTO event_topics
SELECT e.id, t.value FROM events e, json_each(e.data, '$.topics') t
"""

# a document's URL: its source when that is one, or the page a WARC record was fetched from
_URL = """CASE WHEN {c} LIKE 'http://%' OR {c} LIKE 'https://%' THEN {c}
     WHEN instr({c}, '#http://') OR instr({c}, '#https://') THEN substr({c}, instr({c}, '#') + 1) END"""

_DOCUMENTS = f"""
INSERT INTO documents_flat
SELECT d.id, coalesce({_URL.format(c='d.source')},
                      (SELECT min({_URL.format(c='s.source')}) FROM doc_sources s WHERE s.doc = d.id)),
       d.source, d.title, d.language, d.published, d.published_from, d.kind, length(d.text),
       coalesce(json_array_length(d.removed), 0),
       (SELECT count(DISTINCT es.event) FROM event_sources es WHERE es.doc = d.id)
FROM documents d
"""


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


def _create(db: sqlite3.Connection) -> None:
    for statement in (s.strip() for s in SCHEMA.split(";")):
        if statement:
            db.execute(statement)


def rebuild(db: sqlite3.Connection) -> None:
    """Refill every table from `events` and extend the full-text index. Runs inside the caller's
    transaction (the events rebuild's), so readers see the old tables or the new."""
    _create(db)
    for name in TABLES:
        db.execute(f"DELETE FROM {name}")
    db.execute(_EVENTS)
    db.execute(_PARTICIPANTS)
    db.execute(_SOURCES)
    db.execute(_TOPICS)
    db.execute(_DOCUMENTS)
    db.execute(f"UPDATE event_sources SET url = (SELECT url FROM documents_flat d WHERE d.id = event_sources.doc)")
    _mechanisms(db)
    _actors(db)
    _index_documents(db)
    db.execute("INSERT OR REPLACE INTO meta VALUES ('views_version', ?)", (VERSION,))


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
