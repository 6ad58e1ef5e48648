"""Rebuilding a store's events: every stored mention matched across documents (match.py), one
value chosen per field (values.py), the analysts' corrections applied (corrections.py), round
numbers the series makes certain (series.py) — streamed into the store in one transaction."""
from __future__ import annotations

from ..store import Store
from .corrections import Correction, Corrector


def resolve_store(store: Store, knowledge=None) -> int:
    """Rebuild every event from the stored mentions, streaming (memory: the compact index), with
    the analysts' corrections applied (parley.corrections)."""
    from .merge import build_event, cluster, infer_rounds

    found = [Correction.from_dict(c) for c in store.corrections() if not c["undone"]]
    if found and knowledge is None:
        from .. import kb as kb_mod
        knowledge = kb_mod.load()
    fix = Corrector(found, knowledge)

    def events():
        compact = [fix.mention(m) for m in store.mentions(compact=True)]
        for group in fix.regroup(cluster(compact)):
            merged = {m["id"]: m.get("merged") or [] for m in group}
            yield event(sorted(merged), merged)

    def event(ids: list[str], merged: dict[str, list]) -> tuple[dict, list[str]]:
        group = [fix.mention(m) for m in store.mentions_by_id(ids)]
        for m in group:
            m["merged"] = merged.get(m["id"]) or []
        return fix.event(build_event(group), ids), ids

    def finish(series):
        # a rejected event is no meeting of the series; a round an analyst set or cleared stays so
        counted = [s for s in series if not s.get("rejected") and "round" not in (s.get("corrected") or {})]
        before = {s["id"]: s["round"] for s in counted}
        infer_rounds(counted)
        return [s for s in counted if s["round"] != before[s["id"]]]

    def rebuild(ids: list[str], merged: dict[str, list]) -> dict:
        """One event from the mentions of two events that came out with one id (the same
        mechanism and round): built again from them all, so their disagreements are conflicts."""
        return event(ids, merged)[0]
    return store.rebuild_events(events(), finish, rebuild)
