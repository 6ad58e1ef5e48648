"""The command line, thin: parse, call the library, print. Data on stdout; progress, summaries and
errors on stderr. Exit codes: 0 clean, 1 some inputs rejected, 2 usage or fatal error."""
from __future__ import annotations

import json
import logging
import sys
import time
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from . import kb as kb_mod
from .errors import NotFound, ParleyError
from .settings import Settings, default_db

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Parley: news articles in, an evidence-linked record of diplomatic and security consultations out.")
out = Console(highlight=False)
if not out.is_terminal:   # piped or captured: do not squeeze tables into 80 columns
    out = Console(highlight=False, width=200)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DB = typer.Option(None, "--db", help="SQLite database file (default ./parley.db, or $PARLEY_DB).")
KB = typer.Option(None, "--kb", help="Folder of knowledge-base files that extend or override the bundled ones (repeatable).")


def _settings(db: Optional[str], kb: Optional[List[str]] = None, **kw) -> Settings:
    return Settings(db=db or default_db(), kb_dirs=tuple(kb or ()), **kw)


def _fail(e: Exception) -> None:
    err.print(f"[red]error:[/red] {escape(str(e))}")
    raise typer.Exit(2)


@app.callback()
def main(verbose: int = typer.Option(0, "-v", "--verbose", count=True, help="More log output on stderr.")) -> None:
    if verbose:
        logging.basicConfig(level=logging.DEBUG if verbose > 1 else logging.INFO, stream=sys.stderr,
                            format="%(levelname)s %(name)s: %(message)s")


@app.command()
def ingest(paths: List[str] = typer.Argument(..., help="Files and folders (walked recursively); '-' reads stdin."),
           db: Optional[str] = DB, kb: Optional[List[str]] = KB,
           workers: int = typer.Option(0, "--workers", "-j", min=0,
                                       help="Processes for the per-document stage (0: one per core for 500 inputs or more, else one)."),
           max_bytes: int = typer.Option(20_000_000, "--max-bytes", help="Reject inputs larger than this."),
           languages: Optional[str] = typer.Option(None, "--languages", help="Comma-separated language packs to read with (default: all)."),
           timeout: float = typer.Option(30.0, "--timeout", help="Seconds one document may take to analyze (0: no limit)."),
           watch: bool = typer.Option(False, "--watch", help="Keep polling the feed(s) and ingest only new entries."),
           interval: float = typer.Option(300.0, "--interval", help="Seconds between polls with --watch."),
           quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar.")) -> None:
    """Read articles, extract their consultations, store them, and rebuild the events."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .ingest import count_inputs, ingest as run
    langs = tuple(x.strip() for x in languages.split(",") if x.strip()) if languages else ()
    settings = _settings(db, kb, workers=workers, max_bytes=max_bytes, languages=langs, timeout=timeout)
    if watch:
        from .ingest import watch as run_watch

        def report(feed, s):
            err.print(f"{time.strftime('%H:%M:%S')} {escape(feed)}: new {len(s.ingested)}, already present {len(s.present)}, "
                      f"rejected {len(s.rejected)}; {s.events} events")
            for source, reason in s.rejected:
                err.print(f"  rejected {escape(source)}: {escape(reason)}")
        try:
            run_watch(paths, settings, interval, None, report)
        except KeyboardInterrupt:
            raise typer.Exit(0)
        except ParleyError as e:
            _fail(e)
    try:
        total = count_inputs(paths)
        if settings.workers == 0:   # a pool costs a second or two to start: worth it for big batches only
            from .ingest import cpu_count
            settings = settings.with_(workers=cpu_count() if total >= 500 else 1)
        with Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      console=err, disable=quiet or not err.is_terminal and total < 2, transient=True) as bar:
            task = bar.add_task("ingest", total=total)
            summary = run(paths, settings, progress=lambda s: bar.advance(task))
    except ParleyError as e:
        _fail(e)
    err.print(f"ingested {len(summary.ingested)}, already present {len(summary.present)}, "
              f"rejected {len(summary.rejected)}; {summary.events} events in {settings.db}")
    for source, reason in summary.rejected:
        err.print(f"  rejected {escape(source)}: {escape(reason)}")
    raise typer.Exit(1 if summary.rejected else 0)


def _store(db: Optional[str]):
    from .store import Store
    return Store(db or default_db(), readonly=True)


def _filter(events, mechanism, actor, since, until):
    for e in events:
        if mechanism and e["mechanism"] != mechanism:
            continue
        if actor and not any(actor.lower() in (p["id"] + " " + p["name"]).lower() for p in e["participants"]):
            continue
        start = (e["date"] or {}).get("start") or ""
        end = (e["date"] or {}).get("end") or start
        if since and (not end or end[: len(since)] < since[: len(end)]):
            continue
        if until and (not start or start[: len(until)] > until[: len(start)]):
            continue
        yield e


def _date_text(d) -> str:
    if not d:
        return "—"
    return d["start"] if d["start"] == d["end"] else f"{d['start']}..{d['end']}"


def _place_text(loc) -> str:
    if not loc:
        return "—"
    return ", ".join(x for x in (loc.get("city"), loc.get("country")) if x)


@app.command()
def events(db: Optional[str] = DB,
           mechanism: Optional[str] = typer.Option(None, "--mechanism", "-m", help="Only this mechanism id."),
           actor: Optional[str] = typer.Option(None, "--actor", "-a", help="Only events with this participant (id or name part)."),
           since: Optional[str] = typer.Option(None, "--since", help="Only events ending on or after this date (YYYY[-MM[-DD]])."),
           until: Optional[str] = typer.Option(None, "--until", help="Only events starting on or before this date."),
           as_json: bool = typer.Option(False, "--json", help="JSON lines (the export contract) instead of a table.")) -> None:
    """List events."""
    from .export import event_record
    try:
        with _store(db) as store:
            rows = list(_filter(store.events(), mechanism, actor, since, until))
    except ParleyError as e:
        _fail(e)
    if as_json:
        for e in rows:
            print(json.dumps(event_record(e), ensure_ascii=False))
        return
    t = Table(show_lines=False, title=f"{len(rows)} events")
    for col in ("id", "date", "mechanism", "round", "place", "status", "participants", "sources"):
        t.add_column(col, overflow="fold")
    for e in rows:
        t.add_row(e["id"], _date_text(e["date"]), e["mechanism"] or "—", str(e["round"] or "—"), _place_text(e["location"]),
                  e["status"] or "—", ", ".join(p["name"] for p in e["participants"]) or "—",
                  str(len({s["doc"] for s in e["sources"]})))
    out.print(t)


@app.command()
def timeline(mechanism: str = typer.Argument(..., help="Mechanism id, e.g. cn-ru-strategic-security-consultation."),
             db: Optional[str] = DB, kb: Optional[List[str]] = KB,
             as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table.")) -> None:
    """A mechanism's history: its rounds in order, with gaps where a round number is missing."""
    from .timeline import build
    try:
        knowledge = kb_mod.load(kb or ())
        with _store(db) as store:
            rows = build(store.events(), mechanism)
    except ParleyError as e:
        _fail(e)
    if not rows and mechanism not in knowledge.mechanisms:
        _fail(NotFound(f"no events and no knowledge-base entry for mechanism {mechanism!r}"))
    if as_json:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
        return
    t = Table(title=f"{knowledge.mechanism_name(mechanism)} ({mechanism})")
    for col in ("round", "dates", "place", "participants", "status", "sources", "conflicts"):
        t.add_column(col, overflow="fold")
    for r in rows:
        if r["gap"]:
            t.add_row(f"[dim]{r['round']}[/dim]", "[dim]not in the texts[/dim]", "", "", "", "", "")
            continue
        rnd = str(r["round"]) if r["round"] else "?"
        if r.get("round_inferred"):
            rnd += " (inferred)"
        t.add_row(rnd, _date_text(r["date"]), _place_text(r["location"]),
                  "; ".join(f"{p['name']} ({p['title']})" if p.get("title") else p["name"] for p in r["participants"]) or "—",
                  r["status"] or "—", str(r["sources"]), ", ".join(c["field"] for c in r["conflicts"]) or "")
    out.print(t)


@app.command()
def show(event_id: str = typer.Argument(..., help="Event id (or a unique prefix)."), db: Optional[str] = DB) -> None:
    """Every field of an event with the sentence it came from, the evidence highlighted."""
    from .show import render
    try:
        with _store(db) as store:
            ev = store.event(event_id)
            docs = {s["doc"]: store.document(s["doc"]) for s in ev["sources"]}
    except ParleyError as e:
        _fail(e)
    render(out, ev, docs)


@app.command("export")
def export_cmd(directory: str = typer.Argument(..., help="Folder to write the tables into."),
               fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl, csv or parquet."),
               db: Optional[str] = DB, kb: Optional[List[str]] = KB) -> None:
    """Write documents, events, quotes, mechanisms and actors, one file per table."""
    from .export import export
    try:
        knowledge = kb_mod.load(kb or ())
        with _store(db) as store:
            counts = export(store, knowledge, directory, fmt)
    except ParleyError as e:
        _fail(e)
    err.print("wrote " + ", ".join(f"{n} {k}" for k, n in counts.items()) + f" to {directory}")


@app.command()
def serve(db: Optional[str] = DB,
          host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (this machine only by default)."),
          port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
          allow_remote: bool = typer.Option(False, "--allow-remote",
                                            help="Allow a --host that other machines can reach (no authentication).")) -> None:
    """A read-only web UI on the store: mechanisms, timelines, events with their evidence, documents, actors."""
    from .web import serve as run
    try:
        run(db or default_db(), host, port, allow_remote)
    except ParleyError as e:
        _fail(e)


if __name__ == "__main__":
    app()
