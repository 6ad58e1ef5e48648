"""Russian language pack: data in the YAML files beside this module; words are matched on their
lemmas (pymorphy3), so "Патрушевым" finds Патрушев and "в Пекине" finds Пекин."""
from __future__ import annotations

import functools
import re

CODE = "ru"
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
lemma_gazetteer = True     # the analyzer also matches knowledge-base names on lemmas


@functools.lru_cache(maxsize=1)
def _morph():
    import pymorphy3
    return pymorphy3.MorphAnalyzer(lang="ru")


def normalize(word: str) -> str:
    """A Cyrillic word's lemma; other words (Latin, digits) lowercased as they are."""
    w = word.lower().replace("ё", "е")
    if not CYRILLIC.search(w):
        return w
    return _morph().parse(w)[0].normal_form.replace("ё", "е")


TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u",
                     "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))


def romanize(name: str) -> str:
    """A discovered Russian name in Latin letters (the BGN/PCGN-like spelling the press uses), in
    the nominative where the morphology knows it: "Николаем Патрушевым" -> "Nikolay Patrushev"."""
    words = []
    for w in name.split():
        parse = _morph().parse(w)[0]
        if {"Name", "Surn", "Patr"} & set(parse.tag.grammemes or ()):
            w = parse.inflect({"nomn"}).word if parse.inflect({"nomn"}) else w
        words.append("".join(TRANSLIT.get(ch, ch) for ch in w.lower()).capitalize())
    return " ".join(words)
