"""Knowledge-base names in the text: actors, places, countries, organizations (competing for the
same characters, longest wins), topics and reference events (layers of their own).

Matching is on lowercase text with an Aho-Corasick automaton, any script; for scripts with
word spacing the match must stand on word boundaries, and names must be capitalized as names are.
"""
from __future__ import annotations

import functools
import re

import ahocorasick

from ..kb import KnowledgeBase
from ..lang import LanguagePack
from ..model import Mention
from ..spans import Spans

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
WORDS = re.compile(r"\w+")

ENTITY = {"actor", "place", "country", "org"}
PRIORITY = {"actor": 0, "org": 1, "place": 2, "country": 3}


def _spaced(ch: str) -> bool:
    """Scripts that separate words with spaces (everything but CJK)."""
    return not ("\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af")


def annotate(text: str, kb: KnowledgeBase) -> list[Mention]:
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters change length when lowercased; keep offsets exact
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    # an ASCII text can only hold ASCII names: their automaton is a fraction of the size
    plain = text.isascii()
    automaton = kb.ascii_automaton if plain else kb.automaton
    n = len(text)
    entity_hits: list[tuple[int, int, str, str, str, tuple]] = []
    layers: list[Mention] = []
    for last_index, (form, values) in automaton.iter(lowered):    # what kb.find gives, without its generator
        start, end = last_index - len(form) + 1, last_index + 1
        first, last = text[start], text[last_index]
        # in a spaced script a name stands on word boundaries
        if start > 0:
            ch = text[start - 1]
            if (ch.isalnum() or ch == "_") and (plain or (_spaced(first) and _spaced(ch))):
                continue
        if end < n:
            ch = text[end]
            if (ch.isalnum() or ch == "_") and (plain or (_spaced(last) and _spaced(ch))):
                continue
        # in text starting with a small letter, only a name written small ("palais de l'Élysée")
        small = first.isalpha() and not first.isupper() and (plain or _spaced(first))
        for kind, ident, how in values:
            if kind in ENTITY:
                if small and how != "lower":
                    continue
                entity_hits.append((start, end, kind, ident, how, values))
            elif kind == "topic":
                layers.append(Mention("topic", start, end, text[start:end], ident, "gazetteer:topic"))
            elif kind == "refevent":
                if first.isalpha() and not first.isupper() and len(form) <= 4:
                    continue  # a short name written small ("sco" in prose) is a word, not the SCO
                layers.append(Mention("refevent", start, end, text[start:end], ident, "gazetteer:refevent"))
    # longest first, then actors before orgs before places before countries
    entity_hits.sort(key=lambda h: (-(h[1] - h[0]), h[0], PRIORITY[h[2]]))
    taken = Spans()
    out: list[Mention] = []
    grouped: dict[tuple[int, int, str], list[str]] = {}
    places_at = {(h[0], h[1]): h[3] for h in entity_hits if h[2] == "place"}
    for start, end, kind, ident, how, _ in entity_hits:
        key = (start, end, kind)
        if key in grouped:
            if ident not in grouped[key]:
                grouped[key].append(ident)
            continue
        if not taken.add(start, end):
            continue
        grouped[key] = [ident]
        extra = {"how": how}
        if kind == "org" and (start, end) in places_at:
            extra["place"] = places_at[(start, end)]   # "the Kremlin": an institution, and a place to meet in
        out.append(Mention(kind, start, end, text[start:end], ident, f"gazetteer:{kind}:{how}", extra))
    for m in out:
        cands = grouped[(m.start, m.end, m.kind)]
        if len(cands) > 1:
            m.extra["candidates"] = sorted(cands)
    out.extend(layers)
    out.sort(key=lambda m: (m.start, m.end))
    return out


def merge(first: list[Mention], more: list[Mention]) -> list[Mention]:
    """Add mentions that do not overlap an entity already found (entities only; layers pass)."""
    taken = [(m.start, m.end) for m in first if m.kind in ENTITY]
    out = list(first)
    for m in more:
        if m.kind in ENTITY and any(m.start < e and s < m.end for s, e in taken):
            continue
        out.append(m)
        taken.append((m.start, m.end))
    out.sort(key=lambda m: (m.start, m.end))
    return out


@functools.lru_cache(maxsize=8)
def _lemma_automaton(kb: KnowledgeBase, pack: LanguagePack):
    """The knowledge base's names in one language, each word replaced by its lemma ("Николай
    Патрушев" -> "николай патрушев"), so that inflected forms in text ("Патрушевым") match."""
    auto = ahocorasick.Automaton()
    seen = set()
    script = getattr(pack.module, "lemma_script", None) or CYRILLIC     # the letters of the names a pack declines
    for form, values in kb.forms.items():
        if not any(w.isalpha() for w in form) or not script.search(form):
            continue
        key = " ".join(pack.normalize(w) for w in WORDS.findall(form))
        if len(key) < 3 or key in seen:
            continue
        seen.add(key)
        auto.add_word(" " + key + " ", (key, values))
    if len(auto):
        auto.make_automaton()
        return auto
    return None


def annotate_lemmas(text: str, toks, kb: KnowledgeBase, pack: LanguagePack) -> list[Mention]:
    """Names matched on lemmas: inflected Russian names, places and organizations."""
    auto = _lemma_automaton(kb, pack)
    if auto is None or not toks:
        return []
    lemmas = [pack.normalize(t.text) for t in toks]
    starts, pos, parts = [], 1, []
    for lem in lemmas:
        starts.append(pos)
        parts.append(lem)
        pos += len(lem) + 1
    joined = " " + " ".join(parts) + " "
    index = {p: i for i, p in enumerate(starts)}
    hits = []
    for end, (key, values) in auto.iter(joined):
        begin = end - len(key) - 1          # the automaton's words carry a space on each side
        i = index.get(begin + 1)
        if i is None:
            continue
        j = i + key.count(" ")
        if j >= len(toks):
            continue
        s, e = toks[i].start, toks[j].end
        for kind, ident, how in values:
            if kind in ENTITY and (toks[i].text[:1].isupper() or how == "adjective"):
                hits.append((s, e, kind, ident, how))
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0], PRIORITY[h[2]]))
    out: list[Mention] = []
    taken = Spans()
    for s, e, kind, ident, how in hits:
        if not taken.add(s, e):
            continue
        out.append(Mention(kind, s, e, text[s:e], ident, f"gazetteer:{kind}:lemma", {"how": how}))
    return out


NEXT_WORD = re.compile(r" ([^\W\d_][\w'’-]*)")
PREV_WORD = re.compile(r"(?:^|(?<=[\s(\[\"“«]))([^\W\d_][\w'’-]*) $")


def in_longer_name(text: str, m: Mention, pack: LanguagePack, kb: KnowledgeBase) -> bool:
    """A knowledge-base short name (a surname) that is part of a longer name: "Trump Tower",
    "Prem Singh Chandumajra". The word right beside it is capitalized and is no title word,
    weekday or month (President Trump, Trump Monday), nor a form of one of the person's own names
    (a declined first name: "Siergiejem Ławrowem"), nor, before it, the first word of a sentence.
    Not in a language that capitalizes every noun."""
    if m.extra.get("how") != "short" or not pack.spaced or pack.nouns_capitalized:
        return False
    ordinary = _ordinary_words(pack)
    actor = kb.actors.get(m.value)
    own = {w.lower()[:4] for names in (actor.names.values() if actor else ()) for n in names for w in WORDS.findall(n)}

    def foreign(word: str) -> bool:
        return word[0].isupper() and word.lower() not in ordinary and word.lower()[:4] not in own
    nxt = NEXT_WORD.match(text, m.end)
    if nxt and foreign(nxt.group(1)):
        return True
    prev = PREV_WORD.search(text, max(0, m.start - 40), m.start)
    if prev and foreign(prev.group(1)):
        before = text[max(0, prev.start(1) - 3):prev.start(1)]
        sentence_start = prev.start(1) == 0 or re.search(r"[.!?:;\n]\s*[\"“«(]?$", before) or "\n" in before
        return not sentence_start
    return False


@functools.lru_cache(maxsize=None)
def _ordinary_words(pack: LanguagePack) -> frozenset[str]:
    """Words that may stand capitalized beside a surname without being part of the name: the
    pack's title words, weekdays and months."""
    titles = pack["titles"]
    words = {w for h in titles["heads"] for w in str(h).lower().split()}
    words |= {str(w).lower() for w in titles["vocabulary"]}
    return frozenset(words | set(pack.weekdays) | set(pack.months))
