"""Tables out of the store, in the export contract of DESIGN.md: documents, events, quotes,
mechanisms, actors — as JSONL, CSV or Parquet, one file per table."""
from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Any

from . import views
from .errors import StoreError, UsageError
from .kb import KnowledgeBase
from .store import Store

FORMATS = ("jsonl", "csv", "parquet")


def event_record(e: dict[str, Any]) -> dict[str, Any]:
    """The contract's event: sources carry the evidence of each document; mention ids stay out."""
    out = {k: e[k] for k in ("id", "type", "cameo", "status", "mechanism", "round", "date", "location", "modality")}
    # `title` as the texts state it; `role` the knowledge base's role on the event's date (null when unknown)
    out["participants"] = [{k: p.get(k) for k in ("id", "name", "title", "country", "role")} for p in e["participants"]]
    out["topics"] = e["topics"]
    docs: dict[str, list[dict[str, Any]]] = {}
    for s in e["sources"]:
        docs.setdefault(s["doc"], []).extend(s["evidence"])
    out["sources"] = [{"doc": d, "evidence": ev} for d, ev in docs.items()]
    out["conflicts"] = e["conflicts"]
    out["inferred"] = e.get("inferred") or {}
    out["confidence"] = e["confidence"]
    if e.get("corrected"):       # field -> the analyst's correction that set it (parley correct)
        out["corrected"] = e["corrected"]
    if e.get("corrections"):
        out["corrections"] = e["corrections"]
    return out


def correction_records(store: Store) -> list[dict[str, Any]]:
    """The analysts' corrections, oldest first, with the events each applies to now."""
    return [{k: c[k] for k in ("id", "kind", "mentions", "other", "field", "value", "everywhere", "note", "author",
                               "created", "undone", "events")} for c in store.corrections()]


def quote_record(q: dict[str, Any], event_of_mention: dict[str, str]) -> dict[str, Any]:
    return {"id": q["id"], "doc": q["doc"],
            "speaker": {"id": q["speaker_id"], "name": q["speaker_name"], "title": q["speaker_title"]},
            "text": q["text"], "start": q["start"], "end": q["end"], "direct": q["direct"],
            "event": event_of_mention.get(q.get("mention") or "")}


def mechanism_records(store: Store, kb: KnowledgeBase, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    facts: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for f in store.mechanism_facts():
        facts.setdefault(f["mechanism"], {}).setdefault(f["field"], []).append(f)
    rows: dict[str, dict[str, Any]] = {}
    for m in kb.mechanisms.values():
        rows[m.id] = {"id": m.id, "name": kb.mechanism_name(m.id), "parties": list(m.data.get("parties") or []),
                      "established": m.data.get("established"), "level": m.data.get("level"), "source": "kb"}
    for m in store.text_mechanisms():
        rows.setdefault(m["id"], {"id": m["id"], "name": m.get("name"), "parties": m.get("parties") or [],
                                  "established": None, "level": None, "source": "text"})
    for mid, row in rows.items():
        est = facts.get(mid, {}).get("established") or []
        if est:
            values: dict[Any, list[dict[str, Any]]] = {}
            for f in est:
                values.setdefault(f["value"], []).append(f)
            best = sorted(values, key=lambda v: (-len(values[v]), v))[0]
            row["established"] = best
            row["established_evidence"] = [{"doc": f["doc"], "start": f["start"], "end": f["end"], "text": f["text"]}
                                           for f in values[best]]
        rounds = [e for e in events if e["mechanism"] == mid]
        rounds.sort(key=lambda e: (e["round"] is None, e["round"] or 0, (e["date"] or {}).get("start") or ""))
        row["rounds"] = [{"round": e["round"], "event": e["id"], "date": e["date"], "location": e["location"],
                          "status": e["status"], "round_inferred": "round" in (e.get("inferred") or {})} for e in rounds]
        row["chairs"] = chairs(rounds)
    return [rows[k] for k in sorted(rows)]


def chairs(rounds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Who led each side, by period, as the texts report the meetings: every participant of the
    mechanism's meetings with the first and last dates and the events (the evidence) they appear in."""
    people: dict[str, dict[str, Any]] = {}
    for e in rounds:
        when = (e["date"] or {}).get("start")
        for p in e["participants"]:
            row = people.setdefault(p["id"], {"id": p["id"], "name": p["name"], "country": p.get("country"),
                                              "titles": [], "first": None, "last": None, "events": []})
            row["events"].append(e["id"])
            if p.get("title") and p["title"] not in row["titles"]:
                row["titles"].append(p["title"])
            if when:
                row["first"] = min(filter(None, (row["first"], when)))
                row["last"] = max(filter(None, (row["last"], when)))
    return sorted(people.values(), key=lambda r: (r["country"] or "", r["first"] or "9999", r["id"]))


def actor_records(store: Store, kb: KnowledgeBase, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen = {p["id"] for e in events for p in e["participants"]} | {q["speaker_id"] for q in store.quotes()}
    out = []
    for aid in sorted(seen):
        a = kb.actors.get(aid)
        if a:
            out.append({"id": a.id, "type": a.type, "name": a.name, "country": a.country, "names": a.names,
                        "roles": [r.__dict__ for r in a.roles], "discovered": False})
    for d in store.discovered_actors():
        if d["id"] in seen and d["id"] not in kb.actors:
            out.append({"id": d["id"], "type": "person", "name": d["name"], "country": d.get("country"),
                        "names": d.get("names") or {}, "roles": ([{"title": d["title"]}] if d.get("title") else []),
                        "discovered": True})
    return out


def tables(store: Store, kb: KnowledgeBase) -> dict[str, list[dict[str, Any]]]:
    events = store.events()
    links = {row[1]: row[0] for row in store.db.execute("SELECT event, mention FROM event_mentions")}
    return {
        "documents": store.documents(),
        "events": [event_record(e) for e in events],
        "quotes": [quote_record(q, links) for q in store.quotes()],
        "mechanisms": mechanism_records(store, kb, events),
        "actors": actor_records(store, kb, events),
        "corrections": correction_records(store),
    }


def export(store: Store, kb: KnowledgeBase, out_dir: str | Path, fmt: str = "jsonl") -> dict[str, int]:
    """Write the contract's tables (nested values nested: JSON in JSONL, lists and structs in
    Parquet, JSON text in CSV) and the store's flat tables (parley/views.py) beside them; with CSV a
    datapackage.json that gives every column's type (codes such as CAMEO "040" are strings)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UsageError(f"cannot write to {out}: {e.strerror}") from None
    _ensure_views(store)
    counts = {}
    resources = []
    contract = tables(store, kb)
    contract["documents"] = _with_urls(store, contract["documents"])
    for name, rows in contract.items():
        counts[name] = len(rows)
        cols = list(dict.fromkeys(k for r in rows for k in r)) or ["id"]
        _write(out, name, fmt, rows, cols, SCHEMAS.get(name))
        resources.append(_resource(name, cols, SCHEMAS.get(name)))
    for table in views.TABLES:
        name = FLAT_FILES.get(table, table)
        cols, types, rows = flat_table(store, table)
        counts[name] = len(rows)
        _write(out, name, fmt, rows, cols, _flat_schema(cols, types))
        resources.append(_resource(name, cols, _flat_schema(cols, types)))
    if fmt == "csv":
        _atomic_text(out / "datapackage.json", json.dumps(
            {"name": "parley-export", "profile": "tabular-data-package", "resources": resources},
            ensure_ascii=False, indent=1) + "\n")
    return counts


def _ensure_views(store: Store) -> None:
    """A store written before the flat tables existed gets them now (opened once for writing)."""
    if views.present(store.db) or store.path == ":memory:":
        return
    try:
        Store(store.path).close()
    except (StoreError, sqlite3.Error) as e:
        raise UsageError(f"{store.path}: the store has no flat tables and cannot be opened to build them ({e})") from None


#: flat tables whose name is taken by a contract table in an export folder
FLAT_FILES = {"mechanisms": "mechanisms_flat", "actors": "actors_flat"}


def flat_table(store: Store, table: str) -> tuple[list[str], list[str], list[dict[str, Any]]]:
    """A flat table of the store: its columns, their declared SQLite types, and its rows in key order."""
    if table not in views.TABLES:
        raise UsageError(f"unknown table {table!r}")
    if not views.present(store.db):
        raise UsageError(f"{store.path}: the store has no flat tables yet; open it once for writing "
                         "(any `parley ingest`) to build them")
    info = store.db.execute(f"PRAGMA table_info({table})").fetchall()
    cols = [r["name"] for r in info]
    types = [r["type"] for r in info]
    keys = [r["name"] for r in sorted(info, key=lambda r: r["pk"]) if r["pk"]] or cols
    order = ", ".join(f'"{k}"' for k in keys)
    rows = [dict(r) for r in store.db.execute(f"SELECT * FROM {table} ORDER BY {order}")]
    return cols, types, rows


def _with_urls(store: Store, docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    urls = {r[0]: r[1] for r in store.db.execute("SELECT id, url FROM documents_flat")} if views.present(store.db) else {}
    return [{**d, "url": urls.get(d["id"])} for d in docs]


def _write(out: Path, name: str, fmt: str, rows: list[dict[str, Any]], cols: list[str], schema: Any) -> None:
    path = out / f"{name}.{fmt}"
    tmp = path.with_suffix(path.suffix + ".tmp")
    if fmt == "jsonl":
        with open(tmp, "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n")
    elif fmt == "csv":
        _csv(tmp, rows, cols)
    else:
        _parquet(tmp, rows, schema)
    tmp.replace(path)


def _atomic_text(path: Path, text: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def _flat(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value


def _csv(path: Path, rows: list[dict[str, Any]], cols: list[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols)
        w.writeheader()
        for r in rows:
            w.writerow({k: _flat(r.get(k)) for k in cols})


# -- Parquet: native nested types ------------------------------------------------------------------
def _schemas() -> dict[str, Any]:
    import pyarrow as pa
    s, i, f, b = pa.string(), pa.int64(), pa.float64(), pa.bool_()
    date = pa.struct([("start", s), ("end", s)])
    location = pa.struct([("city", s), ("country", s)])
    span = [("doc", s), ("start", i), ("end", i), ("text", s)]
    return {
        "documents": pa.schema([("id", s), ("source", s), ("title", s), ("language", s), ("published", s),
                                ("published_from", s), ("kind", s), ("url", s)]),
        "events": pa.schema([
            ("id", s), ("type", s), ("cameo", s), ("status", s), ("mechanism", s), ("round", i), ("date", date),
            ("location", location), ("modality", s),
            ("participants", pa.list_(pa.struct([("id", s), ("name", s), ("title", s), ("country", s), ("role", s)]))),
            ("topics", pa.list_(s)),
            ("sources", pa.list_(pa.struct([("doc", s), ("evidence", pa.list_(pa.struct(
                [("field", s), ("start", i), ("end", i), ("text", s), ("rule", s)])))]))),
            # a conflicting value is a number, a name or a date: kept as its JSON text
            ("conflicts", pa.list_(pa.struct([("field", s), ("values", pa.list_(pa.struct(
                [("value", s), ("docs", pa.list_(s))])))]))),
            ("inferred", pa.map_(s, s)), ("confidence", f),
            # an analyst's corrections (parley correct): field -> correction, and those that applied
            ("corrected", pa.map_(s, i)), ("corrections", pa.list_(i))]),
        "quotes": pa.schema([("id", s), ("doc", s), ("speaker", pa.struct([("id", s), ("name", s), ("title", s)])),
                             ("text", s), ("start", i), ("end", i), ("direct", b), ("event", s)]),
        "mechanisms": pa.schema([
            ("id", s), ("name", s), ("parties", pa.list_(s)), ("established", s), ("level", s), ("source", s),
            ("established_evidence", pa.list_(pa.struct(span))),
            ("rounds", pa.list_(pa.struct([("round", i), ("event", s), ("date", date), ("location", location),
                                           ("status", s), ("round_inferred", b)]))),
            ("chairs", pa.list_(pa.struct([("id", s), ("name", s), ("country", s), ("titles", pa.list_(s)),
                                           ("first", s), ("last", s), ("events", pa.list_(s))])))]),
        "actors": pa.schema([("id", s), ("type", s), ("name", s), ("country", s),
                             ("names", pa.map_(s, pa.list_(s))),
                             ("roles", pa.list_(pa.struct([("title", s), ("org", s), ("start", s), ("end", s)]))),
                             ("discovered", b)]),
    }


class _Schemas(dict):
    def get(self, key, default=None):   # built on first use: pyarrow is imported only to write Parquet
        if not self:
            self.update(_schemas())
        return super().get(key, default)


SCHEMAS: dict[str, Any] = _Schemas()


def _flat_schema(cols: list[str], types: list[str]) -> Any:
    import pyarrow as pa
    kind = {"INTEGER": pa.int64(), "REAL": pa.float64()}
    return pa.schema([(c, kind.get(t.upper(), pa.string())) for c, t in zip(cols, types)])


def _coerce(value: Any, typ: Any) -> Any:
    """A Python value shaped for an Arrow type: strings where the type says string (a number or a
    date object as text, anything nested as JSON), structs and lists walked."""
    import pyarrow as pa
    if value is None:
        return None
    if pa.types.is_string(typ):
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False) \
            if isinstance(value, (dict, list)) else str(value)
    if pa.types.is_struct(typ):
        if not isinstance(value, dict):
            return None
        return {typ.field(k).name: _coerce(value.get(typ.field(k).name), typ.field(k).type) for k in range(typ.num_fields)}
    if pa.types.is_map(typ):
        return [(str(k), _coerce(v, typ.item_type)) for k, v in value.items()] if isinstance(value, dict) else None
    if pa.types.is_list(typ):
        return [_coerce(v, typ.value_type) for v in value] if isinstance(value, list) else None
    if pa.types.is_integer(typ):
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if pa.types.is_floating(typ):
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    if pa.types.is_boolean(typ):
        return bool(value)
    return value


def _parquet(path: Path, rows: list[dict[str, Any]], schema: Any) -> None:
    """The schema's columns in its types; any other column (a table or a field the schema does not
    name yet) in the type its values give, or as JSON text when they do not agree on one."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    names = list(schema.names) if schema is not None else []
    extra = [k for k in dict.fromkeys(k for r in rows for k in r) if k not in names]
    fields, arrays = [], []
    for name in names:
        typ = schema.field(name).type
        fields.append(pa.field(name, typ))
        arrays.append(pa.array([_coerce(r.get(name), typ) for r in rows], type=typ))
    for name in extra or ([] if names else ["id"]):
        arr = _inferred([r.get(name) for r in rows])
        fields.append(pa.field(name, arr.type))
        arrays.append(arr)
    pq.write_table(pa.Table.from_arrays(arrays, schema=pa.schema(fields)), path)


def _inferred(values: list[Any]) -> Any:
    import pyarrow as pa
    try:
        arr = pa.array(values)
        if not pa.types.is_null(arr.type) or not values:
            return arr
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
        pass
    return pa.array([None if v is None else v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
                     for v in values], type=pa.string())


# -- datapackage.json: column types for CSV readers --------------------------------------------------
def _resource(name: str, cols: list[str], schema: Any) -> dict[str, Any]:
    import pyarrow as pa
    fields = []
    for c in cols:
        typ = schema.field(c).type if schema is not None and c in schema.names else pa.string()
        kind = ("integer" if pa.types.is_integer(typ) else "number" if pa.types.is_floating(typ)
                else "boolean" if pa.types.is_boolean(typ) else "string" if pa.types.is_string(typ) else "object")
        fields.append({"name": c, "type": kind})
    return {"name": name, "path": f"{name}.csv", "format": "csv", "encoding": "utf-8", "schema": {"fields": fields}}
