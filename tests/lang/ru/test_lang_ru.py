"""The Russian pack through the whole pipeline: a meeting told in Russian (a sentence written for
this test) gives the same event as in any other language."""
from meeting import assert_the_tuesday_meeting


def test_a_meeting_is_read_in_ru(analyze):
    assert_the_tuesday_meeting(analyze, 'Ван И во вторник провел переговоры с Сергеем Лавровым в Москве.', "ru")


def test_names_are_matched_on_their_lemmas_and_romanized_in_the_nominative():
    from parley.lang import load
    pack = load("ru")
    assert pack.lemma_gazetteer
    assert pack.normalize("Пекине") == "пекин"
    assert pack.hook("romanize")("Николаем Патрушевым") == "Nikolay Patrushev"
