"""Mechanism names: the knowledge base's patterns matched on a sentence's words with the parties'
names and filler words skipped, and mechanisms the knowledge base does not hold recognized from
the shape "round/meeting of the <Country>-<Country> <words> <head noun>"."""
from __future__ import annotations

import functools
import re

from ..kb import KnowledgeBase
from ..lang import LanguagePack
from ..model import Mention
from .text import Token, WordGate, tokens


@functools.lru_cache(maxsize=None)
def _patterns(kb: KnowledgeBase, pack: LanguagePack) -> tuple[dict[tuple[str, ...], str], frozenset[tuple[str, ...]]]:
    table: dict[tuple[str, ...], str] = {}
    fillers = {pack.normalize(w) for w in pack["triggers"].get("mechanism_fillers", [])}
    for m in kb.mechanisms.values():
        for phrase in (m.data.get("patterns") or {}).get(pack.code, []) + m.names.get(pack.code, []):
            words = tuple(w for w in (pack.normalize(t.text) for t in tokens(str(phrase))) if w not in fillers)
            if words:
                table.setdefault(words, m.id)
    prefixes = frozenset(k[:n] for k in table for n in range(1, len(k) + 1))
    return table, prefixes


ORDINAL = re.compile(r"\d+(?:st|nd|rd|th|e|er|\.|-й|-го)?")


@functools.lru_cache(maxsize=None)
def _fillers(pack: LanguagePack) -> frozenset[str]:
    return frozenset(pack.normalize(w) for w in pack["triggers"].get("mechanism_fillers", []))


def _content(toks: list[Token], skip: list[tuple[int, int]], pack: LanguagePack) -> list[tuple[Token, str]]:
    fillers = _fillers(pack)
    normalize = pack.normalize
    skip = sorted(skip)
    j, n = 0, len(skip)
    out = []
    for t in toks:
        while j < n and skip[j][1] <= t.start:
            j += 1
        if j < n and skip[j][0] <= t.start:
            continue        # inside a party's name
        w = normalize(t.text)
        if w in fillers or (w[:1].isdigit() and ORDINAL.fullmatch(w)):
            continue
        out.append((t, w))
    return out


@functools.lru_cache(maxsize=None)
def _gates(kb: KnowledgeBase, pack: LanguagePack) -> tuple[WordGate, WordGate]:
    """A sentence can name a known mechanism only if it holds some name's first word and some
    name's last word ("consultation", "mechanism")."""
    table, _ = _patterns(kb, pack)
    return WordGate(frozenset(k[0] for k in table), pack.normalize), WordGate(frozenset(k[-1] for k in table), pack.normalize)


@functools.lru_cache(maxsize=None)
def _unspaced(kb: KnowledgeBase, pack: LanguagePack) -> list[tuple[str, str]]:
    """For a language without spaces: every name and pattern as a plain string, longest first."""
    forms: dict[str, str] = {}
    for m in kb.mechanisms.values():
        for phrase in (m.data.get("patterns") or {}).get(pack.code, []) + m.names.get(pack.code, []):
            forms.setdefault(str(phrase), m.id)
    return sorted(forms.items(), key=lambda f: -len(f[0]))


def find(text: str, toks: list[Token], pack: LanguagePack, kb: KnowledgeBase, countries: list[Mention],
         span: tuple[int, int] | None = None) -> list[Mention]:
    """Mechanism names among a sentence's tokens (or, without spaces, in its text `span`)."""
    if not pack.spaced and span:
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []
        for form, mech in _unspaced(kb, pack):
            pos = text.find(form, span[0], span[1])
            while pos >= 0:
                if not any(pos < e and s < pos + len(form) for s, e in taken):
                    s = pos
                    for c in sorted(countries, key=lambda c: -c.start):   # "中俄战略安全磋商"
                        if c.end == s:
                            s = c.start
                    found.append(Mention("mechanism", s, pos + len(form), text[s:pos + len(form)], mech, "mechanisms:kb-pattern"))
                    taken.append((pos, pos + len(form)))
                pos = text.find(form, pos + len(form), span[1])
        return sorted(found, key=lambda m: m.start)
    table, prefixes = _patterns(kb, pack)
    words = {t.lower for t in toks}
    first, last = _gates(kb, pack)
    if not (last.any_in(words) and first.any_in(words)):
        return _unknown(text, toks, pack, countries) if len(countries) >= 2 else []
    skip = [(c.start, c.end) for c in countries]
    content = _content(toks, skip, pack)
    out: list[Mention] = []
    free = 0        # where the next name may begin: after the last one found
    for i in [i for i, (_, w) in enumerate(content) if (w,) in prefixes]:
        if i < free:
            continue
        hit = None
        key: tuple[str, ...] = ()
        for n in range(1, len(content) - i + 1):      # grow the phrase while some name begins so
            key = key + (content[i + n - 1][1],)
            if key not in prefixes:
                break
            if key in table:
                hit = (n, table[key])                  # the longest name wins
        if hit:
            n, mech = hit
            s, e = content[i][0].start, content[i + n - 1][0].end
            # widen to the parties' names just before ("China-Russia strategic ...")
            for c in sorted(countries, key=lambda c: -c.start):
                if c.end <= s and not text[c.end:s].strip(" -–") and s - c.end <= 2:
                    s = c.start
            out.append(Mention("mechanism", s, e, text[s:e], mech, "mechanisms:kb-pattern"))
            free = i + n
    if not out:
        out.extend(_unknown(text, toks, pack, countries))
    return out


def _unknown(text: str, toks: list[Token], pack: LanguagePack, countries: list[Mention]) -> list[Mention]:
    """`<Country>-<Country> <up to 4 words> <head noun>` after "round of"/"meeting of"/an ordinal."""
    heads = {pack.normalize(w) for w in pack["triggers"].get("mechanism_heads", [])}
    out = []
    for a in countries:
        b = next((c for c in countries if c.start > a.start and c.start - a.end <= 3 and c.value != a.value
                  and text[a.end:c.start].strip() in ("-", "–", "and", "")), None)
        if b is None:
            continue
        before = text[max(0, a.start - 40):a.start].lower()
        if not re.search(r"(round|meeting|session|\d(st|nd|rd|th)|th)\s+(of\s+)?(the\s+)?$", before):
            continue
        after = [t for t in toks if t.start >= b.end][:5]
        words = []
        for t in after:
            w = pack.normalize(t.text)
            words.append((t, w))
            if w in heads:
                parties = sorted({str(a.value).lower(), str(b.value).lower()})
                slug = "-".join(x for _, x in words if x.isalnum())
                ident = "-".join(parties) + "-" + slug
                s, e = a.start, t.end
                out.append(Mention("mechanism", s, e, text[s:e], ident, "mechanisms:new-from-text",
                                   {"parties": [p.upper() for p in parties], "name": text[s:e]}))
                break
    return out
