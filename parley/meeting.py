"""What makes two accounts two meetings, as the in-document clustering and the cross-document
match both read it: dates that do not overlap, or one side represented by other people."""
from __future__ import annotations


def dates_overlap(a: dict[str, str] | None, b: dict[str, str] | None) -> bool:
    """Whether two dates ({"start", "end"}, ISO at any precision) can be the same time; a missing
    date contradicts nothing. Compared at the precision of the less precise start."""
    if not a or not b:
        return True
    n = min(len(a["start"]), len(b["start"]))
    return a["start"][:n] <= b["end"][:n] and b["start"][:n] <= a["end"][:n]


def other_people_same_side(a: dict[str, str | None], b: dict[str, str | None]) -> bool:
    """A meeting is defined by its sides: two accounts (people id -> country) that both name people
    of one country, none of them the same, tell of two meetings."""
    for country in {k for k in b.values() if k}:
        mine = {p for p, k in a.items() if k == country}
        if not mine:
            continue
        theirs = {p for p, k in b.items() if k == country}
        if not mine & theirs:
            return True
    return False
