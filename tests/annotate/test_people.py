"""People the knowledge base does not hold, found from their titles, appositives and reporting
verbs (sentences written for these tests)."""
from parley.annotate import people
from parley.annotate.text import tokens
from parley.lang import load

EN = load("en")


def found(text):
    return [(m.text, m.extra.get("title")) for m in people.find(text, 0, len(text), tokens(text), EN, [], [])]


def test_a_name_after_a_title_or_before_an_appositive_is_a_person():
    assert found("Deputy Minister Anna Berg arrived on Monday.") == [("Anna Berg", "Deputy Minister")]
    assert ("Anna Berg", "director of the Council for Civil Liberties") in found(
        '"The talks were frank," said Anna Berg, director of the Council for Civil Liberties.')


def test_a_name_inside_another_persons_title_is_no_person():
    names = [n for n, _ in found('"The talks were frank," said Anna Berg, director of the Council for Civil Liberties.')]
    assert names == ["Anna Berg"]       # not "Civil Liberties"
