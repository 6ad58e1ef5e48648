"""Traditional Chinese, read by the zh pack: the Chinese paragraphs of a document are converted to
simplified characters with OpenCC (its standard configuration, "t2s": 臺灣 -> 台湾, 會晤 -> 会晤,
乾隆 kept apart from 乾燥; Hong Kong's 視像 -> 视频 besides), one character for one, so that every
offset found in the converted text is an offset in the original. Where a phrase would change a
sentence's length, that sentence is converted character by character instead. (The Taiwan
configuration with phrases, "tw2sp", also rewrites simplified text: 建立 -> 创建.) What the analysis quotes back
(evidence, quotes, names of discovered people, mechanism facts) is taken from the original text at
the same offsets, so a Traditional Chinese report is cited in its own characters.

Simplified text goes through unchanged (OpenCC leaves it as it is), and so does a document
without Chinese paragraphs; a Japanese paragraph's kanji are never converted.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from typing import Any, Callable

CONFIG = "t2s"
# Hong Kong and Macau words OpenCC's phrase tables (mainland and Taiwan) leave as they are, each
# with the mainland word of the same length the zh pack knows
REGIONAL = {"視像": "视频", "视像": "视频"}
REGIONAL_RX = re.compile("|".join(REGIONAL))
SENTENCE = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+|\n|$)")


@functools.lru_cache(maxsize=1)
def _converter():
    import opencc
    return opencc.OpenCC(CONFIG)


@functools.lru_cache(maxsize=20_000)
def _char(ch: str) -> str:
    out = _converter().convert(ch)
    return out if len(out) == 1 else ch


def simplify(text: str) -> str:
    """`text` in simplified characters, of the same length (character i of the result is
    character i of `text`, converted)."""
    if text.isascii():
        return text
    out = _converter().convert(text)
    if len(out) == len(text):
        return REGIONAL_RX.sub(_regional, out)
    parts = []
    for m in SENTENCE.finditer(text):
        piece = m.group()
        if not piece:
            continue
        conv = _converter().convert(piece)
        parts.append(conv if len(conv) == len(piece) else "".join(map(_char, piece)))
    return REGIONAL_RX.sub(_regional, "".join(parts))


def _regional(m: re.Match) -> str:
    return REGIONAL[m.group()]


def simplify_parts(text: str, parts: list[tuple[int, int, str]], code: str = "zh") -> str:
    """`text` with the paragraphs in language `code` simplified, the rest as it is."""
    pieces, pos = [], 0
    for start, end, lang in parts:
        if lang != code:
            continue
        pieces += [text[pos:start], simplify(text[start:end])]
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


HAN = re.compile(r"[\u4e00-\u9fff]")
KANA_HANGUL = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uac00-\ud7af\u1100-\u11ff]")


def chinese(text: str) -> bool:
    """Whether a text is Chinese: Han characters, and neither kana nor Hangul (a Japanese or
    Korean text's kanji and hanja are never converted)."""
    head = text[:5000]
    return bool(HAN.search(head)) and not KANA_HANGUL.search(head)


def clean(cleaner, raw: str):
    """`cleaner.clean(raw)`, a Chinese text in traditional characters cleaned as simplified (the
    zh pack's page chrome, datelines and date lines are written so), its kept lines given back in
    the original characters. The date lines stay simplified: they are only read for a date."""
    if raw.isascii() or not chinese(raw):
        return cleaner.clean(raw)
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    simple = simplify(raw)
    if simple == raw:
        return cleaner.clean(raw)
    cleaned = cleaner.clean(simple)
    cleaned.text = _back_lines(cleaned.text, simple, raw)
    if cleaned.title:
        cleaned.title = _back_lines(cleaned.title, simple, raw)
    return cleaned


def _back_lines(text: str, simple: str, original: str) -> str:
    """Each line of `text` (lines of `simple`, in order) in `original`'s characters: found from
    where the line before it was, else anywhere; a line not found stays as it is."""
    out, cursor = [], 0
    for line in text.split("\n"):
        at = simple.find(line, cursor) if line else -1
        if at < 0 and line:
            at = simple.find(line)
        if at >= 0:
            out.append(original[at:at + len(line)])
            cursor = at + len(line)
        else:
            out.append(line)
    return "\n".join(out)


def read(doc, analyze: Callable[[Any], Any]):
    """`analyze(doc)`, with a document holding traditional characters in its Chinese paragraphs
    analysed in simplified ones and its result given back in the original characters."""
    if "zh" not in (doc.languages or [doc.language]):
        return analyze(doc)
    parts = doc.parts or [(0, len(doc.text), "zh")]
    simple = simplify_parts(doc.text, parts)
    if simple == doc.text:
        return analyze(doc)
    result = analyze(dataclasses.replace(doc, text=simple))
    _restore(result, doc, simple)
    return result


def _restore(result, doc, simple: str) -> None:
    original = doc.text

    def back(s: str | None, start: int | None = None) -> str | None:
        """The original characters of a piece of the converted text: at `start` if it stands
        there, else where it first stands; as it is if it is not in the text."""
        if not s:
            return s
        if start is not None and simple.startswith(s, start):
            return original[start:start + len(s)]
        at = simple.find(s)
        return original[at:at + len(s)] if at >= 0 else s

    def spanned(obj) -> None:
        if simple[obj.start:obj.end] == obj.text:
            obj.text = original[obj.start:obj.end]
        else:
            at = simple.find(obj.text, obj.start, obj.end + len(obj.text)) if obj.text else -1
            obj.text = original[at:at + len(obj.text)] if at >= 0 else back(obj.text)

    result.document = dataclasses.replace(result.document, text=original)   # the analysis may have dated it
    for ev in result.events:
        ev.trigger = back(ev.trigger)
        for e in ev.evidence:
            spanned(e)
        for p in ev.participants:
            p.title = back(p.title)
            if p.discovered:
                p.name = back(p.name)
    for q in result.quotes:
        spanned(q)
        q.speaker_name = back(q.speaker_name)
        q.speaker_title = back(q.speaker_title)
    for f in result.mechanism_facts:
        spanned(f)
    for a in result.actors:
        a.name = back(a.name)
        a.title = back(a.title)
        a.names = {k: [back(n) for n in v] for k, v in a.names.items()}
    for m in result.new_mechanisms:
        if m.get("name"):
            m["name"] = back(m["name"])
