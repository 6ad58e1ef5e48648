"""Corrections from the web UI (`parley serve --corrections`): forms on the event page, a
confirmation page that says what the correction will do, then the correction itself through
parley.corrections (the same rule as `parley correct`), and the event's audit trail.

Only the corrections table is written; everything else stays as the rebuild makes it. Each form
carries a token made when the server started, so another site cannot post a correction through a
browser that has the page open.
"""
from __future__ import annotations

import hmac
import secrets
from typing import Any, Callable
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..corrections import FIELDS, Corrections
from ..errors import UsageError
from ..store import Store

KINDS = ("reject", "restore", "set", "clear", "merge", "split", "identity", "undo")


def trail(db: str, event_id: str) -> list[dict[str, Any]]:
    """An event's audit trail, oldest first: the corrections that apply to it now, and those made
    on its reports that were undone or overridden since."""
    with Store(db, readonly=True) as s:
        ids = {r[0] for r in s.db.execute("SELECT correction FROM correction_events WHERE event = ?", (event_id,))}
        mine = {r[0] for r in s.db.execute("SELECT mention FROM event_mentions WHERE event = ?", (event_id,))}
        return [c for c in s.corrections() if c["id"] in ids or mine & set(c["mentions"] or []) | mine & set(c["other"] or [])]


def describe(form: dict[str, str], e: dict[str, Any]) -> str:
    """What a correction will do, in words, for the confirmation page."""
    k = form.get("kind")
    if k == "reject":
        return f"Reject event {e['id']}: it is not a meeting. It leaves every list, timeline and export."
    if k == "restore":
        return f"Restore event {e['id']}: it is a meeting after all."
    if k == "set":
        return f"Set {form.get('field')} of event {e['id']} to {form.get('value')!r}."
    if k == "clear":
        return f"Clear {form.get('field')} of event {e['id']}: no value the texts support."
    if k == "merge":
        return f"Merge event {e['id']} with event {form.get('other')}: they are one meeting."
    if k == "split":
        return f"Split {len(form.get('docs', '').split())} report(s) out of event {e['id']}: they tell of another meeting."
    if k == "identity":
        everywhere = " in every document of the store" if form.get("everywhere") else " in this event's reports"
        return f"Participant {form.get('participant')!r} is {form.get('actor')}{everywhere}."
    if k == "undo":
        return f"Undo correction {form.get('number')}."
    raise UsageError(f"no correction {k!r}")


def apply(db: str, form: dict[str, str], event_id: str) -> int:
    """Make the correction the form asks for; its number."""
    k = form.get("kind")
    note, author = form.get("note", "").strip(), form.get("author", "").strip() or None
    with Corrections(db, author=author) as c:
        if k == "reject":
            r = c.reject(event_id, note)
        elif k == "restore":
            r = c.restore(event_id, note)
        elif k == "set":
            r = c.set(event_id, form.get("field", ""), form.get("value", ""), note)
        elif k == "clear":
            r = c.clear(event_id, form.get("field", ""), note)
        elif k == "merge":
            r = c.merge(event_id, form.get("other", "").strip(), note)
        elif k == "split":
            r = c.split(event_id, docs=form.get("docs", "").split(), note=note)
        elif k == "identity":
            r = c.identity(event_id, form.get("participant", ""), form.get("actor", "").strip(), bool(form.get("everywhere")), note)
        elif k == "undo":
            try:
                number = int(form.get("number", ""))
            except ValueError:
                raise UsageError("undo: a correction number") from None
            r = c.undo(number)
        else:
            raise UsageError(f"no correction {k!r}")
    return r["correction"]


def routes(db: str, render: Callable[..., Response], token: str) -> list[Route]:
    """The two routes: the confirmation page, and the correction itself."""

    async def form_of(request: Request) -> dict[str, str]:
        """The posted form (application/x-www-form-urlencoded, as the pages send it), bounded."""
        body = await request.body()
        if len(body) > 100_000:
            raise UsageError("the form is too large")
        pairs = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=200)
        out: dict[str, str] = {}
        docs = []
        for key, v in pairs:
            if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in v):
                raise UsageError(f"{key}: control characters are not allowed")
            if key == "docs":
                docs.append(v[:100])
            elif key in ("kind", "field", "value", "other", "participant", "actor", "everywhere", "note", "author", "number", "token"):
                out[key] = v[:2000]
        out["docs"] = " ".join(docs)
        if out.get("kind") not in KINDS:
            raise UsageError(f"no correction {out.get('kind')!r}")
        if out.get("kind") in ("set", "clear") and out.get("field") not in FIELDS:
            raise UsageError(f"no field {out.get('field')!r} (fields: {', '.join(FIELDS)})")
        return out

    def checked(form: dict[str, str]) -> None:
        if not hmac.compare_digest(form.get("token", ""), token):
            raise UsageError("this form is stale or did not come from this server: open the event page again")

    async def confirm(request: Request) -> Response:
        eid = request.path_params["id"]
        form = await form_of(request)
        checked(form)
        with Store(db, readonly=True) as s:
            e = s.event(eid)
        return render(request, "correct_confirm.html", e=e, form=form, what=describe(form, e), token=token)

    async def correct(request: Request) -> Response:
        eid = request.path_params["id"]
        form = await form_of(request)
        checked(form)
        number = apply(db, form, eid)
        with Store(db, readonly=True) as s:     # where the correction's event is now (its id may have changed)
            row = s.db.execute("SELECT event FROM correction_events WHERE correction = ? ORDER BY event LIMIT 1",
                               (number,)).fetchone()
            target = row[0] if row else eid
            try:
                s.event(target)
            except Exception:
                target = None
        return RedirectResponse(f"/events/{target}?corrected={number}" if target else "/events", status_code=303)

    return [Route("/events/{id}/correct/confirm", confirm, methods=["POST"]),
            Route("/events/{id}/correct", correct, methods=["POST"])]


def new_token() -> str:
    return secrets.token_urlsafe(24)
