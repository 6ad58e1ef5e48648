"""The cleaner on page chrome written here (not the seeds): menus, share bars, licences, bylines,
photo credits, forum chrome; offsets into the clean text stay valid."""
from parley.clean import Cleaner
from parley.lang import load

PAGE = """English Français Русский 中文 Español

Deputy ministers review security ties

2021-06-03 09:15

The deputy foreign ministers of the two countries met in Minsk on Wednesday.

Share this article
Print
Copyright © 2021 Example Daily. All rights reserved.
沪ICP备12345678号
editor@example-daily.com
www.example-daily.com
"""

FORUM = """Discussion in 'World Affairs' started by Steppe Watcher, Mar 4, 2019.

  1. Steppe Watcher

    Steppe Watcher SENIOR MEMBER

    Jan 2, 2015
    +3 / 1,204 / -0
    Officials from both sides held talks in Astana on Monday.
  2. Grumpy Analyst

    Grumpy Analyst FULL MEMBER

    Feb 9, 2016
    +0 / 77 / -0
    Nothing will come of it, they met in Astana before.
"""


def cleaner():
    return Cleaner(load("en"))


def test_page_chrome_is_removed_and_the_story_kept():
    c = cleaner().clean(PAGE)
    assert "met in Minsk on Wednesday" in c.text
    for chrome in ("Français", "Share this article", "Print", "Copyright", "ICP", "editor@", "www.example"):
        assert chrome not in c.text, chrome
    assert c.title == "Deputy ministers review security ties"
    assert any(line == "2021-06-03 09:15" for _, line, _ in c.date_lines)


def test_removed_ranges_point_at_the_raw_text():
    c = cleaner().clean(PAGE)
    for start, end, reason in c.removed:
        assert 0 <= start <= end <= len(PAGE)
        assert PAGE[start:end].strip(), reason


def test_forum_replies_by_other_members_are_dropped():
    c = cleaner().clean(FORUM)
    assert c.forum
    assert "held talks in Astana on Monday" in c.text
    assert "Nothing will come of it" not in c.text
    for chrome in ("SENIOR MEMBER", "Jan 2, 2015", "1,204", "Grumpy Analyst"):
        assert chrome not in c.text, chrome


def test_glued_photo_credit_is_cut_but_the_story_after_it_kept():
    raw = "© Agency site, photo by A. PERSON.The minister at an event. File photoBoth sides met in Hanoi on Friday."
    c = cleaner().clean(raw)
    assert c.text.startswith("Both sides met in Hanoi")


def test_short_datelines_with_chrome_are_recognized():
    cl = cleaner()
    for line in ("12 January 2024 | 15:20 | Economy desk", "Issue 9 - Tuesday, 4 April 2023",
                 "17.03.2023, 16:48 (Moscow time)", "Sun 28 Jan 2024 06.30 GMT"):
        assert cl.line_reason(line) == "dateline", line
    assert cl.line_reason("The meeting took place on 5 May 2021 in the capital of the region.") is None


def test_navigation_bars_and_mastheads_are_not_titles():
    c = cleaner().clean("THE DAILY LEDGER\n\nPolitics | World | Economy | Sport\n\nEnvoys meet in Baku\n\nThe envoys met on Monday.")
    assert "Politics | World" not in c.text
    assert c.title == "Envoys meet in Baku"
