"""Cross-document merge: event mentions that describe the same meeting become one event.

The steps, one module each: matching (match.py: which mentions are one meeting), choosing values
(values.py: one value per field, conflicts kept), series inference (series.py: round numbers
the run of a mechanism's meetings makes certain).
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator

from .match import cluster, same_event
from .series import infer_rounds
from .values import build_event

__all__ = ["resolve", "resolve_iter", "cluster", "same_event", "build_event", "infer_rounds"]


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
