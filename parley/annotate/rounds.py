"""Round numbers: an ordinal that qualifies a round, meeting or mechanism ("the 17th round",
"sixth round", "the 7th meeting of", "the 17th ... consultation", "for the 18th time"), and the
unnumbered ones ("a new round", "the latest round")."""
from __future__ import annotations

import functools
import re

from .. import rx
from ..lang import LanguagePack
from ..model import Mention
from .text import Token, WordGate, tokens

WINDOW = 6


@functools.lru_cache(maxsize=None)
def _compiled(pack: LanguagePack):
    n = pack["numbers"]
    words = {k.lower(): int(v) for k, v in n["ordinals"].items()}
    digit = re.compile(n.get("ordinal_pattern") or r"$^")
    phrases = [p.lower() for p in n.get("unnumbered_round", [])]
    unnumbered = rx.compile(pack.pattern(phrases), re.IGNORECASE) if phrases else None
    times = rx.compile(n["times_pattern"], re.IGNORECASE) if n.get("times_pattern") else None
    nouns = {w.lower() for w in n["round_nouns"]}
    with_mech = {w.lower() for w in n.get("round_nouns_with_mechanism", [])}
    return words, digit, nouns, with_mech, set(w.lower() for w in n.get("not_round_nouns", [])), unnumbered, times


@functools.lru_cache(maxsize=None)
def _gate(pack: LanguagePack) -> WordGate:
    """Ordinal words and every round noun (with or without a mechanism about)."""
    words, _, nouns, with_mech = _compiled(pack)[:4]
    return WordGate(frozenset(words) | nouns | with_mech, pack.normalize, as_is=True)


def find(text: str, start: int, end: int, pack: LanguagePack, mechanism_starts: set[int], toks: list[Token] | None = None,
         about_mechanism: bool = False) -> list[Mention]:
    """Round numbers in text[start:end]. `mechanism_starts` are where mechanism names begin in it;
    `about_mechanism` says the article names one somewhere, so "the 8th meeting" is a round too."""
    words, digit, strong_nouns, with_mech, not_nouns, unnumbered, times = _compiled(pack)
    nouns = strong_nouns | with_mech if mechanism_starts or about_mechanism else strong_nouns
    out: list[Mention] = []
    toks = tokens(text, start, end) if toks is None else toks
    lowers = {t.lower for t in toks}
    if not _gate(pack).any_in(lowers) and not any(w[0].isdigit() or ("'" in w or "’" in w) and pack.normalize(w)[:1].isdigit()
                                                   for w in lowers):   # "d'2021": a number once the article is off
        return out      # no ordinal and no round word: nothing to find
    seg = text[start:end]
    ordinal_spans: list[tuple[int, int, int, str]] = []
    for m in digit.finditer(seg):
        ordinal_spans.append((start + m.start(), start + m.end(), int(m.group(1)), "digit"))
    i = 0
    while i < len(toks):
        t = toks[i]
        # hyphenated word ordinals ("twenty-first") span two tokens
        if i + 1 < len(toks) and text[t.end:toks[i + 1].start] == "-" and f"{t.lower}-{toks[i + 1].lower}" in words:
            ordinal_spans.append((t.start, toks[i + 1].end, words[f"{t.lower}-{toks[i + 1].lower}"], "word"))
            i += 2
            continue
        w = t.lower if t.lower in words else pack.normalize(t.text)
        if w in words:
            ordinal_spans.append((t.start, t.end, words[w], "word"))
        i += 1
    for s, e, value, how in sorted(ordinal_spans):
        following = [t for t in toks if t.start >= e][:WINDOW]
        ok = False
        for t in following:
            lemma = pack.normalize(t.text)
            if t.lower in not_nouns or lemma in not_nouns:
                break
            if t.lower in nouns or lemma in nouns or t.start in mechanism_starts:
                ok = True
                break
            if text[e:t.start].count(",") or text[e:t.start].count("."):
                break
        if not ok:
            # in apposition to a round: "the most recent round, the 19th, ..."
            head = re.search(r"(\w+)\s*,\s*(?:\w{1,4}\s+)?$", text[max(start, s - 40):s])
            ok = bool(head and (head.group(1).lower() in strong_nouns or pack.normalize(head.group(1)) in strong_nouns))
        if times and not ok:
            tm = times.match(text, s - len("for the ") if s >= 8 else s)
            ok = bool(tm and tm.group(1).lower() == text[s:e].lower())
        if ok and 0 < value < 200:
            out.append(Mention("round", s, e, text[s:e], value, f"rounds:{how}-ordinal"))
    if unnumbered is not None:
        for m in unnumbered.finditer(text, start, end):
            out.append(Mention("round", m.start(), m.end(), m.group(), None, "rounds:unnumbered", {"phrase": m.group().lower()}))
    return out
