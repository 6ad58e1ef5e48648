"""Where news comes from: HTML files, WARC archives, RSS/Atom feeds from a file or a local HTTP
server (and watched for new entries), stdin, and text in the encodings the web serves."""
import http.server
import io
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley.cli import app
from parley.ingest import ingest, watch
from parley.settings import Settings
from parley.store import Store

ARTICLE = ("<html><head><title>{title}</title><meta property='article:published_time' content='{date}'></head><body>"
           "<nav>Home | World | Opinion</nav><article><h1>{title}</h1><p>{body}</p><p>Share this article</p></article>"
           "<footer>© 2024 Some Outlet. All rights reserved.</footer></body></html>")
BODY_A = "Wang Yi and Sergei Lavrov held talks in Moscow on Monday, the two foreign ministries said in statements issued afterwards."
BODY_B = "Nikolai Patrushev met Yang Jiechi in Beijing on Tuesday for the 12th round of the strategic security consultation."


def docs(db):
    with Store(db, readonly=True) as s:
        return s.documents()


def test_html_page_gives_text_title_and_metadata_date(tmp_path):
    (tmp_path / "a.html").write_text(ARTICLE.format(title="Ministers meet", date="2023-09-19", body=BODY_A), encoding="utf-8")
    db = tmp_path / "p.db"
    s = ingest([str(tmp_path / "a.html")], Settings(db=str(db)))
    assert len(s.ingested) == 1
    (d,) = docs(db)
    assert (d["published"], d["published_from"], d["title"]) == ("2023-09-19", "meta", "Ministers meet")
    with Store(db, readonly=True) as st:
        text = st.document(d["id"])["text"]
        (ev,) = st.events()
    assert "Share this article" not in text and "All rights reserved" not in text
    assert ev["date"] == {"start": "2023-09-18", "end": "2023-09-18"}


def warc_bytes(pages: list[tuple[str, str]], gzip: bool = True, png: bool = True) -> bytes:
    """A WARC of HTML response records (uri, html), and an image record after them."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    for uri, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        rec = writer.create_warc_record(uri, "response", payload=io.BytesIO(html.encode()), http_headers=headers,
                                        warc_headers_dict={"WARC-Date": "2021-03-04T10:00:00Z"})
        writer.write_record(rec)
    if png:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example/x.png", "response", payload=io.BytesIO(b"\x89PNG"),
                                                      http_headers=headers))
    return buf.getvalue()


def write_warc(path: Path, broken: bool = False):
    data = warc_bytes([("https://news.example/a", ARTICLE.format(title="A", date="2023-09-19", body=BODY_A)),
                       ("https://news.example/b", "<html><body><article><p>" + BODY_B + "</p></article></body></html>")])
    path.write_bytes(data[: len(data) * 2 // 3] + b"\x00garbage" * 20 if broken else data)


def test_warc_records_are_documents_with_their_uri_and_date(tmp_path):
    write_warc(tmp_path / "crawl.warc.gz")
    db = tmp_path / "p.db"
    s = ingest([str(tmp_path / "crawl.warc.gz")], Settings(db=str(db)))
    assert len(s.ingested) == 2 and not s.rejected
    by_uri = {d["source"].rsplit("#", 1)[-1]: d for d in docs(db)}
    assert by_uri["https://news.example/a"]["published"] == "2023-09-19"     # the page's own metadata
    assert by_uri["https://news.example/b"]["published"] == "2021-03-04"     # the record's date as a fallback


def test_a_broken_warc_record_is_reported_and_the_rest_kept(tmp_path):
    # the records' ids are random, so the cut falls elsewhere each time: in a record's headers, in its
    # content, between members. The garbage after the cut may expand as the rest of the member
    # (zlib cannot tell until the member's checksum, which never comes), so the cut record's page can
    # be bytes with no text: rejected as such, beside the broken archive reported as such
    for i in range(6):
        write_warc(tmp_path / f"broken{i}.warc.gz", broken=True)
        s = ingest([str(tmp_path / f"broken{i}.warc.gz")], Settings(db=str(tmp_path / f"p{i}.db")))
        assert [src.rsplit("#", 1)[-1] for src in s.ingested] == ["https://news.example/a"]
        assert any("WARC" in reason for _, reason in s.rejected), s.rejected
        assert all("WARC" in reason or "record" in reason or "no main text" in reason for _, reason in s.rejected), s.rejected


def test_a_record_cut_inside_its_content_is_reported_as_cut_short(tmp_path):
    data = warc_bytes([(uri, ARTICLE.format(title=uri[-1], date="2023-09-19", body=body))
                       for uri, body in (("https://news.example/a", BODY_A), ("https://news.example/b", BODY_B * 40))],
                      gzip=False, png=False)
    cut = data.index(BODY_B.encode()) + 2000          # well inside the second record's page
    (tmp_path / "cut.warc").write_bytes(data[:cut])
    s = ingest([str(tmp_path / "cut.warc")], Settings(db=str(tmp_path / "p.db")))
    assert [src.rsplit("#", 1)[-1] for src in s.ingested] == ["https://news.example/a"]
    ((src, reason),) = s.rejected
    assert src.endswith("#https://news.example/b") and "cut short" in reason, reason


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title>
{items}
</channel></rss>"""
ITEM = "<item><title>{title}</title><link>{link}</link><guid>{guid}</guid><pubDate>Tue, 19 Sep 2023 08:00:00 GMT</pubDate><description>{desc}</description></item>"


class Site:
    def __init__(self):
        self.pages = {}
        self.requests = []
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                site.requests.append((self.path, self.headers.get("User-Agent")))
                body = site.pages.get(self.path)
                if body is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml" if self.path.endswith(".xml") else "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(body.encode())

            def log_message(self, *args):
                pass
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


def test_feed_from_a_local_server_fetches_pages_and_falls_back_to_entry_content(site, tmp_path):
    site.pages["/a.html"] = ARTICLE.format(title="A", date="2023-09-19", body=BODY_A)
    items = [ITEM.format(title="A", link=site.url + "/a.html", guid="a", desc="short"),
             ITEM.format(title="B", link=site.url + "/gone.html", guid="b", desc=BODY_B)]
    site.pages["/feed.xml"] = FEED.format(items="\n".join(items))
    db = tmp_path / "p.db"
    s = ingest([site.url + "/feed.xml"], Settings(db=str(db)))
    assert len(s.ingested) == 2, s
    assert all(ua and ua.startswith("Parley/") for _, ua in site.requests)
    with Store(db, readonly=True) as st:
        rounds = {e["round"] for e in st.events()}
    assert 12 in rounds          # read from the entry's own text: its page was gone


def test_watch_ingests_only_new_entries(site, tmp_path):
    site.pages["/a.html"] = ARTICLE.format(title="A", date="2023-09-19", body=BODY_A)
    site.pages["/b.html"] = ARTICLE.format(title="B", date="2023-09-20", body=BODY_B)
    site.pages["/feed.xml"] = FEED.format(items=ITEM.format(title="A", link=site.url + "/a.html", guid="a", desc="x"))
    db = tmp_path / "p.db"
    seen = []
    watch([site.url + "/feed.xml"], Settings(db=str(db)), interval=0, rounds=1, report=lambda f, s: seen.append(len(s.ingested)))
    site.pages["/feed.xml"] = FEED.format(items="\n".join([ITEM.format(title="A", link=site.url + "/a.html", guid="a", desc="x"),
                                                           ITEM.format(title="B", link=site.url + "/b.html", guid="b", desc="x")]))
    before = len(site.requests)
    watch([site.url + "/feed.xml"], Settings(db=str(db)), interval=0, rounds=1, report=lambda f, s: seen.append(len(s.ingested)))
    assert seen == [1, 1]
    assert [p for p, _ in site.requests[before:]] == ["/feed.xml", "/b.html"]   # the old page is not fetched again


def test_invalid_feed_is_rejected_with_a_reason(tmp_path):
    (tmp_path / "bad.rss").write_text("<?xml version='1.0'?><rss><channel><item><title>x</broken>", encoding="utf-8")
    s = ingest([str(tmp_path / "bad.rss")], Settings(db=str(tmp_path / "p.db")))
    assert not s.ingested and len(s.rejected) == 1


def test_stdin_is_one_document(tmp_path):
    r = CliRunner().invoke(app, ["ingest", "--db", str(tmp_path / "p.db"), "-q", "-"], input=BODY_B.encode())
    assert r.exit_code == 0, r.output
    assert "ingested 1" in r.output


RU = "Николай Патрушев провел в Пекине консультации по стратегической безопасности с Ван И во вторник."
ZH = "杨洁篪同帕特鲁舍夫在北京举行第十七轮中俄战略安全磋商。"


@pytest.mark.parametrize("text,encoding", [
    (RU, "cp1251"), (RU, "koi8_r"), (ZH, "gb18030"), ("外交部發言人表示，中俄雙方在北京舉行磋商。" * 3, "big5"),
    (BODY_A, "utf-16"), (BODY_A, "utf-8-sig"),
])
def test_encodings_are_detected(tmp_path, text, encoding):
    from parley.read.decode import decode
    data = (text + "\n") * 4
    assert decode(data.encode(encoding)).strip().startswith(text[:10])


def test_broken_utf8_is_rejected_not_guessed_and_a_cut_last_character_dropped(tmp_path):
    from parley.errors import Rejected
    from parley.read.decode import decode
    data = ("Переговоры прошли в Москве. " * 20).encode("utf-8")
    assert decode(data[:-1]).endswith("Москве.")                  # truncated inside the last character
    with pytest.raises(Rejected, match="invalid UTF-8 at byte"):
        decode(data[:40] + b"\xff" + data[40:])


def test_a_folder_walk_reads_each_file_once_whatever_links_point_at_it(tmp_path):
    from parley.read import iter_files
    news = tmp_path / "news"
    (news / "sub").mkdir(parents=True)
    (news / "a.txt").write_text(BODY_A, encoding="utf-8")
    (news / "sub" / "b.txt").write_text(BODY_B, encoding="utf-8")
    (news / "link_to_a.txt").symlink_to(news / "a.txt")          # the same file again: read once
    (news / "sub" / "up.txt").symlink_to(Path("..") / "a.txt")   # and again, by a relative link
    outside = tmp_path / "elsewhere.txt"
    outside.write_text(BODY_B + " Elsewhere.", encoding="utf-8")
    (news / "link_out.txt").symlink_to(outside)                  # a file outside the folder: read
    (news / "linked_dir").symlink_to(news / "sub", target_is_directory=True)   # folders by link are not walked
    names = sorted(Path(p).name for p, path, err in iter_files([str(news)]) if err is None)
    assert names == ["a.txt", "b.txt", "link_out.txt"]
