"""In-document clustering: the frames of one meeting are one event; other meetings stay apart.

Sentences written for these tests, not taken from the examples or the seeds."""

from stage_helpers import events


def test_two_mentions_of_one_meeting_are_one_event(analyze):
    text = ("Security chiefs hold annual talks\n\n"
            "Nikolai Patrushev met Wang Yi in Beijing on Tuesday for the 14th round of the strategic security consultation. "
            "The consultation covered the Korean Peninsula.")
    evs = events(analyze, text)
    assert len(evs) == 1
    ev = evs[0]
    assert ev.round == 14
    assert ev.mechanism == "cn-ru-strategic-security-consultation"
    assert ev.date == {"start": "2023-04-11", "end": "2023-04-11"}
    assert ev.location == {"city": "Beijing", "country": "CN"}
    assert ev.modality == "in_person"
    assert {p.id for p in ev.participants} == {"nikolai-patrushev", "wang-yi"}


def test_sideline_meeting_with_other_counterpart_is_its_own_event(analyze):
    text = ("Wang Yi is in Moscow to co-chair the 18th round of the strategic security consultation with Nikolai Patrushev. "
            "On Wednesday Wang Yi also met Vladimir Putin.")
    evs = events(analyze, text, "2023-09-21")
    assert len(evs) == 2
    rnd = next(e for e in evs if e.round == 18)
    side = next(e for e in evs if e.round is None)
    assert side.mechanism is None
    assert {p.id for p in side.participants} == {"wang-yi", "vladimir-putin"}
    assert side.location["city"] == "Moscow"          # from "is in Moscow"
    assert side.inferred.get("location")
    assert rnd.status == "planned"


def test_background_round_is_a_separate_event_with_month_precision(analyze):
    text = ("Both sides will hold the 9th meeting of the law enforcement and security cooperation mechanism next week. "
            "The 8th meeting was held in Russia in June 2021.")
    evs = sorted(events(analyze, text, "2023-04-14"), key=lambda e: e.round)
    assert [e.round for e in evs] == [8, 9]
    assert evs[0].date == {"start": "2021-06", "end": "2021-06"}
    assert evs[0].location == {"city": None, "country": "RU"}
    assert evs[0].modality is None
    assert evs[1].status == "planned"


def test_a_video_call_and_a_phone_call_are_two_conversations(analyze):
    text = ("Xi Jinping and Vladimir Putin held a video call in mid-January 2022 and spoke again by telephone on "
            "February 25, 2022.")
    evs = sorted(events(analyze, text, "2022-03-01"), key=lambda e: e.date["start"])
    assert [(e.modality, e.date["start"]) for e in evs] == [("video", "2022-01"), ("phone", "2022-02-25")]


def test_a_meeting_with_nobody_named_and_no_mechanism_is_no_event(analyze):
    assert events(analyze, "Talks will take place in Kazan on Wednesday, organizers said.", "2024-10-21") == []
    (ev,) = events(analyze, "The 23rd round of the special representatives talks took place in Beijing on Wednesday.", "2024-12-19")
    assert ev.round == 23     # a mechanism's meeting is one even when the text names nobody


def test_one_numbered_round_is_one_meeting_even_where_the_headline_disagrees(analyze):
    # the headline gives another day or another city than the report under it
    for text in ("中俄执法安全合作机制第九次会议3月5日在京举行\n\n新华社北京3月5日电 3月4日，国务委员、公安部部长王小洪在北京同俄罗斯"
                 "内务部部长科洛科利采夫共同主持中俄执法安全合作机制第九次会议。\n",
                 "中俄执法安全合作机制第九次会议在莫斯科举行\n\n3月4日，王小洪在北京同科洛科利采夫共同主持中俄执法安全合作机制第九次会议。\n"):
        (ev,) = analyze(text, "2024-03-05").events
        assert (ev.mechanism, ev.round) == ("cn-ru-law-enforcement-security-cooperation", 9)
        # the report's values stand (it names the people), and the evidence is only for those
        assert ev.date == {"start": "2024-03-04", "end": "2024-03-04"}
        assert ev.location == {"city": "Beijing", "country": "CN"}
        assert [e.text for e in ev.evidence if e.field == "location"] == ["北京"]
        assert {p.id for p in ev.participants} == {"wang-xiaohong", "vladimir-kolokoltsev"}


def test_two_such_reports_in_one_store_are_one_event(tmp_path):
    from conftest import ingest_and_export
    import json
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("中俄执法安全合作机制第九次会议在莫斯科举行\n\n2024年3月4日，王小洪在北京同科洛科利采夫共同主持"
                                  "中俄执法安全合作机制第九次会议。\n", encoding="utf-8")
    out = ingest_and_export([folder], tmp_path)
    events = [json.loads(line) for line in (out / "events.jsonl").read_text().splitlines()]
    assert [(e["mechanism"], e["round"]) for e in events] == [("cn-ru-law-enforcement-security-cooperation", 9)]
