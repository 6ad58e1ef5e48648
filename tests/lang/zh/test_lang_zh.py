"""The Chinese pack through the whole pipeline: a meeting told in Chinese (a sentence written for
this test) gives the same event as in any other language."""


def test_a_meeting_is_read_in_zh(analyze):
    res = analyze('王毅周二在莫斯科同拉夫罗夫举行会谈。', "2023-04-14")
    assert res.document.language == "zh"
    (ev,) = res.events
    assert {p.id for p in ev.participants} == {"wang-yi", "sergei-lavrov"}
    assert ev.date == {"start": "2023-04-11", "end": "2023-04-11"}       # the Tuesday before the Friday it was published
    assert ev.location == {"city": "Moscow", "country": "RU"}
    assert (ev.status, ev.modality) == ("occurred", "in_person")
    assert {"participants", "date", "location"} <= {e.field for e in ev.evidence}


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
