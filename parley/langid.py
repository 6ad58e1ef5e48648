"""Language of a text, per paragraph: script decides Chinese and Russian outright; a Latin-script
paragraph full of one pack's function words ("the", "of", "und", "les", "los") is in that
language; the others go to lingua, restricted to the languages Parley has packs for (all of
lingua's languages cost over a gigabyte per process)."""
from __future__ import annotations

import functools
import re
from typing import Iterable

HAN = re.compile(r"[\u4e00-\u9fff]")
CYR = re.compile(r"[\u0400-\u04ff]")
LAT = re.compile(r"[A-Za-z\u00c0-\u024f]")
LINGUA = {"en": "ENGLISH", "de": "GERMAN", "fr": "FRENCH", "es": "SPANISH", "ru": "RUSSIAN", "zh": "CHINESE"}


@functools.lru_cache(maxsize=8)
def _detector(codes: tuple[str, ...], fast: bool = False):
    """`fast`: low-accuracy mode (trigrams only), reliable on paragraph-length texts and twice as
    fast; the full models read the short texts (a title, one sentence) that need them."""
    from lingua import Language, LanguageDetectorBuilder
    langs = [getattr(Language, LINGUA[c]) for c in codes if c in LINGUA]
    if len(langs) < 2:
        return None
    builder = LanguageDetectorBuilder.from_languages(*langs)
    if fast:
        builder = builder.with_low_accuracy_mode()
    return builder.build()


SHORT = 160   # a Latin-script paragraph shorter than this is read in the language of the Latin text around it


def script_language(text: str) -> str | None:
    """"zh" or "ru" where the script decides, "latin" for Latin script, None for no letters
    (judged on the first 400 characters: a paragraph does not change script half-way)."""
    text = text[:400]
    if text.isascii():      # no Chinese, no Cyrillic: Latin if it has a letter at all
        return "latin" if LAT.search(text) else None
    han, cyr, lat = len(HAN.findall(text)), len(CYR.findall(text)), len(LAT.findall(text))
    total = han + cyr + lat
    if total == 0:
        return None
    if han >= 0.3 * total:
        return "zh"
    if cyr >= 0.5 * total:
        return "ru"
    return "latin" if lat >= 0.5 * total else None


WORD = re.compile(r"\w+")


def _count(item: tuple[str, int]) -> int:
    return item[1]


class FunctionWords:
    """The commonest words of each Latin-script pack. A paragraph is in a language when at least
    `least` of its words are that language's and at least `margin` times as many as any other
    language's; otherwise it is not clear, and lingua decides."""

    def __init__(self, words: dict[str, Iterable[str]], least: int = 5, margin: float = 3.0):
        self.index: dict[str, tuple[str, ...]] = {}
        for code, ws in words.items():
            for w in ws:
                self.index[str(w).lower()] = self.index.get(str(w).lower(), ()) + (code,)
        self.least, self.margin = least, margin

    def decide(self, text: str) -> str | None:
        counts: dict[str, int] = {}
        index = self.index
        for w in WORD.findall(text[:1000].lower()):
            for code in index.get(w, ()):
                counts[code] = counts.get(code, 0) + 1
        # the two commonest, the first counted first among equals (as Counter.most_common gives them)
        ranked = sorted(counts.items(), key=_count, reverse=True)[:2] + [("", 0), ("", 0)]
        (best, n), (_, other) = ranked[0], ranked[1]
        return best if n >= self.least and n >= self.margin * other else None


def latin_language(text: str, latin: tuple[str, ...], fast: bool = False, words: FunctionWords | None = None) -> str:
    if len(latin) == 1:
        return latin[0]
    clear = words.decide(text) if words else None
    if clear in latin:
        return clear
    det = _detector(latin, fast)
    lang = det.detect_language_of(text[:1000]) if det else None
    if lang is None:
        return latin[0]
    code = lang.iso_code_639_1.name.lower()
    return code if code in latin else latin[0]


def detect(text: str, latin: tuple[str, ...] = ("en", "de", "fr", "es"), words: FunctionWords | None = None
           ) -> tuple[str | None, list[str], list[tuple[int, int, str]]]:
    """(main language, languages present, per-paragraph (start, end, language)). Long Latin-script
    paragraphs are identified one by one; short ones (titles, captions, datelines) take the
    language of all the Latin text of the document, which is identified once."""
    paras: list[tuple[int, int, str | None]] = []
    pos = 0
    latin_text = []
    for para in text.split("\n"):
        start, end = pos, pos + len(para)
        pos = end + 1
        if len(para.strip()) < 3:
            continue
        script = script_language(para)
        paras.append((start, end, script))
        if script == "latin":
            latin_text.append(para)
    doc_latin = latin_language(" ".join(latin_text)[:2000], latin, words=words) if latin_text else None
    parts: list[tuple[int, int, str]] = []
    weight: dict[str, int] = {}
    for start, end, script in paras:
        if script == "latin":
            lang = latin_language(text[start:end], latin, fast=True, words=words) if end - start >= SHORT else doc_latin
        else:
            lang = script
        if lang:
            parts.append((start, end, lang))
            weight[lang] = weight.get(lang, 0) + end - start
    if not weight:
        return None, [], parts
    ranked = sorted(weight, key=lambda k: (-weight[k], k))
    return ranked[0], ranked, parts
