"""The command line, thin: parse, call the library, print. Data on stdout; progress, summaries and
errors on stderr. Exit codes: 0 clean, 1 some inputs rejected, 2 usage or fatal error or an
internal error (a document rejected for Parley's own fault: the summary names the log), 130
interrupted (Ctrl-C, SIGTERM: the summary so far)."""
from __future__ import annotations

import datetime as dt
import difflib
import errno
import json
import logging
import os
import re
import sys
import time
from typing import Iterable, List, Optional

import typer
from rich.markup import escape
from rich.table import Table

from . import __version__
from . import kb as kb_mod
from .cli_correct import correct_app
from .cli_shared import DB, KB, _fail, _settings, _store, err, out
from .errors import NotFound, ParleyError, UsageError
from .query import filter_events, mechanism_ids, mechanism_rows, rounds_text
from .settings import default_db

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Parley: news articles in, an evidence-linked record of diplomatic and security consultations out.")
app.add_typer(correct_app, name="correct")


def _version(value: bool) -> None:
    if value:
        print(f"parley {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(verbose: int = typer.Option(0, "-v", "--verbose", count=True, help="More log output on stderr."),
         version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Print the version and exit.")) -> None:
    if verbose:
        logging.basicConfig(level=logging.DEBUG if verbose > 1 else logging.INFO, stream=sys.stderr,
                            format="%(levelname)s %(name)s: %(message)s")


@app.command()
def ingest(paths: List[str] = typer.Argument(..., help="Files and folders (walked recursively); '-' reads stdin."),
           db: Optional[str] = DB, kb: Optional[List[str]] = KB,
           workers: int = typer.Option(0, "--workers", "-j", min=0,
                                       help="Processes for the per-document stage (0: one per core for 500 inputs or more, else one)."),
           cluster: Optional[str] = typer.Option(None, "--cluster",
                                                 help="Run the per-document stage on Dask: local, local:N (workers) or tcp://HOST:PORT "
                                                      "(a running scheduler). Needs parley[dask]."),
           max_bytes: int = typer.Option(20_000_000, "--max-bytes", help="Reject inputs larger than this."),
           languages: Optional[str] = typer.Option(None, "--languages", help="Comma-separated language packs to read with (default: all)."),
           timeout: float = typer.Option(30.0, "--timeout", help="Seconds one document may take to analyze (0: no limit)."),
           watch: bool = typer.Option(False, "--watch", help="Keep polling the feed(s) and ingest only new entries."),
           interval: float = typer.Option(300.0, "--interval", help="Seconds between polls with --watch."),
           quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar.")) -> None:
    """Read articles, extract their consultations, store them, and rebuild the events."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .ingest import count_inputs, ingest as run
    try:
        langs = _languages(languages)
    except ParleyError as e:
        _fail(e)
    if cluster:
        from .cluster import parse
        try:
            parse(cluster)
        except ParleyError as e:
            _fail(e)
    settings = _settings(db, kb, workers=workers, max_bytes=max_bytes, languages=langs, timeout=timeout, cluster=cluster or None)
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
        if settings.workers == 0 and not settings.cluster:   # a pool costs a second or two to start: worth it for big batches only
            from .work import cpu_count
            settings = settings.with_(workers=cpu_count() if total >= 500 else 1)
        with Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      console=err, disable=quiet or not err.is_terminal and total < 2, transient=True) as bar:
            task = bar.add_task("ingest", total=total)
            summary = run(paths, settings, progress=lambda s: bar.advance(task))
    except ParleyError as e:
        _fail(e)
    raise typer.Exit(_summary(summary, settings.db))


def _summary(summary, db: str) -> int:
    """Print an ingest's summary; its exit status."""
    head = "interrupted: " if summary.interrupted else ""
    err.print(f"{head}ingested {len(summary.ingested)}, already present {len(summary.present)}, "
              f"rejected {len(summary.rejected)}; {summary.events} events in {escape(db)}")
    for source, reason in summary.rejected:
        err.print(f"  rejected {escape(source)}: {escape(reason)}")
    if summary.events_error:
        err.print(f"  events not rebuilt: {escape(summary.events_error)} (the next ingest rebuilds them)")
    if summary.interrupted:
        err.print("  events not rebuilt: interrupted (the next ingest stores the rest and rebuilds them)")
    if summary.internal_errors:
        err.print(f"[red]{summary.internal_errors} internal error{'s' if summary.internal_errors != 1 else ''}[/red]"
                  + (f"; tracebacks in {escape(summary.log)}" if summary.log else ""))
    if summary.interrupted:
        return 130
    return 2 if summary.internal_errors else 1 if summary.rejected else 0


def _languages(value: Optional[str]) -> tuple[str, ...]:
    """`--languages`: comma-separated pack codes, in any case; an unknown one is an error."""
    if not value:
        return ()
    from .lang import available
    codes = tuple(dict.fromkeys(x.strip().lower() for x in value.split(",") if x.strip()))
    known = available()
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise UsageError(f"no language pack {', '.join(unknown)} (there are: {', '.join(known)})")
    return codes


def _date_option(value: Optional[str], name: str) -> Optional[str]:
    """`--since`/`--until`: YYYY, YYYY-MM or YYYY-MM-DD, a real calendar day."""
    if value is None:
        return None
    v = value.strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", v)
    try:
        if not m:
            raise ValueError
        year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
        dt.date(year, month, day)
    except ValueError:
        raise UsageError(f"{name} {value!r}: not a date (YYYY, YYYY-MM or YYYY-MM-DD, a real calendar day)") from None
    return v


def _closest(word: str, choices: Iterable[str], n: int = 5) -> str:
    choices = sorted(set(choices))
    near = difflib.get_close_matches(word, choices, n=n, cutoff=0.4) or [c for c in choices if word.lower() in c.lower()][:n]
    return f"; closest: {', '.join(near)}" if near else ""


def _country(code: str, name: str) -> str:
    c = code.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", c):
        raise UsageError(f"{name} {code!r}: a two-letter country code (ISO 3166), e.g. CN")
    return c


def _known_mechanism(mechanism: str, store, knowledge) -> None:
    ids = mechanism_ids(store, knowledge)
    if mechanism not in ids:
        raise NotFound(f"no mechanism {mechanism!r}{_closest(mechanism, ids)} (`parley mechanisms` lists them)")


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
           country: Optional[str] = typer.Option(None, "--country", help="Only events with a participant of this country (ISO code, e.g. CN)."),
           dyad: Optional[str] = typer.Option(None, "--dyad", help="Only events with participants of both countries (e.g. CN-RU)."),
           kb: Optional[List[str]] = KB,
           as_json: bool = typer.Option(False, "--json", help="JSON lines (the export contract) instead of a table.")) -> None:
    """List events."""
    from .export import event_record
    try:
        since, until = _date_option(since, "--since"), _date_option(until, "--until")
        country_code = _country(country, "--country") if country else None
        pair = None
        if dyad:
            parts = re.split(r"[-–/,]", dyad.strip())
            if len(parts) != 2:
                raise UsageError(f"--dyad {dyad!r}: two country codes, e.g. CN-RU")
            pair = {_country(x, "--dyad") for x in parts}
        knowledge = kb_mod.load(kb or ())
        with _store(db) as store:
            if mechanism:
                _known_mechanism(mechanism, store, knowledge)
            rows = list(filter_events(store.events(), mechanism, actor, since, until, country_code, pair, knowledge))
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
        with _store(db) as store:
            ids = mechanism_ids(store, knowledge)
        _fail(NotFound(f"no events and no knowledge-base entry for mechanism {mechanism!r}{_closest(mechanism, ids)}"
                       " (`parley mechanisms` lists them)"))
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


@app.command()
def mechanisms(db: Optional[str] = DB, kb: Optional[List[str]] = KB,
               as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table.")) -> None:
    """The mechanisms: id, names, parties, the rounds found in the texts, and their events."""
    try:
        knowledge = kb_mod.load(kb or ())
        with _store(db) as store:
            rows = mechanism_rows(store, knowledge)
    except ParleyError as e:
        _fail(e)
    if as_json:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
        return
    t = Table(title=f"{len(rows)} mechanisms")
    for col in ("id", "name", "parties", "rounds found", "events", "last"):
        t.add_column(col, overflow="fold")
    for r in rows:
        t.add_row(r["id"], r["name"] or "—", "-".join(r["parties"]) or "—",
                  rounds_text(r["rounds"]), str(r["events"]), r["last"] or "—")
    out.print(t)


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
def rebuild(db: Optional[str] = DB, kb: Optional[List[str]] = KB) -> None:
    """Rebuild the events from the stored mentions and the corrections (ingest does it when needed)."""
    from .ingest import resolve_store
    from .store import Store
    try:
        with Store(db or default_db()) as store:
            n = resolve_store(store, kb_mod.load(kb or ()))
    except ParleyError as e:
        _fail(e)
    err.print(f"{n} events in {escape(db or default_db())}")


@app.command()
def serve(db: Optional[str] = DB,
          host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (this machine only by default)."),
          port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
          allow_remote: bool = typer.Option(False, "--allow-remote",
                                            help="Allow a --host that other machines can reach (no authentication)."),
          corrections: bool = typer.Option(False, "--corrections",
                                           help="Correction forms on the event pages (writes the corrections table; this machine only).")) -> None:
    """A web UI on the store: mechanisms, timelines, events with their evidence, documents, actors (read-only
    unless --corrections)."""
    from .web import serve as start
    try:
        start(db or default_db(), host, port, allow_remote, corrections)
    except ParleyError as e:
        _fail(e)


def run() -> None:
    """The `parley` command: the app, with a closed or full standard output (`| head`, `>
    /dev/full`) ending quietly instead of in a traceback."""
    try:
        app()
    except BrokenPipeError:
        _quiet_stdout()
        sys.exit(1)
    except OSError as e:
        if e.errno not in (errno.ENOSPC, errno.EPIPE, errno.EIO):
            raise
        _quiet_stdout()
        err.print(f"error: cannot write the output: {os.strerror(e.errno)}")
        sys.exit(2)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass

@app.command("eval")
def eval_cmd(gold: str = typer.Argument(..., help="Gold file (JSON lines: document, event, quote, mechanism records)."),
             directory: str = typer.Argument(..., help="Folder written by `parley export DIR --format jsonl`."),
             as_json: bool = typer.Option(False, "--json", help="The whole report as one JSON object.")) -> None:
    """Score an export against your own annotated gold: per-field precision, recall and F1, misses, extras."""
    from .evaluate import evaluate, render
    try:
        report = evaluate(gold, directory)
    except ParleyError as e:
        _fail(e)
    if as_json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
        return
    for line in render(report):
        print(line)


if __name__ == "__main__":
    run()
