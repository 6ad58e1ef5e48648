"""The web UI in-process (Starlette's test client) on a store of the examples: every page shows
what the store holds — the timeline with its gaps, an event's fields with evidence highlighted,
conflicts and merges, a document's text and removed boilerplate, an actor's names and roles —
lists filter and paginate, search finds Chinese, and every table downloads."""
from __future__ import annotations

import csv
import io
import json
import re
import sqlite3

import pytest

import webstore


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return webstore.build(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def client(db):
    from starlette.testclient import TestClient

    from parley.web.app import create_app
    return TestClient(create_app(db))


def one(db, sql, *args):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchone()
    finally:
        con.close()


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


MECH = "cn-ru-strategic-security-consultation"


def test_mechanism_list_shows_parties_founding_rounds_and_last_round(client, db):
    r = client.get("/")
    assert r.status_code == 200
    row = re.search(r'<tr>\s*<td><a href="/mechanisms/' + MECH + r'">(.*?)</tr>', r.text, re.S).group(0)
    rounds, last = one(db, "SELECT count(*), max(round) FROM events WHERE mechanism=?", MECH)
    cells = [text_of(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells[1] == "CN,RU" and cells[2] == "2005" and cells[3] == str(rounds) and cells[4] == str(last)
    assert "<svg" in r.text   # the meetings-per-year chart


def test_timeline_draws_rounds_on_a_time_axis_with_gaps_as_gaps(client, db):
    r = client.get(f"/mechanisms/{MECH}")
    assert r.status_code == 200
    svg = re.search(r'<svg[^>]*class="timeline".*?</svg>', r.text, re.S).group(0)
    rounds = dict(sqlite3.connect(db).execute("SELECT round, date_start FROM events WHERE mechanism=? AND round IS NOT NULL", (MECH,)))
    numbered = set(rounds)
    labels = {int(x) for x in re.findall(r'class="rlabel">(\d+)<', svg)}
    assert labels == {n for n, d in rounds.items() if d}          # the dated rounds on the axis
    undated = sorted(n for n, d in rounds.items() if not d)
    if undated:                                                    # the others named under it
        assert re.search(r'undated: ([\d, ?]+)<', svg).group(1).replace(" ", "").split(",") == [str(n) for n in undated]
    missing = sorted(set(range(1, max(numbered))) - numbered)
    assert missing and 'class="gap"' in svg and "missing" in svg
    # rounds further apart in time are further apart on the axis
    xs = {int(m.group(2)): float(m.group(1)) for m in re.finditer(r'<circle cx="([\d.]+)".*?</g>', svg, re.S)
          for m in [re.search(r'cx="([\d.]+)".*?class="rlabel">(\d+)<', m.group(0), re.S)] if m}
    dated = sorted(xs.items())
    assert all(a[1] < b[1] for a, b in zip(dated, dated[1:]))
    table = re.search(r'<table class="list" id="rounds">.*?</table>', r.text, re.S).group(0)
    gaps = [int(g) for g in re.findall(r'<tr class="gap"><td>(\d+)</td><td colspan="6">not in the texts', table)]
    assert gaps == missing
    # each round's row: date, place, co-chairs with their titles as then, status, sources, conflicts
    eid, = one(db, "SELECT id FROM events WHERE mechanism=? AND round=17", MECH)
    row = re.search(r'<tr>\s*<td><a href="/events/' + eid + r'">17</a>.*?</tr>', table, re.S).group(0)
    e = json.loads(one(db, "SELECT data FROM events WHERE id=?", eid)[0])
    for p in e["participants"]:
        assert p["name"] in row and (not p.get("title") or p["title"] in text_of(row))
    assert f'<td class="num">{len({s["doc"] for s in e["sources"]})}</td>' in row and e["status"] in row
    flagged = [n for (n,) in sqlite3.connect(db).execute(
        "SELECT round FROM events_flat WHERE mechanism=? AND conflicts > 0 AND round IS NOT NULL", (MECH,))]
    assert flagged and svg.count('class="conflict"') == one(db, "SELECT count(*) FROM events_flat WHERE mechanism=? AND conflicts > 0 AND date_start IS NOT NULL", MECH)[0]


def test_event_page_has_every_field_evidence_rules_conflicts_merges_and_quotes(client, db):
    eid, = one(db, "SELECT id FROM events_flat WHERE mechanism=? AND conflicts > 0 AND round = 15", MECH)
    e = json.loads(one(db, "SELECT data FROM events WHERE id=?", eid)[0])
    r = client.get(f"/events/{eid}")
    assert r.status_code == 200
    fields = re.search(r'<table class="fields" id="fields">.*?</table>', r.text, re.S).group(0)
    for name in ("type", "cameo", "status", "mechanism", "round", "date", "location", "modality", "participants", "topics", "confidence"):
        assert f"<th>{name}</th>" in fields
    assert "040" in fields and "(precision: month)" in fields
    for field, reason in e["inferred"].items():
        assert f"inferred: {reason}" in fields
    for c in e["conflicts"]:
        assert f"sources disagree on {c['field']}" in fields
        for v in c["values"]:
            for d in v["docs"]:
                assert f'href="/documents/{d}"' in fields
    # every source's evidence, in its sentence, the span marked; the rule named; merges and grounds
    page = r.text
    for s in e["sources"]:
        assert f'href="/documents/{s["doc"]}"' in page and s["mention"] in page
        for g in s.get("merged") or []:
            assert g["grounds"].replace("(", "&#40;") in page or g["grounds"] in page
        for ev in s["evidence"]:
            assert re.search(r'<mark class="f-[a-z_]+" title="[^"]*' + re.escape(f"{ev['field']}: {ev['rule']}"), page) \
                or ev["text"] in text_of(page)
    round_ev = next(ev for s in e["sources"] for ev in s["evidence"] if ev["field"] == "round")
    assert re.search(r'<mark class="f-round"[^>]*>' + re.escape(round_ev["text"]) + "</mark>", page)
    quotes = sqlite3.connect(db).execute(
        "SELECT count(*) FROM quotes WHERE mention IN (SELECT mention FROM event_mentions WHERE event=?)", (eid,)).fetchone()[0]
    assert page.count('<blockquote class="quote">') == quotes


def test_document_page_marks_mentions_and_shows_removed_boilerplate(client, db):
    did, removed = one(db, "SELECT id, removed FROM documents WHERE json_array_length(removed) > 0 AND id IN "
                           "(SELECT doc FROM event_sources) ORDER BY id LIMIT 1")
    r = client.get(f"/documents/{did}")
    assert r.status_code == 200
    assert "Removed as boilerplate" in r.text
    for start, end, reason in json.loads(removed):
        assert f"<del>{reason}</del>" in r.text and f"{end - start} characters" in r.text
    marks = re.findall(r'<mark class="f-[a-z_]+" title="[^"]*"><a href="/events/(ev_[0-9a-f]+)">', r.text)
    assert marks
    events = {e for (e,) in sqlite3.connect(db).execute("SELECT event FROM event_sources WHERE doc=?", (did,))}
    assert set(marks) <= events
    for eid in events:
        assert f'href="/events/{eid}"' in r.text
    published, = one(db, "SELECT published FROM documents WHERE id=?", did)
    assert f"published {published}" in r.text


def test_actor_page_names_in_every_language_roles_and_events(client, db):
    r = client.get("/actors/wang-yi")
    assert r.status_code == 200
    assert "王毅" in r.text and "Ван И" in r.text
    assert "Foreign Minister" in r.text and "Roles over time" in r.text
    n, = one(db, "SELECT count(DISTINCT event) FROM event_participants WHERE actor='wang-yi'")
    assert f"Events ({n})" in r.text


def test_filters_combine_and_lists_paginate(client, db):
    r = client.get("/events", params={"pair": "RU-CN", "since": "2019", "until": "2023-06", "status": "occurred", "per": 3})
    assert r.status_code == 200
    expected, = one(db, "SELECT count(*) FROM events_flat WHERE status='occurred' AND date_to >= '2019-01-01' AND "
                        "date_from <= '2023-06-31' AND id IN (SELECT event FROM event_participants WHERE country='CN') "
                        "AND id IN (SELECT event FROM event_participants WHERE country='RU')")
    assert expected > 3 and f"{expected} events" in r.text
    assert r.text.count('<tr>\n  <td class="nowrap">') == 3
    nxt = re.search(r'<a rel="next" href="([^"]+)"', r.text).group(1).replace("&amp;", "&")
    assert "pair=CN-RU" in nxt and "page=2" in nxt
    r2 = client.get(nxt)
    first = set(re.findall(r'href="/events/(ev_\w+)"', r.text))
    second = set(re.findall(r'href="/events/(ev_\w+)"', r2.text))
    assert second and not first & second
    by_actor = client.get("/events", params={"actor": "Patrushev"})
    n, = one(db, "SELECT count(DISTINCT event) FROM event_participants WHERE name LIKE '%Patrushev%'")
    assert f"{n} events" in by_actor.text
    by_mech = client.get("/events", params={"mechanism": MECH, "country": "ru"})
    n, = one(db, "SELECT count(*) FROM events_flat WHERE mechanism=? AND (country='RU' OR id IN "
                 "(SELECT event FROM event_participants WHERE country='RU'))", MECH)
    assert f"{n} events" in by_mech.text
    assert client.get("/events", params={"since": "last week"}).status_code == 400
    assert client.get("/events", params={"pair": "CN"}).status_code == 400


def test_search_finds_chinese_and_english(client, db):
    r = client.get("/documents", params={"q": "战略安全磋商"})
    zh, = one(db, "SELECT count(*) FROM documents WHERE instr(text, '战略安全磋商') > 0")
    assert zh and f"{zh} documents" in r.text and "<mark>战略安全磋商</mark>" in r.text
    r = client.get("/documents", params={"q": "磋商"})   # two characters: shorter than a trigram
    n, = one(db, "SELECT count(*) FROM documents WHERE instr(text, '磋商') > 0")
    assert n >= zh and f"{n} documents" in r.text
    r = client.get("/documents", params={"q": "Patrushev Shanghai", "language": "en"})
    n, = one(db, "SELECT count(*) FROM documents WHERE language='en' AND instr(text, 'Patrushev') AND instr(text, 'Shanghai')")
    assert n and f"{n} documents" in r.text


@pytest.mark.parametrize("table", ["events_flat", "event_participants", "event_sources", "event_topics", "mechanisms",
                                   "actors", "actor_names", "actor_roles", "documents_flat", "quotes"])
def test_every_table_downloads_as_csv_and_jsonl(client, db, table):
    n, = one(db, f"SELECT count(*) FROM {table}")
    r = client.get(f"/download/{table}.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == n
    r = client.get(f"/download/{table}.jsonl")
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert len(lines) == n
    if table == "events_flat":
        assert {x["cameo"] for x in rows} == {"040"}
        filtered = client.get("/download/events_flat.csv", params={"mechanism": MECH})
        m, = one(db, "SELECT count(*) FROM events_flat WHERE mechanism=?", MECH)
        assert len(list(csv.DictReader(io.StringIO(filtered.text)))) == m


@pytest.mark.parametrize("path", ["/events/ev_000000000000", "/events/nothing", "/documents/0000", "/actors/nobody",
                                  "/mechanisms/no-such-mechanism", "/download/sqlite_master.csv", "/download/events.xml",
                                  "/no/such/page"])
def test_unknown_ids_are_a_404_page(client, path):
    r = client.get(path)
    assert r.status_code == 404 and "<h1>Not found</h1>" in r.text and r.headers["content-type"].startswith("text/html")
