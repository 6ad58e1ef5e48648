"""The Russian pack through the whole pipeline: a meeting told in Russian (a sentence written for
this test) gives the same event as in any other language."""


def test_a_meeting_is_read_in_ru(analyze):
    res = analyze('Ван И во вторник провел переговоры с Сергеем Лавровым в Москве.', "2023-04-14")
    assert res.document.language == "ru"
    (ev,) = res.events
    assert {p.id for p in ev.participants} == {"wang-yi", "sergei-lavrov"}
    assert ev.date == {"start": "2023-04-11", "end": "2023-04-11"}       # the Tuesday before the Friday it was published
    assert ev.location == {"city": "Moscow", "country": "RU"}
    assert (ev.status, ev.modality) == ("occurred", "in_person")
    assert {"participants", "date", "location"} <= {e.field for e in ev.evidence}


def test_names_are_matched_on_their_lemmas_and_romanized_in_the_nominative():
    from parley.lang import load
    pack = load("ru")
    assert pack.lemma_gazetteer
    assert pack.normalize("Пекине") == "пекин"
    assert pack.hook("romanize")("Николаем Патрушевым") == "Nikolay Patrushev"
