"""The analyst's workbench: a read-only web UI on a Parley store (Starlette, Jinja2 templates,
server-side SVG, no script). Pages: mechanisms, a mechanism's timeline, events (filtered,
paginated), an event with its evidence, documents (full-text search), a document, actors, an
actor; every table downloadable as CSV or JSONL.

It writes nothing to the store but analysts' corrections, and those only when started with
corrections on (parley.web.correct): each page opens the file read-only. All text is escaped by the
templates (autoescape) and by parley.web.text; every query takes its values as parameters.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import timeline, views
from ..errors import NotFound, ParleyError, UsageError
from ..store import Store
from . import charts, queries
from .text import evidence_sentences, highlight

HERE = Path(__file__).parent
SECURITY_HEADERS = {
    # no script at all, nothing from elsewhere: a document's text cannot run in the page even if
    # escaping were ever missed
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
                               "base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
DOWNLOADS = views.TABLES + ("quotes",)


def create_app(db_path: str | Path, corrections: bool = False) -> Starlette:
    from . import correct
    db_path = str(db_path)
    token = correct.new_token()
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html", "svg"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["qs"] = lambda params: urlencode({k: v for k, v in params.items() if v not in ("", None)})
    env.globals["dict"] = dict
    env.filters["date"] = _date_text
    env.filters["place"] = _place_text

    def render(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        html = env.get_template(name).render(request=request, **ctx)
        return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)

    def store() -> Store:
        return Store(db_path, readonly=True)

    def mechanisms_page(request: Request):
        page = queries._int(request.query_params.get("page"), "page", 1)
        per = 100
        with store() as s:
            total = s.db.execute("SELECT count(*) FROM mechanisms WHERE rounds > 0 OR source != 'events'").fetchone()[0]
            rows = [dict(r) for r in s.db.execute(
                "SELECT * FROM mechanisms WHERE rounds > 0 OR source != 'events' ORDER BY rounds = 0, name, id "
                "LIMIT ? OFFSET ?", (per, (page - 1) * per))]
            counts = s.counts()
            years = queries.per_year(s.db)
        return render(request, "mechanisms.html", rows=rows, counts=counts, total=total, pages=_pages(total, per, page),
                      chart=charts.per_year_svg(years, "meetings per year, all events"))

    def mechanism_page(request: Request):
        mid = request.path_params["id"]
        with store() as s:
            m = s.db.execute("SELECT * FROM mechanisms WHERE id = ?", (mid,)).fetchone()
            if m is None:
                raise NotFound(f"no mechanism {mid}")
            events = [e for e in (json.loads(r[0]) for r in s.db.execute("SELECT data FROM events WHERE mechanism = ?", (mid,)))
                      if not e.get("rejected")]
            years = queries.per_year(s.db, queries.EventFilter(mechanism=mid))
        rows = timeline.build(events, mid)
        svg = charts.timeline_svg(rows, lambda r: f"/events/{r['event']}")
        return render(request, "mechanism.html", m=dict(m), rows=rows, svg=svg,
                      chart=charts.per_year_svg(years, f"meetings per year, {m['name']}"))

    def events_page(request: Request):
        f = queries.EventFilter.parse(request.query_params)
        with store() as s:
            total, rows = queries.events(s.db, f)
            years = queries.per_year(s.db, f)
            mechs = [dict(r) for r in s.db.execute("SELECT id, name FROM mechanisms WHERE rounds > 0 ORDER BY name")]
        caption = "meetings per year" + (f", {f.pair}" if f.pair else "") + (f", {f.mechanism}" if f.mechanism else "")
        return render(request, "events.html", f=f, total=total, rows=rows, mechanisms=mechs,
                      pages=_pages(total, f.per, f.page), chart=charts.per_year_svg(years, caption))

    def event_page(request: Request):
        eid = request.path_params["id"]
        with store() as s:
            if not eid.startswith("ev_"):
                raise NotFound(f"no event {eid}")
            e = s.event(eid)
            docs = {}
            for src in e["sources"]:
                if src["doc"] not in docs:
                    row = s.db.execute("SELECT d.id, d.title, d.source, d.published, d.published_from, d.kind, d.language, "
                                       "d.text, f.url FROM documents d LEFT JOIN documents_flat f ON f.id = d.id "
                                       "WHERE d.id = ?", (src["doc"],)).fetchone()
                    if row:
                        docs[src["doc"]] = dict(row)
            mentions = [src["mention"] for src in e["sources"] if src.get("mention")]
            quotes = []
            for i in range(0, len(mentions), 500):
                chunk = mentions[i:i + 500]
                quotes += [json.loads(r[0]) for r in s.db.execute(
                    f"SELECT data FROM quotes WHERE mention IN ({','.join('?' * len(chunk))}) ORDER BY doc, id", chunk)]
            mech = s.db.execute("SELECT name FROM mechanisms WHERE id = ?", (e["mechanism"],)).fetchone() if e["mechanism"] else None
            flat = s.db.execute("SELECT date_precision FROM events_flat WHERE id = ?", (e["id"],)).fetchone()
        sources = []
        for src in e["sources"]:
            d = docs.get(src["doc"])
            if d:
                sources.append({**src, "document": d, "sentences": evidence_sentences(d["text"], src["evidence"])})
        titles = {d: (docs[d]["title"] or docs[d]["source"]) if d in docs else d for d in docs}
        return render(request, "event.html", e=e, sources=sources, quotes=quotes, titles=titles,
                      mechanism_name=mech[0] if mech else None, precision=flat[0] if flat else None,
                      fields=_fields(e, mech[0] if mech else None), corrections=corrections, token=token,
                      trail=correct.trail(db_path, e["id"]), field_names=correct.FIELDS,
                      just_corrected=request.query_params.get("corrected"))

    def documents_page(request: Request):
        p = request.query_params
        q, language, kind = queries.param(p, "q"), queries.param(p, "language"), queries.param(p, "kind")
        page = queries._int(p.get("page"), "page", 1)
        with store() as s:
            total, rows = queries.documents(s.db, q, language, kind, page)
            languages = [r[0] for r in s.db.execute("SELECT DISTINCT language FROM documents WHERE language IS NOT NULL ORDER BY 1")]
        for r in rows:
            r["snippet_html"] = _snippet(r["snippet"])
        params = {k: v for k, v in (("q", q), ("language", language), ("kind", kind)) if v}
        return render(request, "documents.html", q=q, language=language, kind=kind, languages=languages, rows=rows,
                      total=total, params=params, pages=_pages(total, queries.PER_PAGE, page))

    def document_page(request: Request):
        did = request.path_params["id"]
        with store() as s:
            d = s.document(did)
            url = s.db.execute("SELECT url FROM documents_flat WHERE id = ?", (did,)).fetchone()
            places = [r[0] for r in s.db.execute("SELECT source FROM doc_sources WHERE doc = ? ORDER BY source", (did,))]
            event_of = {r[0]: r[1] for r in s.db.execute(
                "SELECT em.mention, em.event FROM event_mentions em JOIN mentions m ON m.id = em.mention WHERE m.doc = ?", (did,))}
            spans = []
            for (data,) in s.db.execute("SELECT data FROM mentions WHERE doc = ? ORDER BY id", (did,)):
                m = json.loads(data)
                for ev in m.get("evidence") or []:
                    spans.append({**ev, "event": event_of.get(m["id"])})
            events = [dict(r) for r in s.db.execute(
                f"SELECT DISTINCT {queries.EVENT_COLUMNS}, m.name AS mechanism_name FROM event_sources es "
                "JOIN events_flat e ON e.id = es.event LEFT JOIN mechanisms m ON m.id = e.mechanism "
                "WHERE es.doc = ? ORDER BY e.date_from, e.id", (did,))]
            queries.attach_participants(s.db, events)
            quotes = [json.loads(r[0]) for r in s.db.execute("SELECT data FROM quotes WHERE doc = ? ORDER BY id", (did,))]
        text = d["text"]
        body = highlight(text, spans, link=lambda sp: f"/events/{sp['event']}" if sp.get("event") else None)
        return render(request, "document.html", d=d, url=url[0] if url else None, places=places, body=body,
                      events=events, quotes=quotes, spans=len(spans))

    def actors_page(request: Request):
        p = request.query_params
        q, country = queries.param(p, "q"), queries.param(p, "country").upper()
        page = queries._int(p.get("page"), "page", 1)
        sql, args = ["1=1"], []
        if q:
            sql.append("(a.id = ? OR a.id IN (SELECT actor FROM actor_names WHERE name LIKE ? ESCAPE '\\'))")
            args += [q, "%" + queries._like(q) + "%"]
        if country:
            sql.append("a.country = ?")
            args.append(country)
        where = " AND ".join(sql)
        with store() as s:
            total = s.db.execute(f"SELECT count(*) FROM actors a WHERE {where}", args).fetchone()[0]
            rows = [dict(r) for r in s.db.execute(
                f"SELECT * FROM actors a WHERE {where} ORDER BY a.events DESC, a.name LIMIT ? OFFSET ?",
                args + [queries.PER_PAGE, (page - 1) * queries.PER_PAGE])]
        params = {k: v for k, v in (("q", q), ("country", country)) if v}
        return render(request, "actors.html", rows=rows, q=q, country=country, total=total, params=params,
                      pages=_pages(total, queries.PER_PAGE, page))

    def actor_page(request: Request):
        aid = request.path_params["id"]
        with store() as s:
            a = s.db.execute("SELECT * FROM actors WHERE id = ?", (aid,)).fetchone()
            if a is None:
                raise NotFound(f"no actor {aid}")
            names = [dict(r) for r in s.db.execute("SELECT language, name FROM actor_names WHERE actor = ? ORDER BY language, name", (aid,))]
            roles = [dict(r) for r in s.db.execute('SELECT * FROM actor_roles WHERE actor = ? ORDER BY start IS NULL, start, position', (aid,))]
            stated = [dict(r) for r in s.db.execute(
                "SELECT p.title, p.role, min(e.date_start) AS first, max(e.date_start) AS last, count(*) AS n "
                "FROM event_participants p JOIN events_flat e ON e.id = p.event WHERE p.actor = ? "
                "GROUP BY p.title, p.role ORDER BY first", (aid,))]
            total, events = queries.events(s.db, queries.EventFilter(actor=aid, per=500))
        by_language: dict[str, list[str]] = {}
        for n in names:
            by_language.setdefault(n["language"], []).append(n["name"])
        return render(request, "actor.html", a=dict(a), names=by_language, roles=roles, stated=stated,
                      events=events, total=total)

    def downloads_page(request: Request):
        with store() as s:
            counts = {t: s.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in DOWNLOADS}
        return render(request, "downloads.html", counts=counts)

    def download(request: Request):
        table, fmt = request.path_params["table"], request.path_params["fmt"]
        if table not in DOWNLOADS or fmt not in ("csv", "jsonl"):
            raise NotFound(f"no table {table}.{fmt}")
        f = queries.EventFilter.parse(request.query_params) if table == "events_flat" else None
        return StreamingResponse(_rows(db_path, table, fmt, f),
                                 media_type="text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson",
                                 headers={"Content-Disposition": f'attachment; filename="{table}.{fmt}"',
                                          **SECURITY_HEADERS})

    async def not_found(request: Request, exc: Exception):
        return render(request, "error.html", status=404, title="Not found", message=str(getattr(exc, "detail", "")) or "no such page")

    async def parley_error(request: Request, exc: Exception):
        if isinstance(exc, NotFound):
            return render(request, "error.html", status=404, title="Not found", message=str(exc))
        if isinstance(exc, UsageError):
            return render(request, "error.html", status=400, title="Bad request", message=str(exc))
        return render(request, "error.html", status=500, title="The store cannot be read", message=str(exc))

    routes = [
        Route("/", mechanisms_page),
        Route("/mechanisms/{id}", mechanism_page),
        Route("/events", events_page),
        Route("/events/{id}", event_page),
        Route("/documents", documents_page),
        Route("/documents/{id}", document_page),
        Route("/actors", actors_page),
        Route("/actors/{id}", actor_page),
        Route("/downloads", downloads_page),
        Route("/download/{table}.{fmt}", download),
        *(correct.routes(db_path, render, token) if corrections else []),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    return Starlette(routes=routes, exception_handlers={404: not_found, HTTPException: not_found,
                                                        ParleyError: parley_error})


def _rows(db_path: str, table: str, fmt: str, f: queries.EventFilter | None):
    with Store(db_path, readonly=True) as s:
        cols = [r[1] for r in s.db.execute(f"PRAGMA table_info({table})")]
        if table == "quotes":
            cur = s.db.execute("SELECT data FROM quotes ORDER BY doc, id")
            rows = (json.loads(r[0]) for r in cur)
            if fmt == "jsonl":
                for r in rows:
                    yield json.dumps(r, ensure_ascii=False) + "\n"
                return
            cols = ["id", "doc", "speaker_id", "speaker_name", "speaker_title", "text", "start", "end", "direct", "mention"]
            rows = ({k: r.get(k) for k in cols} for r in rows)
        elif f is not None:
            where, args = f.where()
            rows = (dict(r) for r in s.db.execute(f"SELECT * FROM events_flat e WHERE {where} ORDER BY e.date_from, e.id", args))
        else:
            rows = (dict(r) for r in s.db.execute(f"SELECT * FROM {table} ORDER BY rowid"))
        if fmt == "jsonl":
            for r in rows:
                yield json.dumps(r, ensure_ascii=False) + "\n"
            return
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=cols)
        w.writeheader()
        for n, r in enumerate(rows):
            w.writerow(r)
            if n % 500 == 499:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue()


def _pages(total: int, per: int, page: int) -> dict[str, Any]:
    last = max(1, -(-total // per))
    return {"page": page, "last": last, "prev": page - 1 if page > 1 else None, "next": page + 1 if page < last else None,
            "first_row": (page - 1) * per + 1 if total else 0, "last_row": min(total, page * per)}


def _snippet(s: str | None) -> Markup | None:
    if not s:
        return None
    from markupsafe import escape
    return Markup(str(escape(s)).replace(queries.MARK_OPEN, "<mark>").replace(queries.MARK_CLOSE, "</mark>"))


def _date_text(d: dict[str, Any] | None) -> str:
    if not d or not d.get("start"):
        return "—"
    return d["start"] if d["start"] == d.get("end") or not d.get("end") else f"{d['start']} – {d['end']}"


def _place_text(loc: dict[str, Any] | None) -> str:
    if not loc:
        return "—"
    return ", ".join(x for x in (loc.get("city"), loc.get("country")) if x) or "—"


def _value_text(v: Any) -> str:
    if isinstance(v, dict):
        return _date_text(v) if "start" in v else _place_text(v)
    if isinstance(v, list):
        return ", ".join(map(str, v))
    return "—" if v is None else str(v)


FIELD_NAMES = ("type", "cameo", "status", "mechanism", "round", "date", "location", "modality", "participants",
               "topics", "confidence")


def _fields(e: dict[str, Any], mechanism_name: str | None = None) -> list[dict[str, Any]]:
    """Every field of an event with its value, the reason when it was inferred, the conflicting
    values with their sources, and the rules of the evidence for it."""
    conflicts: dict[str, list[dict[str, Any]]] = {}
    for c in e["conflicts"]:
        key = {"city": "location", "country": "location"}.get(c["field"], c["field"])
        conflicts.setdefault(key, []).append({"field": c["field"], "values": [
            {"text": _value_text(v["value"]), "docs": v["docs"]} for v in c["values"]]})
    rules: dict[str, set[str]] = {}
    count: dict[str, int] = {}
    for s in e["sources"]:
        for ev in s["evidence"]:
            rules.setdefault(ev["field"], set()).add(ev.get("rule") or "?")
            count[ev["field"]] = count.get(ev["field"], 0) + 1
    out = []
    for name in FIELD_NAMES:
        v = e.get(name)
        if name == "date":
            shown = _date_text(v)
        elif name == "location":
            shown = _place_text(v)
        elif name == "participants":
            shown = "; ".join(p["name"] for p in v or []) or "—"
        elif name == "topics":
            shown = ", ".join(v or []) or "—"
        elif name == "mechanism" and v:
            shown = f"{mechanism_name} ({v})" if mechanism_name and mechanism_name != v else v
        else:
            shown = "—" if v is None else str(v)
        out.append({"name": name, "value": shown, "inferred": (e.get("inferred") or {}).get(name),
                    "corrected": (e.get("corrected") or {}).get(name),
                    "conflicts": conflicts.get(name, []), "rules": sorted(rules.get(name, ())),
                    "evidence": count.get(name, 0)})
    return out
