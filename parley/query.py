"""Questions the faces (the command line, the web UI, Python) ask of a store: which events pass
a filter, who an actor is by any of their names, which mechanisms there are and what the texts
gave of them."""
from __future__ import annotations

import re
from typing import Any


TOKEN = re.compile(r"\w+")


def _tokens(text: str) -> list[str]:
    """Name tokens: words, and every character of Chinese or Japanese script (which has no spaces)."""
    out: list[str] = []
    for w in TOKEN.findall(text.casefold().replace("-", " ")):
        if re.search(r"[\u3040-\u30ff\u3400-\u9fff]", w):
            out.extend(w)
        else:
            out.append(w)
    return out


def _contains(tokens: list[str], query: list[str]) -> bool:
    """`query`'s tokens appear in `tokens` as a run, whole ("ru" is not in "Patrushev")."""
    n = len(query)
    return n > 0 and any(tokens[i:i + n] == query for i in range(len(tokens) - n + 1))


def actor_matcher(actor: str, knowledge) -> Any:
    """Whether a participant is `actor`: its id, or a run of whole tokens of its name or of any of
    the knowledge base's names for it, in any language and script."""
    query = _tokens(actor)
    ids = {a.id for a in knowledge.actors.values()
           if actor.strip().casefold() == a.id or any(_contains(_tokens(n), query)
                                                       for names in (a.names, a.short) for ns in names.values() for n in ns)}

    def match(p: dict[str, Any]) -> bool:
        return p["id"] in ids or p["id"] == actor.strip().casefold() or _contains(_tokens(p["name"]), query) \
            or _contains(_tokens(p["id"]), query)
    return match


def filter_events(events, mechanism=None, actor=None, since=None, until=None, country=None, dyad=None, knowledge=None):
    """The events that pass every filter given: a mechanism, an actor (see actor_matcher), a
    date range (YYYY[-MM[-DD]], overlapping), a participant's country, both countries of a dyad."""
    if actor and knowledge is None:
        from . import kb as kb_mod
        knowledge = kb_mod.load()
    match = actor_matcher(actor, knowledge) if actor else None
    for e in events:
        if mechanism and e["mechanism"] != mechanism:
            continue
        if match and not any(match(p) for p in e["participants"]):
            continue
        countries = {p.get("country") for p in e["participants"]}
        if country and country not in countries:
            continue
        if dyad and not dyad <= countries:
            continue
        start = (e["date"] or {}).get("start") or ""
        end = (e["date"] or {}).get("end") or start
        if since and (not end or end[: len(since)] < since[: len(end)]):
            continue
        if until and (not start or start[: len(until)] > until[: len(start)]):
            continue
        yield e


def mechanism_ids(store, knowledge) -> set[str]:
    return set(knowledge.mechanisms) | {m["id"] for m in store.text_mechanisms()} | \
        {r[0] for r in store.db.execute("SELECT DISTINCT mechanism FROM events WHERE mechanism IS NOT NULL")}


def mechanism_rows(store, knowledge) -> list[dict[str, Any]]:
    """One row per mechanism that the knowledge base knows or the texts named."""
    rows: dict[str, dict[str, Any]] = {}
    for mid, m in knowledge.mechanisms.items():
        rows[mid] = {"id": mid, "name": knowledge.mechanism_name(mid), "names": m.names,
                     "parties": list(m.data.get("parties") or []), "from": "knowledge base"}
    for m in store.text_mechanisms():
        rows.setdefault(m["id"], {"id": m["id"], "name": m.get("name"), "names": {}, "parties": m.get("parties") or [],
                                  "from": "text"})
    for r in rows.values():
        r.update(rounds=[], events=0, last=None)
    for row in store.db.execute("SELECT mechanism, round, date_start FROM events WHERE mechanism IS NOT NULL"):
        r = rows.setdefault(row[0], {"id": row[0], "name": None, "names": {}, "parties": [], "from": "events",
                                     "rounds": [], "events": 0, "last": None})
        r["events"] += 1
        if row[1] is not None:
            r["rounds"].append(row[1])
        if row[2] and (r["last"] is None or row[2] > r["last"]):
            r["last"] = row[2]
    for r in rows.values():
        r["rounds"] = sorted(set(r["rounds"]))
    return sorted(rows.values(), key=lambda r: (-r["events"], r["id"]))


def rounds_text(rounds: list[int]) -> str:
    """1-3, 5, 7-9"""
    if not rounds:
        return "—"
    spans, start, prev = [], rounds[0], rounds[0]
    for n in rounds[1:] + [None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        spans.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(spans)
