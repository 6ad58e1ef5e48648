"""In-document coreference: one actor for an ambiguous name, a surname used alone after the full
name, "he" or a dropped subject as the person told last, "the two leaders" as the two people of
the meeting told before; and the people the knowledge base does not hold."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from ..ids import slug
from ..kb import KnowledgeBase
from ..model import DiscoveredActor, Document, Mention
from .cues import cues as cues_of
from .frames import Frame
from .sentences import Sent

if TYPE_CHECKING:
    from .clusters import Cluster


def resolve_people(doc: Document, sents: list[Sent], all_toks, tok_starts: list[int], kb: KnowledgeBase,
                   title_vocabulary: frozenset[str]) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """Pick one actor for ambiguous names, then find surnames used alone after a full mention.
    Returns the discovered people's display names and their original-script names (by id)."""
    full_ids = {m.value for st in sents for m in st.mentions if m.kind == "person" and m.value and m.extra.get("how") == "full"}
    countries: dict[str, str] = {}     # a discovered person's country, from their title
    for st in sents:
        romanize = st.pack.hook("romanize")
        for m in st.mentions:
            if m.kind == "person" and m.value is None and romanize and not m.extra.get("romanized") and not m.text.isascii():
                m.extra["romanized"] = romanize(m.text)   # a discovered name in another script gets a Latin spelling
            if m.kind == "person" and m.extra.get("candidates"):
                cands = m.extra["candidates"]
                pick = [c for c in cands if c in full_ids] or [c for c in cands if kb.actors[c].role_at(doc.published)] or cands
                m.value = sorted(pick)[0]
            if m.kind == "person" and m.value is None:
                m.value = slug(m.extra.get("romanized") or m.text)
                # the side of someone the knowledge base does not hold: the country of their
                # title ("a vice chairman of China's Central Military Commission")
                m.extra["country"] = person_country(m, st, kb)
            if m.kind == "person" and m.extra.get("country"):
                countries.setdefault(m.value, m.extra["country"])
    surnames: dict[str, list[tuple[int, str]]] = {}   # token -> [(position, actor id)]
    vocab = title_vocabulary
    for st in sents:
        new = []
        for m in st.mentions:
            if m.kind != "person":
                continue
            parts = re.findall(r"\w+", m.text)
            if len(parts) >= 2:
                actor = kb.actors.get(m.value)
                eastern = (actor.country in ("CN", "TW", "KP", "KR", "VN", "SG") if actor else True)
                keys = {parts[-1]} | ({parts[0]} if eastern else set())
                for k in keys:
                    if k.lower() not in vocab and len(k) > 1:
                        surnames.setdefault(k, []).append((m.start, m.value))
        if surnames:
            taken = [(m.start, m.end) for m in st.mentions if m.kind in ("person", "place", "country", "org")]
            for t in all_toks[bisect_left(tok_starts, st.span[0]):bisect_left(tok_starts, st.span[1])]:
                if not t.text[0].isupper() or any(a <= t.start < b for a, b in taken):
                    continue
                cands = [(pos, ident) for pos, ident in surnames.get(t.text, ()) if pos < t.start]
                if cands:
                    ident = max(cands)[1]
                    new.append(Mention("person", t.start, t.end, t.text, ident, "coref:surname",
                                       {"title": None, "title_span": None, "discovered": ident not in kb.actors, "how": "coref",
                                        "country": countries.get(ident)}))
        if new:
            st.mentions = sorted(st.mentions + new, key=lambda m: m.start)
    names: dict[str, str] = {}
    originals: dict[str, tuple[str, str]] = {}
    for st in sents:
        for m in st.mentions:
            if m.kind == "person" and m.value not in kb.actors and (len(m.text.split()) >= 2 or m.extra.get("romanized")):
                names.setdefault(m.value, m.extra.get("romanized") or m.text)
                originals.setdefault(m.value, (st.pack.code, m.text))
    return names, originals


def discovered(sents: list[Sent], names: dict[str, str], originals: dict[str, tuple[str, str]], kb: KnowledgeBase) -> list[DiscoveredActor]:
    """The people the knowledge base does not hold, each once, with the names the text gives them."""
    out: dict[str, DiscoveredActor] = {}
    for st in sents:
        for m in st.mentions:
            if m.kind == "person" and m.value not in kb.actors and m.value in names and m.value not in out:
                lang, original = originals.get(m.value, ("en", names[m.value]))
                forms = {"en": [names[m.value]]}
                if original != names[m.value]:
                    forms[lang] = [original]    # the original script, beside its romanization
                out[m.value] = DiscoveredActor(m.value, names[m.value], person_country(m, st, kb),
                                               m.extra.get("title"), forms)
    return list(out.values())


def person_country(m: Mention, st: Sent, kb: KnowledgeBase) -> str | None:
    """A person's side: the knowledge base's country, else the country (or a national organization) their title names."""
    actor = kb.actors.get(m.value)
    if actor:
        return actor.country
    ts = m.extra.get("title_span")
    if ts:
        for c in st.mentions:
            if c.kind == "country" and ts[0] <= c.start < ts[1]:
                return c.value
        for c in st.mentions:
            if c.kind == "org" and ts[0] <= c.start < ts[1]:
                org = kb.orgs.get(c.value)
                if org and org.data.get("country"):
                    return org.data["country"]
    return None



def fill_singular(frames: list[Frame], sents: list[Sent], text: str) -> None:
    """"On Wednesday he was received by Putin": he is the first person of the last sentence
    before this one that names anybody."""
    pack_of = {st.span: st.pack for st in sents}
    ends = [st.span[1] for st in sents]
    for f in frames:
        if not f.singular:
            continue
        pack = pack_of.get(f.sent)
        if not (f.persons or f.date or f.places or f.countries or f.rounds or f.mechanisms) and not f.dropped \
                and pack is not None and f.trigger.value in cues_of(pack)["nouns"]:
            continue    # "he said China would ... promote talks": a noun and a pronoun make no meeting
        have = {p.value for p in f.persons}
        for st in reversed(sents[:bisect_right(ends, f.sent[0])]):     # the sentences before, last first
            ppl = [m for m in st.mentions if m.kind == "person" and m.value not in have]
            if any(m.kind == "person" for m in st.mentions):
                if ppl:
                    s, e = f.singular
                    f.persons = f.persons + [Mention("person", s, e, text[s:e], ppl[0].value,
                                                     "coref:dropped-subject" if f.dropped else "coref:pronoun",
                                                     {"title": None, "title_span": None, "discovered": ppl[0].extra.get("discovered"),
                                                      "country": ppl[0].extra.get("country")})]
                break


def fill_anaphor(f: Frame, clusters: list[Cluster], text: str) -> None:
    """"The two leaders met ...": the two people of the last meeting told with exactly two."""
    if f.anaphor is None:
        return
    for c in reversed(clusters):
        people: list[Mention] = []
        for g in c.frames:
            for m in g.persons:
                if m.value not in [p.value for p in people]:
                    people.append(m)
        if len(people) == 2:
            s, e = f.anaphor
            have = {p.value for p in f.persons}
            f.persons = f.persons + [Mention("person", s, e, text[s:e], p.value, "coref:plural-anaphor",
                                 {"title": None, "title_span": None, "discovered": p.extra.get("discovered"),
                                  "country": p.extra.get("country")}) for p in people
                                     if p.value not in have]
            return
