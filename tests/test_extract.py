"""Events from text written here in other words than the seeds: frames, in-document merge,
sideline meetings, reporting clauses, background rounds, status and modality."""


def events(analyze, text, published="2023-04-14"):
    return analyze(text, published).events


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


def test_reporting_clause_is_not_part_of_the_event(analyze):
    text = ("Sergei Lavrov will travel to China for talks with Wang Yi from Monday to Wednesday, "
            "foreign ministry spokesperson Mao Ning told reporters on Friday.")
    (ev,) = events(analyze, text)
    assert ev.status == "planned"
    assert ev.date == {"start": "2023-04-17", "end": "2023-04-19"}
    assert "mao-ning" not in {p.id for p in ev.participants}


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


def test_unknown_person_is_discovered_from_the_title(analyze):
    res = analyze("Deputy Director of the Department of Arms Control Ivan Petrovsky held consultations "
                  "with Chinese counterparts in Geneva on Monday.", "2022-06-10")
    (ev,) = res.events
    (p,) = [p for p in ev.participants]
    assert p.name == "Ivan Petrovsky" and p.discovered
    assert p.title.startswith("Deputy Director")
    assert [a.name for a in res.actors] == ["Ivan Petrovsky"]


def test_quotes_in_several_forms(analyze):
    text = ("Officials met in Astana on Monday.\n"
            "Wang Yi said, the two sides agreed to deepen cooperation on border security.\n"
            "\"We share a common view of the threats,\" said Sergei Lavrov.\n"
            "Ivan Petrovsky, a researcher at the institute, told the Tribune that the meeting was useful.")
    res = analyze(text, "2022-06-10")
    speakers = {q.speaker_name for q in res.quotes}
    assert {"Wang Yi", "Sergei Lavrov", "Ivan Petrovsky"} <= speakers
    assert all(res.document.text[q.start:q.end].strip() for q in res.quotes)


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
    (ev,) = events(analyze, "The envoys, according to the ministry, met in Geneva on Monday and agreed to meet again.", "2024-04-12")
    assert ev.date == {"start": "2024-04-08", "end": "2024-04-08"} and ev.location["city"] == "Geneva"
    (ev,) = events(analyze, "Xi met Putin on Thursday, according to a statement issued on Friday.", "2024-04-12")
    assert ev.date == {"start": "2024-04-11", "end": "2024-04-11"}
