"""Series inference: what the run of a mechanism's meetings tells about one of them (its number)."""
from __future__ import annotations

from collections import defaultdict
from typing import Any


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
