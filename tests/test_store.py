"""The store on its own: a document and what was read from it go in whole, once; the same text
from another place is one document; events are rebuilt from the stored mentions."""
from __future__ import annotations

import sqlite3

import pytest

TEXT = ("Beijing, 12 April 2023 — Wang Yi held talks with Sergei Lavrov in Beijing on Tuesday. "
        "\"We agreed on a great deal,\" Wang Yi said after the talks.\n")


@pytest.fixture
def result(analyze):
    return analyze(TEXT, "2023-04-12", source="a.txt")


def test_a_document_goes_in_once_with_everything_read_from_it(tmp_path, result):
    from parley.store import Store
    with Store(tmp_path / "s.db") as store:
        assert not store.has_document(result.document.id)
        assert store.add(result) is True
        assert store.has_document(result.document.id)
        assert store.add(result) is False                  # the same document again: nothing new
        counts = store.counts()
        assert counts["documents"] == 1
        (mention,) = list(store.mentions())
        assert mention["id"] == result.events[0].id and mention["evidence"]
        assert mention == result.events[0].to_dict()       # what was read comes back as it was
        assert [q["id"] for q in store.quotes()] == [q.id for q in result.quotes]
        doc = store.document(result.document.id)
        assert doc["text"] == result.document.text and doc["published"] == "2023-04-12"


def test_the_same_text_from_another_place_keeps_the_smallest_source(tmp_path, analyze, result):
    from parley.store import Store
    again = analyze(TEXT, "2023-04-12", source="0-mirror.txt")
    assert again.document.id == result.document.id
    with Store(tmp_path / "s.db") as store:
        store.add(result)
        assert store.add(again) is False
        assert store.document(result.document.id)["source"] == "0-mirror.txt"


def test_a_failed_document_leaves_nothing_behind(tmp_path, result, monkeypatch):
    from parley.store import Store
    with Store(tmp_path / "s.db") as store:
        bad = result.events[0]
        monkeypatch.setattr(type(bad), "to_dict", lambda self: (_ for _ in ()).throw(RuntimeError("boom")))
        with pytest.raises(RuntimeError):
            store.add(result)
        assert not store.has_document(result.document.id)
        assert store.counts()["documents"] == 0


def test_events_are_rebuilt_from_the_stored_mentions(tmp_path, result):
    from parley.ingest import resolve_store
    from parley.store import Store
    with Store(tmp_path / "s.db") as store:
        store.add(result)
        assert store.stale()
        assert resolve_store(store) == 1
        assert not store.stale()
        (ev,) = store.events()
        assert {p["id"] for p in ev["participants"]} == {"wang-yi", "sergei-lavrov"}
        assert store.event(ev["id"])["id"] == ev["id"]


def test_a_file_that_is_not_a_store_is_a_clear_error(tmp_path):
    from parley.errors import ParleyError
    from parley.store import Store
    path = tmp_path / "not.db"
    path.write_text("this is not a database\n" * 100)
    with pytest.raises((ParleyError, sqlite3.DatabaseError)):
        with Store(path) as store:
            store.counts()
