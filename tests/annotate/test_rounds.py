"""Round numbers qualify a round, meeting or mechanism; other ordinals do not count."""
from parley.annotate import rounds
from parley.lang import load

EN = load("en")


def values(text, about_mechanism=False):
    return [m.value for m in rounds.find(text, 0, len(text), EN, set(), about_mechanism=about_mechanism)]


def test_numbered_rounds():
    assert values("the 12th round of talks") == [12]
    assert values("opened the ninth session of the dialogue") == [9]
    assert values("the 3rd meeting of the joint commission", about_mechanism=True) == [3]
    assert values("for the twenty-first time") == [21]


def test_a_first_meeting_is_no_round_unless_the_article_is_about_a_mechanism():
    assert values("It was their first meeting since the crisis.") == []
    assert values("The 8th meeting was held in Russia.", about_mechanism=True) == [8]


def test_other_ordinals_are_not_rounds():
    assert values("the 20th National Congress") == []
    assert values("marked the 70th anniversary") == []


def test_unnumbered_rounds_are_found_without_a_number():
    ms = rounds.find("a new round of consultations", 0, 28, EN, set())
    assert [m.value for m in ms] == [None]
