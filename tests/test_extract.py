"""Events from text written here in other words than the seeds: frames, in-document merge,
sideline meetings, reporting clauses, background rounds, status and modality."""


def events(analyze, text, published="2023-04-14"):
    return analyze(text, published).events


def events_of(analyze, text, person, published="2023-04-14"):
    """The events of `text` that `person` (an actor id) took part in."""
    return [e for e in events(analyze, text, published) if person in {p.id for p in e.participants}]


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


def test_small_words_may_stand_between_speaker_and_verb_but_a_name_may_not(analyze):
    res = analyze("Sergei Lavrov met Wang Yi in Minsk on Tuesday.\n"
                  "Sergei Lavrov in turn noted that Moscow valued the talks and wanted to hold more of them.\n"
                  "Wang Yi, the foreign minister, also stressed that both sides opposed unilateral sanctions.", "2024-03-08")
    assert {q.speaker_name: res.document.text[q.start:q.end][:20] for q in res.quotes} == {
        "Sergei Lavrov": "Moscow valued the ta", "Wang Yi": "both sides opposed u"}
    # the capitalized words before the verb are another speaker: the sentence is not Wang Yi's
    res = analyze("Nikolai Patrushev will go to Beijing next week to hold consultations with Wang Yi, "
                  "Foreign Ministry spokesperson Lin Jian announced on Friday.", "2024-03-08")
    assert "Wang Yi" not in {q.speaker_name for q in res.quotes}
    (ev,) = res.events
    assert {p.id for p in ev.participants} == {"nikolai-patrushev", "wang-yi"}


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


# A meeting verb whose subject was left out (the norm in Spanish, Russian and Chinese): the person
# told last is the subject; a noun ("talks with X") or an opening subordinate clause is not.
DROPPED = [
    ("Wang Yi llegó el domingo a la capital rusa. Se reunió el lunes con Serguéi Lavrov.", "es"),
    ("Ван И прибыл в российскую столицу в воскресенье. В понедельник встретился с Сергеем Лавровым.", "ru"),
    ("王毅周日抵达俄罗斯首都。周一同拉夫罗夫举行会谈。", "zh"),
    ("Wang Yi arrived in the Russian capital on Sunday. Met with Sergei Lavrov on Monday, the ministry said.", "en"),
]


def test_a_dropped_subject_is_the_person_told_last(analyze):
    for text, lang in DROPPED:
        evs = events_of(analyze, text, "sergei-lavrov", "2023-04-14")
        assert len(evs) == 1, lang
        assert {p.id for p in evs[0].participants} == {"wang-yi", "sergei-lavrov"}, lang
        assert evs[0].date == {"start": "2023-04-10", "end": "2023-04-10"}, lang
        rules = {e.rule for e in evs[0].evidence if e.field == "participants"}
        assert "coref:dropped-subject" in rules, lang


def test_no_subject_is_added_to_a_noun_or_an_opening_subordinate_clause(analyze):
    for text in ("Wang Yi arrived in the Russian capital on Sunday. Talks with Sergei Lavrov were held on Monday.",
                 "Wang Yi arrived in the Russian capital on Sunday. After meeting with Sergei Lavrov, Vladimir Putin flew home."):
        for ev in events(analyze, text):
            assert "wang-yi" not in {p.id for p in ev.participants}, text


# "X arrived in <city>": a later meeting of X that names no place took place there (inferred).
ARRIVALS = [
    "Nikolai Patrushev arrived in Beijing on Tuesday. The next day he held talks with Wang Yi.",
    "Nikolai Patrushev est arrivé à Pékin mardi. Le lendemain, il s'est entretenu avec Wang Yi.",
    "Nikolai Patrushev llegó a Pekín el martes. Al día siguiente se reunió con Wang Yi.",
    "Николай Патрушев прибыл в Пекин во вторник. На следующий день он провел переговоры с Ван И.",
    "帕特鲁舍夫周二抵达北京。次日，他与王毅举行会谈。",
]


def test_a_meeting_after_an_arrival_is_placed_in_that_city(analyze):
    for text in ARRIVALS:
        evs = events_of(analyze, text, "wang-yi")
        assert len(evs) == 1, text
        assert evs[0].location == {"city": "Beijing", "country": "CN"}, text
        assert "location" in evs[0].inferred, text
        assert "location:participant-presence" in {e.rule for e in evs[0].evidence if e.field == "location"}, text


def test_a_meeting_told_before_the_arrival_is_not_placed_there(analyze):
    text = "Nikolai Patrushev, who held talks with Wang Yi on Friday, arrived in Beijing on Sunday."
    (ev,) = events_of(analyze, text, "wang-yi")
    assert ev.location is None


# "The next day" counts from the last day the text named, not from the article's date.
NEXT_DAY = [
    "Nikolai Patrushev flew into Beijing on Tuesday. The following day he held talks with Wang Yi.",
    "Nikolai Patrushev ist am Dienstag nach Peking geflogen. Am nächsten Tag führte er Gespräche mit Wang Yi.",
    "Nikolai Patrushev s'est envolé mardi pour Pékin. Le lendemain, il a eu des entretiens avec Wang Yi.",
    "Nikolai Patrushev voló el martes a Pekín. Al día siguiente mantuvo conversaciones con Wang Yi.",
    "Николай Патрушев во вторник вылетел в Пекин. На следующий день он провел переговоры с Ван И.",
    "帕特鲁舍夫周二飞赴北京。第二天，他同王毅举行会谈。",
]


def test_the_next_day_counts_from_the_day_told_before(analyze):
    for text in NEXT_DAY:
        evs = events_of(analyze, text, "wang-yi")
        assert len(evs) == 1, text
        assert evs[0].date == {"start": "2023-04-12", "end": "2023-04-12"}, text   # Tuesday was the 11th
        assert "timex:days-after-the-day-told" in {e.rule for e in evs[0].evidence if e.field == "date"}, text


def test_the_next_day_without_a_day_told_before_stays_undated(analyze):
    (ev,) = events(analyze, "The following day Nikolai Patrushev held talks with Wang Yi.")
    assert ev.date is None


def test_the_day_after_a_named_event_does_not_count_from_the_day_told(analyze):
    for text in ("On Monday Putin spoke to reporters. The next day after the inauguration of Donald Trump, Xi Jinping held a video call with Vladimir Putin.",
                 "В понедельник Путин выступил перед журналистами. На следующий день после инаугурации Дональда Трампа Си Цзиньпин провел видеоконференцию с Владимиром Путиным.",
                 "周一普京会见记者。特朗普就职第二天，习近平同普京举行视频会晤。"):
        evs = events_of(analyze, text, "xi-jinping")
        assert evs and all(e.date != {"start": "2023-04-11", "end": "2023-04-11"} for e in evs), text


def test_leaders_beyond_the_seeds_are_known(analyze):
    text = ("Alexander Lukashenko held talks with Xi Jinping in Beijing on Tuesday, a day after "
            "Kim Jong Un and Vladimir Putin met at a cosmodrome in the Russian Far East.")
    people = {frozenset(p.id for p in e.participants) for e in events(analyze, text)}
    assert frozenset({"alexander-lukashenko", "xi-jinping"}) in people
    assert frozenset({"kim-jong-un", "vladimir-putin"}) in people


def test_a_video_call_and_a_phone_call_are_two_conversations(analyze):
    text = ("Xi Jinping and Vladimir Putin held a video call in mid-January 2022 and spoke again by telephone on "
            "February 25, 2022.")
    evs = sorted(events(analyze, text, "2022-03-01"), key=lambda e: e.date["start"])
    assert [(e.modality, e.date["start"]) for e in evs] == [("video", "2022-01"), ("phone", "2022-02-25")]


def test_a_month_without_a_year_takes_the_year_told_just_before(analyze):
    text = ("The first session of the dialogue was held in Geneva on July 28, 2021. At the second session, at the end "
            "of September, Wendy Sherman and Sergei Ryabkov agreed to set up working groups.")
    evs = {e.round or 0: e for e in events(analyze, text, "2023-02-21")}
    second = next(e for e in events(analyze, text, "2023-02-21") if e.date and e.date["start"].endswith("-09"))
    assert second.date == {"start": "2021-09", "end": "2021-09"}
    assert "timex:year-of-the-date-told-before" in {v.rule for v in second.evidence if v.field == "date"}


def test_a_trip_counts_with_its_traveller_and_destination(analyze):
    (ev,) = events(analyze, "In March, Sergei Lavrov postponed a planned trip to New Delhi.", "2023-04-14")
    assert ev.status == "cancelled" and ev.location == {"city": "New Delhi", "country": "IN"}
    assert [p.id for p in ev.participants] == ["sergei-lavrov"]


def test_a_planned_call_agreed_at_a_meeting_is_not_that_meeting(analyze):
    text = ("Jake Sullivan met Wang Yi in Bangkok on Friday. The two agreed that their deputies would hold "
            "a video call in the near future.")
    (ev,) = events(analyze, text, "2024-01-28")
    assert ev.modality != "video" and ev.status == "occurred"


def test_a_person_the_kb_does_not_hold_takes_the_country_of_their_title(analyze):
    text = ("Jake Sullivan met Lin Haowen, a deputy director of China's national planning office, in Beijing on Monday. "
            "He later met Wang Yi.")
    evs = events(analyze, text, "2024-01-31")
    assert len(evs) == 2      # the same side (China) with other people: two meetings


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


def test_a_pronoun_and_a_meeting_noun_alone_make_no_meeting(analyze):
    text = "Wang Yi met Sergei Lavrov in Beijing on Monday. The spokesman Wang Wenbin said China supported peace talks."
    evs = events(analyze, text, "2023-04-14")
    assert [sorted(p.id for p in e.participants) for e in evs] == [["sergei-lavrov", "wang-yi"]]


def test_they_spoke_is_a_conversation_of_the_two_told_before(analyze):
    text = ("Xi Jinping and Vladimir Putin met in Samarkand in September. They most recently spoke on December 30, "
            "when they held a video call.")
    evs = sorted(events(analyze, text, "2023-01-10"), key=lambda e: e.date["start"])
    assert [e.date["start"] for e in evs] == ["2022-09", "2022-12-30"]
    assert evs[1].modality == "video" and {p.id for p in evs[1].participants} == {"xi-jinping", "vladimir-putin"}
    assert evs[0].location == {"city": "Samarkand", "country": "UZ"}


def test_a_name_written_with_a_small_letter_is_found_so(analyze):
    (ev,) = events(analyze, "Emmanuel Macron a reçu mardi au palais de l'Élysée le chancelier Olaf Scholz.", "2023-04-14")
    assert ev.location == {"city": "Paris", "country": "FR"}
    (ev,) = events(analyze, "Emmanuel Macron met Olaf Scholz in Berlin on Tuesday; the elysee said little.", "2023-04-14")
    assert ev.location == {"city": "Berlin", "country": "DE"}    # a capitalized name is not matched in small letters


def test_a_meeting_with_nobody_named_and_no_mechanism_is_no_event(analyze):
    assert events(analyze, "Talks will take place in Kazan on Wednesday, organizers said.", "2024-10-21") == []
    (ev,) = events(analyze, "The 23rd round of the special representatives talks took place in Beijing on Wednesday.", "2024-12-19")
    assert ev.round == 23     # a mechanism's meeting is one even when the text names nobody


def test_a_count_of_days_later_counts_from_the_day_told(analyze):
    for text in ("Sherman and Ryabkov met in Geneva on January 10, 2022. Blinken and Lavrov met eleven days later.",
                 "Sherman et Riabkov se sont rencontrés à Genève le 10 janvier 2022. Blinken et Lavrov se sont vus onze jours plus tard.",
                 "Шерман и Рябков встретились в Женеве 10 января 2022 года. Одиннадцать дней спустя Блинкен встретился с Лавровым.",
                 "2022年1月10日，舍曼同里亚布科夫在日内瓦会晤。十一天后，布林肯同拉夫罗夫会晤。"):
        evs = events_of(analyze, text, "sergei-lavrov", "2022-02-01")
        assert [e.date for e in evs] == [{"start": "2022-01-21", "end": "2022-01-21"}], text
