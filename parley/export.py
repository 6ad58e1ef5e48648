"""Tables out of the store, in the export contract of DESIGN.md: documents, events, quotes,
mechanisms, actors — as JSONL, CSV or Parquet, one file per table."""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from .errors import UsageError
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
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UsageError(f"cannot write to {out}: {e.strerror}") from None
    counts = {}
    for name, rows in tables(store, kb).items():
        counts[name] = len(rows)
        path = out / f"{name}.{fmt}"
        tmp = path.with_suffix(path.suffix + ".tmp")
        if fmt == "jsonl":
            with open(tmp, "w", encoding="utf-8") as fh:
                for r in rows:
                    fh.write(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n")
        elif fmt == "csv":
            _csv(tmp, rows)
        else:
            _parquet(tmp, rows)
        tmp.replace(path)
    return counts


def _flat(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value


def _csv(path: Path, rows: list[dict[str, Any]]) -> None:
    cols = list(dict.fromkeys(k for r in rows for k in r)) or ["id"]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols)
        w.writeheader()
        for r in rows:
            w.writerow({k: _flat(r.get(k)) for k in cols})


def _parquet(path: Path, rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq
    cols = list(dict.fromkeys(k for r in rows for k in r)) or ["id"]
    # nested values are stored as JSON text: one stable schema whatever the rows hold
    data = {k: [_flat(r.get(k)) for r in rows] for k in cols}
    arrays = {}
    for k, vals in data.items():
        kinds = {type(v) for v in vals if v is not None}
        if kinds <= {int} and kinds:
            arrays[k] = pa.array(vals, type=pa.int64())
        elif kinds <= {float, int} and kinds:
            arrays[k] = pa.array([None if v is None else float(v) for v in vals], type=pa.float64())
        elif kinds <= {bool} and kinds:
            arrays[k] = pa.array(vals, type=pa.bool_())
        else:
            arrays[k] = pa.array([None if v is None else str(v) for v in vals], type=pa.string())
    pq.write_table(pa.table(arrays), path)
