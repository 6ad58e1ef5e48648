"""Choosing values: one event from the mentions of one meeting.

Each field takes one value by rule — more sources first, then the more authoritative kind of
source (official > news > other > forum), then the more precise date — and every value that
disagrees is kept in `conflicts` with its sources. A field is inferred for the event only when no
source states it.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..ids import event_id
from ..meeting import dates_overlap

KIND_RANK = {"official": 0, "news": 1, "other": 2, "forum": 3}


def _width(date: dict[str, str]) -> int:
    """Days a date range spans (a narrower range inside a wider one says more)."""
    import datetime as dt
    try:
        return (dt.date.fromisoformat(date["end"][:10]) - dt.date.fromisoformat(date["start"][:10])).days
    except ValueError:
        return 0


def _precision(date: dict[str, str] | None) -> int:
    return len(date["start"]) if date else 0


def _choose(values: list[tuple[Any, dict[str, Any]]], field: str):
    """values: (value, mention). Returns (chosen, conflicts list or None)."""
    support: dict[str, dict[str, Any]] = {}
    for v, m in values:
        if v is None:
            continue
        key = repr(v) if not isinstance(v, dict) else repr(sorted(v.items()))
        s = support.setdefault(key, {"value": v, "docs": set(), "rank": 9, "precision": 0})
        s["docs"].add(m["doc"])
        s["rank"] = min(s["rank"], KIND_RANK.get(m.get("doc_kind"), 2))
        s["precision"] = _precision(v) if field == "date" else 0
    if not support:
        return None, None
    items = list(support.values())
    if field == "date":
        for s in items:   # a date is supported by every source whose date overlaps it
            s["docs_all"] = set().union(*(o["docs"] for o in items if dates_overlap(o["value"], s["value"])))
        ranked = sorted(items, key=lambda s: (-len(s["docs_all"]), -s["precision"], _width(s["value"]), s["rank"], repr(s["value"])))
        chosen = ranked[0]
        disagree = [s for s in items if not dates_overlap(s["value"], chosen["value"])]
    else:
        ranked = sorted(items, key=lambda s: (-len(s["docs"]), s["rank"], repr(s["value"])))
        chosen = ranked[0]
        disagree = [s for s in items if s is not chosen]
    conflicts = None
    if disagree:
        conflicts = {"field": field, "values": [{"value": s["value"], "docs": sorted(s["docs"])}
                                                for s in sorted(items, key=lambda s: repr(s["value"]))]}
    return chosen["value"], conflicts


INFERABLE = ("mechanism", "round", "date", "location", "modality", "status")   # fields a source may infer


def build_event(group: list[dict[str, Any]]) -> dict[str, Any]:
    group = sorted(group, key=lambda m: (KIND_RANK.get(m.get("doc_kind"), 2), m["id"]))
    conflicts = []
    out: dict[str, Any] = {}
    for field in ("mechanism", "round", "date", "modality"):
        v, c = _choose([(m[field], m) for m in group], field)
        out[field] = v
        if c:
            conflicts.append(c)
    city, c = _choose([((m.get("location") or {}).get("city"), m) for m in group], "city")
    if c:
        conflicts.append(c)
    countries = [((m.get("location") or {}).get("country"), m) for m in group
                 if not city or (m.get("location") or {}).get("city") in (None, city)]
    country, c = _choose(countries, "country")
    if c:
        conflicts.append(c)
    out["location"] = {"city": city, "country": country} if (city or country) else None
    statuses = {m["status"] for m in group}
    out["status"] = "occurred" if "occurred" in statuses else "cancelled" if "cancelled" in statuses else \
        "planned" if "planned" in statuses else None
    people: dict[str, dict[str, Any]] = {}
    support: dict[str, set[str]] = defaultdict(set)
    naming = {m["doc"] for m in group if m.get("participants")}
    for m in group:
        for p in m.get("participants") or []:
            row = people.setdefault(p["id"], {"id": p["id"], "name": p["name"], "title": p.get("title"), "country": p.get("country"),
                                              "title_from": p.get("title_from"), "role": p.get("role")})
            row["role"] = row["role"] or p.get("role")
            if p.get("title") and p.get("title_from") == "text" and row["title_from"] != "text":
                row["title"], row["title_from"] = p["title"], "text"     # as an article titles them, before the role on file
            support[p["id"]].add(m["doc"])
    # a participant named by one source in five is more likely a background name wrongly attached
    floor = max(1, -(-len(naming) // 3))
    people = {k: {f: v[f] for f in ("id", "name", "title", "country", "role")} for k, v in people.items() if len(support[k]) >= floor}
    topics = sorted({t for m in group for t in m.get("topics") or []})
    # a field is inferred for the event only if no source states it (looked up once per field: a
    # meeting reported by hundreds of sources made this a comparison of every pair)
    stated = {k for k in INFERABLE if any(o.get(k) and k not in (o.get("inferred") or {}) for o in group)}
    inferred = {}
    for m in group:
        for k, reason in (m.get("inferred") or {}).items():
            if k in INFERABLE and k not in stated:
                inferred.setdefault(k, reason)
    sources = []
    for m in sorted(group, key=lambda m: (m["doc"], m["id"])):
        sources.append({"doc": m["doc"], "mention": m["id"], "merged": m.get("merged") or [],
                        "evidence": [{"field": e["field"], "start": e["start"], "end": e["end"], "text": e["text"], "rule": e["rule"]}
                                     for e in m.get("evidence") or []]})
    if out["mechanism"] and out["round"]:
        key = f"{out['mechanism']}#{out['round']}"
    else:
        key = min(m["id"] for m in group)
    docs = {m["doc"] for m in group}
    # an event only the language-independent tier read (stages/tier.py) is less sure
    triggers = [e["rule"] for m in group for e in m.get("evidence") or [] if e["field"] == "trigger"]
    tier_only = bool(triggers) and all(r.startswith("tier:") for r in triggers)
    confidence = min(0.99, 0.5 + 0.1 * min(len(docs), 3) + (0.1 if out["mechanism"] else 0) +
                     (0.05 if out["date"] and len(out["date"]["start"]) == 10 else 0) - 0.1 * len(conflicts) - (0.25 if tier_only else 0))
    return {
        "id": event_id(key),
        "type": "CONSULT", "cameo": "040", "status": out["status"],
        "mechanism": out["mechanism"], "round": out["round"], "date": out["date"], "location": out["location"],
        "modality": out["modality"], "participants": sorted(people.values(), key=lambda p: p["id"]),
        "topics": topics, "sources": sources, "conflicts": conflicts, "inferred": inferred,
        "confidence": round(max(confidence, 0.1), 2),
    }
