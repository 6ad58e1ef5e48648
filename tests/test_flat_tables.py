"""The store and the exports as other tools read them: the flat tables agree with the events they
are built from and are rebuilt with them; Parquet holds native lists and structs; CSV keeps codes
as text and says so in datapackage.json; the README's DuckDB and pandas examples run; the
Datasette metadata describes every table and every flat column."""
from __future__ import annotations

import json
import os
import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, ROOT
from parley import kb, views
from parley.export import export
from parley.ingest import ingest
from parley.settings import Settings
from parley.store import Store


@pytest.fixture(scope="module")
def store_db(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("export")
    db = tmp / "parley.db"
    ingest([str(EXAMPLES / lang) for lang in ("en", "zh", "ru")], Settings(db=str(db)))
    return db


@pytest.fixture(scope="module")
def exported(store_db) -> Path:
    out = store_db.parent / "out"
    with Store(store_db, readonly=True) as store:
        for fmt in ("jsonl", "csv", "parquet"):
            export(store, kb.load(), out, fmt)
    return out


def rows(db: Path, sql: str, *args) -> list[sqlite3.Row]:
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def test_flat_events_agree_with_the_records(store_db):
    with Store(store_db, readonly=True) as store:
        events = {e["id"]: e for e in store.events()}
    flat = {r["id"]: r for r in rows(store_db, "SELECT * FROM events_flat")}
    assert set(flat) == set(events) and len(events) > 20
    precisions = set()
    for eid, e in events.items():
        r = flat[eid]
        assert r["cameo"] == e["cameo"] and isinstance(r["cameo"], str)
        assert (r["status"], r["modality"], r["mechanism"], r["round"]) == (e["status"], e["modality"], e["mechanism"], e["round"])
        loc = e["location"] or {}
        assert (r["city"], r["country"]) == (loc.get("city"), loc.get("country"))
        assert r["participants"] == len(e["participants"])
        assert r["sources"] == len({s["doc"] for s in e["sources"]})
        assert r["conflicts"] == len(e["conflicts"])
        assert r["confidence"] == e["confidence"]
        start = (e["date"] or {}).get("start")
        assert r["date_precision"] == {10: "day", 7: "month", 4: "year", None: None}[start and len(start)]
        precisions.add(r["date_precision"])
        if start:   # first and last calendar day: real dates, and the interval holds the stated one
            first, last = date.fromisoformat(r["date_from"]), date.fromisoformat(r["date_to"])
            assert first <= last and r["date_from"].startswith(start) and r["date_to"].startswith(e["date"]["end"])
        countries = sorted({p["country"] for p in e["participants"] if p.get("country")})
        assert r["countries"] == ("-".join(countries) or None)
    assert {"day", "month", "year"} <= precisions


def test_one_row_per_event_and_participant_with_title_as_stated_and_role(store_db):
    with Store(store_db, readonly=True) as store:
        expected = sorted((e["id"], p["id"], p["name"], p.get("country"), p.get("title"), p.get("role"))
                          for e in store.events() for p in e["participants"])
    got = sorted(tuple(r) for r in rows(store_db, "SELECT event, actor, name, country, title, role FROM event_participants"))
    assert got == expected
    patrushev = rows(store_db, "SELECT DISTINCT title, role FROM event_participants WHERE actor='nikolai-patrushev'")
    assert any(r["role"] == "Secretary of the Security Council" for r in patrushev)


def test_mechanisms_and_actors_tables(store_db):
    m = rows(store_db, "SELECT * FROM mechanisms WHERE id='cn-ru-strategic-security-consultation'")[0]
    assert m["parties"] == "CN,RU" and m["country_pair"] == "CN-RU" and m["established"] == "2005"
    n = rows(store_db, "SELECT count(*), max(round) FROM events_flat WHERE mechanism=?", m["id"])[0]
    assert (m["rounds"], m["last_round"]) == (n[0], n[1]) and m["rounds"] >= 5
    a = rows(store_db, "SELECT * FROM actors WHERE id='wang-yi'")[0]
    assert a["country"] == "CN" and a["events"] > 0 and not a["discovered"]
    names = {(r["language"], r["name"]) for r in rows(store_db, "SELECT * FROM actor_names WHERE actor='wang-yi'")}
    assert ("zh", "王毅") in names and ("en", "Wang Yi") in names
    assert rows(store_db, "SELECT count(*) FROM actor_roles WHERE actor='wang-yi'")[0][0] >= 1
    # every participant of every event is in the actors table
    assert not rows(store_db, "SELECT actor FROM event_participants WHERE actor NOT IN (SELECT id FROM actors)")


def test_full_text_search_finds_chinese_and_latin(store_db):
    zh = rows(store_db, "SELECT d.language FROM documents_fts f JOIN documents d ON d.rowid = f.rowid "
                        "WHERE documents_fts MATCH ?", '"战略安全磋商"')
    assert zh and {r[0] for r in zh} == {"zh"}
    en = rows(store_db, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?", '"Patrushev"')[0][0]
    assert en >= 3


def test_tables_follow_every_rebuild_and_an_older_store_gets_them(tmp_path):
    db = tmp_path / "p.db"
    ingest([str(EXAMPLES / "en" / "en_01_wang_yi_patrushev_talks.txt")], Settings(db=str(db)))
    before = rows(db, "SELECT count(*) FROM events_flat")[0][0]
    assert before == rows(db, "SELECT count(*) FROM events")[0][0] >= 1
    article = tmp_path / "new.txt"
    article.write_text("Beijing, 3 May 2021\n\nChinese Foreign Minister Wang Yi held talks with Pakistani Foreign "
                       "Minister Shah Mahmood Qureshi in Islamabad on Monday about regional security.\n", encoding="utf-8")
    ingest([str(article)], Settings(db=str(db)))
    assert rows(db, "SELECT count(*) FROM events_flat")[0][0] == rows(db, "SELECT count(*) FROM events")[0][0]
    assert rows(db, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?", '"Qureshi"')[0][0] == 1
    # a store from before the flat tables: a writable open builds them; a read-only one reports it
    con = sqlite3.connect(db)
    for t in views.TABLES + ("documents_fts",):
        con.execute(f"DROP TABLE {t}")
    con.execute("DELETE FROM meta WHERE key IN ('views_version', 'fts_rowid')")
    con.commit()
    con.close()
    with Store(db, readonly=True) as store:
        assert not views.present(store.db)
    Store(db).close()
    assert rows(db, "SELECT count(*) FROM events_flat")[0][0] == rows(db, "SELECT count(*) FROM events")[0][0]
    assert rows(db, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?", '"Qureshi"')[0][0] == 1


def test_a_document_read_from_a_url_has_it(tmp_path):
    from test_inputs import write_warc
    write_warc(tmp_path / "crawl.warc.gz")
    db = tmp_path / "p.db"
    ingest([str(tmp_path / "crawl.warc.gz")], Settings(db=str(db)))
    urls = {r["url"] for r in rows(db, "SELECT url FROM documents_flat")}
    assert urls == {"https://news.example/a", "https://news.example/b"}
    local = tmp_path / "local.txt"
    local.write_text("Wang Yi met Sergei Lavrov in Moscow on 5 June 2023.\n", encoding="utf-8")
    ingest([str(local)], Settings(db=str(db)))
    assert rows(db, "SELECT url FROM documents_flat WHERE source=?", str(local))[0][0] is None


def test_parquet_has_native_nested_types(exported):
    import pyarrow as pa
    import pyarrow.parquet as pq
    t = pq.read_table(exported / "events.parquet")
    assert pa.types.is_list(t.schema.field("participants").type)
    assert pa.types.is_struct(t.schema.field("participants").type.value_type)
    assert pa.types.is_struct(t.schema.field("date").type) and pa.types.is_map(t.schema.field("inferred").type)
    assert t.schema.field("cameo").type == pa.string()
    jsonl = [json.loads(x) for x in (exported / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    by_id = {r["id"]: r for r in t.to_pylist()}
    for e in jsonl:   # the same records as the JSONL, nested values and all
        p = by_id[e["id"]]
        assert p["participants"] == e["participants"] and p["date"] == e["date"] and p["topics"] == e["topics"]
        assert [s["doc"] for s in p["sources"]] == [s["doc"] for s in e["sources"]]
        assert dict(p["inferred"] or []) == e["inferred"]
        for c, pc in zip(e["conflicts"], p["conflicts"]):
            assert [json.loads(v["value"]) for v in pc["values"]] == [v["value"] for v in c["values"]]
    flat = pq.read_table(exported / "events_flat.parquet")
    assert flat.schema.field("round").type == pa.int64() and flat.schema.field("confidence").type == pa.float64()


def test_csv_keeps_codes_as_text_and_says_so(exported):
    import pandas as pd
    text = (exported / "events_flat.csv").read_text(encoding="utf-8")
    assert re.search(r",040,", text)
    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    fields = {r["name"]: {f["name"]: f["type"] for f in r["schema"]["fields"]} for r in package["resources"]}
    assert fields["events_flat"]["cameo"] == "string" and fields["events_flat"]["round"] == "integer"
    assert fields["events"]["cameo"] == "string"
    for r in package["resources"]:
        assert (exported / r["path"]).is_file()
    dtypes = {name: str for name, kind in fields["events_flat"].items() if kind == "string"}
    df = pd.read_csv(exported / "events_flat.csv", dtype=dtypes)
    assert set(df.cameo.dropna()) == {"040"}


def _readme_blocks() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Reading the store and the exports from other tools")[1].split("\n## ")[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_the_readme_examples_run(store_db, exported, capsys):
    blocks = _readme_blocks()
    assert len(blocks) == 2 and "duckdb" in blocks[0] and "pandas" in blocks[1]
    cwd = os.getcwd()
    os.chdir(store_db.parent)   # the examples read parley.db and out/ where they run
    try:
        ns: dict = {}
        exec(compile(blocks[0], "README duckdb", "exec"), ns)
        shown = capsys.readouterr().out
        assert "Patrushev" in shown or "Патрушев" in shown
        ns = {}
        exec(compile(blocks[1], "README pandas", "exec"), ns)
    finally:
        os.chdir(cwd)
    assert ns["per_year"].sum() > 5 and str(ns["people"].date_from.dtype).startswith("datetime64")
    assert set(ns["events"].cameo.dropna()) == {"040"}


def test_datasette_metadata_describes_every_table_and_flat_column(store_db):
    meta = yaml.safe_load((ROOT / "parley" / "datasette.yaml").read_text(encoding="utf-8"))
    tables = meta["databases"]["parley"]["tables"]
    in_store = {r[0] for r in rows(store_db, "SELECT name FROM sqlite_master WHERE type='table' "
                                             "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'documents_fts_%'")}
    assert in_store <= set(tables), in_store - set(tables)
    for t in views.TABLES:
        cols = {r[1] for r in rows(store_db, f"PRAGMA table_info({t})")}
        assert cols == set(tables[t]["columns"]), (t, cols ^ set(tables[t]["columns"]))


def test_corrections_reach_the_flat_tables_the_parquet_export_and_the_pages(tmp_path):
    import pyarrow.parquet as pq
    from starlette.testclient import TestClient

    from parley.corrections import Corrections
    from parley.web.app import create_app
    db = tmp_path / "p.db"
    ingest([str(EXAMPLES / "history")], Settings(db=str(db)))
    mech = "cn-ru-strategic-security-consultation"
    rejected, = rows(db, "SELECT id FROM events_flat WHERE mechanism=? AND round=16", mech)[0]
    fixed, = rows(db, "SELECT id FROM events_flat WHERE mechanism=? AND round=15", mech)[0]
    with Corrections(str(db), author="tester") as c:
        c.reject(rejected, note="written here: a test of the rejection")
        c.set(fixed, "date", "2019-09-04", note="written here: a test of a set field")
    assert not rows(db, "SELECT 1 FROM events_flat WHERE id=?", rejected)
    assert rows(db, "SELECT date_start, date_precision FROM events_flat WHERE id=?", fixed)[0][:] == ("2019-09-04", "day")
    assert rows(db, "SELECT rounds FROM mechanisms WHERE id=?", mech)[0][0] == \
        rows(db, "SELECT count(*) FROM events_flat WHERE mechanism=?", mech)[0][0]
    with Store(db, readonly=True) as store:
        export(store, kb.load(), tmp_path / "out", "parquet")
    events = {r["id"]: r for r in pq.read_table(tmp_path / "out" / "events.parquet").to_pylist()}
    assert rejected not in events and dict(events[fixed]["corrected"])["date"] == events[fixed]["corrections"][0]
    assert pq.read_table(tmp_path / "out" / "corrections.parquet").num_rows == 2
    client = TestClient(create_app(db))
    assert f"/events/{rejected}" not in client.get(f"/mechanisms/{mech}").text
    page = client.get(f"/events/{rejected}").text
    assert "Rejected by an analyst" in page and "a test of the rejection" in page
    assert "corrected by an analyst" in client.get(f"/events/{fixed}").text
