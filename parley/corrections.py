"""Analysts' corrections, the library's face: make, list and undo them on a store (the command
line's `parley correct` and the web UI call this). What a correction is and the rule that
applies it on every rebuild: parley/resolve/corrections.py."""
from __future__ import annotations

from typing import Any, Iterable

from .errors import UsageError
from .resolve.corrections import FIELDS, Correction, Corrector, Kind, default_author, kb_file, now, parse_value  # noqa: F401

__all__ = ["Corrections", "Correction", "Corrector", "Kind", "FIELDS"]


# -- making them (the library's face; the command line and the web UI call these) -----------------

class Corrections:
    """Make, list and undo corrections on a store; each change rebuilds the events at once.

        from parley.corrections import Corrections
        with Corrections("parley.db") as c:
            c.reject("ev_1a2b", note="a sports fixture, not a meeting")
            c.set("ev_3c4d", "date", "2019-12-04", note="the Shanghai round was on 4 December")
            c.identity("ev_5e6f", "Bo Leili", "josep-borrell", everywhere=True)
    """

    def __init__(self, db: str, kb_dirs: tuple[str, ...] = (), author: str | None = None):
        from . import kb as kb_mod
        from .store import Store
        self.store = Store(db)
        self.kb = kb_mod.load(kb_dirs)
        self.author = author or default_author()

    def __enter__(self) -> "Corrections":
        return self

    def __exit__(self, *exc) -> None:
        self.store.close()

    # the kinds
    def reject(self, event: str, note: str = "") -> dict[str, Any]:
        return self._add(Kind.REJECT, event, note=note)

    def restore(self, event: str, note: str = "") -> dict[str, Any]:
        if not self.store.event(event).get("rejected"):
            raise UsageError(f"event {event} is not rejected")
        return self._add(Kind.RESTORE, event, note=note)

    def merge(self, event: str, other: str, note: str = "") -> dict[str, Any]:
        a, b = self._event(event), self._event(other)
        if a["id"] == b["id"]:
            raise UsageError(f"{event} and {other} are the same event")
        return self._add(Kind.MERGE, event, other=self._mentions(b["id"]), note=note)

    def split(self, event: str, docs: Iterable[str] = (), mentions: Iterable[str] = (), note: str = "") -> dict[str, Any]:
        ev = self._event(event)
        ids = self._mentions(ev["id"])
        docs, mentions = list(docs), list(mentions)
        chosen = [m for m in ids if m in mentions]
        if docs:
            by_doc = {s["mention"]: s["doc"] for s in ev["sources"]}
            sources = {d["id"]: d["source"] for d in self.store.documents()}
            chosen += [m for m in ids if any(by_doc.get(m, "").startswith(d) or sources.get(by_doc.get(m, "")) == d for d in docs)]
        chosen = sorted(set(chosen))
        if not chosen:
            raise UsageError("name the reports to split out: --doc DOCUMENT (id, id prefix or source) or --mention MENTION "
                             f"(this event's: {', '.join(ids)})")
        if len(chosen) == len(ids):
            raise UsageError("that is every report of the event: nothing would be left to split from")
        return self._add(Kind.SPLIT, event, keyed=chosen, note=note)

    def set(self, event: str, field_name: str, value: str, note: str = "") -> dict[str, Any]:
        return self._add(Kind.SET, event, field_name=field_name, value=parse_value(field_name, value, self.kb), note=note)

    def clear(self, event: str, field_name: str, note: str = "") -> dict[str, Any]:
        if field_name not in FIELDS:
            raise UsageError(f"no field {field_name!r} (fields: {', '.join(FIELDS)})")
        return self._add(Kind.CLEAR, event, field_name=field_name, note=note)

    def identity(self, event: str, participant: str, actor: str, everywhere: bool = False, note: str = "") -> dict[str, Any]:
        ev = self._event(event)
        if actor not in self.kb.actors:
            raise UsageError(f"no actor {actor!r} in the knowledge base")
        want = participant.strip().casefold()
        hits = [p for p in ev["participants"] if want in (p["id"].casefold(), p["name"].casefold())]
        if not hits:
            names = ", ".join(f"{p['name']} ({p['id']})" for p in ev["participants"]) or "none"
            raise UsageError(f"event {ev['id']} has no participant {participant!r} (it has: {names})")
        p = hits[0]
        language = None
        docs = {s["doc"] for s in ev["sources"]}
        for d in self.store.documents():
            if d["id"] in docs and d.get("language"):
                language = d["language"]
                break
        value = {"from": p["id"], "name": p["name"], "to": actor, "language": language}
        return self._add(Kind.IDENTITY, event, value=value, everywhere=everywhere, note=note)

    def undo(self, number: int) -> dict[str, Any]:
        self.store.undo_correction(number, f"{now()} by {self.author}")
        return {"correction": number, "events": self._rebuild()}

    def list(self) -> list[dict[str, Any]]:
        """Every correction with the events it applies to now (empty: it no longer applies, its
        mentions are gone; or it was undone) and the later ones that override it."""
        rows = self.store.corrections()
        stored = {r[0] for r in self.store.db.execute("SELECT id FROM mentions")}
        for r in rows:
            r["applies"] = bool(r["events"]) and not r["undone"]
            if r["undone"]:
                r["state"] = f"undone {r['undone']}"
            elif not set(r["mentions"]) & stored:
                r["state"] = "no longer applies: its reports are gone from the store"
            elif not r["events"]:
                r["state"] = "no longer applies"
            else:
                r["state"] = "applies"
        last: dict[tuple, int] = {}
        for r in rows:        # the later wins: name what overrides what
            if r["undone"] or r["kind"] not in ("set", "clear", "reject", "restore"):
                continue
            key_field = r["field"] if r["kind"] in ("set", "clear") else "rejected"
            for ev in r["events"]:
                k = (ev, key_field)
                if k in last:
                    earlier = next(x for x in rows if x["id"] == last[k])
                    earlier["state"] = f"overridden by {r['id']}"
                last[k] = r["id"]
        return rows

    def kb_entries(self) -> list[dict[str, Any]]:
        return kb_file([Correction.from_dict(c) for c in self.store.corrections()], self.kb, self.store)

    # the work
    def _event(self, event: str) -> dict[str, Any]:
        return self.store.event(event)

    def _mentions(self, event_id: str) -> list[str]:
        return [r[0] for r in self.store.db.execute("SELECT mention FROM event_mentions WHERE event=? ORDER BY mention", (event_id,))]

    def _add(self, kind: Kind, event: str, *, other: list[str] | None = None, keyed: list[str] | None = None,
             field_name: str | None = None, value: Any = None, everywhere: bool = False, note: str = "") -> dict[str, Any]:
        ev = self._event(event)
        c = Correction(kind, keyed or self._mentions(ev["id"]), other or [], field_name, value, everywhere,
                       note, self.author, now())
        number = self.store.add_correction(c)
        return {"correction": number, "event": ev["id"], "events": self._rebuild()}

    def _rebuild(self) -> int:
        from .resolve.rebuild import resolve_store
        return resolve_store(self.store, self.kb)
