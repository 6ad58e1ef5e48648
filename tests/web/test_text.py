"""The pieces the pages are made of: highlighting that escapes everything and never nests marks,
the sentence around a span, dates of any precision as calendar days, filters read from a query
string, the pictures' handling of gaps and of statuses."""
from __future__ import annotations

import re

import pytest

from parley.errors import UsageError
from parley.views import first_day, last_day, url_of
from parley.web.charts import per_year_svg, timeline_svg
from parley.web.queries import EventFilter, fts_query
from parley.web.text import Sentences, evidence_sentences, highlight

TEXT = 'Wang Yi met <b>Sergei Lavrov</b> in "Moscow" on Monday. They spoke of Asia & Europe.'


def span(text: str, word: str, field: str, rule: str = "r") -> dict:
    i = text.index(word)
    return {"start": i, "end": i + len(word), "field": field, "rule": rule}


def test_highlight_escapes_text_and_labels_and_merges_shared_spans():
    spans = [span(TEXT, "Wang Yi", "participants", 'rule"><script>'), span(TEXT, '"Moscow"', "location"),
             span(TEXT, '"Moscow"', "city")]
    html = str(highlight(TEXT, spans))
    assert "<b>" not in html and "&lt;b&gt;Sergei Lavrov&lt;/b&gt;" in html
    assert "<script>" not in html and 'title="participants: rule&#34;&gt;&lt;script&gt;"' in html
    assert html.count("<mark") == 2 and "<sub class=\"field\">location, city</sub>" in html
    assert "Asia &amp; Europe." in html
    # the text itself is all there, in order, once the markup is taken away
    plain = re.sub(r"<sub[^>]*>.*?</sub>", "", html)
    plain = re.sub(r"<[^>]+>", "", plain)
    assert plain.replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", '"').replace("&amp;", "&") == TEXT


def test_overlapping_spans_do_not_nest():
    spans = [span(TEXT, "Wang Yi met", "trigger"), span(TEXT, "Yi met <b>", "participants")]
    html = str(highlight(TEXT, spans))
    assert html.count("<mark") == 1 and "<mark" not in html.split("</mark>", 1)[0][6:]


def test_links_in_marks_and_a_slice_of_the_text():
    s = span(TEXT, "Monday", "date")
    html = str(highlight(TEXT, [s], 0, TEXT.index(".") + 1, link=lambda sp: "/events/ev_1?a=1&b=2"))
    assert '<a href="/events/ev_1?a=1&amp;b=2">Monday</a>' in html and "Asia" not in html


def test_the_sentence_around_a_span():
    sents = Sentences(TEXT)
    start, end = sents.around(TEXT.index("Asia"), TEXT.index("Asia") + 4)
    assert TEXT[start:end].strip() == "They spoke of Asia & Europe."
    groups = evidence_sentences(TEXT, [span(TEXT, "Monday", "date"), span(TEXT, "Asia", "topics"),
                                       {"start": 10_000, "end": 10_004, "field": "x", "rule": "y"}])
    assert [g["fields"] for g in groups] == [["date"], ["topics"]]


def test_dates_of_any_precision_as_days():
    assert (first_day("2019"), last_day("2019")) == ("2019-01-01", "2019-12-31")
    assert (first_day("2024-02"), last_day("2024-02"), last_day("2023-02")) == ("2024-02-01", "2024-02-29", "2023-02-28")
    assert first_day("2022-09-18") == last_day("2022-09-18") == "2022-09-18"
    assert first_day(None) is None and last_day("20") is None


def test_urls_of_sources():
    assert url_of("https://news.example/a") == "https://news.example/a"
    assert url_of("crawl.warc.gz#https://news.example/b") == "https://news.example/b"
    assert url_of("examples/en/a.txt") is None and url_of(None) is None


def test_filters_from_a_query_string():
    f = EventFilter.parse({"pair": "ru,cn", "country": "in", "since": "2019-09", "page": "3"})
    assert (f.pair, f.pair_codes, f.country, f.page) == ("CN-RU", ("CN", "RU"), "IN", 3)
    assert f.query(page=4) == {"country": "IN", "pair": "CN-RU", "since": "2019-09", "page": 4}
    for bad in ({"since": "2019/09"}, {"pair": "CN-RU-US"}, {"country": "China"}, {"page": "0"}, {"page": "two"},
                {"actor": "a\x00b"}):
        with pytest.raises(UsageError):
            EventFilter.parse(bad)
    assert fts_query('a "b" c*') == '"a" """b""" "c*"'


def test_timeline_picture_marks_status_conflicts_and_missing_rounds():
    def row(n, start, status="occurred", conflicts=()):
        return {"gap": False, "round": n, "event": f"ev_{n}", "date": {"start": start, "end": start} if start else None,
                "location": None, "status": status, "conflicts": list(conflicts)}
    rows = [row(1, "2005"), {"gap": True, "round": 2}, {"gap": True, "round": 3}, row(4, "2009-05-03", "cancelled"),
            row(5, "2010-07", "planned", [{"field": "date"}]), row(None, None)]
    svg = str(timeline_svg(rows, lambda r: f"/events/{r['event']}"))
    assert "rounds 2–3 missing" in svg and svg.count('class="gap"') == 1
    assert svg.count('class="cross"') == 1 and svg.count('class="conflict"') == 1
    assert 'fill="#ffffff"' in svg and "undated: ?" in svg
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]
    assert xs == sorted(xs) and len(xs) == 3


def test_meetings_per_year_shows_empty_years():
    svg = str(per_year_svg([(2001, 2), (2004, 1)], "a <caption>"))
    assert svg.count("<rect") == 4 and "a &lt;caption&gt;" in svg and 'height="0.0"' in svg
