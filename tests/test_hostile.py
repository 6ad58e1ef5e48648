"""Hostile input: every file of the generated corpus ends ingested or rejected with a one-line
reason; nothing crashes or hangs; what was stored before is untouched."""
import time
from pathlib import Path


from hostile import generate
from parley.ingest import ingest
from parley.settings import Settings
from parley.store import Store


def test_every_hostile_file_is_accounted_for(tmp_path):
    names = generate(tmp_path / "corpus", big_mb=200)
    db = tmp_path / "p.db"
    ingest([str(Path(__file__).parent.parent / "examples" / "en")], Settings(db=str(db)))
    with Store(db) as s:
        before = s.documents()
    t = time.perf_counter()
    summary = ingest([str(tmp_path / "corpus")], Settings(db=str(db), timeout=20))
    took = time.perf_counter() - t
    sources = [s for s in summary.ingested + summary.present] + [s for s, _ in summary.rejected]
    files = {Path(s.split("#")[0]).name for s in sources}
    assert files == set(names), set(names) ^ files
    reasons = dict(summary.rejected)
    for source, reason in summary.rejected:
        assert reason and "\n" not in reason and len(reason) < 300, (source, reason)
    by_name = {Path(s.split("#")[0]).name: r for s, r in reasons.items()}
    assert "too large" in by_name["huge.txt"]
    assert "empty" in by_name["empty.txt"] and "white space" in by_name["whitespace.txt"] or "empty" in by_name["whitespace.txt"]
    assert "binary" in by_name["binary.bin"]
    assert "invalid UTF-8" in by_name["invalid_utf8_middle.txt"]
    assert "bad_feed.rss" in by_name
    assert any(Path(s.split("#")[0]).name == "good_cp1251.txt" for s in summary.ingested)
    assert took < 120
    with Store(db) as s:
        after = {d["id"] for d in s.documents()}
        assert {d["id"] for d in before} <= after
        assert s.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_document_over_the_time_limit_is_rejected_and_the_rest_goes_on(tmp_path, monkeypatch):
    import signal
    from parley.analyze import Analyzer
    real = Analyzer.analyze_document

    def slow(self, doc):
        if "glacial" in doc.text:
            time.sleep(3)
        return real(self, doc)
    monkeypatch.setattr(Analyzer, "analyze_document", slow)
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A glacial story.\n\nWang Yi met Sergei Lavrov in Moscow on Monday.", encoding="utf-8")
    (corpus / "b.txt").write_text("Talks\n\nXi Jinping held talks with Vladimir Putin in Beijing on Tuesday.", encoding="utf-8")
    before = signal.getsignal(signal.SIGALRM)
    t = time.perf_counter()
    summary = ingest([str(corpus)], Settings(db=str(tmp_path / "p.db"), timeout=0.5, workers=1))
    assert time.perf_counter() - t < 2.5
    assert [Path(s).name for s in summary.ingested] == ["b.txt"]
    assert [(Path(s).name, r) for s, r in summary.rejected] == [("a.txt", "took longer than 0.5 s to analyze (the per-document limit)")]
    assert signal.getsignal(signal.SIGALRM) is before      # the handler does not outlive the ingest
