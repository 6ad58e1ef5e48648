"""The workbench in a real browser: Playwright drives Debian's chromium (never a browser of
Playwright's own) against `parley serve`'s app on a local port. It clicks from the mechanism list
to a round, to its evidence, to the document, checks what each page shows, and checks that an
article holding script runs none. Screenshots go to tests/web/screenshots/ (not committed) for a
person to look at.

Skipped only when chromium is not installed and this is not CI; in CI (CI=true) a missing browser
is a failure: .ci/run installs it."""
from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import threading
import time
from pathlib import Path

import pytest

import webstore

SHOTS = Path(__file__).parent / "screenshots"
MECH = "cn-ru-strategic-security-consultation"


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


CHROMIUM = _chromium()
if CHROMIUM is None:
    if os.environ.get("CI") == "true":
        raise RuntimeError("chromium is not installed: .ci/run must install it (apt-get install chromium fonts-wqy-zenhei)")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium fonts-wqy-zenhei)", allow_module_level=True)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return webstore.build(tmp_path_factory.mktemp("browser"))


@pytest.fixture(scope="module")
def server(db):
    import uvicorn

    from parley.web.app import create_app
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def tab(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=True)
    pg = ctx.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield pg, dialogs
    ctx.close()


def test_from_the_mechanism_list_to_a_round_its_evidence_and_the_document(server, tab, db):
    page, dialogs = tab
    page.goto(server + "/")
    page.screenshot(path=str(SHOTS / "1-mechanisms.png"), full_page=True)
    page.click(f'#mechanisms a[href="/mechanisms/{MECH}"]')
    page.wait_for_url(f"**/mechanisms/{MECH}")
    assert page.locator("h1").inner_text() == "China-Russia strategic security consultation"
    timeline = page.locator("svg.timeline")
    assert timeline.is_visible() and timeline.bounding_box()["width"] > 600
    assert page.locator("svg.timeline .rlabel", has_text="17").count() == 1
    assert page.locator("#rounds tr.gap").count() > 0   # missing rounds, shown as gaps
    page.screenshot(path=str(SHOTS / "2-timeline.png"), full_page=True)

    con = sqlite3.connect(db)
    eid, n_sources = con.execute("SELECT id, sources FROM events_flat WHERE mechanism=? AND round=17", (MECH,)).fetchone()
    city, = con.execute("SELECT coalesce(city, country) FROM events_flat WHERE id=?", (eid,)).fetchone()
    con.close()
    page.click(f'#rounds a[href="/events/{eid}"] >> nth=0')
    page.wait_for_url(f"**/events/{eid}")
    assert "round 17" in page.locator("h1").inner_text()
    round_row = page.locator("#fields tr", has=page.locator("th", has_text="round"))
    assert round_row.locator("td").first.inner_text().strip() == "17"
    assert city in page.locator("#fields tr", has=page.locator("th", has_text="location")).inner_text()
    marks = page.locator("blockquote.evidence mark")
    assert marks.count() >= n_sources
    # the evidence is highlighted: a mark has a background of its own
    bg = marks.first.evaluate("m => getComputedStyle(m).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=str(SHOTS / "3-event.png"), full_page=True)

    source = page.locator("section.source").first
    title = source.locator("h3 a").inner_text()
    evidence = source.locator("blockquote.evidence mark").first.inner_text()
    source.locator("h3 a").click()
    page.wait_for_url("**/documents/*")
    assert page.locator("h1").inner_text() == title
    assert evidence in page.locator("article.doctext").inner_text()
    assert page.locator("article.doctext mark").count() > 0
    assert page.locator(f'a[href="/events/{eid}"]').count() > 0   # the events it supports
    page.screenshot(path=str(SHOTS / "4-document.png"), full_page=True)


def test_an_article_with_script_runs_nothing(server, tab, db):
    page, dialogs = tab
    con = sqlite3.connect(db)
    did, = con.execute("SELECT id FROM documents WHERE source LIKE '%hostile.txt'").fetchone()
    events = [e for (e,) in con.execute("SELECT DISTINCT event FROM event_sources WHERE doc=?", (did,))]
    con.close()
    for path in [f"/documents/{did}", "/documents?q=pwned"] + [f"/events/{e}" for e in events]:
        page.goto(server + path)
        page.mouse.move(300, 300)
        for b in page.locator("article.doctext, blockquote.evidence").all()[:5]:
            b.hover()
        assert page.evaluate("() => window.__pwned") is None, path
        assert page.title() != "pwned" and not dialogs
        assert page.locator("script, iframe, img").count() == 0
    page.goto(server + f"/documents/{did}")
    assert "<script>window.__pwned = 1" in page.locator("article.doctext").inner_text()
    page.screenshot(path=str(SHOTS / "5-hostile.png"), full_page=True)


def test_chinese_search_and_text_render(server, tab):
    page, dialogs = tab
    page.goto(server + "/documents?q=" + "战略安全磋商")
    rows = page.locator("#documents tbody tr")
    assert rows.count() > 0
    assert "战略安全磋商" in rows.first.locator(".snippet mark").first.inner_text()
    rows.first.locator("a").first.click()
    page.wait_for_url("**/documents/*")
    text = page.locator("article.doctext")
    assert "战略安全磋商" in text.inner_text()
    # rendered with a CJK font: a run of ideographs is as wide as its characters, not empty boxes of zero width
    width = text.locator("mark").first.evaluate("m => m.getBoundingClientRect().width")
    assert width > 10
    page.screenshot(path=str(SHOTS / "6-chinese.png"), full_page=True)


def test_filters_and_tabs_in_the_browser(server, tab):
    page, dialogs = tab
    page.goto(server + "/events")
    page.fill('input[name="pair"]', "CN-RU")
    page.fill('input[name="since"]', "2019")
    page.click('form.filters button[type="submit"]')
    page.wait_for_url("**/events?*pair=CN-RU*")
    total = int(page.locator("main p.muted").first.inner_text().split()[0])
    assert total > 0
    dates = [d.strip().split(" ")[0] for d in page.locator("table.list tbody td.nowrap").all_inner_texts()]
    assert all(d == "undated" or d >= "2019" for d in dates)
    page.screenshot(path=str(SHOTS / "7-events.png"), full_page=True)
