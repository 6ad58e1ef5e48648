"""Nothing a document holds stops the others: a failure while reading, analyzing, storing or
rebuilding is one document's rejection ("internal error: ...", traceback in the log), the summary
is always printed, internal errors exit 2; ids never collide; names, bytes and sizes that real
corpora hold are read or rejected with a reason, in bounded time and memory."""
from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st
from typer.testing import CliRunner

from conftest import EXAMPLES
from parley.cli import app
from parley.ingest import ingest
from parley.settings import Settings
from parley.store import Store

runner = CliRunner()

TALKS = "Talks in Geneva\n\nWang Yi held talks with Sergei Lavrov in Geneva on Tuesday, March 7, 2023."
CALL = "A call\n\nXi Jinping spoke with Vladimir Putin by telephone on Friday, June 16, 2023."
FAULTY = "A visit\n\nSergei Shoigu met Chen Wenqing in Moscow on 19 September 2024. (faulty-marker)"


def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for name, text in (("a.txt", TALKS), ("b.txt", FAULTY), ("c.txt", CALL)):
        (d / name).write_text(text, encoding="utf-8")
    return d


def test_a_failure_storing_one_document_rejects_it_and_the_batch_goes_on(tmp_path, monkeypatch):
    real = Store._add

    def fragile(self, result):
        if "faulty-marker" in result.document.text:
            self.db.execute("INSERT INTO documents(id, source, text, seq) VALUES ('half', 'x', 'x', 0)")   # half-written
            raise ValueError("a bug in storing")
        return real(self, result)
    monkeypatch.setattr(Store, "_add", fragile)
    db = tmp_path / "p.db"
    s = ingest([str(corpus(tmp_path))], Settings(db=str(db)))
    assert sorted(Path(x).name for x in s.ingested) == ["a.txt", "c.txt"]
    [(source, reason)] = s.rejected
    assert Path(source).name == "b.txt" and reason == "internal error: while storing: ValueError: a bug in storing"
    assert s.internal_errors == 1 and s.events >= 2
    log = Path(s.log).read_text()
    assert "b.txt" in log and "Traceback" in log and "fragile" in log
    with Store(db) as st_:
        assert st_.db.execute("SELECT count(*) FROM documents WHERE id='half'").fetchone()[0] == 0   # rolled back whole
    monkeypatch.setattr(Store, "_add", real)       # the bug fixed: the next run stores it
    s = ingest([str(tmp_path / "in")], Settings(db=str(db)))
    assert [Path(x).name for x in s.ingested] == ["b.txt"] and not s.rejected


def test_a_failure_analyzing_one_document_is_an_internal_error_and_exits_2(tmp_path, monkeypatch):
    from parley.analyze import Analyzer
    real = Analyzer.analyze_document

    def fragile(self, doc):
        if "faulty-marker" in doc.text:
            raise KeyError("frame")
        return real(self, doc)
    monkeypatch.setattr(Analyzer, "analyze_document", fragile)
    db = tmp_path / "p.db"
    r = runner.invoke(app, ["ingest", "--db", str(db), "-q", str(corpus(tmp_path))])
    assert r.exit_code == 2, r.output
    assert "ingested 2, already present 0, rejected 1" in r.output
    assert "internal error: while analyzing: KeyError: 'frame'" in r.output
    assert f"tracebacks in {db}.errors.log" in r.output.replace("\n", "")


def test_a_failure_rebuilding_the_events_keeps_the_old_ones_and_the_next_run_finishes(tmp_path, monkeypatch):
    from parley.resolve import merge
    db = tmp_path / "p.db"
    d = corpus(tmp_path)
    (d / "b.txt").unlink()
    ingest([str(d)], Settings(db=str(db)))
    with Store(db) as s:
        before = s.events()
    (d / "b.txt").write_text(FAULTY, encoding="utf-8")
    real = merge.build_event

    def fragile(group):
        if any("faulty" in (m.get("doc") or "") or m["date"] and m["date"]["start"] == "2024-09-19" for m in group):
            raise ZeroDivisionError("in the resolver")
        return real(group)
    monkeypatch.setattr(merge, "build_event", fragile)
    s = ingest([str(d)], Settings(db=str(db)))
    assert [Path(x).name for x in s.ingested] == ["b.txt"]
    assert s.events_error.startswith("internal error: while rebuilding the events: ZeroDivisionError")
    with Store(db) as st_:
        assert st_.events() == before and st_.stale()
    monkeypatch.setattr(merge, "build_event", real)
    s = ingest([str(d)], Settings(db=str(db)))
    assert s.events == len(before) + 1 and not s.events_error


def test_one_quote_given_two_speakers_is_stored_once(tmp_path):
    text = ("王毅会见沙利文\n\n2023年5月10日，王毅在维也纳同美国总统国家安全事务助理沙利文举行会晤。"
            "沙利文对王毅强调，双方应当保持沟通。")
    (tmp_path / "zh.txt").write_text(text, encoding="utf-8")
    s = ingest([str(tmp_path / "zh.txt")], Settings(db=str(tmp_path / "p.db")))
    assert len(s.ingested) == 1 and not s.rejected
    with Store(tmp_path / "p.db") as st_:
        quotes = st_.quotes()
    assert len(quotes) == len({q["id"] for q in quotes}) >= 1


def test_two_events_that_come_out_with_one_id_are_merged_with_their_conflicts(tmp_path):
    """Two reports of one numbered round that matching kept apart: one event, both sources, the
    disagreement a conflict (never a constraint failure)."""
    from parley.ingest import resolve_store
    from parley.resolve.merge import build_event
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("Round nine\n\nThe ninth meeting of the China-Russia law enforcement and security cooperation "
                             "mechanism was held in Moscow on 19 September 2024.", encoding="utf-8")
    (d / "b.txt").write_text("Round nine\n\nThe ninth meeting of the China-Russia law enforcement and security cooperation "
                             "mechanism was held in Beijing on 3 June 2022.", encoding="utf-8")
    db = tmp_path / "p.db"
    ingest([str(d)], Settings(db=str(db)))
    with Store(db) as store:
        mentions = sorted(store.mentions(), key=lambda m: m["id"])
        assert len(mentions) == 2 and {m["round"] for m in mentions} == {9}
        apart = [(build_event([m]), [m["id"]]) for m in mentions]     # what a matcher that kept them apart gives
        assert apart[0][0]["id"] == apart[1][0]["id"]

        def rebuild(ids, merged):
            return build_event(store.mentions_by_id(ids))
        n = store.rebuild_events(iter(apart), lambda series: [], rebuild)
        [ev] = store.events()
        assert n == 1 and len(ev["sources"]) == 2
        assert {c["field"] for c in ev["conflicts"]} >= {"date"}
        links = store.db.execute("SELECT count(*) FROM event_mentions WHERE event=?", (ev["id"],)).fetchone()[0]
        assert links == 2
        assert resolve_store(store) == 1      # and the resolver itself gives one event


def test_a_file_name_that_is_not_utf8_is_read_and_named(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    bad = os.fsencode(str(d)) + b"/lat\xe9n.txt"
    with open(bad, "wb") as fh:
        fh.write(TALKS.encode())
    (d / "ok.txt").write_text(CALL, encoding="utf-8")
    s = ingest([str(d)], Settings(db=str(tmp_path / "p.db")))
    assert not s.rejected and sorted(Path(x).name for x in s.ingested) == ["lat\\xe9n.txt", "ok.txt"]
    with Store(tmp_path / "p.db") as st_:
        assert {Path(x["source"]).name for x in st_.documents()} == {"lat\\xe9n.txt", "ok.txt"}


def test_a_gzip_bomb_named_warc_is_rejected_in_bounded_time_and_memory(tmp_path):
    bomb = tmp_path / "crawl.warc.gz"
    zeros = b"\0" * (1 << 24)
    with gzip.open(bomb, "wb", compresslevel=9) as g:
        for _ in range(64):           # 1 GiB expanded, 1 MB on disk
            g.write(zeros)
    code = ("import sys\nfrom parley.ingest import ingest\nfrom parley.settings import Settings\n"
            f"s = ingest([{str(bomb)!r}], Settings(db={str(tmp_path / 'p.db')!r}))\n"
            # the peak of this process's own memory (ru_maxrss would carry the forking test process's over exec)
            "print(repr(s.rejected)); print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    rejected, peak_kb = r.stdout.strip().splitlines()[-2:]
    assert "not a WARC file" in rejected
    assert int(peak_kb) < 400_000       # the analysis's own footprint, not the expanded size


def test_a_record_that_expands_past_its_length_stops_the_file_with_a_reason(tmp_path):
    import io
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    html = f"<html><body><article><p>{TALKS.split(chr(10))[-1]}</p></article></body></html>".encode()
    w.write_record(w.create_warc_record("https://news.example/a", "response", payload=io.BytesIO(html), http_headers=headers))
    path = tmp_path / "x.warc.gz"
    path.write_bytes(buf.getvalue() + gzip.compress(b"\0" * (1 << 26)))
    s = ingest([str(path)], Settings(db=str(tmp_path / "p.db")))
    assert len(s.ingested) == 1
    [(_, reason)] = s.rejected
    assert "expands past its stated length" in reason


def test_a_stray_byte_in_a_page_is_replaced_and_counted_but_a_damaged_text_file_is_still_rejected(tmp_path):
    page = ("<html><head><title>Talks in Geneva</title><script>var s = 'caf\xe9';</script></head><body><article>"
            "<p>Wang Yi held talks with Sergei Lavrov in Geneva on Tuesday, March 7, 2023, the two ministers said "
            "in a statement after a meeting of two hours.</p></article></body></html>")
    data = page.encode("utf-8").replace("caf\xe9".encode("utf-8"), b"caf\xe9")   # one Latin-1 byte in a script
    (tmp_path / "p.html").write_bytes(data)
    (tmp_path / "t.txt").write_bytes(TALKS.encode("utf-8")[:40] + b"\xe9" + TALKS.encode("utf-8")[40:])
    s = ingest([str(tmp_path / "p.html"), str(tmp_path / "t.txt")], Settings(db=str(tmp_path / "p.db")))
    assert [Path(x).name for x in s.ingested] == ["p.html"]
    assert [(Path(x).name, r.split(" (")[0]) for x, r in s.rejected] == [("t.txt", "invalid UTF-8 at byte 40")]
    with Store(tmp_path / "p.db") as st_:
        [row] = st_.db.execute("SELECT replaced_bytes, text FROM documents").fetchall()
    assert row[0] == 1 and "Lavrov" in row[1]


@hsettings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .U_S9é\u4e00\t")), max_size=60), st.data())   # a line: no line breaks
def test_the_word_before_a_full_stop_is_the_regex_answer(line, data):
    from parley.annotate.text import _word_before
    end = data.draw(st.integers(0, len(line)))
    w = re.search(r"([\w.]+)$", line[:end])
    assert _word_before(line, end) == (w.group(1) if w else "")


def test_ingest_of_every_example_and_hostile_mixture_keeps_the_store_consistent(tmp_path):
    """Glued, duplicated and truncated real example texts in one batch: never a traceback."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.rglob("*.txt"))][:40]
    d = tmp_path / "mix"
    d.mkdir()
    for i, t in enumerate(texts):
        (d / f"{i:03d}a.txt").write_text(t + "\n\n" + texts[(i + 1) % len(texts)], encoding="utf-8")
        (d / f"{i:03d}b.txt").write_text(t[: len(t) // 2], encoding="utf-8")
        (d / f"{i:03d}c.txt").write_text(t.replace(". ", ".") * 2, encoding="utf-8")
    s = ingest([str(d)], Settings(db=str(tmp_path / "p.db")))
    assert not s.internal_errors, s.rejected
    _consistent(tmp_path / "p.db")


def _consistent(db: Path) -> None:
    import sqlite3
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM mentions m LEFT JOIN documents d ON d.id = m.doc WHERE d.id IS NULL").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM event_mentions l LEFT JOIN events e ON e.id = l.event WHERE e.id IS NULL").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM event_mentions l LEFT JOIN mentions m ON m.id = l.mention WHERE m.id IS NULL").fetchone()[0] == 0
        linked = con.execute("SELECT count(DISTINCT mention) FROM event_mentions").fetchone()[0]
        assert linked == con.execute("SELECT count(*) FROM mentions").fetchone()[0]      # every mention in one event
        row = con.execute("SELECT value FROM meta WHERE key='resolved_documents'").fetchone()
        assert row and int(row[0]) == con.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        con.close()
