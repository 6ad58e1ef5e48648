"""Reading a document's sentences: each paragraph in its own language, each sentence with the
mentions the annotators find in it (places, people, mechanisms, times, round numbers), and
whether it is read for frames (it has a meeting word or a mechanism's name)."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from .. import langid
from ..annotate import gazetteer, mechanisms, people, rounds, timex
from ..annotate.text import Token, sentences, tokens
from ..kb import KnowledgeBase
from ..lang import LanguagePack
from ..model import Document, Mention
from .frames import has_trigger


@dataclass
class Sent:
    span: tuple[int, int]
    mentions: list[Mention]
    pack: LanguagePack


@dataclass
class Reading:
    sents: list[Sent]
    framed: list[bool]          # each sentence: read for frames
    tokens: list[Token]
    token_starts: list[int]


def regions(doc: Document, packs: dict[str, LanguagePack], default: LanguagePack, latin: tuple[str, ...],
            function_words: langid.FunctionWords) -> list[tuple[int, int, LanguagePack]]:
    """Runs of paragraphs in one language, each with its pack (the document's language, or
    English, where a paragraph's language has no pack)."""
    parts = doc.parts or langid.detect(doc.text, latin, function_words)[2]
    default = packs.get(doc.language or "") or default
    out: list[tuple[int, int, LanguagePack]] = []
    pos = 0
    for s, e, lang in parts:
        pack = packs.get(lang, default)
        if out and out[-1][2] is pack:
            out[-1] = (out[-1][0], e, pack)
        else:
            if out:
                out[-1] = (out[-1][0], s, out[-1][2])
            out.append((pos if not out else s, e, pack))
    if not out:
        return [(0, len(doc.text), default)]
    out[-1] = (out[-1][0], len(doc.text), out[-1][2])
    return out

def pack_at(regions: list[tuple[int, int, LanguagePack]], pos: int) -> LanguagePack:
    for s, e, pack in regions:
        if s <= pos < e:
            return pack
    return regions[-1][2]



def read(text: str, kb: KnowledgeBase, regions: list[tuple[int, int, LanguagePack]]) -> Reading:
    """The sentences of a text with their mentions, each read with the pack of its region."""
    gaz = gazetteer.annotate(text, kb)
    all_toks = tokens(text)
    tok_starts = [t.start for t in all_toks]
    for rs, re_, pack in regions:
        if pack.lemma_gazetteer:
            gaz = gazetteer.merge(gaz, gazetteer.annotate_lemmas(text, all_toks[bisect_left(tok_starts, rs):bisect_left(tok_starts, re_)], kb, pack))
    all_times: list[Mention] = []
    for rs, re_, pack in regions:
        find_times = pack.hook("find_times")
        toks = all_toks[bisect_left(tok_starts, rs):bisect_left(tok_starts, re_)]
        all_times += find_times(text, rs, re_) if find_times else timex.find(text, rs, re_, pack, toks)
    all_times.sort(key=lambda m: m.start)
    sents: list[Sent] = []
    gaz_starts = [m.start for m in gaz]
    time_starts = [m.start for m in all_times]
    spans = sentences(text)
    sent_packs = [pack_at(regions, s) for s, _ in spans]
    sent_mechs = []
    for (s, e), pack in zip(spans, sent_packs):
        toks = all_toks[bisect_left(tok_starts, s):bisect_left(tok_starts, e)]
        ms = gaz[bisect_left(gaz_starts, s):bisect_left(gaz_starts, e)]
        sent_mechs.append(mechanisms.find(text, toks, pack, kb, [m for m in ms if m.kind == "country"], (s, e)))
    doc_has_mechanism = any(sent_mechs)
    framed: list[bool] = []     # a sentence with a meeting word or a mechanism's name is read for frames
    for (s, e), mech, pack in zip(spans, sent_mechs, sent_packs):
        toks = all_toks[bisect_left(tok_starts, s):bisect_left(tok_starts, e)]
        ms = gaz[bisect_left(gaz_starts, s):bisect_left(gaz_starts, e)]
        ents = [m for m in ms if m.kind in ("place", "country", "org", "topic", "refevent")]
        known = [m for m in ms if m.kind == "actor" and not gazetteer.in_longer_name(text, m, pack, kb)]
        find_people = pack.hook("find_people")
        persons = find_people(text, s, e, known, ents) if find_people else people.find(text, s, e, toks, pack, known, ents)
        framed.append(bool(mech) or has_trigger(text, (s, e), toks, pack))
        rnds: list[Mention] = []
        if framed[-1]:      # a round number is only read into a frame
            find_rounds = pack.hook("find_rounds")
            rnds = find_rounds(text, s, e) if find_rounds else rounds.find(text, s, e, pack, {m.start for m in mech}, toks, doc_has_mechanism)
        times = [m for m in all_times[bisect_left(time_starts, s):bisect_left(time_starts, e)] if m.end <= e]
        others = [m for m in ms if m.kind != "actor"]
        sents.append(Sent((s, e), sorted(others + mech + persons + rnds + times, key=lambda m: m.start), pack))
    return Reading(sents, framed, all_toks, tok_starts)
