"""In-document coreference: discovered people, surnames, pronouns, dropped subjects, 'the two leaders'.

Sentences written for these tests, not taken from the examples or the seeds."""

from stage_helpers import events, events_of


def test_unknown_person_is_discovered_from_the_title(analyze):
    res = analyze("Deputy Director of the Department of Arms Control Ivan Petrovsky held consultations "
                  "with Chinese counterparts in Geneva on Monday.", "2022-06-10")
    (ev,) = res.events
    (p,) = [p for p in ev.participants]
    assert p.name == "Ivan Petrovsky" and p.discovered
    assert p.title.startswith("Deputy Director")
    assert [a.name for a in res.actors] == ["Ivan Petrovsky"]


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


def test_leaders_beyond_the_seeds_are_known(analyze):
    text = ("Alexander Lukashenko held talks with Xi Jinping in Beijing on Tuesday, a day after "
            "Kim Jong Un and Vladimir Putin met at a cosmodrome in the Russian Far East.")
    people = {frozenset(p.id for p in e.participants) for e in events(analyze, text)}
    assert frozenset({"alexander-lukashenko", "xi-jinping"}) in people
    assert frozenset({"kim-jong-un", "vladimir-putin"}) in people


def test_a_person_the_kb_does_not_hold_takes_the_country_of_their_title(analyze):
    text = ("Jake Sullivan met Lin Haowen, a deputy director of China's national planning office, in Beijing on Monday. "
            "He later met Wang Yi.")
    evs = events(analyze, text, "2024-01-31")
    assert len(evs) == 2      # the same side (China) with other people: two meetings


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
