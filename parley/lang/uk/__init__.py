"""Ukrainian language pack: data in the YAML files beside this module; words are matched on their
lemmas (pymorphy3 with its Ukrainian dictionaries, pymorphy3-dicts-uk: 25 MB, 40 µs a word, each
word's answer remembered), so "Патрушевим" finds Патрушев and "у Москві" finds Москва."""
from __future__ import annotations

import functools
import re

CODE = "uk"
CYRILLIC = re.compile(r"[а-яіїєґ]", re.IGNORECASE)
lemma_gazetteer = True     # the analyzer also matches knowledge-base names on lemmas
NAMES = {"Name", "Surn", "Patr", "Geox", "Orgn"}


@functools.lru_cache(maxsize=1)
def _morph():
    import pymorphy3
    return pymorphy3.MorphAnalyzer(lang="uk")


def normalize(word: str) -> str:
    """A Cyrillic word's lemma (a capitalized word's reading as a name or place first: "Лавровим"
    is Лавров, not the adjective лавровий); other words (Latin, digits) lowercased as they are."""
    w = word.lower().replace("’", "'").replace("ʼ", "'")
    if not CYRILLIC.search(w):
        return w
    parses = _morph().parse(w)
    return (_name_parse(parses) if word[:1].isupper() else parses[0]).normal_form


def _name_parse(parses):
    """The first reading of a capitalized word as a name, surname or place, else the first."""
    for p in parses:
        if NAMES & set(p.tag.grammemes or ()):
            return p
    return parses[0]


TRANSLIT = dict(zip("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'",
                    ["a", "b", "v", "h", "g", "d", "e", "ie", "zh", "z", "y", "i", "i", "i", "k", "l", "m", "n", "o", "p", "r",
                     "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "iu", "ia", ""]))
FIRST = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def romanize(name: str) -> str:
    """A discovered Ukrainian name in Latin letters (the national transliteration of 2010: є, ї, й, ю,
    я at the start of a word as ye, yi, y, yu, ya), in the nominative where the morphology knows it:
    "Дмитром Кулебою" -> "Dmytro Kuleba"."""
    words = []
    for w in name.split():
        parse = _name_parse(_morph().parse(w))
        if {"Name", "Surn", "Patr"} & set(parse.tag.grammemes or ()):
            nom = parse.inflect({"nomn"})
            w = nom.word if nom else w
        low = w.lower()
        out = FIRST.get(low[:1], TRANSLIT.get(low[:1], low[:1])) + "".join(TRANSLIT.get(ch, ch) for ch in low[1:])
        words.append(out.capitalize())
    return " ".join(words)
