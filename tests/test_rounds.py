"""Round numbers qualify a round, meeting or mechanism; other ordinals do not count."""
from parley.annotate import rounds
from parley.lang import load

EN = load("en")


def values(text):
    return [m.value for m in rounds.find(text, 0, len(text), EN, set())]


def test_numbered_rounds():
    assert values("the 12th round of talks") == [12]
    assert values("opened the ninth session of the dialogue") == [9]
    assert values("the 3rd meeting of the joint commission") == [3]
    assert values("for the twenty-first time") == [21]


def test_other_ordinals_are_not_rounds():
    assert values("the 20th National Congress") == []
    assert values("marked the 70th anniversary") == []


def test_unnumbered_rounds_are_found_without_a_number():
    ms = rounds.find("a new round of consultations", 0, 28, EN, set())
    assert [m.value for m in ms] == [None]
