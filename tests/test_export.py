"""The export on its own: the contract's tables (DESIGN.md) from a store, in each format."""
from __future__ import annotations

import csv
import json

import pytest

TEXTS = {
    "a.txt": "Beijing, 12 April 2023 — Wang Yi held talks with Sergei Lavrov in Beijing on Tuesday. "
             "\"We agreed on a great deal,\" Wang Yi said after the talks.\n",
    "b.txt": "Moscow, 13 April 2023 — Sergei Lavrov met Wang Yi in Beijing on Tuesday, the ministry said.\n",
}


@pytest.fixture
def store(tmp_path, analyze):
    from parley.ingest import resolve_store
    from parley.store import Store
    s = Store(tmp_path / "s.db")
    for name, text in TEXTS.items():
        s.add(analyze(text, source=name))
    resolve_store(s)
    yield s
    s.close()


def _jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_the_tables_of_the_contract_in_jsonl(tmp_path, store):
    from parley import kb
    from parley.export import export
    counts = export(store, kb.load(), tmp_path / "out", "jsonl")
    from parley import views
    assert set(counts) == {"documents", "events", "quotes", "mechanisms", "actors", "corrections"} | {
        {"mechanisms": "mechanisms_flat", "actors": "actors_flat"}.get(t, t) for t in views.TABLES}   # and the flat tables
    (ev,) = _jsonl(tmp_path / "out" / "events.jsonl")      # two reports of one meeting: one event
    assert list(ev)[:9] == ["id", "type", "cameo", "status", "mechanism", "round", "date", "location", "modality"]
    assert ev["date"] == {"start": "2023-04-11", "end": "2023-04-11"}
    assert len(ev["sources"]) == 2 and all(s["evidence"] for s in ev["sources"])
    assert all(set(e) == {"field", "start", "end", "text", "rule"} for s in ev["sources"] for e in s["evidence"])
    docs = {d["id"]: d for d in _jsonl(tmp_path / "out" / "documents.jsonl")}
    for s in ev["sources"]:     # every evidence span is the text it names
        text = store.document(s["doc"])["text"]
        assert all(text[e["start"]:e["end"]] == e["text"] for e in s["evidence"]) and s["doc"] in docs
    (q,) = _jsonl(tmp_path / "out" / "quotes.jsonl")
    assert q["speaker"]["id"] == "wang-yi" and q["event"] == ev["id"]


def test_csv_has_the_same_rows(tmp_path, store):
    from parley import kb
    from parley.export import export
    export(store, kb.load(), tmp_path / "j", "jsonl")
    export(store, kb.load(), tmp_path / "c", "csv")
    with open(tmp_path / "c" / "events.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    events = _jsonl(tmp_path / "j" / "events.jsonl")
    assert [r["id"] for r in rows] == [e["id"] for e in events]
    assert json.loads(rows[0]["sources"]) == events[0]["sources"]     # nested values as JSON


def test_an_unknown_format_is_a_clear_error(tmp_path, store):
    from parley import kb
    from parley.errors import UsageError
    from parley.export import export
    with pytest.raises(UsageError, match="unknown format"):
        export(store, kb.load(), tmp_path / "x", "xml")
