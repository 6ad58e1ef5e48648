"""Analysts' corrections: every kind survives a re-ingest, new reports of the same meeting, a full
rebuild and a crash in the middle of one; the later of two conflicting corrections wins and both
are shown; a correction that no longer applies is kept and reported; an identity fix can reach the
whole store and be exported as a knowledge-base file; the export stays deterministic."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley.cli import app
from parley.corrections import Correction, Corrections, Kind
from parley.ingest import ingest, resolve_store
from parley.settings import Settings
from parley.store import Store

runner = CliRunner()

BRUSSELS = "Talks in Brussels\n\nWang Yi held talks with the EU foreign policy chief Ka Lasi in Brussels on 2 July 2025."
BRUSSELS_AGAIN = ("Brussels\n\nForeign Minister Wang Yi and EU High Representative Ka Lasi held the China-EU strategic "
                  "dialogue in Brussels on Wednesday, July 2, 2025.")
BEIJING = "Beijing meeting\n\nOn 14 March 2024, Wang Yi met Ka Lasi, the EU foreign policy chief, in Beijing."
MOSCOW = "Moscow talks\n\nSergei Lavrov and Wang Yi held talks in Moscow on 9 April 2024."
GENEVA = "Geneva\n\nSergei Lavrov met Wang Yi in Geneva on 20 May 2024, the two ministers said."


@pytest.fixture
def store(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for name, text in (("brussels.txt", BRUSSELS), ("beijing.txt", BEIJING), ("moscow.txt", MOSCOW), ("geneva.txt", GENEVA)):
        (d / name).write_text(text, encoding="utf-8")
    db = tmp_path / "p.db"
    ingest([str(d)], Settings(db=str(db)))
    return db


def by_source(db) -> dict[str, dict]:
    """Each event by the file names of its sources (joined), rejected ones included."""
    with Store(db) as s:
        docs = {d["id"]: Path(d["source"]).stem for d in s.documents()}
        return {"+".join(sorted({docs[x["doc"]] for x in e["sources"]})): e for e in s.events(rejected=True)}


def survive(db, tmp_path) -> None:
    """Re-ingest, a new report of the Brussels meeting, a full rebuild."""
    ingest([str(tmp_path / "in")], Settings(db=str(db)))
    new = tmp_path / "more"
    new.mkdir(exist_ok=True)
    (new / "brussels_again.txt").write_text(BRUSSELS_AGAIN, encoding="utf-8")
    ingest([str(new)], Settings(db=str(db)))
    with Store(db) as s:
        resolve_store(s)


def test_reject_and_restore_survive_everything(store, tmp_path):
    ev = by_source(store)["moscow"]
    with Corrections(str(store), author="ana") as c:
        c.reject(ev["id"], note="a photo caption, not a meeting")
    survive(store, tmp_path)
    e = by_source(store)["moscow"]
    assert e["rejected"]["note"] == "a photo caption, not a meeting" and e["rejected"]["author"] == "ana"
    with Store(store) as s:
        assert e["id"] not in {x["id"] for x in s.events()}        # out of lists and exports
    with Corrections(str(store)) as c:
        c.restore(e["id"])
    assert "rejected" not in by_source(store)["moscow"]


def test_set_and_clear_survive_and_the_later_wins(store, tmp_path):
    ev = by_source(store)["brussels"]
    with Corrections(str(store)) as c:
        c.set(ev["id"], "date", "2025-07-01", note="first")
        c.set(ev["id"], "date", "2025-07-02..2025-07-03", note="second, wins")
        c.set(ev["id"], "mechanism", "cn-us-diplomatic-and-security-dialogue")
        c.clear(ev["id"], "modality")
    survive(store, tmp_path)
    e = by_source(store)["brussels+brussels_again"]           # the new report joined, the corrections hold
    assert e["date"] == {"start": "2025-07-02", "end": "2025-07-03"} and e["modality"] is None
    assert set(e["corrected"]) == {"date", "mechanism", "modality"}
    with Corrections(str(store)) as c:
        states = [r["state"] for r in c.list()]
    assert states[0] == "overridden by 2" and states[1:] == ["applies"] * 3


def test_merge_and_split_survive(store, tmp_path):
    events = by_source(store)
    with Corrections(str(store)) as c:
        c.merge(events["moscow"]["id"], events["geneva"]["id"], note="one trip, two reports")
    assert "geneva+moscow" in by_source(store)
    merged = by_source(store)["geneva+moscow"]
    with Corrections(str(store)) as c:
        with pytest.raises(Exception, match="every report"):
            c.split(merged["id"], docs=[d["doc"] for d in merged["sources"]])
        geneva_doc = next(s["doc"] for s in merged["sources"] if s["mention"] in c._mentions(merged["id"]) and
                          "Geneva" in c.store.document(s["doc"])["text"])
        c.split(merged["id"], docs=[geneva_doc[:12]], note="Geneva was another day")     # later: wins over the merge
    survive(store, tmp_path)
    assert {"geneva", "moscow"} <= set(by_source(store))


def test_identity_in_one_event_or_everywhere_and_as_a_knowledge_base_file(store, tmp_path):
    with Corrections(str(store)) as c:
        c.identity(by_source(store)["brussels"]["id"], "Ka Lasi", "kaja-kallas")
    events = by_source(store)
    assert "kaja-kallas" in {p["id"] for p in events["brussels"]["participants"]}
    assert "ka-lasi" in {p["id"] for p in events["beijing"]["participants"]}          # only that event
    survive(store, tmp_path)
    people = {p["id"] for p in by_source(store)["brussels+brussels_again"]["participants"]}
    assert "kaja-kallas" in people
    r = runner.invoke(app, ["correct", "identity", by_source(store)["beijing"]["id"], "ka-lasi", "kaja-kallas",
                            "--everywhere", "--db", str(store)])
    assert r.exit_code == 0, r.output
    events = by_source(store)
    assert all("ka-lasi" not in {p["id"] for p in e["participants"]} for e in events.values())
    borrell = next(p for p in events["beijing"]["participants"] if p["id"] == "kaja-kallas")
    assert borrell["name"] == "Kaja Kallas" and borrell["country"] == "EE"
    r = runner.invoke(app, ["correct", "export-kb", str(tmp_path / "kb"), "--db", str(store)])
    assert r.exit_code == 0, r.output
    from parley import kb
    k = kb.load((str(tmp_path / "kb"),))
    assert "Ka Lasi" in k.actors["kaja-kallas"].names["en"] and "Kaja Kallas" in k.actors["kaja-kallas"].names["en"]
    from parley.ingest import analyze_text
    [ev] = analyze_text(BEIJING, Settings(kb_dirs=(str(tmp_path / "kb"),))).events      # the store taught the knowledge base
    assert "kaja-kallas" in {p.id for p in ev.participants}


def test_a_crash_in_the_middle_of_a_rebuild_loses_no_correction(store, tmp_path, monkeypatch):
    ev = by_source(store)["moscow"]
    with Corrections(str(store)) as c:
        c.set(ev["id"], "location", "Kazan, RU")
    from parley.resolve import merge
    calls = []

    def crash(group):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("the machine went down")
        return real(group)
    real = merge.build_event
    monkeypatch.setattr(merge, "build_event", crash)
    new = tmp_path / "more"
    new.mkdir()
    (new / "brussels_again.txt").write_text(BRUSSELS_AGAIN, encoding="utf-8")
    s = ingest([str(new)], Settings(db=str(store)))
    assert s.events_error and "the machine went down" in s.events_error
    assert by_source(store)["moscow"]["location"] == {"city": "Kazan", "country": "RU"}     # the old events, corrected
    monkeypatch.setattr(merge, "build_event", real)
    ingest([str(new)], Settings(db=str(store)))       # the next run finishes
    assert by_source(store)["moscow"]["location"] == {"city": "Kazan", "country": "RU"}
    assert "brussels+brussels_again" in by_source(store)


def test_a_correction_whose_reports_are_gone_is_kept_and_reported(store):
    with Store(store) as s:
        s.add_correction(Correction(Kind.REJECT, ["em_0000000000000000"], note="from another store", author="x",
                                    created="2026-01-01T00:00:00Z"))
        resolve_store(s)
    r = runner.invoke(app, ["correct", "list", "--json", "--db", str(store)])
    [row] = [json.loads(line) for line in r.output.splitlines()]
    assert row["state"] == "no longer applies: its reports are gone from the store" and row["events"] == []


def test_undo_list_show_and_a_deterministic_export(store, tmp_path):
    ev = by_source(store)["geneva"]
    for args in (["reject", ev["id"], "-n", "test"], ["undo", "1"], ["set", ev["id"], "round", "3"]):
        r = runner.invoke(app, ["correct", *args, "--db", str(store), "--author", "ana"])
        assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["correct", "list", "--db", str(store)])
    assert "undone" in r.output and "round = 3" in r.output
    e = by_source(store)["geneva"]
    r = runner.invoke(app, ["show", e["id"], "--db", str(store)])
    assert "corrected: correction 2" in r.output
    assert runner.invoke(app, ["correct", "set", e["id"], "round", "zero", "--db", str(store)]).exit_code == 2
    assert runner.invoke(app, ["correct", "set", e["id"], "weather", "x", "--db", str(store)]).exit_code == 2
    assert runner.invoke(app, ["correct", "undo", "99", "--db", str(store)]).exit_code == 2
    outs = []
    for i in range(2):
        with Store(store) as s:
            resolve_store(s)
        runner.invoke(app, ["export", str(tmp_path / f"x{i}"), "--db", str(store)])
        outs.append({p.name: p.read_bytes() for p in sorted((tmp_path / f"x{i}").iterdir())})
    assert outs[0] == outs[1]
    rows = [json.loads(line) for line in outs[0]["corrections.jsonl"].decode().splitlines()]
    assert [r["kind"] for r in rows] == ["reject", "set"] and rows[0]["undone"]
    exported = {json.loads(line)["id"]: json.loads(line) for line in outs[0]["events.jsonl"].decode().splitlines()}
    assert exported[e["id"]]["corrected"] == {"round": 2}
