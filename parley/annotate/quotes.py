"""Quotes: direct and reported speech attributed to a person.

Forms: "X said, ...", "X noted that ...", "X told the Global Times ...", "..., said X.",
"“...” – said at the briefing, X.", "according to X". A pronoun speaker ("He said") is the last
person quoted before it. Returns quotes and the spans of the reporting clauses, which are not
part of the event they report.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .. import rx
from ..lang import LanguagePack
from ..model import Mention

QUOTE_MARKS = "\"“”«»„「」"


@dataclass
class FoundQuote:
    speaker: Mention
    start: int
    end: int
    direct: bool
    reporting: tuple[int, int]   # the "X said" part (the speaker, when an appositive stands between)
    also: tuple[int, int] | None = None   # the verb, when an appositive stands between it and the speaker


MIN_WORDS = {True: 12, False: 4}   # characters of words a quote needs (Chinese says much in few)
COMMA = "[,，、]"
STOP = "[.;。；!?！？]"


@functools.lru_cache(maxsize=None)
def _rx(pack: LanguagePack):
    """The quote patterns of a language, built from its word lists (no English words here)."""
    q = pack["quotes"]
    intro = pack.pattern(q["introduce"])
    trail = pack.pattern(q["trailing"])
    pron = pack.pattern(q.get("pronouns") or [])
    that = pack.pattern(q.get("that") or [])
    source = pack.pattern(q.get("source_cues") or [])
    sp = r"\s+" if pack.spaced else r"\s*"
    # (case is not seen by these patterns, which run on the lowercased text: that the small words
    # are written small is checked on the match, in the original letters; see `_small_words`)
    small = r"(?P<small>(?:\s+[^\W\d_][\w'’-]*){0,3}?)" if pack.spaced else r"(?P<small>[^，。,.]{0,8}?)"
    # after the speaker: an appositive of up to three comma-separated segments, a few small words
    # ("in his turn"), then the verb
    pre = rf"^(?:\s*{COMMA}[^,.;\"“”«»，。]{{1,160}}?){{0,3}}?{COMMA}?{small}{sp}"
    return (
        # the verb, then "that" or a comma or a colon, then the words
        rx.compile(pre + rf"(?P<v>{intro})(?:(?P<tail>[^.,:;，。：]{{0,40}}?){sp}(?:{that}){sp}|\s*[,，:：]\s*[-–—]?\s*)(?P<rest>.*)$",
                   re.IGNORECASE | re.DOTALL),
        rx.compile(pre + rf"(?P<v>{intro})(?P<tail>[^.。]{{0,80}}?)?(?:\s*[,，:：]\s*|{sp}(?:{that}){sp}|{sp})(?P<rest>.*)$",
                   re.IGNORECASE | re.DOTALL),
        # before the speaker: "..., said X" / "«...», — заявил X" / "... – said at the briefing, X"
        rx.compile(rf"(?P<v>{trail})(?P<mid>[^.;\"“”«»。]{{0,120}})$", re.IGNORECASE),
        # the speaker and the verb close the sentence: "“...,” Yang said." / "..., Yang Jin told the Global Times on Sunday."
        rx.compile(pre + rf"(?:{trail})[^.,;\"“”«»。，]{{0,60}}{STOP}?\s*$", re.IGNORECASE),
        # a pronoun speaker: "He said ..." / "..., he said."
        rx.compile(rf"^\s*(?:{pron}){sp}(?:\w+{sp})?(?:{intro})[,:，：]?\s*(?:(?:{that}){sp})?", re.IGNORECASE),
        rx.compile(rf"[,”\"»，]\s*[-–—]?\s*(?:{pron}){sp}(?:{trail}){STOP}?$", re.IGNORECASE),
        # a reporting clause whose speaker is no person: "..., the foreign ministry said on Friday."
        rx.compile(rf"{COMMA}\s*(?:[\w'’-]+\s+){{1,6}}?(?:{trail})[^,.;\"“”«»，。]{{0,40}}{STOP}?\s*$", re.IGNORECASE),
        rx.compile(rf"(?:{source})", re.IGNORECASE),
    )


@functools.lru_cache(maxsize=None)
def _spoken_for(pack: LanguagePack) -> tuple[str, ...]:
    """"a spokesman for" (quotes.yaml spoken_for): lowercase, one space between words."""
    return tuple(" ".join(str(w).lower().split()) for w in pack["quotes"].get("spoken_for") or ())


def _small_words(m, spaced: bool = True):
    """The match, if the words it allows between the speaker and the verb ("also", "in his turn")
    are written small: a capitalized one is a name or a sentence of its own ("Yang and Lavrov said").
    (In a language written without spaces the few characters allowed there are not words.)"""
    if m is None or not spaced:
        return m
    return None if any(w[:1].isupper() for w in m.group("small").split()) else m


def find(text: str, sent: tuple[int, int], people: list[Mention], pack: LanguagePack, last_speaker: Mention | None) -> list[FoundQuote]:
    s0, e0 = sent
    that_rx, after_rx, before_rx, end_rx, pron_rx, pron_end_rx, _, _ = _rx(pack)
    out: list[FoundQuote] = []
    for p in people:
        if not (s0 <= p.start < e0):
            continue
        rest = text[p.end:e0]
        span_end = p.end
        before = text[s0:p.start].strip(" ,–—-")
        # "“...,” Yang said." (only where words stand before the speaker: looked at first, it is cheap)
        if len(before) >= 12 and _small_words(end_rx.match(rest), pack.spaced):
            out.append(FoundQuote(p, s0, p.start, any(c in before for c in QUOTE_MARKS), (p.start, e0)))
            continue
        m = _small_words(that_rx.match(rest), pack.spaced) or _small_words(after_rx.match(rest), pack.spaced)
        if m:
            words_start = span_end + m.start("rest")
            body = text[words_start:e0].strip()
            if len(body) >= MIN_WORDS[pack.spaced]:
                verb_start = span_end + m.start("v")
                # an appositive between speaker and verb ("X, who met Y on Monday, said ...") is not
                # part of the reporting clause: what it tells stays readable
                out.append(FoundQuote(p, words_start, e0, any(c in body for c in QUOTE_MARKS), (p.start, p.end),
                                      (verb_start, words_start)))
                continue
            # "“...,” Yang said." : the words are before the speaker
            if len(before) >= 12:
                out.append(FoundQuote(p, s0, p.start, any(c in before for c in QUOTE_MARKS), (p.start, e0)))
                continue
        b = before_rx.search(text[s0:p.start])
        if b and len(people) > 1:
            v0, v1 = s0 + b.start("v"), s0 + b.end("v")
            for o in people:
                # "Putin told Xi": the person before the verb speaks, the one after listens; "...,
                # said a spokesman for Wang Yi after meeting Lavrov": the first named after the verb, if anyone
                if o is not p and (0 <= v0 - o.end <= 2 or v1 <= o.start < p.start):
                    b = None
                    break
        if b:
            words_end = s0 + b.start("v")
            body = text[s0:words_end].strip(" ,–—-")
            if len(body) >= 12 and text[p.end:e0].strip(" .") == "" or (len(body) >= 12 and re.match(r"^\s*(?:,|\.|$)", text[p.end:e0])):
                out.append(FoundQuote(p, s0, words_end, any(c in body for c in QUOTE_MARKS), (words_end, e0)))
                continue
    spoken_for = _spoken_for(pack) if out else ()
    if spoken_for:      # the one spoken for does not speak: their spokesman does
        out = [q for q in out if not _is_spoken_for(text, s0, q.speaker, spoken_for)]
    if len(out) > 1:
        out = _one_speaker(out)
    if not out and last_speaker is not None:
        m = pron_rx.match(text[s0:e0])
        if m and e0 - (s0 + m.end()) >= 12:
            out.append(FoundQuote(last_speaker, s0 + m.end(), e0, False, (s0, s0 + m.end())))
        else:
            m = pron_end_rx.search(text[s0:e0])
            if m and m.start() >= 12:
                out.append(FoundQuote(last_speaker, s0, s0 + m.start(), True, (s0 + m.start(), e0)))
    return out


def _is_spoken_for(text: str, s0: int, p: Mention, spoken_for: tuple[str, ...]) -> bool:
    """"a spokesman for [UN Secretary-General] X": the words end right before the person or their
    title, or open the title the text gives them. (String comparisons: a pattern here cost more
    than the rest of the quote finder.)"""
    ts = p.extra.get("title_span")
    if ts and ts[0] > p.start:
        ts = None       # a title after the name ("X, a spokesman for Y,") is the speaker's own
    if ts:
        title = " ".join(text[ts[0]:ts[1]].lower().split())
        if any(title.startswith(w) and not title[len(w):len(w) + 1].isalnum() for w in spoken_for):
            return True
    named = ts[0] if ts else p.start
    before = " ".join(text[max(s0, named - 40):named].lower().split())
    return any(before.endswith(w) and not before[-len(w) - 1:-len(w)].isalnum() for w in spoken_for)


def _one_speaker(found: list[FoundQuote]) -> list[FoundQuote]:
    """Words have one speaker: of the people whose quotes overlap, the one named first speaks. The
    others are named inside the speaker's own reporting clause — their description ("X, a
    spokesman for UN Secretary-General Y, said") or the one spoken to ("A对B强调": A stressed to B)."""
    kept: list[FoundQuote] = []
    for q in sorted(found, key=lambda q: q.speaker.start):
        if not any(q.start < k.end and k.start < q.end for k in kept):
            kept.append(q)
    keep = {id(q) for q in kept}
    return [q for q in found if id(q) in keep]


def according_to(text: str, sent: tuple[int, int], pack: LanguagePack) -> list[tuple[int, int]]:
    """Spans of "according to ..." to the end of the sentence: a source, not the event."""
    s0, e0 = sent
    source = _rx(pack)[-1]
    out = []
    for m in source.finditer(text, s0, e0):
        start = m.start()
        if start - s0 <= 2:
            # "According to the Kremlin, Putin met Xi ...": the source ends at its comma
            comma = re.search(r"[,，]", text[m.end():e0])
            out.append((start, m.end() + comma.end() if comma else e0))
            continue
        while start > s0 and text[start - 1] in " ,，":     # take the comma before it along
            start -= 1
        comma = re.search(r"[,，]", text[m.end():e0])
        if comma and text[start:m.start()].strip() in (",", "，") and len(text[m.end() + comma.end():e0].strip()) >= 20:
            # set off by commas in mid-sentence ("..., according to the ministry, the two met ..."):
            # the source ends at its closing comma and the sentence goes on
            out.append((start, m.end() + comma.end()))
            continue
        out.append((start, e0))
    return out


def closing_report(text: str, sent: tuple[int, int], pack: LanguagePack) -> tuple[int, int] | None:
    """A closing reporting clause whose speaker is no person ("..., the foreign ministry said on
    Friday."): the event's facts are before it."""
    s0, e0 = sent
    m = _rx(pack)[-2].search(text, s0, e0)
    return (m.start(), e0) if m and m.start() > s0 + 12 else None
