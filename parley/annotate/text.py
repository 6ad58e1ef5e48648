"""Sentences and word tokens as character spans over the clean text.

Sentences: paragraphs (lines) first, then a regex splitter that knows abbreviations and repairs
the glue of scraped pages ("SHAVER.The Director").
"""
from __future__ import annotations

import re
from typing import Callable, NamedTuple

WORD = re.compile(r"\w+(?:['’]\w+)?", re.UNICODE)
ABBREV = {"mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "jan", "feb", "mar", "apr", "jun", "jul",
          "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jr", "sr",
          "u.s", "u.k", "u.n", "e.g", "i.e", "fig", "vol", "p", "pp", "ca", "approx", "dept", "gov", "sen", "rep"}
# end of sentence: . ! ? (and CJK 。！？) followed by space + capital/quote/digit, or glued to a capitalized word
SENT_END = re.compile(r"([.!?。！？][\"'”’»)]*)(?:\s+(?=[\"“«'‘(]?[A-ZА-ЯЁ0-9\u4e00-\u9fff])|(?=[A-ZА-ЯЁ][a-zа-яё]))|([。！？])")


class Token(NamedTuple):
    start: int
    end: int
    text: str
    lower: str


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    new = tuple.__new__     # a NamedTuple's own constructor is a Python function: skip it
    return [new(Token, (m.start(), m.end(), w, w.lower())) for m in WORD.finditer(text, start, end) for w in (m.group(),)]


class WordGate:
    """Whether a set of lowercase words holds one that is, normalized (or, with `as_is`, also as
    it stands), among `targets`. Each word's answer is remembered, so a sentence is checked with
    set operations; the memory of words that are not is bounded."""

    def __init__(self, targets: frozenset[str], normalize: Callable[[str], str], as_is: bool = False, limit: int = 200_000):
        self.targets, self.normalize, self.as_is, self.limit = targets, normalize, as_is, limit
        self.yes: set[str] = set()
        self.no: set[str] = set()

    def any_in(self, words: set[str]) -> bool:
        new = words - self.no
        if not new.isdisjoint(self.yes):
            return True
        if len(self.no) > self.limit:
            self.no.clear()
        targets, normalize = self.targets, self.normalize
        for w in new:
            hit = (self.as_is and w in targets) or normalize(w) in targets
            (self.yes if hit else self.no).add(w)
        return not new.isdisjoint(self.yes)


def sentences(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        lstart = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        cur = lstart
        for m in SENT_END.finditer(line):
            cut = lstart + m.end(1) if m.group(1) else lstart + m.end()
            if m.group(1) and m.group(1)[0] == ".":
                word = _word_before(line, m.start(1)).lower()
                if word in ABBREV or (len(word) == 1 and word.isalpha()) or re.fullmatch(r"(?:\w\.)+\w", word):
                    continue
                if word.isdigit() and len(word) <= 2:
                    continue    # an ordinal or a day ("die 18. Runde", "am 19. September"), not a sentence end
            if cut > cur:
                out.append(_trim(text, cur, cut))
            cur = cut
        if cur < lstart + len(line):
            out.append(_trim(text, cur, lstart + len(line)))
    return [s for s in out if s[1] > s[0]]


def _word_before(line: str, end: int) -> str:
    """The run of word characters and dots that ends at `end` ("U.S" in "the U.S."), found by
    stepping back from `end`: looking for it with a regex anchored at the line's end would scan
    the whole line before it, at every full stop of a long paragraph."""
    start = end
    while start > 0:
        ch = line[start - 1]
        if ch == "." or ch.isalnum() or ch == "_" or _WORDCHAR.match(ch):
            start -= 1
        else:
            break
    return line[start:end]


_WORDCHAR = re.compile(r"\w")


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
