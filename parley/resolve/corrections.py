"""Analysts' corrections: data kept in their own table, applied on every rebuild of the events.

Events are rebuilt from the stored mentions after every ingest, so a correction never edits an
event: it is a record (kind, what it is keyed to, a value, a note, an author, a time) that the
rebuild applies, by one deterministic rule:

- A correction is keyed to **event mentions** (one document's account of a meeting, whose id
  does not change while the document is stored), never to an event id that a rebuild may change:
  the mentions the event had when it was corrected. It applies to every event that holds at least
  one of them, so it keeps applying when new reports of the same meeting join the event.
- Corrections apply in the order they were made (time, then number): **the later wins** where
  two touch the same event and field (a `set` after a `clear`, a `restore` after a `reject`).
- Mention-level corrections first (a participant's identity: "this 'Bo Leili' is Josep
  Borrell", in the event's mentions or, `everywhere`, in every mention of the store), then the
  grouping (`split` mentions out of their event; `merge` the events of two sets of mentions),
  then the event's fields (`set`, `clear`, `reject`, `restore`).
- A correction none of whose mentions is stored any more is kept and reported as not applying,
  never dropped. An undone correction is kept too, marked undone.

Corrected values are marked in the event (`corrected`: field -> correction number) and the
event lists the corrections that applied to it (`corrections`).
"""
from __future__ import annotations

import datetime as dt
import getpass
import os
import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Iterable

from ..errors import UsageError
from ..ids import event_id


class Kind(str, Enum):
    REJECT = "reject"          # not a meeting: the event is kept aside, out of lists and exports
    RESTORE = "restore"        # undo a reject, as a correction of its own
    MERGE = "merge"            # two events are one meeting
    SPLIT = "split"            # these mentions are another meeting
    SET = "set"                # a field's value
    CLEAR = "clear"            # a field has no value the texts support
    IDENTITY = "identity"      # a participant is this knowledge-base actor


FIELDS = ("date", "location", "status", "modality", "mechanism", "round", "participants")
STATUSES = ("occurred", "planned", "cancelled")
MODALITIES = ("in_person", "video", "phone")


@dataclass
class Correction:
    kind: Kind
    mentions: list[str]                        # the key: the event's mentions when it was corrected
    other: list[str] = field(default_factory=list)     # merge: the other event's mentions
    field: str | None = None                   # set, clear
    value: Any = None                          # set: the value; identity: {"from": id or name, "to": actor id, ...}
    everywhere: bool = False                   # identity: in every mention of the store
    note: str = ""
    author: str = ""
    created: str = ""
    id: int | None = None
    undone: str | None = None                  # when it was undone

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind.value, "mentions": self.mentions, "other": self.other, "field": self.field,
                "value": self.value, "everywhere": self.everywhere, "note": self.note, "author": self.author,
                "created": self.created, "undone": self.undone}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Correction":
        return cls(Kind(d["kind"]), list(d.get("mentions") or []), list(d.get("other") or []), d.get("field"), d.get("value"),
                   bool(d.get("everywhere")), d.get("note") or "", d.get("author") or "", d.get("created") or "",
                   d.get("id"), d.get("undone"))


def default_author() -> str:
    """$PARLEY_AUTHOR, else the login name."""
    name = os.environ.get("PARLEY_AUTHOR")
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:      # no login name (a container without one)
        return "unknown"


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# -- values as a user types them -----------------------------------------------------------------

def parse_value(field_name: str, text: str, kb=None) -> Any:
    """A field's value from the command line: `2019-12-04` or `2019-12-01..2019-12-04` (date),
    `Shanghai, CN` or `CN` (location), a status, a modality, a mechanism id, a round number, or
    comma-separated knowledge-base actor ids (participants)."""
    t = text.strip()
    if field_name not in FIELDS:
        raise UsageError(f"no field {field_name!r} (fields: {', '.join(FIELDS)})")
    if field_name == "date":
        parts = [p.strip() for p in t.split("..")]
        if len(parts) not in (1, 2) or not all(_date_ok(p) for p in parts):
            raise UsageError(f"date {text!r}: YYYY[-MM[-DD]] or START..END")
        start, end = parts[0], parts[-1]
        if end < start:
            raise UsageError(f"date {text!r}: the end is before the start")
        return {"start": start, "end": end}
    if field_name == "location":
        parts = [p.strip() for p in t.split(",")]
        if len(parts) == 1 and re.fullmatch(r"[A-Za-z]{2}", parts[0]):
            return {"city": None, "country": parts[0].upper()}
        if len(parts) == 2 and parts[0] and re.fullmatch(r"[A-Za-z]{2}", parts[1]):
            return {"city": parts[0], "country": parts[1].upper()}
        raise UsageError(f"location {text!r}: 'City, CC' or 'CC' (a two-letter country code)")
    if field_name == "status":
        if t not in STATUSES:
            raise UsageError(f"status {text!r}: one of {', '.join(STATUSES)}")
        return t
    if field_name == "modality":
        if t not in MODALITIES:
            raise UsageError(f"modality {text!r}: one of {', '.join(MODALITIES)}")
        return t
    if field_name == "round":
        if not re.fullmatch(r"[1-9]\d{0,3}", t):
            raise UsageError(f"round {text!r}: a positive whole number")
        return int(t)
    if field_name == "mechanism":
        if kb is not None and t not in kb.mechanisms:
            raise UsageError(f"no mechanism {t!r} in the knowledge base")
        return t
    ids = [x.strip() for x in t.split(",") if x.strip()]
    missing = [x for x in ids if kb is not None and x not in kb.actors]
    if missing:
        raise UsageError(f"no actor {', '.join(missing)} in the knowledge base")
    return ids


def _date_ok(s: str) -> bool:
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", s)
    if not m:
        return False
    try:
        dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return False
    return True


# -- applying them ---------------------------------------------------------------------------

class Corrector:
    """Applies a store's active corrections during one rebuild (see the module's docstring)."""

    def __init__(self, corrections: Iterable[Correction], kb=None):
        self.all = sorted((c for c in corrections if not c.undone), key=lambda c: (c.created, c.id or 0))
        self.kb = kb
        self.identities = [c for c in self.all if c.kind is Kind.IDENTITY]
        self.grouping = [c for c in self.all if c.kind in (Kind.SPLIT, Kind.MERGE)]
        self.fields = [c for c in self.all if c.kind in (Kind.SET, Kind.CLEAR, Kind.REJECT, Kind.RESTORE)]
        self.active = bool(self.all)

    # mention level
    def mention(self, m: dict[str, Any]) -> dict[str, Any]:
        """A mention with the identity corrections that reach it applied (a new dict if any do)."""
        if not self.identities or not m.get("participants"):
            return m
        people = m["participants"]
        changed = False
        for c in self.identities:
            if not (c.everywhere or m["id"] in c.mentions):
                continue
            wanted = c.value or {}
            new = []
            for p in people:
                if p["id"] == wanted.get("from") or p.get("name") == wanted.get("name"):
                    p = self._as_actor(p, wanted["to"], m)
                    changed = True
                new.append(p)
            people = new
        if not changed:
            return m
        seen: dict[str, dict[str, Any]] = {}
        for p in people:
            seen.setdefault(p["id"], p)
        return {**m, "participants": list(seen.values()), "identity_corrected": True}

    def _as_actor(self, p: dict[str, Any], actor_id: str, m: dict[str, Any]) -> dict[str, Any]:
        a = self.kb.actors.get(actor_id) if self.kb is not None else None
        out = dict(p)
        out["id"] = actor_id
        if a is not None:
            out["name"] = a.name
            out["country"] = a.country
            if "role" in p:
                role = a.role_at(((m.get("date") or {}).get("start")))
                out["role"] = role.title if role else None
        return out

    # grouping
    def regroup(self, groups: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
        """Splits and merges, in the order they were made."""
        if not self.grouping:
            return groups
        where: dict[str, int] = {}
        bins: dict[int, list[dict[str, Any]]] = {}
        for i, g in enumerate(groups):
            bins[i] = list(g)
            for m in g:
                where[m["id"]] = i
        nxt = len(groups)
        for c in self.grouping:
            if c.kind is Kind.SPLIT:
                moving = [mid for mid in c.mentions if mid in where]
                if not moving:
                    continue
                out = []
                for mid in moving:
                    b = bins[where[mid]]
                    m = next(x for x in b if x["id"] == mid)
                    b.remove(m)
                    out.append(m)
                bins[nxt] = out
                for m in out:
                    where[m["id"]] = nxt
                nxt += 1
            else:
                a = {where[mid] for mid in c.mentions if mid in where}
                b = {where[mid] for mid in c.other if mid in where}
                if not a or not b:
                    continue
                keep = min(a | b)
                for i in sorted((a | b) - {keep}):
                    for m in bins.pop(i):
                        bins[keep].append(m)
                        where[m["id"]] = keep
        out = [sorted(g, key=lambda m: m["id"]) for g in bins.values() if g]
        return sorted(out, key=lambda g: g[0]["id"])

    # event level
    def event(self, ev: dict[str, Any], ids: list[str]) -> dict[str, Any]:
        """An event with the field corrections that reach it applied, and the record of every
        correction that applied to it."""
        if not self.active:
            return ev
        have = set(ids)
        applied = [c.id for c in self.identities if (c.everywhere and self._touches(c, ev)) or (have & set(c.mentions))]
        applied += [c.id for c in self.grouping if have & set(c.mentions) or have & set(c.other)]
        corrected: dict[str, int] = {}
        for c in self.fields:
            if not have & set(c.mentions):
                continue
            applied.append(c.id)
            if c.kind is Kind.REJECT:
                ev["rejected"] = {"correction": c.id, "note": c.note, "author": c.author, "created": c.created}
            elif c.kind is Kind.RESTORE:
                ev.pop("rejected", None)
            else:
                f = c.field or ""
                value = None if c.kind is Kind.CLEAR else c.value
                if f == "participants" and value is not None:
                    value = [self._participant(x, ev) for x in value]
                ev[f] = value if f != "participants" else (value or [])
                corrected[f] = c.id
                (ev.get("inferred") or {}).pop(f, None)
        if corrected:
            ev["corrected"] = corrected
            if "mechanism" in corrected or "round" in corrected:
                key = f"{ev['mechanism']}#{ev['round']}" if ev.get("mechanism") and ev.get("round") else min(ids)
                ev["id"] = event_id(key)
        if applied:
            ev["corrections"] = sorted(set(x for x in applied if x is not None))
        return ev

    def _touches(self, c: Correction, ev: dict[str, Any]) -> bool:
        return any(p["id"] == (c.value or {}).get("to") for p in ev.get("participants") or [])

    def _participant(self, actor_id: str, ev: dict[str, Any]) -> dict[str, Any]:
        a = self.kb.actors.get(actor_id) if self.kb is not None else None
        if a is None:
            return {"id": actor_id, "name": actor_id, "title": None, "country": None, "role": None}
        role = a.role_at(((ev.get("date") or {}).get("start")))
        return {"id": a.id, "name": a.name, "title": role.title if role else None, "country": a.country,
                "role": role.title if role else None}


def kb_file(corrections: Iterable[Correction], kb, store) -> list[dict[str, Any]]:
    """The identity corrections as knowledge-base entries (actors.yaml) for `--kb`: each actor's
    entry with the names the texts gave it added, in the language of their documents."""
    from ..kb import LANGS
    entries: dict[str, dict[str, Any]] = {}
    for c in corrections:
        if c.kind is not Kind.IDENTITY or c.undone:
            continue
        to, name = (c.value or {}).get("to"), (c.value or {}).get("name")
        a = kb.actors.get(to)
        if a is None or not name:
            continue
        e = entries.setdefault(to, {"id": a.id, "type": a.type, "country": a.country,
                                    "names": {k: list(v) for k, v in a.names.items()},
                                    "short": {k: list(v) for k, v in a.short.items()},
                                    "roles": [{"title": r.title, "org": r.org, "start": r.start, "end": r.end} for r in a.roles]})
        lang = (c.value or {}).get("language") or "en"
        lang = lang if lang in LANGS else "en"
        names = e["names"].setdefault(lang, [])
        if name not in names:
            names.append(name)
    for e in entries.values():
        if not e["short"]:
            del e["short"]
    return sorted(entries.values(), key=lambda e: e["id"])
