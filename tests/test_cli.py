"""The command line, in-process: ingest (idempotent, bad input reported), events, timeline, show,
export in every format."""
import json

import pytest
from typer.testing import CliRunner

from conftest import SEEDS
from parley.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the project")
    path = tmp_path_factory.mktemp("cli") / "p.db"
    r = runner.invoke(app, ["ingest", "--db", str(path), "-q", str(SEEDS)])
    assert r.exit_code == 0, r.output
    assert "ingested 5, already present 0, rejected 0" in r.output
    return path


def test_reingest_changes_nothing(db, monkeypatch):
    from parley.analyze import Analyzer
    from parley.store import Store

    def never(self, doc):
        raise AssertionError(f"{doc.source} is stored already and was analyzed again")
    monkeypatch.setattr(Analyzer, "analyze_document", never)     # a known document is only cleaned and dated
    with Store(db) as s:
        before = (s.counts(), s.events())
    r = runner.invoke(app, ["ingest", "--db", str(db), "-q", str(SEEDS)])
    assert r.exit_code == 0
    assert "ingested 0, already present 5" in r.output
    with Store(db) as s:
        assert (s.counts(), s.events()) == before


def test_bad_inputs_are_rejected_with_a_reason_and_nothing_else_is_touched(db, tmp_path):
    from parley.store import Store
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text("   \n\n  ")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    with Store(db) as s:
        before = s.counts()
    r = runner.invoke(app, ["ingest", "--db", str(db), "-q", str(tmp_path), str(tmp_path / "missing.txt")])
    assert r.exit_code == 1
    assert "rejected 4" in r.output
    assert "empty file" in r.output and "binary" in r.output and "no such file" in r.output
    with Store(db) as s:
        assert s.counts() == before


def test_events_filters_and_json(db):
    r = runner.invoke(app, ["events", "--db", str(db), "--json", "--mechanism", "cn-ru-strategic-security-consultation"])
    assert r.exit_code == 0
    rows = [json.loads(line) for line in r.output.splitlines()]
    assert rows and all(e["mechanism"] == "cn-ru-strategic-security-consultation" for e in rows)
    r = runner.invoke(app, ["events", "--db", str(db), "--json", "--actor", "patrushev", "--since", "2020", "--until", "2022-12"])
    years = {json.loads(line)["date"]["start"][:4] for line in r.output.splitlines()}
    assert years and years <= {"2020", "2021", "2022"}


def test_timeline_lists_rounds_in_order_with_gaps(db):
    r = runner.invoke(app, ["timeline", "cn-ru-strategic-security-consultation", "--db", str(db), "--json"])
    assert r.exit_code == 0
    rows = [json.loads(line) for line in r.output.splitlines()]
    numbered = [x["round"] for x in rows if x["round"] and not x["gap"]]
    assert numbered == sorted(numbered) and {6, 16, 17} <= set(numbered)
    assert any(x["gap"] and x["round"] == 1 for x in rows)
    r = runner.invoke(app, ["timeline", "cn-ru-strategic-security-consultation", "--db", str(db)])
    assert r.exit_code == 0 and "Beijing" in r.output


def test_show_gives_every_field_with_its_sentence(db):
    r = runner.invoke(app, ["events", "--db", str(db), "--json", "--mechanism", "cn-ru-mfa-counterterrorism-consultation"])
    ev = json.loads(r.output.splitlines()[0])
    r = runner.invoke(app, ["show", ev["id"], "--db", str(db)])
    assert r.exit_code == 0
    assert "via video link" in r.output and "Tarabrin" in r.output and "modality" in r.output


def test_unknown_event_is_a_clear_error(db):
    r = runner.invoke(app, ["show", "ev_nope", "--db", str(db)])
    assert r.exit_code == 2 and "no event" in r.output


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_writes_every_table(db, tmp_path, fmt):
    r = runner.invoke(app, ["export", str(tmp_path), "--format", fmt, "--db", str(db)])
    assert r.exit_code == 0, r.output
    for table in ("documents", "events", "quotes", "mechanisms", "actors"):
        assert (tmp_path / f"{table}.{fmt}").stat().st_size > 0
    if fmt == "parquet":
        import pyarrow.parquet as pq
        assert pq.read_table(tmp_path / "events.parquet").num_rows == 9


def test_export_contract_fields(db, tmp_path):
    runner.invoke(app, ["export", str(tmp_path), "--db", str(db)])
    ev = json.loads((tmp_path / "events.jsonl").read_text().splitlines()[0])
    assert set(ev) >= {"id", "type", "cameo", "status", "mechanism", "round", "date", "location", "modality",
                       "participants", "topics", "sources", "conflicts", "confidence"}
    for src in ev["sources"]:
        for e in src["evidence"]:
            assert set(e) >= {"field", "start", "end", "text"}
    doc = json.loads((tmp_path / "documents.jsonl").read_text().splitlines()[0])
    assert set(doc) >= {"id", "source", "title", "language", "published", "published_from", "kind"}


def test_missing_database_is_a_clear_error(tmp_path):
    r = runner.invoke(app, ["events", "--db", str(tmp_path / "none.db")])
    assert r.exit_code == 2 and "no such database" in r.output
