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
