"""A mechanism's history from its events: rounds in order, gaps where numbers are missing, and
unnumbered meetings placed between their neighbours by date."""
from __future__ import annotations

from typing import Any


def build(events: list[dict[str, Any]], mechanism: str) -> list[dict[str, Any]]:
    mine = [e for e in events if e["mechanism"] == mechanism]

    def when(e):
        return (e["date"] or {}).get("start") or ""

    numbered = sorted((e for e in mine if e["round"]), key=lambda e: (e["round"], when(e)))
    unnumbered = sorted((e for e in mine if not e["round"]), key=when)
    rows: list[dict[str, Any]] = []
    expected = 1
    for e in numbered:
        for missing in range(expected, e["round"]):
            rows.append({"round": missing, "gap": True})
        expected = max(expected, e["round"] + 1)
        rows.append(_row(e))
    # unnumbered meetings go between the numbered ones by date; undated ones at the end
    for e in unnumbered:
        d = when(e)
        pos = len(rows)
        if d:
            for i, r in enumerate(rows):
                if not r["gap"] and r["date"] and r["date"]["start"][: len(d)] > d[: len(r["date"]["start"])]:
                    pos = i
                    break
        rows.insert(pos, _row(e))
    return rows


def _row(e: dict[str, Any]) -> dict[str, Any]:
    return {"round": e["round"], "gap": False, "event": e["id"], "date": e["date"], "location": e["location"],
            "participants": e["participants"], "status": e["status"], "modality": e["modality"],
            "sources": len({s["doc"] for s in e["sources"]}), "conflicts": e["conflicts"],
            "round_inferred": "round" in (e.get("inferred") or {})}
