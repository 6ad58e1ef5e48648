"""`parley correct …`: the analysts' corrections on the command line (see parley.corrections)."""
from __future__ import annotations

import json
from typing import List, Optional

import typer
from rich.markup import escape
from rich.table import Table

from .cli_shared import DB, KB, _fail, err, out
from .errors import ParleyError
from .settings import default_db

correct_app = typer.Typer(no_args_is_help=True, help="Correct the record: reject, restore, merge, split, set or clear a "
                          "field, fix a participant's identity; list and undo. Corrections are kept apart and applied "
                          "on every rebuild, so they survive re-ingests.")
NOTE = typer.Option("", "--note", "-n", help="Why (kept with the correction).")
AUTHOR = typer.Option(None, "--author", help="Who (default $PARLEY_AUTHOR, else the login name).")


def _correct(db: Optional[str], kb: Optional[List[str]], author: Optional[str], act) -> None:
    from .corrections import Corrections
    try:
        with Corrections(db or default_db(), tuple(kb or ()), author) as c:
            r = act(c)
    except ParleyError as e:
        _fail(e)
    done = f"made on {r['event']}" if r.get("event") else "undone"
    err.print(f"correction {r['correction']} {done}; "
              f"{r['events']} events rebuilt in {escape(db or default_db())}")


@correct_app.command("reject")
def correct_reject(event: str, note: str = NOTE, author: Optional[str] = AUTHOR, db: Optional[str] = DB,
                   kb: Optional[List[str]] = KB) -> None:
    """Not a meeting: the event is kept aside (out of lists, timelines and exports)."""
    _correct(db, kb, author, lambda c: c.reject(event, note))


@correct_app.command("restore")
def correct_restore(event: str, note: str = NOTE, author: Optional[str] = AUTHOR, db: Optional[str] = DB,
                    kb: Optional[List[str]] = KB) -> None:
    """A rejected event is a meeting after all."""
    _correct(db, kb, author, lambda c: c.restore(event, note))


@correct_app.command("merge")
def correct_merge(event: str, other: str, note: str = NOTE, author: Optional[str] = AUTHOR, db: Optional[str] = DB,
                  kb: Optional[List[str]] = KB) -> None:
    """Two events are one meeting."""
    _correct(db, kb, author, lambda c: c.merge(event, other, note))


@correct_app.command("split")
def correct_split(event: str,
                  doc: Optional[List[str]] = typer.Option(None, "--doc", help="A report to split out: document id, id prefix or source (repeatable)."),
                  mention: Optional[List[str]] = typer.Option(None, "--mention", help="A mention id to split out (repeatable)."),
                  note: str = NOTE, author: Optional[str] = AUTHOR, db: Optional[str] = DB, kb: Optional[List[str]] = KB) -> None:
    """These reports tell of another meeting: they become an event of their own."""
    _correct(db, kb, author, lambda c: c.split(event, doc or (), mention or (), note))


@correct_app.command("set")
def correct_set(event: str, field: str = typer.Argument(..., help="date, location, status, modality, mechanism, round or participants."),
                value: str = typer.Argument(..., help="2019-12-04 | 2019-12-01..2019-12-04 | 'Shanghai, CN' | occurred | video | "
                                                      "a mechanism id | 15 | actor-id,actor-id"),
                note: str = NOTE, author: Optional[str] = AUTHOR, db: Optional[str] = DB, kb: Optional[List[str]] = KB) -> None:
    """Set a field's value."""
    _correct(db, kb, author, lambda c: c.set(event, field, value, note))


@correct_app.command("clear")
def correct_clear(event: str, field: str, note: str = NOTE, author: Optional[str] = AUTHOR, db: Optional[str] = DB,
                  kb: Optional[List[str]] = KB) -> None:
    """A field has no value the texts support."""
    _correct(db, kb, author, lambda c: c.clear(event, field, note))


@correct_app.command("identity")
def correct_identity(event: str, participant: str = typer.Argument(..., help="The participant as the event has them: name or id."),
                     actor: str = typer.Argument(..., help="The knowledge-base actor id they are."),
                     everywhere: bool = typer.Option(False, "--everywhere", help="In every document of the store, not only this event's."),
                     note: str = NOTE, author: Optional[str] = AUTHOR, db: Optional[str] = DB, kb: Optional[List[str]] = KB) -> None:
    """A participant is this knowledge-base actor ("this 'Bo Leili' is josep-borrell")."""
    _correct(db, kb, author, lambda c: c.identity(event, participant, actor, everywhere, note))


@correct_app.command("undo")
def correct_undo(number: int, author: Optional[str] = AUTHOR, db: Optional[str] = DB, kb: Optional[List[str]] = KB) -> None:
    """Undo a correction (it is kept, marked undone: when and by whom)."""
    _correct(db, kb, author, lambda c: c.undo(number))


@correct_app.command("list")
def correct_list(db: Optional[str] = DB, kb: Optional[List[str]] = KB,
                 as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table.")) -> None:
    """Every correction: what, by whom, when, why, and whether it still applies."""
    from .corrections import Corrections
    try:
        with Corrections(db or default_db(), tuple(kb or ())) as c:
            rows = c.list()
    except ParleyError as e:
        _fail(e)
    if as_json:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
        return
    t = Table(title=f"{len(rows)} corrections")
    for col in ("#", "kind", "what", "events", "state", "author", "when", "note"):
        t.add_column(col, overflow="fold")
    for r in rows:
        what = r["field"] or ""
        if r["kind"] == "set":
            what += f" = {json.dumps(r['value'], ensure_ascii=False)}"
        elif r["kind"] == "identity":
            what = f"{r['value']['name']} -> {r['value']['to']}" + (" (everywhere)" if r["everywhere"] else "")
        t.add_row(str(r["id"]), r["kind"], escape(what), ", ".join(r["events"]) or "—", r["state"], escape(r["author"]),
                  r["created"][:19], escape(r["note"]))
    out.print(t)


@correct_app.command("export-kb")
def correct_export_kb(directory: str, db: Optional[str] = DB, kb: Optional[List[str]] = KB) -> None:
    """Write the identity corrections as a knowledge-base folder (actors.yaml) for --kb."""
    from pathlib import Path

    import yaml

    from .corrections import Corrections
    try:
        with Corrections(db or default_db(), tuple(kb or ())) as c:
            entries = c.kb_entries()
    except ParleyError as e:
        _fail(e)
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "actors.yaml").write_text("# People as corrected by analysts (parley correct identity); use with --kb.\n"
                                        + yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    err.print(f"wrote {len(entries)} actors to {escape(str(folder / 'actors.yaml'))}")
