"""The web UI is safe to point at hostile text and hostile requests: an article whose text holds
script and markup is shown as text on every page it reaches; SQL sent in every query parameter
and path is data (no error, no row it should not match, the store unchanged); the store is opened
read-only; binding beyond this machine needs an explicit flag."""
from __future__ import annotations

import hashlib
import re
import sqlite3
from urllib.parse import quote

import pytest
from typer.testing import CliRunner

import webstore

INJECTIONS = ["' OR '1'='1", "x' OR 1=1 --", "\"; DROP TABLE events; --", "1; DELETE FROM documents",
              "%", "_", "') UNION SELECT sql, sql, sql FROM sqlite_master --", "\\", "\x00", "NEAR(a b)", "*"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return webstore.build(tmp_path_factory.mktemp("websec"))


@pytest.fixture(scope="module")
def client(db):
    from starlette.testclient import TestClient

    from parley.web.app import create_app
    return TestClient(create_app(db), raise_server_exceptions=False)


def hostile_doc(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT id FROM documents WHERE source LIKE '%hostile.txt'").fetchone()[0]
    finally:
        con.close()


def no_live_markup(html: str) -> None:
    assert "<script" not in html.lower()
    assert not re.search(r"<(img|iframe|b)\b[^>]*\bon\w+=", html, re.I)
    assert "<iframe" not in html.lower() and 'href="javascript:' not in html.lower()


def test_script_and_markup_in_a_document_are_shown_as_text(client, db):
    did = hostile_doc(db)
    con = sqlite3.connect(db)
    events = [e for (e,) in con.execute("SELECT DISTINCT event FROM event_sources WHERE doc=?", (did,))]
    con.close()
    assert events, "the article is about a meeting: it must reach an event page"
    pages = [f"/documents/{did}", "/documents?q=pwned", "/documents?q=script", "/documents",
             "/events?mechanism=cn-ru-strategic-security-consultation"] + [f"/events/{e}" for e in events]
    for path in pages:
        r = client.get(path)
        assert r.status_code == 200, path
        no_live_markup(r.text)
    doc = client.get(f"/documents/{did}").text
    assert "&lt;script&gt;window.__pwned = 1" in doc and "&lt;img src=x onerror=" in doc
    assert "<title>&lt;script&gt;" in doc
    event = client.get(f"/events/{events[0]}").text
    assert "&lt;img src=x onerror=" in event or "&lt;b onmouseover=" in event   # its evidence sentence, escaped
    assert "script-src" not in client.get("/").headers["content-security-policy"]   # no script source allowed at all
    assert "default-src 'none'" in client.get("/").headers["content-security-policy"]


def fingerprint(db) -> str:
    con = sqlite3.connect(db)
    try:
        h = hashlib.sha256()
        for t in ("documents", "events", "mentions", "quotes", "events_flat", "event_participants", "mechanisms", "actors"):
            for row in con.execute(f"SELECT * FROM {t} ORDER BY rowid"):
                h.update(repr(tuple(row)).encode())
        return h.hexdigest()
    finally:
        con.close()


def test_sql_in_every_parameter_is_only_data(client, db):
    before = fingerprint(db)
    lists = {"/events": ["mechanism", "actor", "country", "pair", "status", "since", "until", "topic", "page", "per"],
             "/documents": ["q", "language", "kind", "page"],
             "/actors": ["q", "country", "page"],
             "/download/events_flat.csv": ["mechanism", "actor", "status", "topic"]}
    for path, params in lists.items():
        for p in params:
            for bad in INJECTIONS:
                r = client.get(path, params={p: bad})
                assert r.status_code in (200, 400), (path, p, bad, r.status_code)
                if r.status_code == 200 and path == "/events" and p in ("mechanism", "actor", "status", "topic"):
                    assert "<p class=\"muted\">0 events" in r.text, (p, bad)   # matched nothing, not everything
                if r.status_code == 200 and path == "/download/events_flat.csv":
                    assert r.text.count("\n") == 1, (p, bad)   # the header only
    for bad in INJECTIONS:
        for path in ("/events/", "/documents/", "/actors/", "/mechanisms/"):
            r = client.get(path + quote(bad, safe=""))
            assert r.status_code in (404, 400), (path, bad, r.status_code)
        assert client.get("/download/" + quote(bad, safe="") + ".csv").status_code == 404
    assert fingerprint(db) == before


def test_the_store_is_opened_read_only(db):
    from parley.store import Store
    from parley.web import app as web_app
    with Store(db, readonly=True) as s:   # the way every request opens it
        with pytest.raises(sqlite3.OperationalError):
            s.db.execute("DELETE FROM events")
    assert "readonly=True" in open(web_app.__file__, encoding="utf-8").read()


def test_only_loopback_is_local():
    from parley.web import is_local
    assert all(is_local(h) for h in ("127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"))
    assert not any(is_local(h) for h in ("0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.org", ""))


def test_a_non_local_bind_needs_an_explicit_flag_and_says_so(db):
    from parley.cli import app
    r = CliRunner().invoke(app, ["serve", "--db", str(db), "--host", "0.0.0.0", "--port", "8123"])
    assert r.exit_code == 2 and "--allow-remote" in r.output and "other machines" in r.output


def test_serving_a_missing_store_is_a_clear_error(tmp_path):
    from parley.cli import app
    r = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert r.exit_code == 2 and "no such database" in r.output
