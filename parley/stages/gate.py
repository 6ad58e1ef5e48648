"""Which of a document's meetings are consultations: a meeting needs two sides.

A meeting word in a clause ("visited", "hosted", "attended", "held", "spoke") tells of one
person's doing far more often than of a consultation: a president visits a golf course, a minister
attends a show, a professor hosts a webinar. A consultation has two sides, so a meeting stands when
its clauses show both:

- a mechanism the knowledge base holds (the mechanism is the two sides), or one the text names with
  a round number or an official taking part;
- two officials: people the knowledge base holds, or people the text gives an office of state
  (a title head of the pack that is not in its `not_official` list: a minister, not a professor);
- one official and, in a clause of the meeting, the other side left unnamed: a counterpart word of
  the pack ("his counterpart", "a delegation", "the two sides", "the two leaders"), an office
  bound to another country that no one named holds ("met the Iranian foreign minister", "talks
  with Chinese officials"), or a visit to a country other than the official's own.

People the text names without an office (an author, a manager, a capitalized pair taken for a
name) take part in a meeting that stands, but never make one stand. Stated in each pack's
titles.yaml: `not_official` (heads that are no office), `counterparts` (words that alone stand for
the other side) and `offices` (words for unnamed officials: "officials", "ministers", which, like
the title heads, stand for the other side only when bound to a country).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..kb import KnowledgeBase
from ..lang import LanguagePack
from ..model import Mention
from .clusters import Cluster
from .frames import Frame
from .sentences import Sent


@dataclass(frozen=True)
class Words:
    """A pack's words for the gate: patterns (phrases as written), and single words in their
    matching form (normalized: "ministrami", "Amtskollegen" match through it)."""
    officials: frozenset[str]            # official title heads, normalized
    heads: re.Pattern[str] | None        # official title heads
    counterparts: re.Pattern[str] | None
    counterpart_forms: frozenset[str]
    offices: re.Pattern[str] | None      # the heads and the words for unnamed officials
    office_forms: frozenset[str]


@functools.lru_cache(maxsize=None)
def _words(pack: LanguagePack) -> Words:
    titles = pack["titles"]
    not_official = {str(w).lower() for w in titles.get("not_official") or ()}
    heads = [str(h).lower() for h in titles["heads"] if str(h).lower() not in not_official]
    counterparts = [str(w).lower() for w in titles.get("counterparts") or ()]
    offices = heads + [str(w).lower() for w in titles.get("offices") or ()]

    def rx(words):
        return re.compile(pack.pattern(words), re.IGNORECASE) if words else None

    def forms(words):
        return frozenset(pack.normalize(w) for w in words if " " not in w and not w.endswith("*")) if pack.spaced else frozenset()
    return Words(forms(heads), rx(heads), rx(counterparts), forms(counterparts), rx(offices), forms(offices))


WORD = re.compile(r"[\w'’-]+")


def _has_official_head(title: str, pack: LanguagePack) -> bool:
    words = _words(pack)
    if words.heads is not None and words.heads.search(title):
        return True
    # an inflected or plural form ("Außenministerin", "ministers"): the word's matching form
    return pack.spaced and any(pack.normalize(w) in words.officials for w in WORD.findall(title))


def official(m: Mention, pack: LanguagePack, kb: KnowledgeBase) -> bool:
    actor = kb.actors.get(m.value)
    if actor is not None:
        return actor.type == "person"
    title = m.extra.get("title")
    return bool(title) and _has_official_head(title, pack)


BETWEEN = re.compile(r"[\w'’ -]{0,24}")     # words, no punctuation: "the Iranian | foreign minister"


def _unnamed_side(f: Frame, text: str, pack: LanguagePack, own: list[tuple[int, int]],
                  countries: list[Mention], country: str | None) -> bool:
    """Whether the clause names the other side without a name: a counterpart word, or an office
    bound to another country (right after its name or adjective, or "of" it just after) that
    belongs to no one named in it."""
    words = _words(pack)
    s, e = f.clause
    tokens = [(m.start(), m.end(), pack.normalize(m.group())) for m in WORD.finditer(text, s, e)] if pack.spaced else []

    def found(rx, forms) -> list[tuple[int, int]]:
        out = [(m.start(), m.end()) for m in rx.finditer(text, s, e)] if rx is not None else []
        out += [(a, b) for a, b, w in tokens if w in forms]
        return [(a, b) for a, b in out if not _inside(a, own)]
    if found(words.counterparts, words.counterpart_forms):
        return True
    foreign = [m for m in countries if s <= m.start < e and m.value != country]
    if not foreign:
        return False
    for a, b in found(words.offices, words.office_forms):
        for c in foreign:
            before = c.end <= a and BETWEEN.fullmatch(text, c.end, a)
            after = b <= c.start <= b + 8 and not any(ch in ".,;:!?()" for ch in text[b:c.start])
            if before or after:
                return True
    return False


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _visits_abroad(f: Frame, country: str | None, kb: KnowledgeBase) -> bool:
    if not f.visit:
        return False
    where = [m.value for m in f.countries] + [kb.place_country(m.value) for m in f.places]
    return any(w and w != country for w in where)


def two_sided(c: Cluster, pack_of, countries_of, text: str, kb: KnowledgeBase) -> bool:
    officials: dict[str, Mention] = {}
    for f in c.frames:
        pack = pack_of(f)
        for m in f.persons:
            if m.value not in officials and official(m, pack, kb):
                officials[m.value] = m
    if c.mechanism:
        if c.mechanism in kb.mechanisms or c.round or officials:
            return True
    if len(officials) >= 2:
        return True
    if not officials:
        return False
    (ident, person), = officials.items()
    actor = kb.actors.get(ident)
    country = actor.country if actor else person.extra.get("country")
    counter_rx = _words(pack_of(c.frames[0])).counterparts
    for f in c.frames:
        if f.anaphor and counter_rx is not None and counter_rx.search(text, *f.anaphor):
            return True     # "the two leaders", not "they"
        own = [(m.start, m.end) for m in f.persons]
        own += [tuple(m.extra["title_span"]) for m in f.persons if m.value == ident and m.extra.get("title_span")]
        if _unnamed_side(f, text, pack_of(f), own, countries_of(f), country) or _visits_abroad(f, country, kb):
            return True
    return False


def consultations(meetings: list[Cluster], sents: list[Sent], text: str, kb: KnowledgeBase) -> list[Cluster]:
    """The meetings that show two sides (see the module's docstring)."""
    by_span = {st.span: st for st in sents}
    default = sents[0] if sents else None

    def pack_of(f: Frame) -> LanguagePack:
        return by_span.get(f.sent, default).pack

    def countries_of(f: Frame) -> list[Mention]:
        return [m for m in by_span.get(f.sent, default).mentions if m.kind == "country"]
    return [c for c in meetings if two_sided(c, pack_of, countries_of, text, kb)]
