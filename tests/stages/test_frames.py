"""Frames: which clauses tell of a meeting, and what each states (reporting clauses, sources, status, modality).

Sentences written for these tests, not taken from the examples or the seeds."""

from stage_helpers import events


def test_reporting_clause_is_not_part_of_the_event(analyze):
    text = ("Sergei Lavrov will travel to China for talks with Wang Yi from Monday to Wednesday, "
            "foreign ministry spokesperson Mao Ning told reporters on Friday.")
    (ev,) = events(analyze, text)
    assert ev.status == "planned"
    assert ev.date == {"start": "2023-04-17", "end": "2023-04-19"}
    assert "mao-ning" not in {p.id for p in ev.participants}


def test_video_link_and_phone(analyze):
    (ev,) = events(analyze, "On March 2, 2021, Wang Yi and Sergei Lavrov held talks via video link.")
    assert ev.modality == "video"
    (ev,) = events(analyze, "Xi Jinping had a phone call with Vladimir Putin on Monday.")
    assert ev.modality == "phone"


def test_a_mechanism_in_general_is_background_not_an_event(analyze):
    res = analyze("The strategic security consultation was established in 2005 by the two presidents.", None)
    assert res.events == []
    assert [(f.mechanism, f.value) for f in res.mechanism_facts] == [("cn-ru-strategic-security-consultation", 2005)]


def test_no_meeting_no_event(analyze):
    text = "Trade between the two countries grew by a quarter last year, customs data showed on Friday."
    assert events(analyze, text) == []


def test_a_source_opening_the_sentence_ends_at_its_comma(analyze):
    (ev,) = events(analyze, "According to the Kremlin, Vladimir Putin met Xi Jinping in Moscow on Tuesday.", "2023-09-15")
    assert ev.date == {"start": "2023-09-12", "end": "2023-09-12"}
    assert {p.id for p in ev.participants} == {"vladimir-putin", "xi-jinping"}


def test_a_meeting_told_in_the_speakers_appositive_is_kept(analyze):
    res = analyze("Nikolai Patrushev, who held talks with Wang Yi in Beijing on Monday, said the sides agreed to do more.", "2023-09-15")
    (ev,) = res.events
    assert {p.id for p in ev.participants} == {"nikolai-patrushev", "wang-yi"}
    assert ev.location == {"city": "Beijing", "country": "CN"}
    assert [q.speaker_id for q in res.quotes] == ["nikolai-patrushev"]


def test_a_relative_clause_keeps_the_person_it_is_about(analyze):
    (ev,) = events(analyze, "Sergei Lavrov, who met Wang Yi in Astana on Wednesday, left for Minsk.", "2024-07-05")
    assert {p.id for p in ev.participants} == {"sergei-lavrov", "wang-yi"}


def test_a_meeting_word_can_say_how_they_met(analyze):
    (ev,) = events(analyze, "Wang Yi held phone talks with Sergei Lavrov on Thursday.", "2024-03-15")
    assert ev.modality == "phone" and ev.date == {"start": "2024-03-14", "end": "2024-03-14"}
    (ev,) = events(analyze, "Xi and Putin spoke via video link on Tuesday.", "2025-01-22")
    assert ev.modality == "video" and {p.id for p in ev.participants} == {"xi-jinping", "vladimir-putin"}


def test_a_source_set_off_by_commas_leaves_the_rest_of_the_sentence(analyze):
    (ev,) = events(analyze, "Jake Sullivan and Wang Yi, according to the ministry, met in Geneva on Monday and agreed to meet again.", "2024-04-12")
    assert ev.date == {"start": "2024-04-08", "end": "2024-04-08"} and ev.location["city"] == "Geneva"
    (ev,) = events(analyze, "Xi met Putin on Thursday, according to a statement issued on Friday.", "2024-04-12")
    assert ev.date == {"start": "2024-04-11", "end": "2024-04-11"}


def test_a_trip_counts_with_its_traveller_and_destination(analyze):
    (ev,) = events(analyze, "In March, Sergei Lavrov postponed a planned trip to New Delhi.", "2023-04-14")
    assert ev.status == "cancelled" and ev.location == {"city": "New Delhi", "country": "IN"}
    assert [p.id for p in ev.participants] == ["sergei-lavrov"]


def test_a_planned_call_agreed_at_a_meeting_is_not_that_meeting(analyze):
    text = ("Jake Sullivan met Wang Yi in Bangkok on Friday. The two agreed that their deputies would hold "
            "a video call in the near future.")
    (ev,) = events(analyze, text, "2024-01-28")
    assert ev.modality != "video" and ev.status == "occurred"


def test_a_scheduled_meeting_told_as_held_is_held(analyze):
    (ev,) = events(analyze, "Sergei Lavrov held talks with Wang Yi on Tuesday, their last scheduled meeting before the summit.",
                   "2023-04-14")
    assert ev.status == "occurred"
    (ev,) = events(analyze, "Sergei Lavrov's scheduled talks with Wang Yi on Tuesday were called off.", "2023-04-14")
    assert ev.status == "cancelled"


def test_a_meeting_that_sets_up_a_mechanism_is_not_a_meeting_of_it(analyze):
    text = ("At their meeting in Geneva on Wednesday, Joe Biden and Vladimir Putin issued a statement pledging a "
            "bilateral Strategic Stability Dialogue.")
    (ev,) = events(analyze, text, "2021-06-18")
    assert ev.mechanism is None and ev.location == {"city": "Geneva", "country": "CH"}
