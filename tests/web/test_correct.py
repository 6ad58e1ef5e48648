"""Corrections from the web UI: only with corrections on; a form leads to a confirmation page that
says what will happen, the confirmation makes the correction (the same rule as `parley correct`),
the event page shows the audit trail and can undo; a post without the server's token is refused."""
from __future__ import annotations

import re

import pytest

from parley.ingest import ingest
from parley.settings import Settings

TALKS = "Talks in Moscow\n\nSergei Lavrov and Wang Yi held talks in Moscow on 9 April 2024."
OTHER = "Geneva\n\nSergei Lavrov met Wang Yi in Geneva on 20 May 2024, the two ministers said."


@pytest.fixture
def db(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "moscow.txt").write_text(TALKS, encoding="utf-8")
    (d / "geneva.txt").write_text(OTHER, encoding="utf-8")
    ingest([str(d)], Settings(db=str(tmp_path / "p.db")))
    return tmp_path / "p.db"


def client(db, corrections=True):
    from starlette.testclient import TestClient

    from parley.web.app import create_app
    return TestClient(create_app(db, corrections=corrections))


def events(db):
    from parley.store import Store
    with Store(db, readonly=True) as s:
        return {e["location"]["city"]: e for e in s.events(rejected=True)}


def token_of(html: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def test_a_read_only_server_shows_the_trail_but_no_form(db):
    c = client(db, corrections=False)
    ev = events(db)["Moscow"]
    page = c.get(f"/events/{ev['id']}").text
    assert "No analyst has corrected this event" in page and "Correct this event" not in page
    assert c.post(f"/events/{ev['id']}/correct", data={"kind": "reject"}).status_code in (404, 405)


def test_set_a_field_through_a_confirmation_then_undo_it(db):
    c = client(db)
    ev = events(db)["Moscow"]
    page = c.get(f"/events/{ev['id']}").text
    assert "Correct this event" in page
    token = token_of(page)
    form = {"token": token, "kind": "set", "field": "date", "value": "2024-04-10", "note": "the day after", "author": "ana"}
    confirm = c.post(f"/events/{ev['id']}/correct/confirm", data=form)
    assert confirm.status_code == 200 and "Set date of event" in confirm.text and "2024-04-10" in confirm.text
    assert events(db)["Moscow"]["date"]["start"] == "2024-04-09"        # nothing changes before the confirmation
    done = c.post(f"/events/{ev['id']}/correct", data=form, follow_redirects=False)
    assert done.status_code == 303
    page = c.get(done.headers["location"]).text
    assert "Correction 1 made" in page and "corrected by an analyst (correction 1)" in page and "ana" in page
    assert events(db)["Moscow"]["date"] == {"start": "2024-04-10", "end": "2024-04-10"}
    undo = {"token": token, "kind": "undo", "number": "1", "author": "ben"}
    assert "Undo correction 1" in c.post(f"/events/{ev['id']}/correct/confirm", data=undo).text
    c.post(f"/events/{ev['id']}/correct", data=undo)
    assert events(db)["Moscow"]["date"]["start"] == "2024-04-09"
    assert "undone" in c.get(f"/events/{ev['id']}").text


def test_reject_and_merge_from_the_page(db):
    c = client(db)
    evs = events(db)
    token = token_of(c.get(f"/events/{evs['Moscow']['id']}").text)
    c.post(f"/events/{evs['Geneva']['id']}/correct", data={"token": token, "kind": "reject", "note": "not a meeting"})
    assert events(db)["Geneva"]["rejected"]["note"] == "not a meeting"
    assert "Rejected by an analyst" in c.get(f"/events/{evs['Geneva']['id']}").text
    c.post(f"/events/{evs['Geneva']['id']}/correct", data={"token": token, "kind": "restore"})
    r = c.post(f"/events/{evs['Moscow']['id']}/correct", data={"token": token, "kind": "merge", "other": evs["Geneva"]["id"]},
               follow_redirects=False)
    assert r.status_code == 303
    merged = c.get(r.headers["location"]).text
    assert "merge" in merged and len(events(db)) == 1


def test_a_post_without_the_token_or_with_bad_values_is_refused(db):
    c = client(db)
    ev = events(db)["Moscow"]
    r = c.post(f"/events/{ev['id']}/correct", data={"kind": "reject", "token": "forged"})
    assert r.status_code == 400 and "stale" in r.text
    token = token_of(c.get(f"/events/{ev['id']}").text)
    for bad in ({"kind": "drop table"}, {"kind": "set", "field": "weather", "value": "x"},
                {"kind": "set", "field": "round", "value": "zero"}, {"kind": "merge", "other": "ev_nope"}):
        r = c.post(f"/events/{ev['id']}/correct", data={"token": token, **bad})
        assert r.status_code in (400, 404), (bad, r.status_code)
    assert "corrected" not in events(db)["Moscow"]
