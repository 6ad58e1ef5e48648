"""Matching: which event mentions of different documents tell of the same meeting.

Two mentions are the same meeting when nothing they state contradicts (mechanism, round, dates,
city, country, the people on each side) and something positive links them (the same mechanism
and round; overlapping dates with the same mechanism or a shared participant; the same city and
participants when one source gives no date). Candidates are found through an inverted index on
those keys, so the work grows with the mentions, not with their square.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..meeting import dates_overlap, other_people_same_side

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


def _people(m: dict[str, Any]) -> dict[str, str | None]:
    return {p["id"]: p.get("country") for p in m.get("participants") or []}


def _one_meeting_two_numbers(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Sources may disagree on a meeting's number. Two numbers are one meeting only when both
    sources date it to the same day or month and place it in the same city or with the same people;
    neighbouring rounds are months apart, so they never pass."""
    da, db = a["date"], b["date"]
    if not (da and db and len(da["start"]) >= 7 and len(db["start"]) >= 7 and dates_overlap(da, db)):
        return False
    same_day = len(da["start"]) == 10 and len(db["start"]) == 10
    ca, cb = (a.get("location") or {}).get("city"), (b.get("location") or {}).get("city")
    same_city = bool(ca) and ca == cb
    shared = bool(set(_people(a)) & set(_people(b)))
    return (same_day and (shared or same_city)) or (same_city and shared)


def _years_apart(da: dict[str, str] | None, db: dict[str, str] | None) -> bool:
    """Two dates that cannot be one meeting however the sources disagree: over a year between them
    (reports of one round differ by a day or a week, a month or a year of precision, never more)."""
    if not da or not db:
        return False
    return int(db["start"][:4]) - int(da["end"][:4]) > 1 or int(da["start"][:4]) - int(db["end"][:4]) > 1


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
            if _years_apart(a["date"], b["date"]):
                return None     # one round is one meeting: reports of it years apart have misread one of them
            return f"same mechanism and round ({a['round']})"
    if not dates_overlap(a["date"], b["date"]):
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
    if other_people_same_side(pa, pb):
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
    numbered: dict[int, set[tuple]] = defaultdict(set)      # the rounds each group states, by its root
    for j, mj in enumerate(mentions):
        if mj["mechanism"] and mj["round"]:
            numbered[uf.find(j)].add((mj["mechanism"], mj["round"]))

    def other_round(m: dict[str, Any], j: int) -> bool:
        """Whether j's group states another round of m's mechanism than m does."""
        return bool(m["round"]) and any(mech == m["mechanism"] and n != m["round"] for mech, n in numbered.get(uf.find(j), ()))
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
            if other_round(m, j):
                continue     # the report names another round than the meeting's
            why = same_event(m, mentions[j])
            if why:
                fits.setdefault(uf.find(j), (j, why))
        if len(fits) == 1:   # only when the undated report fits exactly one meeting
            j, why = next(iter(fits.values()))
            a, b = uf.find(j), uf.find(i)
            join(j, i, why)
            numbered[uf.find(j)] = numbered.pop(a, set()) | numbered.pop(b, set())
    groups: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for i, m in enumerate(mentions):
        groups[uf.find(i)].append(m)
    for m in mentions:
        m["merged"] = sorted(grounds.get(m["id"], []), key=lambda g: g["with"])
    return [groups[k] for k in sorted(groups)]
