"""Language of a text, per paragraph: script decides Chinese and Russian outright; Latin-script
paragraphs go to lingua, restricted to the languages Parley has packs for (all of lingua's
languages cost over a gigabyte per process)."""
from __future__ import annotations

import functools
import re

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
    return builder.with_preloaded_language_models().build()


SHORT = 160   # a Latin-script paragraph shorter than this is read in the language of the Latin text around it


def script_language(text: str) -> str | None:
    """"zh" or "ru" where the script decides, "latin" for Latin script, None for no letters
    (judged on the first 400 characters: a paragraph does not change script half-way)."""
    text = text[:400]
    han, cyr, lat = len(HAN.findall(text)), len(CYR.findall(text)), len(LAT.findall(text))
    total = han + cyr + lat
    if total == 0:
        return None
    if han >= 0.3 * total:
        return "zh"
    if cyr >= 0.5 * total:
        return "ru"
    return "latin" if lat >= 0.5 * total else None


def latin_language(text: str, latin: tuple[str, ...], fast: bool = False) -> str:
    if len(latin) == 1:
        return latin[0]
    det = _detector(latin, fast)
    lang = det.detect_language_of(text[:1000]) if det else None
    if lang is None:
        return latin[0]
    code = lang.iso_code_639_1.name.lower()
    return code if code in latin else latin[0]


def paragraph_language(text: str, latin: tuple[str, ...]) -> str | None:
    script = script_language(text)
    return latin_language(text, latin) if script == "latin" else script


def detect(text: str, latin: tuple[str, ...] = ("en", "de", "fr", "es")) -> tuple[str | None, list[str], list[tuple[int, int, str]]]:
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
    doc_latin = latin_language(" ".join(latin_text)[:2000], latin) if latin_text else None
    parts: list[tuple[int, int, str]] = []
    weight: dict[str, int] = {}
    for start, end, script in paras:
        if script == "latin":
            lang = latin_language(text[start:end], latin, fast=True) if end - start >= SHORT else doc_latin
        else:
            lang = script
        if lang:
            parts.append((start, end, lang))
            weight[lang] = weight.get(lang, 0) + end - start
    if not weight:
        return None, [], parts
    ranked = sorted(weight, key=lambda k: (-weight[k], k))
    return ranked[0], ranked, parts
