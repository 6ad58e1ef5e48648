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
