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
def _detector(codes: tuple[str, ...]):
    from lingua import Language, LanguageDetectorBuilder
    langs = [getattr(Language, LINGUA[c]) for c in codes if c in LINGUA]
    if len(langs) < 2:
        return None
    return LanguageDetectorBuilder.from_languages(*langs).with_preloaded_language_models().build()


def paragraph_language(text: str, latin: tuple[str, ...]) -> str | None:
    han, cyr, lat = len(HAN.findall(text)), len(CYR.findall(text)), len(LAT.findall(text))
    total = han + cyr + lat
    if total == 0:
        return None
    if han >= 0.3 * total:
        return "zh"
    if cyr >= 0.5 * total:
        return "ru"
    if lat < 0.5 * total:
        return None
    if len(latin) == 1:
        return latin[0]
    det = _detector(latin)
    lang = det.detect_language_of(text[:1000]) if det else None
    if lang is None:
        return latin[0]
    code = lang.iso_code_639_1.name.lower()
    return code if code in latin else latin[0]


def detect(text: str, latin: tuple[str, ...] = ("en", "de", "fr", "es")) -> tuple[str | None, list[str], list[tuple[int, int, str]]]:
    """(main language, languages present, per-paragraph (start, end, language))."""
    parts: list[tuple[int, int, str]] = []
    weight: dict[str, int] = {}
    pos = 0
    for para in text.split("\n"):
        start, end = pos, pos + len(para)
        pos = end + 1
        if len(para.strip()) < 3:
            continue
        lang = paragraph_language(para, latin)
        if lang:
            parts.append((start, end, lang))
            weight[lang] = weight.get(lang, 0) + len(para)
    if not weight:
        return None, [], parts
    ranked = sorted(weight, key=lambda k: (-weight[k], k))
    return ranked[0], ranked, parts
