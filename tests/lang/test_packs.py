"""Every language pack loads and has the same files and keys."""
import pytest

from parley.errors import KnowledgeBaseError
from parley.lang import FILES, available, load


@pytest.mark.parametrize("code", available())
def test_pack_loads_with_every_file(code):
    pack = load(code)
    assert set(pack.data) == set(FILES)
    assert pack.months and pack.weekdays
    assert pack["triggers"]["consult"]["verbs"] and pack["quotes"]["verbs"]


def test_unknown_language_is_a_clear_error():
    with pytest.raises(KnowledgeBaseError):
        load("xx")


# -- language identification ---------------------------------------------------------------------
# Paragraphs written for these tests (not taken from the examples).
PARAGRAPHS = {
    "en": "The delegations spent most of the afternoon on the draft of a joint statement, which officials "
          "said would be published once both capitals had approved the final wording of it.",
    "de": "Die Delegationen verbrachten den größten Teil des Nachmittags mit dem Entwurf einer gemeinsamen "
          "Erklärung, die nach Angaben von Beamten veröffentlicht werden soll, sobald beide Hauptstädte zustimmen.",
    "fr": "Les délégations ont consacré l'essentiel de l'après-midi au projet de déclaration commune, qui sera "
          "publiée selon les responsables dès que les deux capitales auront approuvé le texte final.",
    "es": "Las delegaciones dedicaron la mayor parte de la tarde al borrador de una declaración conjunta, que "
          "según los funcionarios se publicará en cuanto ambas capitales aprueben la redacción final.",
}
LATIN = ("en", "de", "fr", "es")


def _words():
    from parley.langid import FunctionWords
    return FunctionWords({c: load(c)["clauses"]["function_words"] for c in LATIN})


@pytest.mark.parametrize("code", LATIN)
def test_function_words_decide_a_clear_paragraph(code):
    assert _words().decide(PARAGRAPHS[code]) == code


def test_function_words_leave_unclear_text_to_lingua():
    from parley.langid import latin_language
    words = _words()
    mixed = PARAGRAPHS["en"][:90] + " " + PARAGRAPHS["fr"][:90]
    assert words.decide(mixed) is None                     # two languages: not clear
    assert words.decide("Wang Yi, Sergei Lavrov, Moscow, 2023") is None   # names only: nothing to go by
    assert latin_language(PARAGRAPHS["de"], LATIN, fast=True, words=words) == "de"


def test_each_paragraph_is_read_in_its_own_language():
    from parley.langid import detect
    text = "\n".join([PARAGRAPHS["en"], PARAGRAPHS["fr"], PARAGRAPHS["en"], PARAGRAPHS["es"]])
    main, present, parts = detect(text, LATIN, _words())
    assert [lang for _, _, lang in parts] == ["en", "fr", "en", "es"]
    assert main == "en" and set(present) == {"en", "fr", "es"}
