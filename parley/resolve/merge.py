"""Cross-document merge: event mentions that describe the same meeting become one event.

Two mentions are the same meeting when nothing they state contradicts (mechanism, round, dates,
city, country, the people on each side) and something positive links them (the same mechanism
and round; overlapping dates with the same mechanism or a shared participant; the same city and
participants when one source gives no date). Candidates are found through an inverted index on
those keys, so the work grows with the mentions, not with their square.

Each field of an event takes one value by rule — more sources first, then the more authoritative
kind of source (official > news > other > forum), then the more precise date — and every value
that disagrees is kept in `conflicts` with its sources.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Any, Callable, Iterable, Iterator

KIND_RANK = {"official": 0, "news": 1, "other": 2, "forum": 3}
BUCKET_CAP = 400     # candidates looked at for an undated report
REPS_CAP = 64        # meetings a block keeps representatives of


def _month_keys(date: dict[str, str] | None) -> list[str]:
    if not date:
        return []
    s, e = date["start"], date["end"]
    if len(s) == 4:
        return [s]
    out = [s[:7]]
    if e[:7] != s[:7]:
        out.append(e[:7])
    return out


def _overlap(a: dict[str, str] | None, b: dict[str, str] | None) -> bool:
    if not a or not b:
        return True
    n = min(len(a["start"]), len(b["start"]))
    return a["start"][:n] <= b["end"][:n] and b["start"][:n] <= a["end"][:n]


def _people(m: dict[str, Any]) -> dict[str, str | None]:
    return {p["id"]: p.get("country") for p in m.get("participants") or []}


def _one_meeting_two_numbers(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Sources may disagree on a meeting's number. Two numbers are one meeting only when both
    sources date it to the same day or month and place it in the same city or with the same people;
    neighbouring rounds are months apart, so they never pass."""
    da, db = a["date"], b["date"]
    if not (da and db and len(da["start"]) >= 7 and len(db["start"]) >= 7 and _overlap(da, db)):
        return False
    same_day = len(da["start"]) == 10 and len(db["start"]) == 10
    ca, cb = (a.get("location") or {}).get("city"), (b.get("location") or {}).get("city")
    same_city = bool(ca) and ca == cb
    shared = bool(set(_people(a)) & set(_people(b)))
    return (same_day and (shared or same_city)) or (same_city and shared)


def same_event(a: dict[str, Any], b: dict[str, Any]) -> str | None:
    """Why two mentions from different documents are the same meeting, or None if they are not."""
    if a["doc"] == b["doc"]:
        return None
    if a["mechanism"] and b["mechanism"] and a["mechanism"] != b["mechanism"]:
        return None
    if a["round"] and b["round"]:
        if a["round"] != b["round"] and not _one_meeting_two_numbers(a, b):
            return None
        if a["round"] == b["round"] and a["mechanism"] and a["mechanism"] == b["mechanism"]:
            return f"same mechanism and round ({a['round']})"
    if not _overlap(a["date"], b["date"]):
        return None
    ma, mb = (m["modality"] if "modality" not in (m.get("inferred") or {}) else None for m in (a, b))
    if ma and mb and ma != mb:
        return None     # a video call and a phone call (or a visit) are two meetings
    la, lb = a.get("location") or {}, b.get("location") or {}
    if la.get("country") and lb.get("country") and la["country"] != lb["country"]:
        return None
    if la.get("city") and lb.get("city") and la["city"] != lb["city"]:
        return None
    pa, pb = _people(a), _people(b)
    for country in {c for c in list(pa.values()) + list(pb.values()) if c}:
        x = {p for p, c in pa.items() if c == country}
        y = {p for p, c in pb.items() if c == country}
        if x and y and not x & y:
            return None
    shared = sorted(set(pa) & set(pb))
    same_mech = bool(a["mechanism"]) and a["mechanism"] == b["mechanism"]
    numbers = " (the sources disagree on its number)" if a["round"] and b["round"] and a["round"] != b["round"] else ""
    if a["date"] and b["date"]:
        exact = a["date"]["start"] == b["date"]["start"] and len(a["date"]["start"]) == 10
        if same_mech:
            return f"same mechanism, overlapping dates{numbers}"
        if len(shared) >= 2 or (shared and exact):
            return f"overlapping dates, same participants ({', '.join(shared)})"
        return None
    # one side undated: need the same mechanism or two shared people, and the same city
    if (same_mech or len(shared) >= 2) and la.get("city") and la.get("city") == lb.get("city") and (shared or not pa or not pb):
        return f"undated report of the same {'mechanism' if same_mech else 'people'} in {la['city']}"
    return None


def _keys(m: dict[str, Any]) -> list[tuple]:
    keys: list[tuple] = []
    mech = m["mechanism"]
    if mech and m["round"]:
        keys.append(("r", mech, m["round"]))
    for month in _month_keys(m["date"]):
        if mech:
            keys.append(("m", mech, month))
            keys.append(("y", mech, month[:4]))   # meets a source that gives only the year
        for p in m.get("participants") or []:
            keys.append(("p", p["id"], month))
    if not m["date"]:
        city = (m.get("location") or {}).get("city")
        for p in m.get("participants") or []:
            keys.append(("u", p["id"], city))
        keys.append(("u", mech, city))
    return keys


class _UF:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def cluster(mentions: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    mentions = sorted(mentions, key=lambda m: m["id"])
    index: dict[tuple, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        for k in _keys(m):
            index[k].append(i)
    uf = _UF(len(mentions))
    grounds: dict[str, list[dict[str, str]]] = defaultdict(list)

    def join(i: int, j: int, why: str) -> None:
        uf.union(i, j)
        grounds[mentions[j]["id"]].append({"with": mentions[i]["id"], "grounds": why})
        grounds[mentions[i]["id"]].append({"with": mentions[j]["id"], "grounds": why})
    undated = {i for i, m in enumerate(mentions) if not m["date"]}
    # within a block, each mention is compared with one representative of each meeting found so
    # far (not with every other mention): near-duplicate reports cost one comparison each
    for key, members in index.items():
        reps: list[int] = []
        for j in members:
            for r in reps:
                if uf.find(r) == uf.find(j):
                    break
                why = same_event(mentions[r], mentions[j])
                if why:
                    join(r, j, why)
                    break
            else:
                if len(reps) < REPS_CAP:
                    reps.append(j)
    # undated mentions may also join a dated event with the same city and people
    by_city: dict[tuple, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        city = (m.get("location") or {}).get("city")
        if city and m["date"]:
            for p in m.get("participants") or []:
                by_city[(p["id"], city)].append(i)
            if m["mechanism"]:
                by_city[(m["mechanism"], city)].append(i)
    for i in sorted(undated):
        m = mentions[i]
        city = (m.get("location") or {}).get("city")
        if not city or any(uf.find(j) == uf.find(i) and mentions[j]["date"] for j in index.get(("r", m["mechanism"], m["round"]), [])):
            continue    # already placed by its round
        cands: set[int] = set()
        for p in m.get("participants") or []:
            cands.update(by_city.get((p["id"], city), [])[:BUCKET_CAP])
        if m["mechanism"]:
            cands.update(by_city.get((m["mechanism"], city), [])[:BUCKET_CAP])
        fits = {}
        for j in sorted(cands):
            why = same_event(m, mentions[j])
            if why:
                fits.setdefault(uf.find(j), (j, why))
        if len(fits) == 1:   # only when the undated report fits exactly one meeting
            j, why = next(iter(fits.values()))
            join(j, i, why)
    groups: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for i, m in enumerate(mentions):
        groups[uf.find(i)].append(m)
    for m in mentions:
        m["merged"] = sorted(grounds.get(m["id"], []), key=lambda g: g["with"])
    return [groups[k] for k in sorted(groups)]


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
            s["docs_all"] = set().union(*(o["docs"] for o in items if _overlap(o["value"], s["value"])))
        ranked = sorted(items, key=lambda s: (-len(s["docs_all"]), -s["precision"], _width(s["value"]), s["rank"], repr(s["value"])))
        chosen = ranked[0]
        disagree = [s for s in items if not _overlap(s["value"], chosen["value"])]
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
    confidence = min(0.99, 0.5 + 0.1 * min(len(docs), 3) + (0.1 if out["mechanism"] else 0) +
                     (0.05 if out["date"] and len(out["date"]["start"]) == 10 else 0) - 0.1 * len(conflicts))
    return {
        "id": "ev_" + hashlib.sha1(key.encode()).hexdigest()[:12],
        "type": "CONSULT", "cameo": "040", "status": out["status"],
        "mechanism": out["mechanism"], "round": out["round"], "date": out["date"], "location": out["location"],
        "modality": out["modality"], "participants": sorted(people.values(), key=lambda p: p["id"]),
        "topics": topics, "sources": sources, "conflicts": conflicts, "inferred": inferred,
        "confidence": round(max(confidence, 0.1), 2),
    }


def _end(d: dict[str, str]) -> str:
    return d["end"] + "-99"[: 10 - len(d["end"])] if len(d["end"]) < 10 else d["end"]


def infer_rounds(events: list[dict[str, Any]]) -> None:
    """Give an unnumbered meeting of a mechanism its number only when the series makes it certain:
    it lies between two numbered rounds whose gap leaves exactly as many numbers as there are such
    meetings between them, each dated apart from the others."""
    by_mech: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in events:
        if e["mechanism"] and e["date"] and e["status"] != "cancelled":
            by_mech[e["mechanism"]].append(e)
    for mech, evs in by_mech.items():
        numbered = sorted((e for e in evs if e["round"]), key=lambda e: (e["round"], e["date"]["start"]))
        loose = sorted((e for e in evs if not e["round"]), key=lambda e: e["date"]["start"])
        for lo, hi in zip(numbered, numbered[1:]):
            slots = hi["round"] - lo["round"] - 1
            if slots <= 0 or not _end(lo["date"]) < hi["date"]["start"]:
                continue
            inside = [e for e in loose if _end(lo["date"]) < e["date"]["start"] and _end(e["date"]) < hi["date"]["start"]]
            if len(inside) != slots:
                continue
            if any(not _end(x["date"]) < y["date"]["start"] for x, y in zip(inside, inside[1:])):
                continue   # two of them cannot be put in order
            for n, e in enumerate(inside, lo["round"] + 1):
                e["round"] = n
                e["inferred"]["round"] = (f"the only meeting between round {lo['round']} ({lo['date']['start']}) and "
                                          f"round {hi['round']} ({hi['date']['start']})" if slots == 1 else
                                          f"meeting {n - lo['round']} of {slots} between rounds {lo['round']} and {hi['round']}, in date order")


def resolve_iter(mentions: Iterable[dict[str, Any]], load: Callable[[list[str]], list[dict[str, Any]]] | None = None
                 ) -> Iterator[tuple[dict[str, Any], list[str]]]:
    """(event, its mention ids), one event at a time. `mentions` may be compact (without evidence)
    when `load` fetches the full mentions of one event: memory then holds the compact index only.
    Round numbers are not inferred here (that needs the whole series: see infer_rounds)."""
    for group in cluster(list(mentions)):
        if load is not None:
            merged = {m["id"]: m.get("merged") or [] for m in group}
            group = load(sorted(merged))
            for m in group:
                m["merged"] = merged[m["id"]]
        yield build_event(group), [m["id"] for m in group]


def resolve(mentions: Iterable[dict[str, Any]], load: Callable[[list[str]], list[dict[str, Any]]] | None = None
            ) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """All events and their (event, mention) links, with round numbers inferred."""
    events, links = [], []
    for ev, ids in resolve_iter(mentions, load):
        events.append(ev)
        links.extend((ev["id"], i) for i in ids)
    infer_rounds(events)
    events.sort(key=lambda e: e["id"])
    return events, links
