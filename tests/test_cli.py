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


# -- the command line says what is wrong -------------------------------------------------------

@pytest.mark.parametrize("value", ["2022-13", "2022-02-30", "yesterday", "22", "2022-1-5", "2022/01/05"])
def test_dates_are_validated(db, value):
    for option in ("--since", "--until"):
        r = runner.invoke(app, ["events", "--db", str(db), option, value])
        assert r.exit_code == 2 and "not a date" in r.output, r.output


def test_real_dates_of_every_precision_are_accepted(db):
    for value in ("2020", "2020-02", "2020-02-29"):
        assert runner.invoke(app, ["events", "--db", str(db), "--since", value]).exit_code == 0


def test_an_unknown_mechanism_is_an_error_that_names_the_closest(db):
    for args in (["events", "-m", "cn-ru-strategic-security"], ["timeline", "cn-ru-strategic-security"]):
        r = runner.invoke(app, args + ["--db", str(db)])
        assert r.exit_code == 2, r.output
        assert "no mechanism" in r.output or "no events and no knowledge-base entry" in r.output
        assert "closest: cn-ru-strategic-security-consultation" in r.output.replace("\n", "")


def test_an_event_prefix_of_several_ids_lists_them(db):
    import sqlite3
    ids = sorted(r[0] for r in sqlite3.connect(db).execute("SELECT id FROM events"))
    shared = next(a[:4] for a, b in zip(ids, ids[1:]) if a[:4] == b[:4])
    r = runner.invoke(app, ["show", shared, "--db", str(db)])
    assert r.exit_code == 2 and "is the start of several event ids" in r.output
    assert all(i in r.output.replace("\n", "") for i in ids if i.startswith(shared))
    assert runner.invoke(app, ["show", ids[0][:-3], "--db", str(db)]).exit_code == (0 if sum(i.startswith(ids[0][:-3]) for i in ids) == 1 else 2)


def test_mechanisms_lists_ids_names_parties_rounds_and_events(db):
    r = runner.invoke(app, ["mechanisms", "--db", str(db), "--json"])
    assert r.exit_code == 0, r.output
    rows = {x["id"]: x for x in map(json.loads, r.output.splitlines())}
    sec = rows["cn-ru-strategic-security-consultation"]
    assert sec["parties"] == ["CN", "RU"] and sec["events"] >= 3 and {6, 16, 17} <= set(sec["rounds"])
    assert "cn-us-strategic-and-economic-dialogue" in rows       # known, with no events here
    r = runner.invoke(app, ["mechanisms", "--db", str(db)])
    assert r.exit_code == 0 and "cn-ru-strategic-security-consultation" in r.output


def test_actor_matches_whole_name_tokens_and_the_knowledge_bases_names_in_any_script(db):
    def ids(*args):
        r = runner.invoke(app, ["events", "--db", str(db), "--json", *args])
        assert r.exit_code == 0, r.output
        return {json.loads(line)["id"] for line in r.output.splitlines()}
    patrushev = ids("--actor", "Patrushev")
    assert patrushev
    assert ids("--actor", "RU") == set()                   # letters inside names are not a name
    assert ids("--actor", "Патрушев") == patrushev         # the knowledge base's Russian name
    assert ids("--actor", "帕特鲁舍夫") == patrushev        # and its Chinese one
    assert ids("--actor", "nikolai-patrushev") == patrushev


def test_country_and_dyad_filter_by_the_participants_countries(db):
    def events(*args):
        r = runner.invoke(app, ["events", "--db", str(db), "--json", *args])
        assert r.exit_code == 0, r.output
        return [json.loads(line) for line in r.output.splitlines()]
    ru = events("--country", "ru")
    assert ru and all(any(p["country"] == "RU" for p in e["participants"]) for e in ru)
    pair = events("--dyad", "CN-RU")
    assert pair and all({"CN", "RU"} <= {p["country"] for p in e["participants"]} for e in pair)
    assert len(pair) <= len(ru)
    assert runner.invoke(app, ["events", "--db", str(db), "--dyad", "CN"]).exit_code == 2
    assert runner.invoke(app, ["events", "--db", str(db), "--country", "China"]).exit_code == 2


def test_version_languages_in_any_case_and_empty_environment(db, tmp_path, monkeypatch):
    from parley import __version__
    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0 and r.output.strip() == f"parley {__version__}"
    (tmp_path / "a.txt").write_text("Talks\n\nWang Yi met Sergei Lavrov in Moscow on Monday, 4 March 2024.", encoding="utf-8")
    r = runner.invoke(app, ["ingest", "--db", str(tmp_path / "p.db"), "--languages", "EN,Ru", "-q", str(tmp_path / "a.txt")])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["ingest", "--db", str(tmp_path / "p.db"), "--languages", "xx", str(tmp_path / "a.txt")])
    assert r.exit_code == 2 and "no language pack xx" in r.output
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PARLEY_DB", "")
    r = runner.invoke(app, ["events"])                     # empty: unset, so ./parley.db
    assert r.exit_code == 2 and "parley.db: no such database" in r.output


def test_a_closed_or_full_stdout_is_no_traceback(db):
    import subprocess
    import sys
    cmd = [sys.executable, "-c", "from parley.cli import run; run()", "events", "--db", str(db), "--json"]
    with open("/dev/full", "w") as full:
        r = subprocess.run(cmd, stdout=full, stderr=subprocess.PIPE, text=True)
    assert r.returncode == 2 and "Traceback" not in r.stderr and "cannot write the output" in r.stderr
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    p.stdout.readline()
    p.stdout.close()                                       # as `| head -1` does
    _, err = p.communicate()
    assert "Traceback" not in err
