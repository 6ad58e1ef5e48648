"""Inference: what a document implies but its frames do not state — the mechanism of a round
that names none (before clustering), and a meeting's place and date from the rest of the
document (after). Every value set here carries its reason (`inferred`)."""
from __future__ import annotations

import datetime as dt
import re

from ..kb import KnowledgeBase
from ..lang import LanguagePack
from ..model import Document, Mention
from .clusters import Cluster
from .cues import cues as cues_of
from .frames import Frame
from .sentences import Sent


def implied_mechanisms(frames: list[Frame], sents: list[Sent], text: str, default: LanguagePack) -> None:
    """A numbered round whose sentence names no mechanism belongs to the mechanism the article
    is about: the one its title names, else the only one it names."""
    named = [m.value for st in sents for m in st.mentions if m.kind == "mechanism"]
    if not named:
        return
    title = [m.value for m in sents[0].mentions if m.kind == "mechanism"] if sents else []
    counts = {v: named.count(v) for v in named}
    top = sorted(counts, key=lambda v: -counts[v])
    doc_mech = title[0] if title else top[0] if len(top) == 1 or counts[top[0]] > counts[top[1]] else None
    mentions = sorted((m.start, m.value, m.text) for st in sents for m in st.mentions if m.kind == "mechanism")
    sent_pack = {st.span: st.pack for st in sents}
    for f in frames:
        if not f.mechanisms and any(r.value for r in f.rounds):
            # the article's mechanism, else the one named last before with the same head noun
            # ("... the 16th round of the consultation" -> the last "... consultation" named)
            pack = sent_pack.get(f.sent, default)
            heads = {pack.normalize(w) for w in pack["triggers"].get("mechanism_heads", [])}
            words = [pack.normalize(w) for w in re.findall(r"\w+", text[f.clause[0]:f.clause[1]])]
            head = next((w for w in words if w in heads), None)
            before = [(v, t) for pos, v, t in mentions if pos < f.clause[0]]
            same_head = [v for v, t in before if head and pack.normalize((re.findall(r"\w+", t) or [""])[-1]) == head]
            f.implied_mechanism = doc_mech or (same_head[-1] if same_head else before[-1][0] if before else None)


def arrivals(sents: list[Sent], text: str) -> dict[str, Mention]:
    """"Wang Yi arrived in Moscow on Sunday": who is said to have come to which city (the
    person named last before an arrival word, the city right after it). The first statement
    about a person counts."""
    out: dict[str, Mention] = {}
    for st in sents:
        rx = cues_of(st.pack)["arrival"]
        if rx is None:
            continue
        if not any(p.kind == "place" for p in st.mentions):
            continue    # an arrival needs a city to arrive in
        for m in rx.finditer(text, *st.span):
            who = [p for p in st.mentions if p.kind == "person" and p.end <= m.start()]
            where = next((p for p in st.mentions if p.kind == "place" and p.start >= m.end()), None)
            if who and where is not None and not re.search(r"[,;:.，。；]", text[m.end():where.start]) \
                    and where.start - m.end() <= 40 and who[-1].value:
                out.setdefault(who[-1].value, where)
    return out


def infer(clusters: list[Cluster], frames: list[Frame], anchor: dt.date | None, doc: Document,
          sents: list[Sent], kb: KnowledgeBase) -> None:
    """A cluster's place from where a participant is said to be, its date from the visit it took
    place during or from the present tense; each with its reason in `inferred`."""
    text = doc.text
    # where people are: "X is in Beijing to co-chair ..."
    presence: dict[str, tuple[Mention, Frame | None]] = {}
    told_after: set[str] = set()     # known only from the point it is told on (an arrival, a visit)
    for f in frames:
        if f.present and f.places:
            for p in f.persons:
                presence.setdefault(p.value, (f.places[0], f))
        elif f.visit and f.places and len({p.value for p in f.persons}) == 1:    # "X visited Beijing on Tuesday"
            if f.persons[0].value not in presence:
                presence[f.persons[0].value] = (f.places[0], f)
                told_after.add(f.persons[0].value)
    arrived = arrivals(sents, text) if any(not c.city for c in clusters) else {}
    for pid, place in arrived.items():
        if pid not in presence:
            presence[pid] = (place, None)
            told_after.add(pid)
    for c in clusters:
        if not c.city:
            for pid in c.people:
                if pid in presence and not any(fr is presence[pid][1] for fr in c.frames):
                    place = presence[pid][0]
                    if pid in told_after and min(f.trigger.start for f in c.frames) < place.end:
                        continue    # told before the arrival: it may have been elsewhere
                    if c.country in (None, kb.place_country(place.value)):
                        c.city, c.country = kb.place_city(place.value), kb.place_country(place.value)
                        c.inferred["location"] = f"participant {pid} is stated to be in {kb.place_name(place.value)}"
                        c.presence = place
                        break
        if not c.date:
            during = any(f.during for f in c.frames)
            if during:
                for other in clusters:
                    if other is not c and other.date and set(other.people) & set(c.people):
                        c.date = other.date
                        c.inferred["date"] = "during the visit of a participant reported with these dates"
                        if not c.country and other.country:
                            c.country = other.country
                            c.inferred["location"] = "during the visit of a participant to this country"
                        break
        if not c.date and anchor and any(f.present for f in c.frames):
            c.date = {"start": anchor.strftime("%Y-%m"), "end": anchor.strftime("%Y-%m")}
            c.inferred["date"] = "told in the present tense: the month of the article's date"
