"""The packs added for the languages beyond the first six: the same files and keys as the first
packs, and no word of theirs that would break the reading of names in other languages."""
import pytest

from parley import kb
from parley.lang import FILES, available, load

ADDED = ("it", "pt", "uk", "id", "tr", "pl", "vi")


def test_the_added_packs_are_there():
    assert set(ADDED) <= set(available())


@pytest.mark.parametrize("code", ADDED)
def test_an_added_pack_has_every_key_the_first_packs_have(code):
    pack, model = load(code), load("ru" if code == "uk" else "es")
    for name in FILES:
        assert set(model[name]) <= set(pack[name]), (name, set(model[name]) - set(pack[name]))


@pytest.mark.parametrize("code", ADDED)
def test_no_title_word_of_an_added_pack_is_a_word_of_a_person_s_name(code):
    """Every pack's title vocabulary is one set, read in every language: "yang" there (Indonesian's
    "which") made Yang Jiechi no name in English text."""
    vocab = {str(w).lower() for w in load(code)["titles"]["vocabulary"]}
    names = {w for a in kb.load().actors.values() if a.type == "person"
             for ns in a.names.values() for n in ns for w in n.lower().split()}
    assert not vocab & names, vocab & names


@pytest.mark.parametrize("code", ADDED)
def test_month_and_weekday_names_come_from_cldr(code):
    from babel import Locale
    pack = load(code)
    loc = Locale.parse(code)
    assert all(pack.months[name.lower()] == n for n, name in loc.months["format"]["wide"].items())
    assert all(pack.weekdays[name.lower()] == n for n, name in loc.days["format"]["wide"].items())
