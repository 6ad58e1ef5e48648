"""Publication dates and where they came from, including the traps: a forum's render date and a
member's join date are not the publication date; a copyright year is not a date."""
from parley.clean import Cleaner
from parley.lang import load
from parley.published import find_published


def published(text, meta=None):
    pack = load("en")
    return find_published(Cleaner(pack).clean(text), pack, meta)


def test_datetime_line_near_the_top():
    p = published("A title\n\n2019-11-05 18:02\n\nBody text about talks.")
    assert (p.date, p.source) == ("2019-11-05", "text")


def test_updated_cue_wins_over_a_bare_date():
    p = published("Site\n\nTitle here\n\nUpdated: Mar 3, 2017 By A Writer in Paris\n\nBody.")
    assert p.date == "2017-03-03"


def test_forum_thread_date_not_render_date_nor_join_date():
    text = ("• Tuesday, June 2, 2020\n\nThread title\n\nDiscussion in 'Defence' started by Some Poster, Feb 7, 2013.\n\n"
            "  1. Some Poster\n\n    Some Poster ELITE MEMBER\n\n    Aug 1, 2010\n    +0 / 12 / -0\n    Body of the post.\n")
    p = published(text)
    assert p.date == "2013-02-07"


def test_wire_dateline_opens_the_story():
    p = published("AGENCY\n\nHeadline\n\nTASHKENT, March 2, 2024 (Agency) - Officials met on Friday.")
    assert p.date == "2024-03-02"


def test_no_date_at_all_is_null():
    p = published("Headline\n\nOfficials met on Wednesday in Geneva. © 2023 Some Site")
    assert (p.date, p.source) == (None, None)


def test_metadata_date_comes_first():
    p = published("Headline\n\n2019-11-05 18:02\n\nBody.", meta="2019-11-04")
    assert (p.date, p.source) == ("2019-11-04", "meta")


def test_a_date_line_with_clock_time_zone_and_age_is_a_dateline():
    p = published("Agency | World\n\nTitle of the story\n\nJune 3, 2021 11:05 AM UTC+3 · Updated 4 hours ago\n\nBody text about talks.")
    assert (p.date, p.source) == ("2021-06-03", "text")


# --- HTML pages: structured metadata first, then htmldate, then text cues -----------------------
# The pages below are written here; each shows one way a real page states (or hides) its date.
import json as _json
from pathlib import Path as _Path

import pytest as _pytest

from parley.read.html import parse_day, read_html, structured_published

_BODY = ("<article><h1>Ministers hold talks on the border</h1>"
         + "<p>The two foreign ministers met for three hours and agreed to meet again before the summer.</p>" * 6
         + "</article>")


def _page(head: str = "", before_body: str = "", body: str = _BODY) -> str:
    return f"<html><head><title>Talks</title>{head}</head><body>{before_body}{body}</body></html>"


def test_jsonld_date_published_beats_a_date_in_the_site_menu():
    menu = '<div class="topbar"><span class="date">Monday, 11 March 2024</span></div>'
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Talks",
          "datePublished": "2024-02-28T18:40:00+01:00", "dateModified": "2024-03-10T09:00:00+01:00"}
    raw = read_html("p.html", _page(f'<script type="application/ld+json">{_json.dumps(ld)}</script>', menu))
    assert raw.meta_published == "2024-02-28"


def test_jsonld_in_a_graph_with_a_list_of_types_and_the_article_first():
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "Organization", "name": "A paper", "foundingDate": "1990-01-01"},
        {"@type": "WebSite", "datePublished": "2015-06-01"},
        {"@type": ["NewsArticle", "Article"], "datePublished": "2023-09-14T07:05:00Z"}]}
    assert structured_published(_page(f'<script type="application/ld+json">\n{_json.dumps(ld)}\n</script>')) == "2023-09-14"


def test_broken_jsonld_is_skipped_and_meta_property_used():
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": </script>'
            '<meta property="article:modified_time" content="2022-05-09T10:00:00Z">'
            '<meta property="article:published_time" content="2022-05-02T21:15:00-04:00">')
    assert read_html("p.html", _page(head)).meta_published == "2022-05-02"    # the day as written, not UTC's


def test_itemprop_date_published_from_attribute_or_text():
    assert structured_published(_page(before_body='<time itemprop="datePublished" datetime="2021-11-30">30 Nov</time>')) == "2021-11-30"
    assert structured_published(_page(before_body='<span itemprop="datePublished">Mittwoch, 3. Februar 2021</span>')) == "2021-02-03"


def test_values_in_other_spellings_and_languages():
    assert parse_day("Thu, Mar 11 2021 09:30:00 EST") == "2021-03-11"
    assert parse_day("الخميس، 12 مارس 2021 - 10:15 ص") == "2021-03-12"
    assert parse_day("2021-03-12T01:10:00+09:00") == "2021-03-12"


@_pytest.mark.parametrize("value", ["12 March", "2099-01-01", "1970-01-01", "2021-02-30", "", None, "x" * 200])
def test_values_that_are_no_publication_date(value):
    assert parse_day(value) is None


def test_no_structured_date_falls_back_to_htmldate():
    raw = read_html("p.html", _page('<meta name="description" content="Talks">',
                                    before_body='<p class="byline">Published on <time datetime="2019-04-08">8 April 2019</time></p>'))
    assert raw.meta_published == "2019-04-08"


_TEST_SET = _Path(__file__).resolve().parent.parent.parent / "shared" / "realworld" / "htmldate-test-set"
# Measured 2026-12-04: 177 of 195 dated pages exact (0.908); before structured metadata and the
# extensive htmldate fallback, 171 (0.877). Most of the 18 left are a day off where the set's date
# follows another time zone than the page's own metadata, in both directions.
FLOOR_HTMLDATE_TEST_SET = 0.90


def test_publication_dates_on_real_news_pages_meet_the_floor(analyzer):
    if not _TEST_SET.is_dir():
        _pytest.skip("../shared/realworld is not beside the project")
    from parley.errors import Rejected
    dates = _json.loads((_TEST_SET.parent / "htmldate-test-set.dates.json").read_text(encoding="utf-8"))
    right = total = 0
    for url, v in dates.items():
        if not isinstance(v.get("date"), str):
            continue
        total += 1
        html = (_TEST_SET / v["file"]).read_text(encoding="utf-8", errors="replace")
        try:
            raw = read_html(v["file"], html, url)
        except Rejected:
            continue
        right += analyzer.analyze(raw).document.published == v["date"]
    assert total == 195
    assert right / total >= FLOOR_HTMLDATE_TEST_SET, (right, total)
