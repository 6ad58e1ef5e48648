"""The Chinese pack through the whole pipeline: a meeting told in Chinese (a sentence written for
this test) gives the same event as in any other language."""
from meeting import assert_the_tuesday_meeting


def test_a_meeting_is_read_in_zh(analyze):
    assert_the_tuesday_meeting(analyze, '王毅周二在莫斯科同拉夫罗夫举行会谈。', "zh")


def test_rounds_dates_and_titles_are_read_by_the_packs_own_hooks():
    from parley.lang import load
    pack = load("zh")
    text = "双方举行第十七轮战略安全磋商。"
    (r,) = pack.hook("find_rounds")(text, 0, len(text))
    assert (r.text, r.value) == ("第十七轮", 17)
    text = "2023年9月19日，外交部发言人毛宁表示。"
    (d,) = [d for d in pack.hook("find_dates")(text) if d.rule == "zh-ymd"]
    assert d.iso() == "2023-09-19"
    (p,) = pack.hook("find_people")(text, 0, len(text), [], [])
    assert (p.text, p.extra["title"], p.extra["romanized"]) == ("毛宁", "外交部发言人", "Mao Ning")
