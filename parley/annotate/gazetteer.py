"""Knowledge-base names in the text: actors, places, countries, organizations (competing for the
same characters, longest wins), topics and reference events (layers of their own).

Matching is on lowercase text with an Aho-Corasick automaton, any script; for scripts with
word spacing the match must stand on word boundaries, and names must be capitalized as names are.
"""
from __future__ import annotations

from ..kb import KnowledgeBase
from ..model import Mention

ENTITY = {"actor", "place", "country", "org"}
PRIORITY = {"actor": 0, "org": 1, "place": 2, "country": 3}


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _spaced(ch: str) -> bool:
    """Scripts that separate words with spaces (everything but CJK)."""
    return not ("\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af")


def annotate(text: str, kb: KnowledgeBase) -> list[Mention]:
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters change length when lowercased; keep offsets exact
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    entity_hits: list[tuple[int, int, str, str, str, tuple]] = []
    layers: list[Mention] = []
    for start, end, form, values in kb.find(lowered):
        first, last = text[start], text[end - 1]
        if _spaced(first) and start > 0 and _is_word(text[start - 1]) and _spaced(text[start - 1]):
            continue
        if _spaced(last) and end < len(text) and _is_word(text[end]) and _spaced(text[end]):
            continue
        for kind, ident, how in values:
            if kind in ENTITY:
                if first.isalpha() and _spaced(first) and not first.isupper() and how != "adjective":
                    continue
                if how == "adjective" and first.isalpha() and _spaced(first) and not first.isupper():
                    continue
                entity_hits.append((start, end, kind, ident, how, values))
            elif kind == "topic":
                layers.append(Mention("topic", start, end, text[start:end], ident, "gazetteer:topic"))
            elif kind == "refevent":
                if first.isalpha() and not first.isupper() and form.upper() == form.upper() and len(form) <= 4:
                    continue  # "sco" inside ordinary prose is not the SCO
                layers.append(Mention("refevent", start, end, text[start:end], ident, "gazetteer:refevent"))
    # longest first, then actors before orgs before places before countries
    entity_hits.sort(key=lambda h: (-(h[1] - h[0]), h[0], PRIORITY[h[2]]))
    taken: list[tuple[int, int]] = []
    out: list[Mention] = []
    grouped: dict[tuple[int, int, str], list[str]] = {}
    places_at = {(h[0], h[1]): h[3] for h in entity_hits if h[2] == "place"}
    for start, end, kind, ident, how, _ in entity_hits:
        key = (start, end, kind)
        if key in grouped:
            if ident not in grouped[key]:
                grouped[key].append(ident)
            continue
        if any(start < te and ts < end for ts, te in taken):
            continue
        taken.append((start, end))
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
