"""The Python API: analyze a text without a store; open a store and list records."""
import parley
from conftest import SEEDS


def test_analyze_without_a_store():
    res = parley.analyze_text("Wang Yi held talks with Sergei Lavrov in Moscow on Monday.", published="2023-09-19")
    (ev,) = res.events
    assert ev.date == {"start": "2023-09-18", "end": "2023-09-18"}
    assert res.document.language == "en"


def test_store_lists_events_and_documents(tmp_path):
    db = str(tmp_path / "p.db")
    summary = parley.ingest_paths([str(SEEDS)], db=db)
    assert len(summary.ingested) == 5
    with parley.open_store(db, readonly=True) as store:
        assert len(store.documents()) == 5
        assert len(store.events()) == 9
