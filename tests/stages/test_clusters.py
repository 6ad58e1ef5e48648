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
